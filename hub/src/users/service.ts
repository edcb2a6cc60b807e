import { randomUUID } from 'crypto';

import { Throttle, waitMessage } from '../auth/rateLimit';
import { DomainError, trans } from '../errors';
import type { Language } from '../i18n/language';
import { hasControlCharacters } from '../util/text';
import { isValidUserName, Role, ROLES } from './names';
import { hashPassword, verifyPassword } from './passwords';
import { IUserFilter, IUserRecord, UserStore } from './store';

/**
 * A user as the rest of the hub sees it (no password hash).
 */
export interface IUser {
  id: string;
  name: string;
  displayName: string;
  roles: Role[];
  /**
   * The language the user chose for the hub's pages and JupyterLab; absent until they
   * choose (their browser's `Accept-Language` decides, French by default).
   */
  language?: Language;
  /** When an administrator deactivated the account; absent while it is active. */
  deactivatedAt?: string;
  /**
   * Set only by the origin gate, on a group workspace's origin: the caller is the
   * group's account, with a learner's rights on its assignments
   * (`GROUP_WORKSPACE_SCOPES`). Never stored: nobody logs in as that account.
   */
  groupWorkspace?: true;
}

/**
 * The refusal of every way in (password, SSO, class code) to a deactivated account.
 */
export function deactivatedAccount(): DomainError {
  return new DomainError(
    'account_deactivated',
    trans.__(
      'This account has been deactivated: ask your establishment’s administrator.'
    )
  );
}

/**
 * Options of the throttling of password logins, per (account name, address).
 */
export interface ILoginThrottleOptions {
  /** Wrong passwords for one name from one address before it must wait. */
  maxFailures: number;
  /** The longest wait, in minutes (the first is a second, then it doubles). */
  lockMinutes: number;
}

/**
 * Users: creation with validated names and roles, and password authentication with
 * growing delays after repeated failures for one name from one address.
 */
export class UserService {
  constructor(
    private readonly _store: UserStore,
    throttle: ILoginThrottleOptions,
    private readonly _now: () => Date = () => new Date()
  ) {
    this._throttle = new Throttle({
      freeFailures: throttle.maxFailures,
      firstDelayMs: 1000,
      maxDelayMs: throttle.lockMinutes * 60_000
    });
  }

  /**
   * Create a user.
   *
   * @throws {DomainError} 400 for a bad name, display name, role or password; 409 if taken.
   */
  async create(options: {
    name: string;
    displayName: string;
    roles: readonly string[];
    password?: string;
    /** OneRoster `sourcedId` of an imported user. */
    sourceId?: string | null;
  }): Promise<IUser> {
    const { name, displayName, roles } = options;
    if (!isValidUserName(name)) {
      throw new DomainError(
        'invalid_name',
        trans.__(
          'Invalid user name: lowercase letters, digits, “.”, “-” and “_”, 64 characters at most.'
        )
      );
    }
    Private.checkDisplayName(displayName);
    Private.checkRoles(roles);
    if (options.password !== undefined && options.password.length < 8) {
      throw new DomainError(
        'weak_password',
        trans.__('The password must have at least 8 characters.')
      );
    }
    const taken = () =>
      new DomainError(
        'name_taken',
        trans.__('This user name is already taken.')
      );
    if (await this._store.findByName(name)) {
      throw taken();
    }
    const user = {
      id: randomUUID(),
      name,
      displayName: displayName.trim(),
      passwordHash: options.password
        ? await hashPassword(options.password)
        : null,
      sourceId: options.sourceId ?? null
    };
    const uniqueRoles = [...new Set(roles)] as Role[];
    // The check above cannot see a concurrent insert of the same name.
    if (
      !(await this._store.insert(user, uniqueRoles, this._now().toISOString()))
    ) {
      throw taken();
    }
    return {
      id: user.id,
      name,
      displayName: user.displayName,
      roles: uniqueRoles
    };
  }

  /**
   * Check a user name and password typed from `address` (the client's IP address).
   *
   * An unknown user and a wrong password get the same answer (401) in about the same
   * time (a dummy hash is checked), so that the login form does not reveal who has an
   * account. After `maxFailures` failures for one name from one address, that pair
   * waits a second, then twice as long after each further failure (429, the same for
   * a name that has no account): never a lock-out, which anyone could set off to keep
   * an account's owner out, and another address is not slowed down.
   *
   * @throws {DomainError} 401 `invalid_credentials`, 429 `login_throttled`.
   */
  async authenticate(
    name: string,
    password: string,
    address: string
  ): Promise<IUser> {
    const key = `${address}\n${name.slice(0, 100)}`;
    const wait = this._throttle.wait(key);
    if (wait > 0) {
      throw new DomainError(
        'login_throttled',
        trans.__(
          'Too many failures for this login from this device: try again in %1.',
          waitMessage(wait)
        )
      );
    }
    const record = isValidUserName(name)
      ? await this._store.findByName(name)
      : null;
    // Without an account (or a password), spend the same time as a real check.
    const right = await verifyPassword(
      password,
      record?.passwordHash ?? Private.DUMMY_HASH
    );
    if (!record?.passwordHash || !right) {
      this._throttle.fail(key);
      throw new DomainError(
        'invalid_credentials',
        trans.__('Wrong login or password.')
      );
    }
    this._throttle.clear(key);
    // Only once the password is right: a deactivated account is not revealed to guesses.
    if (record.deactivatedAt) {
      throw deactivatedAccount();
    }
    return Private.toUser(record);
  }

