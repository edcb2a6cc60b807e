import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';

/**
 * A group workspace as stored (migration 0025).
 */
export interface IGroupRow {
  id: string;
  classId: string;
  /** The account the group's server runs as (a `users` row nobody logs in as). */
  accountId: string;
  /** That account's name: the server's address is `/user/<accountName>/`. */
  accountName: string;
  name: string;
  createdBy: string;
  createdAt: string;
  deletedAt: string | null;
}

/**
 * What the entry rule needs of a live workspace: who may enter its server.
 */
export interface IGroupEntryRow {
  accountId: string;
  accountName: string;
  displayName: string;
  /** Its members' and its class's teachers' user ids. */
  allowed: string[];
}

/**
 * The tables of group workspaces; every write is the service's.
 */
export class GroupStore {
  constructor(private readonly _db: Kysely<IDatabase>) {}

  /** Run `work` in one transaction, with a store on it. */
  transaction<T>(work: (store: GroupStore) => Promise<T>): Promise<T> {
    return this._db.transaction().execute(trx => work(new GroupStore(trx)));
  }

  get db(): Kysely<IDatabase> {
    return this._db;
  }

  async insert(row: IGroupRow, memberIds: readonly string[]): Promise<void> {
    await this._db
      .insertInto('group_workspaces')
      .values({
        id: row.id,
        class_id: row.classId,
        account_id: row.accountId,
        name: row.name,
        created_by: row.createdBy,
        created_at: row.createdAt,
        deleted_at: null
      })
      .execute();
    await this.setMembers(row.id, memberIds);
  }

  /** A workspace, deleted or not. */
  async get(id: string): Promise<IGroupRow | null> {
    const row = await this._select().where('g.id', '=', id).executeTakeFirst();
    return row ? Private.toRow(row) : null;
  }

  /** The workspaces of these ids, deleted or not. */
  async byIds(ids: readonly string[]): Promise<IGroupRow[]> {
    if (!ids.length) {
      return [];
    }
    const rows = await this._select()
      .where('g.id', 'in', [...ids])
      .execute();
    return rows.map(Private.toRow);
  }

  /** The workspaces, deleted or not, whose servers run as these accounts. */
  async byAccounts(accountIds: readonly string[]): Promise<IGroupRow[]> {
    if (!accountIds.length) {
      return [];
    }
    const rows = await this._select()
      .where('g.account_id', 'in', [...accountIds])
      .execute();
    return rows.map(Private.toRow);
  }

  /** The live workspaces of a class, by name. */
  async ofClass(classId: string): Promise<IGroupRow[]> {
    const rows = await this._select()
      .where('g.class_id', '=', classId)
      .where('g.deleted_at', 'is', null)
      .orderBy('g.name')
      .execute();
    return rows.map(Private.toRow);
  }

  /** The live workspaces a user is a member of, or teaches the class of. */
  async reachedBy(userId: string): Promise<IGroupRow[]> {
    const rows = await this._select()
      .where('g.deleted_at', 'is', null)
      .where(eb =>
        eb.or([
          eb(
            'g.id',
            'in',
            eb
              .selectFrom('group_members')
              .select('group_id')
              .where('user_id', '=', userId)
          ),
          eb(
            'g.class_id',
            'in',
            eb
              .selectFrom('class_members')
              .select('class_id')
              .where('user_id', '=', userId)
              .where('membership', '=', 'teacher')
          )
        ])
      )
      .orderBy('g.name')
      .execute();
    return rows.map(Private.toRow);
  }

  async memberIds(groupId: string): Promise<string[]> {
    const rows = await this._db
      .selectFrom('group_members')
      .select('user_id')
      .where('group_id', '=', groupId)
      .execute();
    return rows.map(row => row.user_id);
  }

  async setMembers(groupId: string, userIds: readonly string[]): Promise<void> {
    await this._db
      .deleteFrom('group_members')
      .where('group_id', '=', groupId)
      .execute();
    if (userIds.length) {
      await this._db
        .insertInto('group_members')
        .values(userIds.map(user_id => ({ group_id: groupId, user_id })))
        .execute();
    }
  }

