import { Kysely, Selectable, sql } from 'kysely';

import { byteOrder, compareText, writeUnlessConflict } from '../db/portable';
import { IDatabase, IUsersTable } from '../db/schema';
import { isLanguage, Language } from '../i18n/language';
import { Role } from './names';
import { isPerson } from './people';
import { containsPattern, userSearchKey } from './searchKey';

/**
 * A user row with its roles.
 */
export interface IUserRecord {
  id: string;
  name: string;
  displayName: string;
  roles: Role[];
  passwordHash: string | null;
  /** The language the user chose, or null. */
  language: Language | null;
  /** When an administrator deactivated the account, or null. */
  deactivatedAt: string | null;
}

/**
 * Which users a page of a list shows.
 */
export interface IUserFilter {
  /** Letters of the display name or identifier, accents and case aside. */
  query?: string;
  /** Only the users holding this role. */
  role?: Role;
  /**
   * Not these users (say, the members of a class): left out in SQL, so that `total`
   * does not count them either. One bound parameter each: a class's, not a platform's.
   */
  excludeIds?: readonly string[];
  /** At most this many, after skipping `offset` (in identifier order); all when absent. */
  limit?: number;
  offset?: number;
}

/**
 * SQL for the users module (tables `users`, `user_roles`).
 */
export class UserStore {
  constructor(private readonly _db: Kysely<IDatabase>) {}

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

