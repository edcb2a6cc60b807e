import { createHash, randomBytes } from 'crypto';
import { Kysely } from 'kysely';

import { AuditLog } from '../audit';
import { SessionService } from '../auth/sessions';
import { IDatabase } from '../db/schema';
import { DomainError, trans } from '../errors';
import { attachUser } from '../establishments/membership';
import { mayGrant, rankOf } from '../policy/ranks';
import { IUserListEntry, IUserListQuery, UserAdminStore } from './adminStore';
import { isValidUserName, Role, ROLES } from './names';
import { hashPassword } from './passwords';
import { IUser, UserService } from './service';

/**
 * The administrator acting (their roles decide which roles they may grant).
 */
export interface IAdministrator {
  id: string;
  roles: readonly string[];
}

/**
 * A password reset code, as shown once to the administrator who issued it.
 */
export interface IIssuedReset {
  /** The code: shown once, stored only as its SHA-256. */
  code: string;
  expiresAt: string;
}

/**
 * A page of the administrators' list of users.
 */
export interface IUserListPage {
  users: IUserListEntry[];
  /** How many users the filters keep in all. */
  total: number;
  /** The name to ask `after` for the next page, or null on the last. */
  next: string | null;
  /** The name to ask `before` for the previous page, or null on the first. */
  previous: string | null;
}

/**
 * What the administration needs.
 */
export interface IUserAdministrationDeps {
  db: Kysely<IDatabase>;
  /** The user service on a connection (a transaction), configured as the hub's. */
  usersOn: (db: Kysely<IDatabase>) => UserService;
  sessions: SessionService;
  audit: AuditLog;
  /** Stop a user's server if it runs (the servers module). */
  stopServer: (userId: string) => Promise<void>;
  /** How long a reset code works, in hours. */
  resetHours?: number;
  now?: () => Date;
}

/** How long a reset code works unless told: two days, a weekend's Monday included. */
const RESET_HOURS = 48;

/**
 * The administration of users: create, deactivate and reactivate accounts, set roles,
 * issue one-time password reset codes. Every way in (pages, API) goes through here, so
 * that the rules hold everywhere: nobody grants a role above their own nor acts on an
 * account above them, nobody deactivates themself or changes their own roles, and every
 * action is written to the audit log in the same transaction as the action.
 *
 * The caller's right (`users:write`) is checked by the routes; the rules that depend
 * on whom it is done to are checked here.
 */
export class UserAdministration {
  constructor(private readonly _deps: IUserAdministrationDeps) {}

  /**
   * A page of users in name order (keyset paging).
   */
  async list(query: IUserListQuery): Promise<IUserListPage> {
    const store = new UserAdminStore(this._deps.db);
    const [{ entries, more }, total] = await Promise.all([
      store.page(query),
      store.count(query)
    ]);
    const backwards = query.before !== undefined;
    const first = entries[0]?.name;
    const last = entries[entries.length - 1]?.name;
    const anchored = query.after !== undefined || query.before !== undefined;
    return {
      users: entries,
      total,
      next: (backwards ? anchored : more) && last ? last : null,
      previous:
        (backwards ? more : query.after !== undefined) && first ? first : null
    };
  }

  /** When the user last used a hub session (ISO), or null. */
  async lastSeen(userId: string): Promise<string | null> {
    const seen = await new UserAdminStore(this._deps.db).lastSeen([userId]);
    return seen.get(userId) ?? null;
  }

  /**
   * A person's account by name, or null when no account has that name or when it is a
   * group workspace's (`groupe-<hex>`, see `users/people.ts`): such an account is not
   * administered as a user (nobody logs in as it, its roles and password mean nothing;
   * its workspace is managed from its class's page), so it is as unknown here as in the
   * lists, on the pages and the API alike.
   */
  async person(name: string): Promise<IUser | null> {
    const user = isValidUserName(name)
      ? await this._deps.usersOn(this._deps.db).getByName(name)
      : null;
    return user && (await new UserAdminStore(this._deps.db).isPerson(user.id))
      ? user
      : null;
  }

