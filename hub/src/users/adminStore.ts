import { Kysely, sql } from 'kysely';

import { byteOrder, compareText } from '../db/portable';
import { IDatabase } from '../db/schema';
import { usersOfEstablishments } from '../establishments/membership';
import { Role } from './names';
import { isPerson } from './people';
import { containsPattern } from './searchKey';

/**
 * A row of the administrators' list of users.
 */
export interface IUserListEntry {
  id: string;
  name: string;
  displayName: string;
  roles: Role[];
  deactivatedAt: string | null;
  /** The names of the establishments the user belongs to, in name order. */
  establishments: string[];
  /** When one of the user's hub sessions was last used (ISO), or null. */
  lastSeenAt: string | null;
}

/**
 * Which users a page of the administrators' list shows, and from where: keyset paging
 * by name (byte order), never an offset, so that page 2,000 of 100,000 accounts costs
 * what page 1 does.
 */
export interface IUserListQuery {
  /** Letters of the display name or identifier, accents and case aside. */
  query?: string;
  role?: Role;
  /** Only deactivated accounts (true), only active ones (false). */
  deactivated?: boolean;
  /**
   * Only the users of these establishments (an establishment's administrator's
   * list); every user when absent.
   */
  establishmentIds?: readonly string[];
  /** The names after this one (next page) … */
  after?: string;
  /** … or before this one (previous page). */
  before?: string;
  limit: number;
}

/**
 * A password reset code as stored (its SHA-256, never the code).
 */
export interface IPasswordResetRecord {
  userId: string;
  expiresAt: string;
  usedAt: string | null;
}

/**
 * SQL of the administration of users (tables `users`, `user_roles`,
 * `password_resets`): deactivation, roles set by an administrator, keyset pages.
 */
export class UserAdminStore {
  constructor(private readonly _db: Kysely<IDatabase>) {}

  /** @returns false when there is no such user. */
  async setDeactivated(id: string, at: string | null): Promise<boolean> {
    const result = await this._db
      .updateTable('users')
      .set({ deactivated_at: at })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Make `roles` the user's roles, each granted locally (an identity provider's claims
   * no longer remove them); the others go, wherever they came from.
   */
  async setRoles(id: string, roles: readonly Role[]): Promise<void> {
    let stale = this._db.deleteFrom('user_roles').where('user_id', '=', id);
    if (roles.length) {
      stale = stale.where('role', 'not in', [...roles]);
    }
    await stale.execute();
    if (roles.length) {
      await this._db
        .insertInto('user_roles')
        .values(roles.map(role => ({ user_id: id, role, granted_by: 'local' })))
        .onConflict(oc =>
          oc.columns(['user_id', 'role']).doUpdateSet({ granted_by: 'local' })
        )
        .execute();
    }
  }

  /**
   * One page of users in name order, and whether there are more past each end.
   */
  async page(
    list: IUserListQuery
  ): Promise<{ entries: IUserListEntry[]; more: boolean }> {
    const backwards = list.before !== undefined;
    const name = byteOrder(this._db, 'name');
    let query = this._filtered(list).select([
      'id',
      'name',
      'display_name',
      'deactivated_at'
    ]);
    if (list.after !== undefined) {
      query = query.where(sql<boolean>`${name} > ${list.after}`);
    }
    if (list.before !== undefined) {
      query = query.where(sql<boolean>`${name} < ${list.before}`);
    }
    // One more than asked: whether another page exists that way.
    const rows = await query
      .orderBy(backwards ? sql`${name} DESC` : name)
      .limit(list.limit + 1)
      .execute();
    const more = rows.length > list.limit;
    const kept = rows.slice(0, list.limit);
    if (backwards) {
      kept.reverse();
    }
    // One query per page for each of roles and establishments, never one per row.
    const ids = kept.map(row => row.id);
    const [roles, schools, seen] = ids.length
      ? await Promise.all([
          this._db
            .selectFrom('user_roles')
            .select(['user_id', 'role'])
            .where('user_id', 'in', ids)
            .execute(),
          this._schoolsOf(ids),
          this.lastSeen(ids)
        ])
      : [[], [], new Map<string, string>()];
    roles.sort((a, b) => compareText(a.role, b.role));
    schools.sort((a, b) => compareText(a.name, b.name));
    return {
      entries: kept.map(row => ({
        id: row.id,
        name: row.name,
        displayName: row.display_name,
        roles: roles
          .filter(entry => entry.user_id === row.id)
          .map(entry => entry.role as Role),
        deactivatedAt: row.deactivated_at,
        establishments: schools
          .filter(entry => entry.user_id === row.id)
          .map(entry => entry.name),
        lastSeenAt: seen.get(row.id) ?? null
      })),
      more
    };
  }

