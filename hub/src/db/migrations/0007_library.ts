import { Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The library: resources and their immutable versions (metadata, files by content
 * hash), facets, endorsements, usage events (for recommendations), teachers' profiles,
 * and the full-text index: SQLite FTS5 in the embedded default, a `tsvector` with a GIN
 * index on PostgreSQL. Both index the same words, analysed by the hub (accents folded,
 * French stemming): see library/analyze.ts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('library_resources')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('owner_id', 'text', col =>
      col.references('users.id').onDelete('set null')
    )
    .addColumn('current_version', 'integer', col => col.notNull())
    .addColumn('title', 'text', col => col.notNull())
    // The title folded (lower case, no accents): sorts the same on both databases.
    .addColumn('title_key', 'text', col => col.notNull())
    .addColumn('created_at', 'text', col => col.notNull())
    .addColumn('updated_at', 'text', col => col.notNull())
    .addColumn('uses', 'integer', col => col.notNull().defaultTo(0))
    .addColumn('peer_endorsements', 'integer', col =>
      col.notNull().defaultTo(0)
    )
    .addColumn('inspection_endorsements', 'integer', col =>
      col.notNull().defaultTo(0)
    )
    // SQLite: the resource's row in the FTS5 index (whose columns are not indexed for
    // lookups: without it, re-indexing one resource would scan them all). Unused (null)
    // on PostgreSQL, whose index table has the resource id as its key.
    .addColumn('search_rowid', 'integer')
    // uses + 3 × peer endorsements + 10 × inspection ones: « les plus populaires ».
    .addColumn('popularity', 'integer', col => col.notNull().defaultTo(0))
    .execute();
  // The orders of browsing without words, read from indexes (no sort of the library).
  for (const columns of [
    ['search_rowid'],
    ['popularity', 'search_rowid'],
    ['title_key', 'id']
  ]) {
    await db.schema
      .createIndex(`library_resources_${columns.join('_')}`)
      .on('library_resources')
      .columns(columns)
      .execute();
  }
  await db.schema
    .createIndex('library_resources_updated_at')
    .on('library_resources')
    .column('updated_at')
    .execute();

  await db.schema
    .createTable('library_versions')
    .addColumn('resource_id', 'text', col =>
      col.notNull().references('library_resources.id').onDelete('cascade')
    )
    .addColumn('version', 'integer', col => col.notNull())
    .addColumn('title', 'text', col => col.notNull())
    .addColumn('summary', 'text', col => col.notNull())
    .addColumn('language', 'text', col => col.notNull())
    .addColumn('duration_minutes', 'integer', col => col.notNull())
    .addColumn('licence', 'text', col => col.notNull())
    // JSON arrays of strings: read whole, never queried inside (facets have their table).
    .addColumn('authors', 'text', col => col.notNull())
    .addColumn('keywords', 'text', col => col.notNull())
    .addColumn('disciplines', 'text', col => col.notNull())
    .addColumn('levels', 'text', col => col.notNull())
    .addColumn('environment_id', 'text')
    .addColumn('published_by', 'text', col =>
      col.references('users.id').onDelete('set null')
    )
    .addColumn('published_at', 'text', col => col.notNull())
    .addPrimaryKeyConstraint('library_versions_pk', ['resource_id', 'version'])
    .execute();

  await db.schema
    .createTable('library_files')
    .addColumn('resource_id', 'text', col => col.notNull())
    .addColumn('version', 'integer', col => col.notNull())
    .addColumn('path', 'text', col => col.notNull())
    .addColumn('sha256', 'text', col => col.notNull())
    .addColumn('size', 'integer', col => col.notNull())
    .addPrimaryKeyConstraint('library_files_pk', [
      'resource_id',
      'version',
      'path'
    ])
    .addForeignKeyConstraint(
      'library_files_version',
      ['resource_id', 'version'],
      'library_versions',
      ['resource_id', 'version'],
      fk => fk.onDelete('cascade')
    )
    .execute();
  await db.schema
    .createIndex('library_files_sha256')
    .on('library_files')
    .column('sha256')
    .execute();

  // Facets of the current version: discipline, level, licence, language.
  await db.schema
    .createTable('library_tags')
    .addColumn('resource_id', 'text', col =>
      col.notNull().references('library_resources.id').onDelete('cascade')
    )
    .addColumn('kind', 'text', col => col.notNull())
    .addColumn('value', 'text', col => col.notNull())
    .addPrimaryKeyConstraint('library_tags_pk', [
      'resource_id',
      'kind',
      'value'
    ])
    .execute();
  await db.schema
    .createIndex('library_tags_kind_value')
    .on('library_tags')
    .columns(['kind', 'value', 'resource_id'])
    .execute();

  await db.schema
    .createTable('library_endorsements')
    .addColumn('resource_id', 'text', col =>
      col.notNull().references('library_resources.id').onDelete('cascade')
    )
    .addColumn('user_id', 'text', col =>
      col.notNull().references('users.id').onDelete('cascade')
    )
    .addColumn('kind', 'text', col => col.notNull())
    .addColumn('created_at', 'text', col => col.notNull())
    .addPrimaryKeyConstraint('library_endorsements_pk', [
      'resource_id',
      'user_id',
      'kind'
    ])
    .execute();

  // Who opened or assigned what, when: co-usage and reuse for recommendations.
  await db.schema
    .createTable('library_events')
    .addColumn('user_id', 'text', col =>
      col.notNull().references('users.id').onDelete('cascade')
    )
    .addColumn('resource_id', 'text', col =>
      col.notNull().references('library_resources.id').onDelete('cascade')
    )
    .addColumn('kind', 'text', col => col.notNull())
    .addColumn('at', 'text', col => col.notNull())
    .execute();
  await db.schema
    .createIndex('library_events_user')
    .on('library_events')
    .columns(['user_id', 'at'])
    .execute();
  await db.schema
    .createIndex('library_events_resource')
    .on('library_events')
    .columns(['resource_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('library_profiles')
    .addColumn('user_id', 'text', col =>
      col.primaryKey().references('users.id').onDelete('cascade')
    )
    .addColumn('disciplines', 'text', col => col.notNull())
    .addColumn('levels', 'text', col => col.notNull())
    .addColumn('updated_at', 'text', col => col.notNull())
    .execute();

  if (isPostgres(db)) {
    await sql`CREATE TABLE library_search (
      resource_id text PRIMARY KEY REFERENCES library_resources(id) ON DELETE CASCADE,
      updated_at text NOT NULL,
      tags text NOT NULL,
      document tsvector NOT NULL
    )`.execute(db);
    await sql`CREATE INDEX library_search_updated_at ON library_search (updated_at)`.execute(
      db
    );
    await sql`CREATE INDEX library_search_document ON library_search USING gin (document)`.execute(
      db
    );
  } else {
    // Words arrive analysed (folded, stemmed): the tokenizer only splits on spaces.
    // `tags` holds the facet values as words (filters are index queries).
    await sql`CREATE VIRTUAL TABLE library_search USING fts5(
      resource_id UNINDEXED, title, keywords, summary, body, tags,
      tokenize = 'unicode61 remove_diacritics 0'
    )`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE library_search`.execute(db);
  for (const table of [
    'library_profiles',
    'library_events',
    'library_endorsements',
    'library_tags',
    'library_files',
    'library_versions',
    'library_resources'
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
