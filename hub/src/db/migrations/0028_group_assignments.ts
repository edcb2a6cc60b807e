import { Kysely } from 'kysely';

/**
 * Assignments handed out to groups (issue 19, point 2), owned by `hub/src/assignments`.
 *
 * `assignment_group_classes`: the classes an assignment was handed out to « par
 * groupe »: there the group workspaces of the class, not each pupil, are its learners
 * (the group's account stands for the group in fetches, submissions and feedback).
 * `assignment_group_submitters`: which member handed in a group's submission.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('assignment_group_classes')
    .addColumn('assignment_id', 'text', col => col.notNull())
    .addColumn('class_id', 'text', col => col.notNull())
    .addPrimaryKeyConstraint('assignment_group_classes_pk', [
      'assignment_id',
      'class_id'
    ])
    .execute();
  await db.schema
    .createTable('assignment_group_submitters')
    .addColumn('submission_id', 'text', col => col.primaryKey())
    .addColumn('user_id', 'text', col => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('assignment_group_submitters').execute();
  await db.schema.dropTable('assignment_group_classes').execute();
}