  /**
   * Create an account without a password (the administrator then issues a reset code,
   * which the user turns into their password), attached to an establishment when one
   * is given (whether the caller may create users there is the policy's question).
   *
   * @throws {DomainError} 400 for a bad name, display name or role; 403
   *   `role_above_own`; 404 `unknown_establishment`; 409 `name_taken`.
   */
  async create(
    caller: IAdministrator,
    options: {
      name: string;
      displayName: string;
      roles: readonly string[];
      establishmentId?: string;
    }
  ): Promise<IUser> {
    const { establishmentId, ...fields } = options;
    Private.checkRoles(fields.roles);
    Private.checkGrant(caller, fields.roles);
    if (
      establishmentId !== undefined &&
      !(await this._deps.db
        .selectFrom('establishments')
        .select('id')
        .where('id', '=', establishmentId)
        .executeTakeFirst())
    ) {
      throw new DomainError(
        'unknown_establishment',
        trans.__('Unknown school.')
      );
    }
    return this._deps.db.transaction().execute(async trx => {
      const user = await this._deps.usersOn(trx).create(fields);
      if (establishmentId !== undefined) {
        await attachUser(
          trx,
          user.id,
          establishmentId,
          this._now().toISOString()
        );
      }
      await this._deps.audit.on(trx).record({
        actorId: caller.id,
        action: 'user.create',
        targetId: user.id,
        details: {
          roles: [...user.roles].sort(),
          ...(establishmentId !== undefined && { attachedTo: establishmentId })
        }
      });
      return user;
    });
  }

  /**
   * Make `roles` the user's roles.
   *
   * @throws {DomainError} 400 `invalid_role`; 403 `role_above_own`; 404 `unknown_user`;
   *   409 `self_administration` for one's own account.
   */
  async setRoles(
    caller: IAdministrator,
    name: string,
    roles: readonly string[]
  ): Promise<IUser> {
    Private.checkRoles(roles);
    const target = await this._target(caller, name);
    const wanted = [...new Set(roles)].sort() as Role[];
    // Taking a role away is a grant too: both ends must be within the caller's rank.
    Private.checkGrant(caller, [...wanted, ...target.roles]);
    await this._deps.db.transaction().execute(async trx => {
      await new UserAdminStore(trx).setRoles(target.id, wanted);
      await this._deps.audit.on(trx).record({
        actorId: caller.id,
        action: 'user.roles',
        targetId: target.id,
        details: { roles: wanted, previousRoles: [...target.roles].sort() }
      });
    });
    // Open sessions keep the roles they were opened with in the proxy's cache.
    await this._deps.sessions.destroyAll(target.id);
    return (await this._deps.usersOn(this._deps.db).get(target.id))!;
  }

  /**
   * Deactivate an account: no login by any way, its sessions end, its server stops.
   *
   * @throws {DomainError} 403 `role_above_own`; 404 `unknown_user`; 409
   *   `self_administration`, `already_deactivated`.
   */
  async deactivate(caller: IAdministrator, name: string): Promise<void> {
    const target = await this._target(caller, name);
    if (target.deactivatedAt) {
      throw new DomainError(
        'already_deactivated',
        trans.__('This account is already deactivated.')
      );
    }
    await this._setActive(caller, target, false);
    await this._deps.sessions.destroyAll(target.id);
    await this._deps.stopServer(target.id);
  }

  /**
   * Reactivate an account (its password, codes and identities work again).
   *
   * @throws {DomainError} 403 `role_above_own`; 404 `unknown_user`; 409
   *   `self_administration`, `already_active`.
   */
  async reactivate(caller: IAdministrator, name: string): Promise<void> {
    const target = await this._target(caller, name);
    if (!target.deactivatedAt) {
      throw new DomainError(
        'already_active',
        trans.__('This account is already active.')
      );
    }
    await this._setActive(caller, target, true);
  }

  /**
   * Issue a one-time password reset code (replacing the user's unused ones). The code is
   * returned once and stored only as its SHA-256.
   *
   * @throws {DomainError} 403 `role_above_own`; 404 `unknown_user`; 409
   *   `self_administration`, `already_deactivated` (reactivate first).
   */
  async issueReset(
    caller: IAdministrator,
    name: string
  ): Promise<IIssuedReset> {
    const target = await this._target(caller, name);
    if (target.deactivatedAt) {
      throw new DomainError(
        'already_deactivated',
        trans.__('This account is deactivated: reactivate it first.')
      );
    }
    const code = Private.newCode();
    const now = this._now();
    const expiresAt = new Date(
      now.getTime() + (this._deps.resetHours ?? RESET_HOURS) * 3600_000
    ).toISOString();
    await this._deps.db.transaction().execute(async trx => {
      await new UserAdminStore(trx).putReset({
        codeHash: Private.hash(code),
        userId: target.id,
        createdBy: caller.id,
        createdAt: now.toISOString(),
        expiresAt
      });
      await this._deps.audit.on(trx).record({
        actorId: caller.id,
        action: 'user.password_reset',
        targetId: target.id,
        details: { expiresAt }
      });
    });
    return { code, expiresAt };
  }

