import { Kysely } from 'kysely';

/**
 * Environments: every lock the hub knows (resolved here, carried by a notebook, or a
 * standard one), with the software list it came from, so that any of them can be built
 * again; and which assignments hand out notebooks pinned to which environment (library
 * versions name theirs in `library_versions.environment_id`). Built environments live in
 * the store on disk; these rows outlive them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('environments')
    // The lock's id: SHA-256 (hex) of its canonical JSON.
    .addColumn('id', 'text', col => col.primaryKey())
    // JSON, read whole: the lock, the software list's files, what the hub added to it.
    .addColumn('lock', 'text', col => col.notNull())
    .addColumn('files', 'text', col => col.notNull())
    .addColumn('python', 'text', col => col.notNull())
    .addColumn('added_requirements', 'text', col => col.notNull())
    // Null for the standard environments, and once their creator's account is deleted.
    .addColumn('created_by', 'text', col =>
      col.references('users.id').onDelete('set null')
    )
    .addColumn('created_at', 'text', col => col.notNull())
    // When an opened notebook last asked for it: garbage collection keeps recent ones.
    .addColumn('last_used_at', 'text')
    .execute();

  await db.schema
    .createTable('assignment_environments')
    .addColumn('assignment_id', 'text', col =>
      col.notNull().references('assignments.id').onDelete('cascade')
    )
    .addColumn('environment_id', 'text', col =>
      col.notNull().references('environments.id').onDelete('cascade')
    )
    .addPrimaryKeyConstraint('assignment_environments_pk', [
      'assignment_id',
      'environment_id'
    ])
    .execute();
  await db.schema
    .createIndex('assignment_environments_environment_id')
    .on('assignment_environments')
    .column('environment_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('assignment_environments').execute();
  await db.schema.dropTable('environments').execute();
}