  /** Whether a live workspace of the class already has this name. */
  async nameTaken(classId: string, name: string): Promise<boolean> {
    const row = await this._db
      .selectFrom('group_workspaces')
      .select('id')
      .where('class_id', '=', classId)
      .where('name', '=', name)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return !!row;
  }

  async markDeleted(id: string, at: string): Promise<void> {
    await this._db
      .updateTable('group_workspaces')
      .set({ deleted_at: at })
      .where('id', '=', id)
      .execute();
    await this.setMembers(id, []);
  }

  /** Every live workspace and who may enter it (the entry rule's index). */
  async entries(): Promise<IGroupEntryRow[]> {
    const groups = await this._db
      .selectFrom('group_workspaces as g')
      .innerJoin('users as u', 'u.id', 'g.account_id')
      .select([
        'g.id',
        'g.class_id',
        'g.account_id',
        'u.name',
        'u.display_name'
      ])
      .where('g.deleted_at', 'is', null)
      .execute();
    const members = await this._db
      .selectFrom('group_members as m')
      .innerJoin('group_workspaces as g', 'g.id', 'm.group_id')
      .select(['m.group_id', 'm.user_id'])
      .where('g.deleted_at', 'is', null)
      .execute();
    const teachers = await this._db
      .selectFrom('class_members as c')
      .innerJoin('group_workspaces as g', 'g.class_id', 'c.class_id')
      .select(['g.id as group_id', 'c.user_id'])
      .where('g.deleted_at', 'is', null)
      .where('c.membership', '=', 'teacher')
      .execute();
    const allowed = new Map<string, string[]>();
    for (const row of [...members, ...teachers]) {
      allowed.set(row.group_id, [
        ...(allowed.get(row.group_id) ?? []),
        row.user_id
      ]);
    }
    return groups.map(group => ({
      accountId: group.account_id,
      accountName: group.name,
      displayName: group.display_name,
      allowed: allowed.get(group.id) ?? []
    }));
  }

  /** The classes a learner is in whose pupils may create workspaces. */
  async creatableBy(userId: string): Promise<{ id: string; name: string }[]> {
    return this._db
      .selectFrom('class_group_settings as s')
      .innerJoin('class_members as m', 'm.class_id', 's.class_id')
      .innerJoin('classes as c', 'c.id', 's.class_id')
      .select(['c.id', 'c.name'])
      .where('m.user_id', '=', userId)
      .where('m.membership', '=', 'learner')
      .orderBy('c.name')
      .execute();
  }

  async learnersCreate(classId: string): Promise<boolean> {
    const row = await this._db
      .selectFrom('class_group_settings')
      .select('class_id')
      .where('class_id', '=', classId)
      .executeTakeFirst();
    return !!row;
  }

  async setLearnersCreate(
    classId: string,
    on: boolean,
    at: string
  ): Promise<void> {
    await this._db
      .deleteFrom('class_group_settings')
      .where('class_id', '=', classId)
      .execute();
    if (on) {
      await this._db
        .insertInto('class_group_settings')
        .values({ class_id: classId, learners_create_at: at })
        .execute();
    }
  }

  private _select() {
    return this._db
      .selectFrom('group_workspaces as g')
      .innerJoin('users as u', 'u.id', 'g.account_id')
      .select([
        'g.id',
        'g.class_id',
        'g.account_id',
        'u.name as account_name',
        'g.name',
        'g.created_by',
        'g.created_at',
        'g.deleted_at'
      ]);
  }
}

namespace Private {
  export function toRow(row: {
    id: string;
    class_id: string;
    account_id: string;
    account_name: string;
    name: string;
    created_by: string;
    created_at: string;
    deleted_at: string | null;
  }): IGroupRow {
    return {
      id: row.id,
      classId: row.class_id,
      accountId: row.account_id,
      accountName: row.account_name,
      name: row.name,
      createdBy: row.created_by,
      createdAt: row.created_at,
      deletedAt: row.deleted_at
    };
  }
}
