import { randomBytes, randomUUID } from 'crypto';
import { Kysely } from 'kysely';

import { AuditLog } from '../audit';
import { IDatabase } from '../db/schema';
import { DomainError, trans } from '../errors';
import { IEventPublisher } from '../events/kinds';
import { Policy } from '../policy';
import { hasControlCharacters } from '../util/text';
import { IUser, UserService } from '../users/service';
import { GroupEntryIndex } from './access';
import { GroupStore, IGroupRow } from './store';

/** The longest name of a group workspace. */
export const GROUP_NAME_MAX = 60;

/** The most members of one group workspace. */
export const GROUP_MEMBERS_MAX = 30;

/**
 * A group workspace as the API and the pages show it.
 */
export interface IGroupWorkspace {
  id: string;
  classId: string;
  className: string;
  name: string;
  /** Where its server is served: `/user/<serverName>/`. */
  serverName: string;
  members: { name: string; displayName: string }[];
  /** Whether the caller may change its members or delete it (the class's teachers). */
  manages: boolean;
}

/**
 * The group workspace an account runs the server of, as the administration names it.
 */
export interface IGroupAccount {
  /** The workspace's id. */
  id: string;
  /** The workspace's name. */
  name: string;
  classId: string;
  className: string;
}

/**
 * What the service needs.
 */
export interface IGroupServiceDeps {
  db: Kysely<IDatabase>;
  users: UserService;
  /** The users service on a transaction (the group's account is made in it). */
  usersOn: (db: Kysely<IDatabase>) => UserService;
  /** A class's name and its members' memberships. */
  classes: {
    get(id: string): Promise<{ id: string; name: string } | null>;
    members(classId: string): Promise<{ userId: string; membership: string }[]>;
  };
  policy: Pick<Policy, 'allows'>;
  audit: AuditLog;
  events?: IEventPublisher;
  index: GroupEntryIndex;
  /** Stops a deleted workspace's server. */
  stopServer: (accountId: string) => Promise<void>;
  now?: () => Date;
}

/**
 * Group workspaces: the rules every way in (API, class page, demo) goes through.
 *
 * A workspace belongs to a class. Its class's teachers (and whoever may change the
 * class: administrators) create it, choose its members among the class's learners,
 * change them and delete it; a learner of the class creates one where the class allows
 * it (`class_group_settings`), and is then one of its members. Deleting keeps the
 * group's home and its files (archived on the hub: nothing a pupil wrote is lost); only
 * its server stops and nobody enters it any more.
 */
export class GroupService {
  constructor(private readonly _deps: IGroupServiceDeps) {
    this._store = new GroupStore(_deps.db);
  }

  /** Rebuild the entry rule's index from the database. */
  async reindex(): Promise<void> {
    this._deps.index.load(await this._store.entries());
  }

  /**
   * Create a workspace in a class for `memberNames` (learners of the class).
   *
   * @throws {DomainError} 400 `invalid_group_name`, `invalid_group_members`; 403
   *   `group_creation_closed` (a pupil, where the class does not allow it), 404 for a
   *   class the caller is not in; 409 `group_name_taken`.
   */
  async create(
    caller: IUser,
    classId: string,
    input: { name: string; memberNames: readonly string[] }
  ): Promise<IGroupWorkspace> {
    const klass = await this._class(classId);
    const manages = await this._manages(caller, classId);
    if (!manages) {
      const membership = await this._membership(classId, caller.id);
      if (membership !== 'learner') {
        throw Private.unknownClass();
      }
      if (!(await this._store.learnersCreate(classId))) {
        throw new DomainError(
          'group_creation_closed',
          trans.__(
            'Only the teachers of this class create group workspaces: ask yours.'
          )
        );
      }
    }
    const name = Private.checkName(input.name);
    const names = manages
      ? input.memberNames
      : [...new Set([caller.name, ...input.memberNames])];
    const members = await this._learners(classId, names);
    if (await this._store.nameTaken(classId, name)) {
      throw Private.nameTaken(name);
    }
    const now = this._now().toISOString();
    const id = randomUUID();
    await this._store.transaction(async store => {
      // The account the group's server runs as: no role, no password, no identity.
      const account = await this._deps.usersOn(store.db).create({
        name: `groupe-${randomBytes(5).toString('hex')}`,
        displayName: name,
        roles: []
      });
      await store.insert(
        {
          id,
          classId,
          accountId: account.id,
          accountName: account.name,
          name,
          createdBy: caller.id,
          createdAt: now,
          deletedAt: null
        },
        members.map(member => member.id)
      );
      await this._deps.audit.on(store.db).record({
        actorId: caller.id,
        action: 'group.create',
        targetId: id,
        details: { members: members.length }
      });
    });
    await this.reindex();
    await this._invite(
      members.filter(member => member.id !== caller.id),
      caller,
      { id, name },
      klass.name
    );
    return this._shown((await this._store.get(id))!, caller);
  }

