import type { ILock, ISoftwareFile } from '@candyce/environments';
import { Kysely, Selectable } from 'kysely';

import { IDatabase, IEnvironmentsTable } from '../db/schema';
import { writeUnlessConflict } from '../db/portable';

/**
 * An environment the hub knows: a lock and the software list it was resolved from.
 */
export interface IEnvironmentRecord {
  id: string;
  lock: ILock;
  files: ISoftwareFile[];
  /** `3.11`. */
  python: string;
  /** Requirements the hub added to the list (`ipykernel`). */
  addedRequirements: string[];
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  /** Its human name; null until one is given (see `environmentName`). */
  name: string | null;
}

/**
 * The environments module's SQL: known locks (`environments`) and the environments of
 * assignments (`assignment_environments`). Only this module reads these tables.
 */
export class EnvironmentRecordStore {
  constructor(private readonly _db: Kysely<IDatabase>) {}

  /**
   * Record an environment unless it is known already (the first record wins: the same
   * id is the same lock).
   *
   * @returns whether it was new.
   */
  async add(record: IEnvironmentRecord): Promise<boolean> {
    if (await this.get(record.id)) {
      return false;
    }
    return writeUnlessConflict(
      this._db,
      async trx => {
        await trx
          .insertInto('environments')
          .values({
            id: record.id,
            lock: JSON.stringify(record.lock),
            files: JSON.stringify(record.files),
            python: record.python,
            added_requirements: JSON.stringify(record.addedRequirements),
            created_by: record.createdBy,
            created_at: record.createdAt,
            last_used_at: record.lastUsedAt,
            name: record.name
          })
          .execute();
        return true;
      },
      // Recorded meanwhile by a concurrent call: the same lock.
      async () => false
    );
  }

  async get(id: string): Promise<IEnvironmentRecord | null> {
    const row = await this._db
      .selectFrom('environments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? Private.record(row) : null;
  }

  /** Every known environment, by id. */
  async all(): Promise<IEnvironmentRecord[]> {
    const rows = await this._db
      .selectFrom('environments')
      .selectAll()
      .orderBy('id')
      .execute();
    return rows.map(Private.record);
  }

  /** Give an environment its name (null: none). */
  async setName(id: string, name: string | null): Promise<void> {
    await this._db
      .updateTable('environments')
      .set({ name })
      .where('id', '=', id)
      .execute();
  }

  /** Note that an opened notebook used the environment now. */
  async touch(id: string, at: string): Promise<void> {
    await this._db
      .updateTable('environments')
      .set({ last_used_at: at })
      .where('id', '=', id)
      .execute();
  }

  /** The ids of the environments used at or after `since`. */
  async usedSince(since: string): Promise<string[]> {
    const rows = await this._db
      .selectFrom('environments')
      .select('id')
      .where('last_used_at', '>=', since)
      .execute();
    return rows.map(row => row.id);
  }

  /**
   * Record that an assignment hands out notebooks pinned to these environments (those
   * the hub knows: an unknown one could not be built anyway).
   */
  async addAssignment(
    assignmentId: string,
    environmentIds: readonly string[]
  ): Promise<void> {
    if (!environmentIds.length) {
      return;
    }
    const known = await this._db
      .selectFrom('environments')
      .select('id')
      .where('id', 'in', [...new Set(environmentIds)])
      .execute();
    const ids = known.map(row => row.id);
    if (!ids.length) {
      return;
    }
    await this._db
      .insertInto('assignment_environments')
      .values(
        ids.map(id => ({ assignment_id: assignmentId, environment_id: id }))
      )
      .execute();
  }

  /** How many assignments name each environment. */
  async assignmentCounts(): Promise<Map<string, number>> {
    const rows = await this._db
      .selectFrom('assignment_environments')
      .select(eb => ['environment_id', eb.fn.countAll<number>().as('n')])
      .groupBy('environment_id')
      .execute();
    return new Map(rows.map(row => [row.environment_id, Number(row.n)]));
  }

  /** The ids of the assignments that name an environment (the admin's detail page). */
  async assignmentIdsOf(environmentId: string): Promise<string[]> {
    const rows = await this._db
      .selectFrom('assignment_environments')
      .select('assignment_id')
      .where('environment_id', '=', environmentId)
      .execute();
    return rows.map(row => row.assignment_id);
  }
}

namespace Private {
  export function record(
    row: Selectable<IEnvironmentsTable>
  ): IEnvironmentRecord {
    return {
      id: row.id,
      lock: JSON.parse(row.lock),
      files: JSON.parse(row.files),
      python: row.python,
      addedRequirements: JSON.parse(row.added_requirements),
      createdBy: row.created_by,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
      name: row.name
    };
  }
}
