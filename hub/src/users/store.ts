import { Kysely, Selectable } from 'kysely';

import { Database, UsersTable } from '../db/schema';
import { Role } from './names';

/**
 * A user row with its roles.
 */
export interface IUserRecord {
  id: string;
  name: string;
  displayName: string;
  roles: Role[];
  passwordHash: string | null;
  failedLogins: number;
  lockedUntil: string | null;
}

/**
 * SQL for the users module (tables `users`, `user_roles`).
 */
export class UserStore {
  constructor(private readonly _db: Kysely<Database>) {}

  async findByName(name: string): Promise<IUserRecord | null> {
    const row = await this._db
      .selectFrom('users')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? this._withRoles(row) : null;
  }

  async findById(id: string): Promise<IUserRecord | null> {
    const row = await this._db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? this._withRoles(row) : null;
  }

  /** The user imported with this OneRoster `sourcedId`. */
  async findBySourceId(sourceId: string): Promise<IUserRecord | null> {
    const row = await this._db
      .selectFrom('users')
      .selectAll()
      .where('source_id', '=', sourceId)
      .executeTakeFirst();
    return row ? this._withRoles(row) : null;
  }

  async insert(
    user: {
      id: string;
      name: string;
      displayName: string;
      passwordHash: string | null;
      sourceId?: string | null;
    },
    roles: readonly Role[],
    now: string
  ): Promise<void> {
    // Inside a caller's transaction (a roster import), write in it.
    const inTransaction = <T>(work: (db: Kysely<Database>) => Promise<T>) =>
      this._db.isTransaction
        ? work(this._db)
        : this._db.transaction().execute(work);
    await inTransaction(async trx => {
      await trx
        .insertInto('users')
        .values({
          id: user.id,
          name: user.name,
          display_name: user.displayName,
          password_hash: user.passwordHash,
          locked_until: null,
          created_at: now,
          source_id: user.sourceId ?? null
        })
        .execute();
      if (roles.length) {
        await trx
          .insertInto('user_roles')
          .values(roles.map(role => ({ user_id: user.id, role })))
          .execute();
      }
    });
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this._db
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        failed_logins: 0,
        locked_until: null
      })
      .where('id', '=', id)
      .execute();
  }

  async recordFailedLogin(
    id: string,
    failures: number,
    lockedUntil: string | null
  ): Promise<void> {
    await this._db
      .updateTable('users')
      .set({ failed_logins: failures, locked_until: lockedUntil })
      .where('id', '=', id)
      .execute();
  }

  async clearFailedLogins(id: string): Promise<void> {
    await this._db
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', id)
      .execute();
  }

  /** Every user with their roles, by name. */
  async all(): Promise<IUserRecord[]> {
    const rows = await this._db
      .selectFrom('users')
      .selectAll()
      .orderBy('name')
      .execute();
    const roles = await this._db
      .selectFrom('user_roles')
      .select(['user_id', 'role'])
      .orderBy('role')
      .execute();
    const byUser = new Map<string, Role[]>();
    for (const { user_id: userId, role } of roles) {
      byUser.set(userId, [...(byUser.get(userId) ?? []), role as Role]);
    }
    return rows.map(row => ({
      id: row.id,
      name: row.name,
      displayName: row.display_name,
      roles: byUser.get(row.id) ?? [],
      passwordHash: row.password_hash,
      failedLogins: Number(row.failed_logins),
      lockedUntil: row.locked_until
    }));
  }

  async count(): Promise<number> {
    const { count } = await this._db
      .selectFrom('users')
      .select(eb => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(count);
  }

  private async _withRoles(row: Selectable<UsersTable>): Promise<IUserRecord> {
    const roles = await this._db
      .selectFrom('user_roles')
      .select('role')
      .where('user_id', '=', row.id)
      .orderBy('role')
      .execute();
    return {
      id: row.id,
      name: row.name,
      displayName: row.display_name,
      roles: roles.map(r => r.role as Role),
      passwordHash: row.password_hash,
      failedLogins: Number(row.failed_logins),
      lockedUntil: row.locked_until
    };
  }
}
