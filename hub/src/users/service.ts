import { randomUUID } from 'crypto';

import { HttpError } from '../http/errors';
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
}

/**
 * Options of the account lock-out.
 */
export interface ILockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

/**
 * Users: creation with validated names and roles, and password authentication with
 * lock-out after repeated failures.
 */
export class UserService {
  constructor(
    private readonly _store: UserStore,
    private readonly _lockout: ILockoutPolicy,
    private readonly _now: () => Date = () => new Date()
  ) {}

  /**
   * Create a user.
   *
   * @throws {HttpError} 400 for a bad name, display name, role or password; 409 if taken.
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
      throw new HttpError(
        400,
        'invalid_name',
        'Nom d’utilisateur invalide : lettres minuscules, chiffres, « . », « - » et « _ », 64 caractères au plus.'
      );
    }
    Private.checkDisplayName(displayName);
    Private.checkRoles(roles);
    if (options.password !== undefined && options.password.length < 8) {
      throw new HttpError(
        400,
        'weak_password',
        'Le mot de passe doit compter au moins 8 caractères.'
      );
    }
    const taken = () =>
      new HttpError(409, 'name_taken', 'Ce nom d’utilisateur est déjà pris.');
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
   * Check a user name and password.
   *
   * The same answer (401) for an unknown user and a wrong password, so that the login
   * form does not reveal who has an account; 423 while the account is locked.
   */
  async authenticate(name: string, password: string): Promise<IUser> {
    const invalid = new HttpError(
      401,
      'invalid_credentials',
      'Identifiant ou mot de passe incorrect.'
    );
    const record = isValidUserName(name)
      ? await this._store.findByName(name)
      : null;
    if (!record || !record.passwordHash) {
      // Spend the same time as a real check.
      await verifyPassword(password, Private.DUMMY_HASH);
      throw invalid;
    }
    const now = this._now();
    if (record.lockedUntil && record.lockedUntil > now.toISOString()) {
      throw new HttpError(
        423,
        'account_locked',
        'Trop de tentatives : ce compte est bloqué quelques minutes. Réessayez plus tard.'
      );
    }
    if (!(await verifyPassword(password, record.passwordHash))) {
      const failures = record.failedLogins + 1;
      const lock =
        failures >= this._lockout.maxFailures
          ? new Date(
              now.getTime() + this._lockout.lockMinutes * 60_000
            ).toISOString()
          : null;
      await this._store.recordFailedLogin(record.id, lock ? 0 : failures, lock);
      throw invalid;
    }
    if (record.failedLogins || record.lockedUntil) {
      await this._store.clearFailedLogins(record.id);
    }
    return Private.toUser(record);
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
   * Set a user's password.
   */
  async setPassword(name: string, password: string): Promise<void> {
    if (password.length < 8) {
      throw new HttpError(
        400,
        'weak_password',
        'Le mot de passe doit compter au moins 8 caractères.'
      );
    }
    const record = await this._store.findByName(name);
    if (!record) {
      throw new HttpError(404, 'unknown_user', 'Utilisateur inconnu.');
    }
    await this._store.setPasswordHash(record.id, await hashPassword(password));
  }

  /**
   * Every user, by name (the admin page).
   */
  async all(): Promise<IUser[]> {
    return (await this._store.all()).map(Private.toUser);
  }

  /**
   * One page of the users `filter` keeps, in identifier order, and how many it keeps
   * (lists that must not read every account: the admin page, enrolment searches).
   */
  async page(filter: IUserFilter): Promise<{ users: IUser[]; total: number }> {
    const { records, total } = await this._store.page(filter);
    return { users: records.map(Private.toUser), total };
  }

  /**
   * How many users exist.
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
   * @throws {HttpError} 400 for a bad display name or role; 404 for an unknown user.
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
      throw new HttpError(404, 'unknown_user', 'Utilisateur inconnu.');
    }
    return Private.toUser(updated);
  }

  /**
   * Grant a role locally (the command line, an administrator): it stays until removed
   * locally, whatever an identity provider's claims say at later logins.
   *
   * @throws {HttpError} 400 for an unknown role; 404 for an unknown user.
   */
  async grantRole(name: string, role: string): Promise<IUser> {
    Private.checkRoles([role]);
    const record = isValidUserName(name)
      ? await this._store.findByName(name)
      : null;
    if (!record) {
      throw new HttpError(404, 'unknown_user', 'Utilisateur inconnu.');
    }
    await this._store.grantLocalRole(record.id, role as Role);
    return Private.toUser((await this._store.findById(record.id))!);
  }
}

namespace Private {
  // A valid hash of a random password, checked when the user does not exist.
  export const DUMMY_HASH =
    'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

  /**
   * @throws {HttpError} 400 unless the display name has text, no control character and
   * at most 200 characters.
   */
  export function checkDisplayName(displayName: string): void {
    if (
      !displayName.trim() ||
      hasControlCharacters(displayName) ||
      displayName.length > 200
    ) {
      throw new HttpError(400, 'invalid_display_name', 'Nom affiché invalide.');
    }
  }

  /**
   * @throws {HttpError} 400 for a role the hub does not know.
   */
  export function checkRoles(roles: readonly string[]): void {
    const unknown = roles.filter(role => !ROLES.includes(role as Role));
    if (unknown.length) {
      throw new HttpError(
        400,
        'invalid_role',
        `Rôle inconnu : ${unknown.join(', ')}.`
      );
    }
  }

  export function toUser(record: IUserRecord): IUser {
    return {
      id: record.id,
      name: record.name,
      displayName: record.displayName,
      roles: record.roles
    };
  }
}