  /**
   * The user a reset code is for, if it still works (the reset page greets them).
   *
   * @throws {DomainError} 400 `invalid_reset_code` for an unknown, used or expired code
   *   (the same answer for all three).
   */
  async checkReset(code: string): Promise<IUser> {
    const store = new UserAdminStore(this._deps.db);
    const reset = await store.findReset(Private.hash(code.trim()));
    const user = reset
      ? await this._deps.usersOn(this._deps.db).get(reset.userId)
      : null;
    if (
      !reset ||
      !user ||
      reset.usedAt ||
      reset.expiresAt <= this._now().toISOString() ||
      user.deactivatedAt
    ) {
      throw Private.invalidCode();
    }
    return user;
  }

  /**
   * Use a reset code: the user's password becomes `password`, the code stops working,
   * their open sessions end.
   *
   * @throws {DomainError} 400 `invalid_reset_code`, `weak_password`.
   */
  async redeemReset(code: string, password: string): Promise<IUser> {
    const user = await this.checkReset(code);
    if (password.length < 8) {
      throw new DomainError(
        'weak_password',
        trans.__('The password must have at least 8 characters.')
      );
    }
    const passwordHash = await hashPassword(password);
    await this._deps.db.transaction().execute(async trx => {
      // A concurrent use of the same code got there first: refuse, change nothing.
      if (
        !(await new UserAdminStore(trx).useReset(
          Private.hash(code.trim()),
          this._now().toISOString()
        ))
      ) {
        throw Private.invalidCode();
      }
      await this._deps.usersOn(trx).setPasswordHashOf(user.id, passwordHash);
    });
    await this._deps.sessions.destroyAll(user.id);
    return user;
  }

  private async _setActive(
    caller: IAdministrator,
    target: IUser,
    active: boolean
  ): Promise<void> {
    await this._deps.db.transaction().execute(async trx => {
      await new UserAdminStore(trx).setDeactivated(
        target.id,
        active ? null : this._now().toISOString()
      );
      await this._deps.audit.on(trx).record({
        actorId: caller.id,
        action: active ? 'user.reactivate' : 'user.deactivate',
        targetId: target.id
      });
    });
  }

  /**
   * The account an action is about, once the rules on whom allow it.
   */
  private async _target(caller: IAdministrator, name: string): Promise<IUser> {
    const target = await this.person(name);
    if (!target) {
      throw new DomainError('unknown_user', trans.__('Unknown user.'));
    }
    if (target.id === caller.id) {
      throw new DomainError(
        'self_administration',
        trans.__(
          'You cannot do this to your own account: ask another administrator.'
        )
      );
    }
    if (rankOf(target.roles) > rankOf(caller.roles)) {
      throw Private.aboveOwn();
    }
    return target;
  }

  private _now(): Date {
    return (this._deps.now ?? (() => new Date()))();
  }
}

namespace Private {
  /**
   * A code to type or to follow as a link: 24 characters of lower-case letters and
   * digits 2 to 7 (120 random bits: not to be guessed, even without a limit on tries).
   */
  export function newCode(): string {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
    return [...randomBytes(24)].map(byte => alphabet[byte % 32]).join('');
  }

  export function hash(code: string): string {
    return createHash('sha256').update(code).digest('hex');
  }

  export function invalidCode(): DomainError {
    return new DomainError(
      'invalid_reset_code',
      trans.__(
        'This reset code does not work: it is wrong, already used or expired. Ask your administrator for a new one.'
      )
    );
  }

  export function aboveOwn(): DomainError {
    return new DomainError(
      'role_above_own',
      trans.__(
        'You cannot grant a role above your own, nor act on an account above yours.'
      )
    );
  }

  /** @throws {DomainError} 400 for a role the hub does not know. */
  export function checkRoles(roles: readonly string[]): void {
    const unknown = roles.filter(role => !ROLES.includes(role as Role));
    if (unknown.length) {
      throw new DomainError(
        'invalid_role',
        trans.__('Unknown role: %1.', unknown.join(', '))
      );
    }
  }

  /** @throws {DomainError} 403 unless the caller may grant every role of `roles`. */
  export function checkGrant(
    caller: IAdministrator,
    roles: readonly string[]
  ): void {
    if (!mayGrant(caller.roles, roles)) {
      throw aboveOwn();
    }
  }
}