  /**
   * Change a workspace's members (the class's teachers). Those added are told.
   *
   * @throws {DomainError} 400 `invalid_group_members`; 404 for a workspace the caller
   *   does not manage.
   */
  async setMembers(
    caller: IUser,
    groupId: string,
    memberNames: readonly string[]
  ): Promise<IGroupWorkspace> {
    const group = await this._managed(caller, groupId);
    const members = await this._learners(group.classId, memberNames);
    const before = new Set(await this._store.memberIds(groupId));
    await this._store.transaction(async store => {
      await store.setMembers(
        groupId,
        members.map(member => member.id)
      );
      await this._deps.audit.on(store.db).record({
        actorId: caller.id,
        action: 'group.members',
        targetId: groupId,
        details: { members: members.length }
      });
    });
    await this.reindex();
    const klass = await this._class(group.classId);
    await this._invite(
      members.filter(member => !before.has(member.id)),
      caller,
      group,
      klass.name
    );
    return this._shown(group, caller);
  }

  /**
   * Delete a workspace (the class's teachers): its server stops, nobody enters it any
   * more; its home and files are kept on the hub (archived).
   *
   * @throws {DomainError} 404 for a workspace the caller does not manage.
   */
  async remove(caller: IUser, groupId: string): Promise<void> {
    const group = await this._managed(caller, groupId);
    await this._store.transaction(async store => {
      await store.markDeleted(groupId, this._now().toISOString());
      await this._deps.audit.on(store.db).record({
        actorId: caller.id,
        action: 'group.delete',
        targetId: groupId
      });
    });
    await this.reindex();
    await this._deps.stopServer(group.accountId);
  }

  /** A live workspace the caller may enter (a member, a teacher of its class), or 404. */
  async reachable(caller: IUser, groupId: string): Promise<IGroupWorkspace> {
    const group = await this._store.get(groupId);
    if (!group || group.deletedAt) {
      throw Private.unknownGroup();
    }
    const members = await this._store.memberIds(groupId);
    const teaches =
      (await this._membership(group.classId, caller.id)) === 'teacher';
    if (!members.includes(caller.id) && !teaches) {
      throw Private.unknownGroup();
    }
    return this._shown(group, caller);
  }

  /** The class of a live workspace, or null. */
  async classOf(groupId: string): Promise<string | null> {
    const group = await this._store.get(groupId);
    return group && !group.deletedAt ? group.classId : null;
  }

  /** The account a workspace's server runs as. */
  async account(groupId: string): Promise<IUser> {
    const group = await this._store.get(groupId);
    const account = group && (await this._deps.users.get(group.accountId));
    if (!account) {
      throw Private.unknownGroup();
    }
    return account;
  }

  /**
   * What these accounts stand for, for those that are group workspaces' (deleted ones
   * included: their server may still be stopping): the workspace's and its class's
   * names, by account id. The administration names a group's server with them.
   */
  async ofAccounts(
    accountIds: readonly string[]
  ): Promise<Map<string, IGroupAccount>> {
    return this._named(await this._store.byAccounts(accountIds), 'accountId');
  }

  /**
   * The workspaces of these ids, deleted ones included, by id: the administration's
   * log names the workspace its `group.*` actions were done to.
   */
  async named(
    groupIds: readonly string[]
  ): Promise<Map<string, IGroupAccount>> {
    return this._named(await this._store.byIds(groupIds), 'id');
  }

  private async _named(
    groups: IGroupRow[],
    key: 'id' | 'accountId'
  ): Promise<Map<string, IGroupAccount>> {
    const shown = await Promise.all(
      groups.map(async group => {
        const klass = await this._deps.classes.get(group.classId);
        return [
          group[key],
          {
            id: group.id,
            name: group.name,
            classId: group.classId,
            className: klass?.name ?? ''
          }
        ] as const;
      })
    );
    return new Map(shown);
  }

  /**
   * The live workspace run by this account, with its members' ids, or null (not a
   * group's account, or a deleted workspace's).
   */
  async workspaceOfAccount(
    accountId: string
  ): Promise<{ id: string; classId: string; memberIds: string[] } | null> {
    const [group] = await this._store.byAccounts([accountId]);
    if (!group || group.deletedAt) {
      return null;
    }
    return {
      id: group.id,
      classId: group.classId,
      memberIds: await this._store.memberIds(group.id)
    };
  }

  /** The live workspaces a user is a member of or teaches the class of. */
  async mine(user: IUser): Promise<IGroupWorkspace[]> {
    const groups = await this._store.reachedBy(user.id);
    return Promise.all(groups.map(group => this._shown(group, user)));
  }

