import SQLite from 'better-sqlite3';
import * as fs from 'fs';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import * as path from 'path';
import { Pool } from 'pg';

import * as initial from './migrations/0001_initial';
import * as servers from './migrations/0002_servers';
import * as identities from './migrations/0003_identities';
import * as establishments from './migrations/0004_establishments';
import * as classCodes from './migrations/0005_class_codes';
import { Database } from './schema';

/**
 * Every migration, in order. Listed here rather than read from disk so that the
 * compiled hub carries them and a test sees the same list.
 */
const MIGRATIONS = {
  '0001_initial': initial,
  '0002_servers': servers,
  '0003_identities': identities,
  '0004_establishments': establishments,
  '0005_class_codes': classCodes
};

/**
 * Open the database named by a URL: `sqlite:<file>` (WAL, foreign keys on) or
 * `postgres://…`.
 */
export function openDatabase(url: string): Kysely<Database> {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    // Wait for a concurrent writer instead of failing at once.
    sqlite.pragma('busy_timeout = 5000');
    return new Kysely<Database>({
      dialect: new SqliteDialect({ database: sqlite })
    });
  }
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new Pool({ connectionString: url }) })
  });
}

/**
 * Bring the schema up to date.
 *
 * @throws when a migration fails; the failed migration is rolled back.
 */
export async function migrate(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS }
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    throw error instanceof Error ? error : new Error(String(error));
  }
  return (results ?? []).map(result => result.migrationName);
}