  /**
   * Insert a user and their roles.
   *
   * @returns false when the name is taken, even by a concurrent insert that the
   * caller's check could not see yet.
   */
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
  ): Promise<boolean> {
    // Inside a caller's transaction (a roster import), write in it.
    return writeUnlessConflict(
      this._db,
      async trx => {
        await trx
          .insertInto('users')
          .values({
            id: user.id,
            name: user.name,
            display_name: user.displayName,
            password_hash: user.passwordHash,
            locked_until: null,
            created_at: now,
            source_id: user.sourceId ?? null,
            search_key: userSearchKey(user.name, user.displayName)
          })
          .execute();
        if (roles.length) {
          await trx
            .insertInto('user_roles')
            .values(roles.map(role => ({ user_id: user.id, role })))
            .execute();
        }
        return true;
      },
      async error => {
        if (await this.findByName(user.name)) {
          return false;
        }
        throw error;
      }
    );
  }

  /** Set the language a user chose (null: let their browser decide). */
  async setLanguage(id: string, language: Language | null): Promise<boolean> {
    const result = await this._db
      .updateTable('users')
      .set({ language })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
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

  /**
   * Set a user's display name and their `sso` roles to `roles`, in one transaction: the
   * `sso` roles not in `roles` go, the missing ones come; a role the user also holds
   * locally keeps its `local` row.
   *
   * @returns the user as they now are, or null if there is no such user.
   */
  async updateFromProvider(
    id: string,
    displayName: string,
    roles: readonly Role[]
  ): Promise<IUserRecord | null> {
    const write = async (trx: Kysely<IDatabase>) => {
      const user = await trx
        .selectFrom('users')
        .select('name')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!user) {
        return false;
      }
      const { numUpdatedRows } = await trx
        .updateTable('users')
        .set({
          display_name: displayName,
          search_key: userSearchKey(user.name, displayName)
        })
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(numUpdatedRows) === 0) {
        return false;
      }
      let stale = trx
        .deleteFrom('user_roles')
        .where('user_id', '=', id)
        .where('granted_by', '=', 'sso');
      if (roles.length) {
        stale = stale.where('role', 'not in', roles);
      }
      await stale.execute();
      if (roles.length) {
        await trx
          .insertInto('user_roles')
          .values(roles.map(role => ({ user_id: id, role, granted_by: 'sso' })))
          .onConflict(oc => oc.columns(['user_id', 'role']).doNothing())
          .execute();
      }
      return true;
    };
    const found = this._db.isTransaction
      ? await write(this._db)
      : await this._db.transaction().execute(write);
    return found ? this.findById(id) : null;
  }

  /**
   * Grant a role locally; a role held through `sso` becomes `local`.
   */
  async grantLocalRole(id: string, role: Role): Promise<void> {
    await this._db
      .insertInto('user_roles')
      .values({ user_id: id, role, granted_by: 'local' })
      .onConflict(oc =>
        oc.columns(['user_id', 'role']).doUpdateSet({ granted_by: 'local' })
      )
      .execute();
  }

  /** Every person with their roles, by name (group accounts aside, see `isPerson`). */
  async all(): Promise<IUserRecord[]> {
    const rows = await this._db
      .selectFrom('users')
      .where(isPerson)
      .selectAll()
      .execute();
    rows.sort((a, b) => compareText(a.name, b.name));
    const roles = await this._db
      .selectFrom('user_roles')
      .select(['user_id', 'role'])
      .execute();
    roles.sort((a, b) => compareText(a.role, b.role));
    const byUser = new Map<string, Role[]>();
    for (const { user_id: userId, role } of roles) {
      byUser.set(userId, [...(byUser.get(userId) ?? []), role as Role]);
    }
    return rows.map(row => Private.record(row, byUser.get(row.id) ?? []));
  }

  /**
   * One page of the people `filter` keeps (group accounts aside, see `isPerson`), in
   * identifier order (byte order, alike on both databases), and how many it keeps in all.
   */
  async page(
    filter: IUserFilter
  ): Promise<{ records: IUserRecord[]; total: number }> {
    const pattern = containsPattern(filter.query ?? '');
    let matching = this._db.selectFrom('users').where(isPerson);
    if (pattern !== null) {
      matching = matching.where(
        sql<boolean>`search_key LIKE ${pattern} ESCAPE '!'`
      );
    }
    if (filter.role) {
      const role = filter.role;
      matching = matching.where(eb =>
        eb.exists(
          eb
            .selectFrom('user_roles')
            .select('user_roles.user_id')
            .whereRef('user_roles.user_id', '=', 'users.id')
            .where('user_roles.role', '=', role)
        )
      );
    }
    if (filter.excludeIds?.length) {
      matching = matching.where('id', 'not in', [...filter.excludeIds]);
    }
    let ordered = matching.selectAll().orderBy(byteOrder(this._db, 'name'));
    if (filter.limit !== undefined) {
      // SQLite knows OFFSET only after a LIMIT.
      ordered = ordered.limit(filter.limit).offset(filter.offset ?? 0);
    }
    const [rows, { count }] = await Promise.all([
      ordered.execute(),
      matching
        .select(eb => eb.fn.countAll<number | string>().as('count'))
        .executeTakeFirstOrThrow()
    ]);
    const roles = rows.length
      ? await this._db
          .selectFrom('user_roles')
          .select(['user_id', 'role'])
          .where(
            'user_id',
            'in',
            rows.map(row => row.id)
          )
          .execute()
      : [];
    roles.sort((a, b) => compareText(a.role, b.role));
    return {
      records: rows.map(row =>
        Private.record(
          row,
          roles
            .filter(entry => entry.user_id === row.id)
            .map(entry => entry.role as Role)
        )
      ),
      total: Number(count)
    };
  }

  /** How many people have an account (group accounts aside, see `isPerson`). */
  async count(): Promise<number> {
    const { count } = await this._db
      .selectFrom('users')
      .where(isPerson)
      .select(eb => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return count;
  }

  private async _withRoles(row: Selectable<IUsersTable>): Promise<IUserRecord> {
    const roles = await this._db
      .selectFrom('user_roles')
      .select('role')
      .where('user_id', '=', row.id)
      .execute();
    return Private.record(
      row,
      roles.map(r => r.role as Role).sort(compareText)
    );
  }
}

namespace Private {
  export function record(
    row: Selectable<IUsersTable>,
    roles: Role[]
  ): IUserRecord {
    return {
      id: row.id,
      name: row.name,
      displayName: row.display_name,
      roles,
      passwordHash: row.password_hash,
      language: isLanguage(row.language) ? row.language : null,
      deactivatedAt: row.deactivated_at
    };
  }
}
