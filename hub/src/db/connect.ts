import SQLite from 'better-sqlite3';
import * as fs from 'fs';
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect } from 'kysely';
import * as path from 'path';
import { Pool, types } from 'pg';

import { ConfigError } from '../config/load';

import * as initial from './migrations/0001_initial';
import * as servers from './migrations/0002_servers';
import * as identities from './migrations/0003_identities';
import * as establishments from './migrations/0004_establishments';
import * as classCodes from './migrations/0005_class_codes';
import * as serverStateRoleSources from './migrations/0006_server_state_role_sources';
import * as library from './migrations/0007_library';
import * as assignments from './migrations/0008_assignments';
import * as environments from './migrations/0009_environments';
import * as userSearch from './migrations/0010_user_search';
import * as serverAccounts from './migrations/0011_server_accounts';
import * as assignmentExtraFiles from './migrations/0012_assignment_extra_files';
import * as serversWithoutSecret from './migrations/0013_servers_without_secret';
import * as classKeys from './migrations/0014_class_keys';
import * as userLanguage from './migrations/0015_user_language';
import * as classSchoolMode from './migrations/0016_class_school_mode';
import * as lrs from './migrations/0017_lrs';
import * as libraryTerms from './migrations/0018_library_terms';
import * as environmentNames from './migrations/0020_environment_names';
import * as privacy from './migrations/0021_privacy';
import * as administration from './migrations/0019_administration';
import * as libraryVisits from './migrations/0022_library_visits';
import * as eventJournal from './migrations/0023_event_journal';
import * as dashboards from './migrations/0024_dashboards';
import * as groupWorkspaces from './migrations/0025_group_workspaces';
import * as helpRequests from './migrations/0026_help_requests';
import * as establishmentAdministrators from './migrations/0027_establishment_administrators';
import * as groupAssignments from './migrations/0028_group_assignments';
import { RejectNulPlugin } from './portable';
import { IDatabase } from './schema';
import { withStatementCache } from './statementCache';

/**
 * Every migration, in order. Listed here rather than read from disk so that the
 * compiled hub carries them and a test sees the same list.
 */
export const MIGRATIONS = {
  '0001_initial': initial,
  '0002_servers': servers,
  '0003_identities': identities,
  '0004_establishments': establishments,
  '0005_class_codes': classCodes,
  '0006_server_state_role_sources': serverStateRoleSources,
  '0007_library': library,
  '0008_assignments': assignments,
  '0009_environments': environments,
  '0010_user_search': userSearch,
  '0011_server_accounts': serverAccounts,
  '0012_assignment_extra_files': assignmentExtraFiles,
  '0013_servers_without_secret': serversWithoutSecret,
  '0014_class_keys': classKeys,
  '0015_user_language': userLanguage,
  '0016_class_school_mode': classSchoolMode,
  '0017_lrs': lrs,
  '0018_library_terms': libraryTerms,
  '0019_administration': administration,
  '0020_environment_names': environmentNames,
  '0021_privacy': privacy,
  '0022_library_visits': libraryVisits,
  '0023_event_journal': eventJournal,
  '0024_dashboards': dashboards,
  '0025_group_workspaces': groupWorkspaces,
  '0026_help_requests': helpRequests,
  '0027_establishment_administrators': establishmentAdministrators,
  '0028_group_assignments': groupAssignments
};

/**
 * Options of {@link openDatabase}.
 */
export interface IDatabaseOptions {
  /**
   * Called when an idle PostgreSQL connection breaks (server restart, network). The
   * pool drops that connection and opens another at the next query.
   */
  onConnectionError?: (error: Error) => void;
}

/**
 * Open the database named by a URL: `sqlite:<file>` (WAL, foreign keys on) or
 * `postgres://…`.
 */
export function openDatabase(
  url: string,
  options: IDatabaseOptions = {}
): Kysely<IDatabase> {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    fs.mkdirSync(path.dirname(path.resolve(file)), {
      recursive: true,
      mode: 0o700
    });
    Private.keepToOwner(file);
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    // Every commit reaches the disk before it is acknowledged (SQLite's default, said
    // here because acknowledged submissions rely on it).
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    // Wait for a concurrent writer instead of failing at once.
    sqlite.pragma('busy_timeout = 5000');
    // 32 MiB of page cache rather than 2: the library's indexes take random inserts
    // (a bulk import spilled pages to the WAL before its commit).
    sqlite.pragma('cache_size = -32768');
    return new Kysely<IDatabase>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
      plugins: [new RejectNulPlugin()]
    });
  }
  const pool = new Pool({ connectionString: url, types: Private.pgTypes });
  // Without a listener, an idle connection's error would crash the hub.
  pool.on('error', error => options.onConnectionError?.(error));
  return new Kysely<IDatabase>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new RejectNulPlugin()]
  });
}

/**
 * Bring the schema up to date.
 *
 * @throws when a migration fails; the failed migration is rolled back.
 */
export async function migrate(db: Kysely<IDatabase>): Promise<string[]> {
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    throw new ConfigError(
      `databaseUrl: cannot reach the database: ${Private.describe(error)}`
    );
  }
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

namespace Private {
  /**
   * The database file and its WAL and shared-memory files readable by the hub's user
   * alone (0600): they hold password hashes, sessions and pupils' personal data. The
   * file is made empty with that mode if it does not exist yet (an empty file is an
   * empty database); SQLite gives its WAL and shared-memory files the database file's
   * mode when it makes them, and those of an older hub are corrected here.
   */
  export function keepToOwner(file: string): void {
    if (file === '' || file === ':memory:') {
      return;
    }
    fs.closeSync(fs.openSync(file, 'a', 0o600));
    for (const each of [file, `${file}-wal`, `${file}-shm`]) {
      try {
        fs.chmodSync(each, 0o600);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          throw error;
        }
      }
    }
  }

  /**
   * pg returns bigint (int8: `count(*)`, `sum()` of integers) as strings, SQLite as
   * numbers: read them as numbers on both. The hub's counts stay far below 2^53.
   */
  export const pgTypes = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === types.builtins.INT8 && format !== 'binary'
        ? (value: string) => Number(value)
        : types.getTypeParser(oid, format)) as typeof types.getTypeParser
  };

  /**
   * A connection error's reason; `localhost` gives one per address tried. Duck-typed:
   * errors from Node's internals may come from another realm (tests).
   */
  export function describe(error: unknown): string {
    const { errors, message, name } = (error ?? {}) as {
      errors?: unknown;
      message?: unknown;
      name?: unknown;
    };
    if (Array.isArray(errors) && errors.length) {
      return errors.map(describe).join('; ');
    }
    return typeof message === 'string' && message
      ? message
      : typeof name === 'string'
        ? name
        : String(error);
  }
}
