import { Kysely } from 'kysely';

/**
 * The Learning Record Store (xAPI 1.0.3, `hub/src/lrs`), which owns these tables.
 *
 * - `lrs_clients`: who may call it (HTTP Basic key and the SHA-256 of a random secret),
 *   with its scope and, for an emitter, the one actor it may write for.
 * - `lrs_statements`: each statement as stored (`body`, JSON), plus the columns the
 *   unfiltered queries need: `voided` and `(stored, id)`, the order of every answer and
 *   the cursor of `more` pages. The index `(voided, stored, id)` answers « the latest N
 *   statements not voided » by walking the index from one end, whatever the size.
 * - `lrs_statement_index`: one row per thing a filter may ask for (`agent`, `verb`,
 *   `activity`, `registration`), `related` = 0 for the narrow match and 1 for the
 *   broad one (`related_agents`, `related_activities`). A statement that targets
 *   another (StatementRef) also gets the target's rows, as the filters must match it
 *   through its target. The index `(kind, value, stored, statement_id)` answers a
 *   filtered query by walking only the rows of that value, already in time order.
 * - `lrs_activities`: the latest definition of each activity (the Activities resource).
 * - `lrs_documents`: State, Activity Profile and Agent Profile documents (base64, so
 *   that one text column serves both databases), with their ETag.
 * - `lrs_attachments`: attachment contents by SHA-2, shared by the statements naming it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('lrs_clients')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('name', 'text', col => col.notNull())
    .addColumn('key', 'text', col => col.notNull().unique())
    .addColumn('secret_hash', 'text', col => col.notNull())
    .addColumn('scope', 'text', col => col.notNull())
    .addColumn('actor', 'text')
    .addColumn('actor_key', 'text')
    .addColumn('user_id', 'text', col =>
      col.references('users.id').onDelete('cascade')
    )
    .addColumn('created_at', 'text', col => col.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('lrs_clients_user')
    .on('lrs_clients')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('lrs_statements')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('stored', 'text', col => col.notNull())
    .addColumn('voided', 'integer', col => col.notNull().defaultTo(0))
    .addColumn('voiding_target', 'text')
    .addColumn('client_id', 'text', col => col.notNull())
    .addColumn('body', 'text', col => col.notNull())
    .execute();
  await db.schema
    .createIndex('lrs_statements_order')
    .on('lrs_statements')
    .columns(['voided', 'stored', 'id'])
    .execute();

  await db.schema
    .createTable('lrs_statement_index')
    .addColumn('statement_id', 'text', col =>
      col.notNull().references('lrs_statements.id').onDelete('cascade')
    )
    .addColumn('kind', 'text', col => col.notNull())
    .addColumn('value', 'text', col => col.notNull())
    .addColumn('related', 'integer', col => col.notNull())
    .addColumn('stored', 'text', col => col.notNull())
    .execute();
  await db.schema
    .createIndex('lrs_statement_index_lookup')
    .on('lrs_statement_index')
    .columns(['kind', 'value', 'stored', 'statement_id'])
    .execute();
  await db.schema
    .createIndex('lrs_statement_index_statement')
    .on('lrs_statement_index')
    .column('statement_id')
    .execute();

  await db.schema
    .createTable('lrs_activities')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('definition', 'text', col => col.notNull())
    .addColumn('updated_at', 'text', col => col.notNull())
    .execute();

  await db.schema
    .createTable('lrs_documents')
    .addColumn('kind', 'text', col => col.notNull())
    .addColumn('activity_id', 'text', col => col.notNull())
    .addColumn('agent_key', 'text', col => col.notNull())
    .addColumn('registration', 'text', col => col.notNull())
    .addColumn('document_id', 'text', col => col.notNull())
    .addColumn('content_type', 'text', col => col.notNull())
    .addColumn('content', 'text', col => col.notNull())
    .addColumn('etag', 'text', col => col.notNull())
    .addColumn('updated', 'text', col => col.notNull())
    .addPrimaryKeyConstraint('lrs_documents_pk', [
      'kind',
      'activity_id',
      'agent_key',
      'registration',
      'document_id'
    ])
    .execute();

  await db.schema
    .createTable('lrs_attachments')
    .addColumn('sha2', 'text', col => col.primaryKey())
    .addColumn('content_type', 'text', col => col.notNull())
    .addColumn('content', 'text', col => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'lrs_attachments',
    'lrs_documents',
    'lrs_activities',
    'lrs_statement_index',
    'lrs_statements',
    'lrs_clients'
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
