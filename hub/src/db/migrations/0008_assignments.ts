import { Kysely } from 'kysely';

/**
 * Assignments (« devoirs »): what a teacher hands out (files by content hash, as the
 * library stores them), to which classes or by share code; each learner's fetches and
 * immutable submissions; feedback and grades, returned or still a draft; for
 * autograded assignments, the teacher's notebooks and each learner's grading run.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('assignments')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('owner_id', 'text', col =>
      col.notNull().references('users.id').onDelete('cascade')
    )
    .addColumn('title', 'text', col => col.notNull())
    .addColumn('instructions', 'text', col => col.notNull())
    // Where learners get it in their home: `devoirs/<slug>-<4 characters of the id>`.
    .addColumn('folder', 'text', col => col.notNull())
    // `library` (a resource version) or `home` (a notebook of the teacher's home).
    .addColumn('source_kind', 'text', col => col.notNull())
    .addColumn('source_resource_id', 'text')
    .addColumn('source_version', 'integer')
    .addColumn('source_path', 'text')
    // Normalised (upper case, no dash); null when the assignment has none.
    .addColumn('share_code', 'text', col => col.unique())
    .addColumn('opens_at', 'text')
    .addColumn('due_at', 'text')
    // `accept` or `refuse`.
    .addColumn('late_policy', 'text', col => col.notNull())
    .addColumn('multiple_submissions', 'integer', col => col.notNull())
    .addColumn('autograde', 'integer', col => col.notNull())
    .addColumn('created_at', 'text', col => col.notNull())
    .addColumn('updated_at', 'text', col => col.notNull())
    .execute();
  await db.schema
    .createIndex('assignments_owner_id')
    .on('assignments')
    .columns(['owner_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('assignment_files')
    .addColumn('assignment_id', 'text', col =>
      col.notNull().references('assignments.id').onDelete('cascade')
    )
    .addColumn('path', 'text', col => col.notNull())
    .addColumn('sha256', 'text', col => col.notNull())
    .addColumn('size', 'integer', col => col.notNull())
    .addPrimaryKeyConstraint('assignment_files_pk', ['assignment_id', 'path'])
    .execute();

  await db.schema
    .createTable('assignment_classes')
    .addColumn('assignment_id', 'text', col =>
      col.notNull().references('assignments.id').onDelete('cascade')
    )
    .addColumn('class_id', 'text', col =>
      col.notNull().references('classes.id').onDelete('cascade')
    )
    .addPrimaryKeyConstraint('assignment_classes_pk', [
      'assignment_id',
      'class_id'
    ])
    .execute();
  await db.schema
    .createIndex('assignment_classes_class_id')
    .on('assignment_classes')
    .column('class_id')
    .execute();

  // A learner's dealings with an assignment: joined by code, fetched, last activity.
  // Learners of the assigned classes have a row from their first fetch or submission.
  await db.schema
    .createTable('assignment_learners')
    .addColumn('assignment_id', 'text', col =>
      col.notNull().references('assignments.id').onDelete('cascade')
    )
    .addColumn('user_id', 'text', col =>
      col.notNull().references('users.id').onDelete('cascade')
    )
    .addColumn('joined_by_code', 'integer', col => col.notNull())
    .addColumn('fetched_at', 'text')
    .addColumn('last_activity_at', 'text', col => col.notNull())
    .addPrimaryKeyConstraint('assignment_learners_pk', [
      'assignment_id',
      'user_id'
    ])
    .execute();
  await db.schema
    .createIndex('assignment_learners_user_id')
    .on('assignment_learners')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('assignment_submissions')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('assignment_id', 'text', col =>
      col.notNull().references('assignments.id').onDelete('cascade')
    )
    .addColumn('user_id', 'text', col =>
      col.notNull().references('users.id').onDelete('cascade')
    )
    .addColumn('version', 'integer', col => col.notNull())
    // Chosen by the client once per « Rendre »: a retried request finds its submission.
    .addColumn('request_id', 'text', col => col.notNull())
    .addColumn('submitted_at', 'text', col => col.notNull())
    .addColumn('late', 'integer', col => col.notNull())
    .addUniqueConstraint('assignment_submissions_version', [
      'assignment_id',
      'user_id',
      'version'
    ])
    .addUniqueConstraint('assignment_submissions_request', [
      'assignment_id',
      'user_id',
      'request_id'
    ])
    .execute();

  await db.schema
    .createTable('assignment_submission_files')
    .addColumn('submission_id', 'text', col =>
      col.notNull().references('assignment_submissions.id').onDelete('cascade')
    )
    .addColumn('path', 'text', col => col.notNull())
    .addColumn('sha256', 'text', col => col.notNull())
    .addColumn('size', 'integer', col => col.notNull())
    .addPrimaryKeyConstraint('assignment_submission_files_pk', [
      'submission_id',
      'path'
    ])
    .execute();

  await db.schema
    .createTable('assignment_feedback')
    .addColumn('assignment_id', 'text', col =>
      col.notNull().references('assignments.id').onDelete('cascade')
    )
    .addColumn('user_id', 'text', col =>
      col.notNull().references('users.id').onDelete('cascade')
    )
    .addColumn('submission_version', 'integer', col => col.notNull())
    .addColumn('comment', 'text', col => col.notNull())
    .addColumn('grade', 'double precision')
    .addColumn('max_grade', 'double precision')
    // JSON arrays, read whole: rubric rows and comments per cell.
    .addColumn('rubric', 'text', col => col.notNull())
    .addColumn('cells', 'text', col => col.notNull())
    .addColumn('updated_at', 'text', col => col.notNull())
    .addColumn('returned_at', 'text')
    // `autograder` while the feedback is only the autograder's proposal: its next run
    // may replace it; `teacher` once the teacher has saved it.
    .addColumn('filled_by', 'text', col => col.notNull())
    .addPrimaryKeyConstraint('assignment_feedback_pk', [
      'assignment_id',
      'user_id'
    ])
    .execute();

  // Autograded assignments hand out a version without solutions nor hidden tests
  // (assignment_files); the teacher's notebooks are kept here to grade with.
  await db.schema
    .createTable('assignment_source_files')
    .addColumn('assignment_id', 'text', col =>
      col.notNull().references('assignments.id').onDelete('cascade')
    )
    .addColumn('path', 'text', col => col.notNull())
    .addColumn('sha256', 'text', col => col.notNull())
    .addColumn('size', 'integer', col => col.notNull())
    .addPrimaryKeyConstraint('assignment_source_files_pk', [
      'assignment_id',
      'path'
    ])
    .execute();

  // The grading of each learner's latest submission (the latest one wins).
  await db.schema
    .createTable('assignment_autogrades')
    .addColumn('assignment_id', 'text', col =>
      col.notNull().references('assignments.id').onDelete('cascade')
    )
    .addColumn('user_id', 'text', col =>
      col.notNull().references('users.id').onDelete('cascade')
    )
    .addColumn('submission_version', 'integer', col => col.notNull())
    // `queued`, `running`, `done`, `timeout`, `memory` or `failed`.
    .addColumn('status', 'text', col => col.notNull())
    .addColumn('points', 'double precision')
    .addColumn('max_points', 'double precision', col => col.notNull())
    // JSON array, read whole: one result per graded cell.
    .addColumn('results', 'text', col => col.notNull())
    .addColumn('log', 'text', col => col.notNull())
    .addColumn('queued_at', 'text', col => col.notNull())
    .addColumn('graded_at', 'text')
    .addPrimaryKeyConstraint('assignment_autogrades_pk', [
      'assignment_id',
      'user_id'
    ])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'assignment_autogrades',
    'assignment_source_files',
    'assignment_feedback',
    'assignment_submission_files',
    'assignment_submissions',
    'assignment_learners',
    'assignment_classes',
    'assignment_files',
    'assignments'
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