  /** The live workspaces of a class (its page). */
  async ofClass(classId: string, caller: IUser): Promise<IGroupWorkspace[]> {
    const groups = await this._store.ofClass(classId);
    return Promise.all(groups.map(group => this._shown(group, caller)));
  }

  /** The classes where `user`, a learner, may create workspaces themselves. */
  async creatableBy(user: IUser): Promise<{ id: string; name: string }[]> {
    return this._store.creatableBy(user.id);
  }

  /** Whether the class's pupils may create workspaces themselves (off by default). */
  learnersCreate(classId: string): Promise<boolean> {
    return this._store.learnersCreate(classId);
  }

  /** Let the class's pupils create workspaces, or not (the right is checked before). */
  setLearnersCreate(classId: string, on: boolean): Promise<void> {
    return this._store.setLearnersCreate(
      classId,
      on,
      this._now().toISOString()
    );
  }

  /** Whether `caller` may manage the workspaces of a class. */
  private async _manages(caller: IUser, classId: string): Promise<boolean> {
    return this._deps.policy.allows(caller, 'classes:write', { classId });
  }

  private async _managed(caller: IUser, groupId: string): Promise<IGroupRow> {
    const group = await this._store.get(groupId);
    if (
      !group ||
      group.deletedAt ||
      !(await this._manages(caller, group.classId))
    ) {
      throw Private.unknownGroup();
    }
    return group;
  }

  private async _class(classId: string): Promise<{ id: string; name: string }> {
    const klass = await this._deps.classes.get(classId);
    if (!klass) {
      throw Private.unknownClass();
    }
    return klass;
  }

  private async _membership(
    classId: string,
    userId: string
  ): Promise<string | null> {
    const members = await this._deps.classes.members(classId);
    return members.find(member => member.userId === userId)?.membership ?? null;
  }

  /** The users named, each a learner of the class; else 400, nothing changed. */
  private async _learners(
    classId: string,
    names: readonly string[]
  ): Promise<IUser[]> {
    const unique = [...new Set(names.map(name => name.trim()))];
    if (!unique.length || unique.length > GROUP_MEMBERS_MAX) {
      throw new DomainError(
        'invalid_group_members',
        trans.__(
          'Choose between 1 and %1 pupils of the class for the group.',
          String(GROUP_MEMBERS_MAX)
        )
      );
    }
    const learners = new Set(
      (await this._deps.classes.members(classId))
        .filter(member => member.membership === 'learner')
        .map(member => member.userId)
    );
    const users: IUser[] = [];
    for (const name of unique) {
      const user = name ? await this._deps.users.getByName(name) : null;
      if (!user || !learners.has(user.id)) {
        throw new DomainError(
          'invalid_group_members',
          trans.__('« %1 » is not a pupil of this class.', name)
        );
      }
      users.push(user);
    }
    return users;
  }

  private async _invite(
    invited: readonly IUser[],
    by: IUser,
    group: { id: string; name: string },
    className: string
  ): Promise<void> {
    if (!invited.length || !this._deps.events) {
      return;
    }
    await this._deps.events.publish(
      invited.map(user => user.id),
      {
        kind: 'group.invitation',
        data: {
          groupId: group.id,
          groupName: group.name,
          className,
          invitedByDisplayName: by.displayName
        }
      }
    );
  }

  private async _shown(
    group: IGroupRow,
    caller: IUser
  ): Promise<IGroupWorkspace> {
    const ids = await this._store.memberIds(group.id);
    const members = (await Promise.all(ids.map(id => this._deps.users.get(id))))
      .filter((user): user is IUser => user !== null)
      .map(user => ({ name: user.name, displayName: user.displayName }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'));
    const klass = await this._deps.classes.get(group.classId);
    return {
      id: group.id,
      classId: group.classId,
      className: klass?.name ?? '',
      name: group.name,
      serverName: group.accountName,
      members,
      manages: await this._manages(caller, group.classId)
    };
  }

  private _now(): Date {
    return (this._deps.now ?? (() => new Date()))();
  }

  private readonly _store: GroupStore;
}

namespace Private {
  export function checkName(value: string): string {
    const name = value.trim();
    if (!name || name.length > GROUP_NAME_MAX || hasControlCharacters(name)) {
      throw new DomainError(
        'invalid_group_name',
        trans.__(
          'Give the group a name of 1 to %1 characters.',
          String(GROUP_NAME_MAX)
        )
      );
    }
    return name;
  }

  export function nameTaken(name: string): DomainError {
    return new DomainError(
      'group_name_taken',
      trans.__('This class already has a group named « %1 ».', name)
    );
  }

  export function unknownGroup(): DomainError {
    return new DomainError(
      'not_found',
      trans.__('This group workspace does not exist or is not yours.')
    );
  }

  export function unknownClass(): DomainError {
    return new DomainError('not_found', trans.__('Unknown class.'));
  }
}