  /**
   * Whether a user has a password (the class codes module asks: a code logs in only
   * accounts without one).
   */
  async hasPassword(id: string): Promise<boolean> {
    return Boolean((await this._store.findById(id))?.passwordHash);
  }

  /**
   * A user by id, or null.
   */
  async get(id: string): Promise<IUser | null> {
    const record = await this._store.findById(id);
    return record ? Private.toUser(record) : null;
  }

  /**
   * The user imported with this OneRoster `sourcedId`, or null.
   */
  async getBySourceId(sourceId: string): Promise<IUser | null> {
    const record = await this._store.findBySourceId(sourceId);
    return record ? Private.toUser(record) : null;
  }

  /**
   * A user by name, or null.
   */
  async getByName(name: string): Promise<IUser | null> {
    const record = isValidUserName(name)
      ? await this._store.findByName(name)
      : null;
    return record ? Private.toUser(record) : null;
  }

  /**
   * Set the language a user chose (null: let their browser decide again).
   *
   * @throws {DomainError} 404 for an unknown user.
   */
  async setLanguage(id: string, language: Language | null): Promise<void> {
    if (!(await this._store.setLanguage(id, language))) {
      throw new DomainError('unknown_user', trans.__('Unknown user.'));
    }
  }

  /**
   * Set a user's password.
   */
  async setPassword(name: string, password: string): Promise<void> {
    if (password.length < 8) {
      throw new DomainError(
        'weak_password',
        trans.__('The password must have at least 8 characters.')
      );
    }
    const record = await this._store.findByName(name);
    if (!record) {
      throw new DomainError('unknown_user', trans.__('Unknown user.'));
    }
    await this._store.setPasswordHash(record.id, await hashPassword(password));
  }

  /**
   * Set a user's password from its hash (a reset code's use, in its transaction).
   */
  async setPasswordHashOf(id: string, passwordHash: string): Promise<void> {
    await this._store.setPasswordHash(id, passwordHash);
  }

  /**
   * Every person, by name (the admin page, the dashboards): not the accounts group
   * workspaces' servers run as (`users/people.ts`).
   */
  async all(): Promise<IUser[]> {
    return (await this._store.all()).map(Private.toUser);
  }

  /**
   * One page of the people `filter` keeps (group accounts aside), in identifier order,
   * and how many it keeps (lists that must not read every account: the admin page,
   * enrolment searches).
   */
  async page(filter: IUserFilter): Promise<{ users: IUser[]; total: number }> {
    const { records, total } = await this._store.page(filter);
    return { users: records.map(Private.toUser), total };
  }

  /**
   * How many people have an account (group accounts aside).
   */
  count(): Promise<number> {
    return this._store.count();
  }

  /**
   * What an identity provider says about a user, at each of their logins: their display
   * name, and the roles its claims grant now. Those become the user's `sso` roles (the
   * ones the claims no longer grant are removed); roles granted locally stay, whatever
   * the claims say.
   *
   * @returns the user as they now are.
   * @throws {DomainError} 400 for a bad display name or role; 404 for an unknown user.
   */
  async updateFromProvider(
    id: string,
    update: { displayName: string; roles: readonly string[] }
  ): Promise<IUser> {
    Private.checkDisplayName(update.displayName);
    Private.checkRoles(update.roles);
    const updated = await this._store.updateFromProvider(
      id,
      update.displayName.trim(),
      [...new Set(update.roles)] as Role[]
    );
    if (!updated) {
      throw new DomainError('unknown_user', trans.__('Unknown user.'));
    }
    return Private.toUser(updated);
  }

  /**
   * Grant a role locally (the command line, an administrator): it stays until removed
   * locally, whatever an identity provider's claims say at later logins.
   *
   * @throws {DomainError} 400 for an unknown role; 404 for an unknown user.
   */
  async grantRole(name: string, role: string): Promise<IUser> {
    Private.checkRoles([role]);
    const record = isValidUserName(name)
      ? await this._store.findByName(name)
      : null;
    if (!record) {
      throw new DomainError('unknown_user', trans.__('Unknown user.'));
    }
    await this._store.grantLocalRole(record.id, role as Role);
    return Private.toUser((await this._store.findById(record.id))!);
  }

  private readonly _throttle: Throttle;
}

namespace Private {
  // A valid hash of a random password, checked when the user does not exist.
  export const DUMMY_HASH =
    'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

  /**
   * @throws {DomainError} 400 unless the display name has text, no control character and
   * at most 200 characters.
   */
  export function checkDisplayName(displayName: string): void {
    if (
      !displayName.trim() ||
      hasControlCharacters(displayName) ||
      displayName.length > 200
    ) {
      throw new DomainError(
        'invalid_display_name',
        trans.__('Invalid display name.')
      );
    }
  }

  /**
   * @throws {DomainError} 400 for a role the hub does not know.
   */
  export function checkRoles(roles: readonly string[]): void {
    const unknown = roles.filter(role => !ROLES.includes(role as Role));
    if (unknown.length) {
      throw new DomainError(
        'invalid_role',
        trans.__('Unknown role: %1.', unknown.join(', '))
      );
    }
  }

  export function toUser(record: IUserRecord): IUser {
    return {
      id: record.id,
      name: record.name,
      displayName: record.displayName,
      roles: record.roles,
      ...(record.language ? { language: record.language } : {}),
      ...(record.deactivatedAt ? { deactivatedAt: record.deactivatedAt } : {})
    };
  }
}
