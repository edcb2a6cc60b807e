import { Kysely } from 'kysely';

/**
 * Live help (issue 19, point 3), owned by `hub/src/help`.
 *
 * `help_requests`: a pupil's request for help on one notebook of her home. `access`
 * is what she lets her teacher do (`write`, or `read`: look only); `message` is her
 * optional short note for the teacher (never logged). `helper_id` is the teacher who
 * joined, `joined_at` when. A request is open while `closed_at` is null and
 * `expires_at` is in the future; `closed_by` says who ended it (a user's id, or null
 * when it ran out). Ids only about people: names come from the users' service.
 * The index on (learner_id, created_at) answers the class dashboard's « asked for
 * help » over a period and a pupil's open request.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('help_requests')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('learner_id', 'text', col => col.notNull())
    .addColumn('path', 'text', col => col.notNull())
    .addColumn('access', 'text', col => col.notNull())
    .addColumn('message', 'text')
    .addColumn('created_at', 'text', col => col.notNull())
    .addColumn('expires_at', 'text', col => col.notNull())
    .addColumn('helper_id', 'text')
    .addColumn('joined_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .execute();
  await db.schema
    .createIndex('help_requests_learner')
    .on('help_requests')
    .columns(['learner_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('help_requests').execute();
}