  /**
   * When each of these users last used a hub session (ISO), by id: the hub renews a
   * session's `last_seen_at` as it is used. A user signed out everywhere, or whose
   * sessions expired and were swept, has none.
   */
  async lastSeen(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) {
      return new Map();
    }
    const rows = await this._db
      .selectFrom('sessions')
      .select(['user_id', eb => eb.fn.max('last_seen_at').as('seen')])
      .where('user_id', 'in', ids)
      .groupBy('user_id')
      .execute();
    return new Map(rows.map(row => [row.user_id, String(row.seen)]));
  }

  /**
   * Whether the account is a person's, not a group workspace's (see `isPerson`): the
   * administration shows and changes people only.
   */
  async isPerson(id: string): Promise<boolean> {
    const row = await this._db
      .selectFrom('users')
      .select('id')
      .where('id', '=', id)
      .where(isPerson)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** How many users the list's filters keep. */
  async count(list: Omit<IUserListQuery, 'limit'>): Promise<number> {
    const { count } = await this._filtered(list)
      .select(eb => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(count);
  }

  /** Replace the user's unused reset codes with this one. */
  async putReset(reset: {
    codeHash: string;
    userId: string;
    createdBy: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<void> {
    await this._db
      .deleteFrom('password_resets')
      .where('user_id', '=', reset.userId)
      .where('used_at', 'is', null)
      .execute();
    await this._db
      .insertInto('password_resets')
      .values({
        code_hash: reset.codeHash,
        user_id: reset.userId,
        created_by: reset.createdBy,
        created_at: reset.createdAt,
        expires_at: reset.expiresAt,
        used_at: null
      })
      .execute();
  }

  async findReset(codeHash: string): Promise<IPasswordResetRecord | null> {
    const row = await this._db
      .selectFrom('password_resets')
      .select(['user_id', 'expires_at', 'used_at'])
      .where('code_hash', '=', codeHash)
      .executeTakeFirst();
    return row
      ? { userId: row.user_id, expiresAt: row.expires_at, usedAt: row.used_at }
      : null;
  }

  /**
   * Mark a code used, unless it was already (a concurrent use).
   *
   * @returns whether this call used it.
   */
  async useReset(codeHash: string, at: string): Promise<boolean> {
    const result = await this._db
      .updateTable('password_resets')
      .set({ used_at: at })
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * The establishments of `ids` by name, attached directly or through a class (as
   * `establishmentsOfUser` counts them), in one query.
   */
  private _schoolsOf(ids: readonly string[]) {
    const direct = this._db
      .selectFrom('establishment_users')
      .select(['user_id', 'establishment_id'])
      .where('user_id', 'in', ids);
    const byClass = this._db
      .selectFrom('class_members')
      .innerJoin('classes', 'classes.id', 'class_members.class_id')
      .select([
        'class_members.user_id as user_id',
        sql<string>`classes.establishment_id`.as('establishment_id')
      ])
      .where('class_members.user_id', 'in', ids)
      .where('classes.establishment_id', 'is not', null);
    return this._db
      .selectFrom(direct.union(byClass).as('memberships'))
      .innerJoin(
        'establishments',
        'establishments.id',
        'memberships.establishment_id'
      )
      .select(['memberships.user_id', 'establishments.name'])
      .execute();
  }

  /** The people the list's filters keep (group accounts aside, see `isPerson`). */
  private _filtered(list: Omit<IUserListQuery, 'limit'>) {
    const pattern = containsPattern(list.query ?? '');
    let query = this._db.selectFrom('users').where(isPerson);
    if (pattern !== null) {
      query = query.where(sql<boolean>`search_key LIKE ${pattern} ESCAPE '!'`);
    }
    if (list.role) {
      const role = list.role;
      query = query.where(eb =>
        eb.exists(
          eb
            .selectFrom('user_roles')
            .select('user_roles.user_id')
            .whereRef('user_roles.user_id', '=', 'users.id')
            .where('user_roles.role', '=', role)
        )
      );
    }
    if (list.deactivated !== undefined) {
      query = query.where(
        'deactivated_at',
        list.deactivated ? 'is not' : 'is',
        null
      );
    }
    if (list.establishmentIds !== undefined) {
      query = query.where(
        'users.id',
        'in',
        usersOfEstablishments(this._db, list.establishmentIds)
      );
    }
    return query;
  }
}
