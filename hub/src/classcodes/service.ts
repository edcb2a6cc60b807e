import { randomBytes } from 'crypto';
import { Kysely } from 'kysely';

import { Throttle, waitMessage } from '../auth/rateLimit';
import { SessionService } from '../auth/sessions';
import { ClassService, IClass } from '../classes/service';
import { compareText } from '../db/portable';
import { IDatabase } from '../db/schema';
import { DomainError, trans } from '../errors';
import { deactivatedAccount, IUser, UserService } from '../users/service';
import { hasControlCharacters } from '../util/text';
import {
  CLASS_KEY_LENGTH,
  CODE_ALPHABET,
  CODE_LENGTH,
  codeHash,
  codeMatches,
  normalizeCode,
  randomCode,
  randomText,
  userNameFrom
} from './codes';
import { ClassCodeStore, IClassCodeRecord } from './store';

/**
 * At most this many pupils per generation.
 */
export const MAX_PUPILS = 60;

/**
 * A pupil's code as the teacher sees it: its status, never the code.
 */
export interface IPupilCodeStatus {
  name: string;
  displayName: string;
  status: 'none' | 'active' | 'expired' | 'revoked';
  expiresAt: string | null;
}

/**
 * A freshly made code: shown once (API answer, printable sheet), then only its hash
 * remains.
 */
export interface INewCode {
  name: string;
  displayName: string;
  code: string;
  expiresAt: string;
}

/**
 * Options of the class codes.
 */
export interface IClassCodeOptions {
  /** How many days a code stays valid. */
  days: number;
  /** Wrong codes on one class's page from one address before that address waits. */
  maxFailures: number;
  /** The longest wait, in minutes (the first is a second, then it doubles). */
  lockMinutes: number;
}

/**
 * Whether a user is linked to an identity at an OpenID Connect provider (the oidc
 * module's `identities` table answers).
 */
export type SsoIdentityLookup = (userId: string) => Promise<boolean>;

/**
 * Class codes (« codes de classe »): learner accounts without password or SSO, for
 * young pupils, each with a short personal code that logs them in only from the login
 * page of their class.
 *
 * Why a salted SHA-256 and not scrypt: the login page has a single « Code » field, so
 * the hub must compare the typed code with every code of the class; at ~50 ms per
 * scrypt hash that would cost seconds per attempt and make the page a denial-of-service
 * lever. And hashing cannot save a short code anyway: ~40 bits falls to offline
 * guessing whatever the hash, so the stored hash only keeps codes from being read in
 * clear from a database copy (which already holds everything else). What protects
 * codes is online: the per-address rate limit, the growing delays below, a code
 * valid on one class's page only, expiry and revocation.
 *
 * Wrong codes are counted per (class, address) in memory (reset by a hub restart, like
 * the rate limiter): after `maxFailures`, that address waits a second on that class's
 * page, then twice as long after each further wrong code, up to `lockMinutes`. Never a
 * lock of the whole page, which one address could set off to keep a class out. A
 * guesser then gets about 31^-8 × pupils chances per try, a try per `lockMinutes`.
 *
 * A code logs in only an account made for it: an account this service made for the
 * class (its code is of that class), with no role but learner, no password and no
 * identity at a provider, still a learner of the class. Making a code for any other
 * account is refused whoever asks, and a code whose account no longer qualifies logs
 * nobody in: else whoever may make codes (a teacher) could log in as anyone they can
 * enrol.
 */
export class ClassCodeService {
  private readonly _store: ClassCodeStore;

  constructor(
    db: Kysely<IDatabase>,
    private readonly _users: UserService,
    private readonly _classes: ClassService,
    private readonly _sessions: Pick<SessionService, 'destroyAll'>,
    private readonly _options: IClassCodeOptions,
    private readonly _hasSsoIdentity: SsoIdentityLookup,
    private readonly _now: () => Date = () => new Date()
  ) {
    this._store = new ClassCodeStore(db);
    this._throttle = new Throttle({
      freeFailures: _options.maxFailures,
      firstDelayMs: 1000,
      maxDelayMs: _options.lockMinutes * 60_000
    });
  }

  /**
   * Check the display names of pupils, before anything is written.
   *
   * @throws {DomainError} 400 `invalid_pupils`.
   */
  checkDisplayNames(names: readonly string[]): string[] {
    if (names.length < 1 || names.length > MAX_PUPILS) {
      throw new DomainError(
        'invalid_pupils',
        trans.__('Give between 1 and %1 pupils.', MAX_PUPILS)
      );
    }
    return names.map((raw, index) => {
      const name = raw.trim();
      if (!name || name.length > 100 || hasControlCharacters(raw)) {
        throw new DomainError(
          'invalid_pupils',
          trans.__(
            'Invalid name for pupil no. %1: 1 to 100 characters, no control character.',
            index + 1
          )
        );
      }
      return name;
    });
  }

  /**
   * Create a learner account enrolled in the class for each pupil, with a new code.
   *
   * @throws {DomainError} 400 for bad names, 404 for an unknown class.
   */
  async createPupils(
    classId: string,
    displayNames: readonly string[]
  ): Promise<{ class: IClass; pupils: INewCode[] }> {
    const names = this.checkDisplayNames(displayNames);
    const klass = await this._classes.getOr404(classId);
    const existing = await this._store.forClass(classId);
    const pupils: INewCode[] = [];
    const taken = new Set<string>();
    for (const displayName of names) {
      const name = await this._freeUserName(displayName, taken);
      taken.add(name);
      const user = await this._users.create({
        name,
        displayName,
        roles: ['learner']
      });
      await this._classes.addMember(classId, user, 'learner');
      pupils.push(await this._issue(classId, user, existing));
    }
    return { class: klass, pupils };
  }

  /**
   * A new code for a pupil of the class; the old one stops working and the pupil's
   * sessions end (the old card may be lost). Only for an account made for the class's
   * codes (see the class's documentation), whoever asks.
   *
   * @throws {DomainError} 404 `not_a_member` when the user is not a learner of the
   * class, `not_a_code_account` when their account was not made for its codes.
   */
  async regenerate(classId: string, userName: string): Promise<INewCode> {
    const user = await this._learnerOr404(classId, userName);
    const existing = await this._store.forClass(classId);
    if (
      !existing.some(record => record.userId === user.id) ||
      !(await this._madeForCodes(classId, user))
    ) {
      throw new DomainError(
        'not_a_code_account',
        trans.__(
          'This pupil does not sign in with a code of this class: their account has a password, a school account or other roles, or was created elsewhere.'
        )
      );
    }
    const code = await this._issue(classId, user, existing);
    await this._sessions.destroyAll(user.id);
    return code;
  }

  /**
   * Revoke a pupil's code and end their sessions (a lost card must not leave anyone
   * signed in).
   *
   * @throws {DomainError} 404 when the pupil has no active code in this class.
   */
  async revoke(classId: string, userName: string): Promise<void> {
    const user = await this._users.getByName(userName);
    if (
      !user ||
      !(await this._store.revoke(classId, user.id, this._now().toISOString()))
    ) {
      throw new DomainError(
        'no_code',
        trans.__('This pupil has no active code in this class.')
      );
    }
    await this._sessions.destroyAll(user.id);
  }

  /**
   * Change when a pupil's code expires (to prolong it, or end it early).
   *
   * @throws {DomainError} 404 when the pupil has no code in this class.
   */
  async setExpiry(
    classId: string,
    userName: string,
    expiresAt: Date
  ): Promise<void> {
    const user = await this._users.getByName(userName);
    if (
      !user ||
      !(await this._store.setExpiry(classId, user.id, expiresAt.toISOString()))
    ) {
      throw new DomainError(
        'no_code',
        trans.__('This pupil has no code in this class.')
      );
    }
  }

  /**
   * The short key of a class's login address (`/c/<key>`): made the first time it is
   * asked for, then always the same.
   */
  async classKey(classId: string): Promise<string> {
    // A key drawn twice, or two teachers asking at once: the insert does nothing and
    // the next turn reads whichever key won.
    for (let attempt = 0; attempt < 20; attempt++) {
      const key = await this._store.keyOf(classId);
      if (key) {
        return key;
      }
      await this._store.putKeyIfFree(
        classId,
        randomText(CLASS_KEY_LENGTH),
        this._now().toISOString()
      );
    }
    throw new Error(`no free short key for class ${classId}`);
  }

  /**
   * The class of a short key as typed or scanned (any case, spaces and dashes
   * ignored), or null.
   */
  async classOfKey(typed: string): Promise<IClass | null> {
    const key = normalizeCode(typed);
    if (
      key.length !== CLASS_KEY_LENGTH ||
      ![...key].every(c => CODE_ALPHABET.includes(c))
    ) {
      return null;
    }
    const classId = await this._store.classOfKey(key);
    return classId ? this._classes.get(classId) : null;
  }

  /**
   * The learners of a class and the status of their codes, by display name.
   */
  async list(classId: string): Promise<IPupilCodeStatus[]> {
    await this._classes.getOr404(classId);
    const codes = new Map(
      (await this._store.forClass(classId)).map(code => [code.userId, code])
    );
    const now = this._now().toISOString();
    const pupils: IPupilCodeStatus[] = [];
    for (const member of await this._classes.members(classId)) {
      if (member.membership !== 'learner') {
        continue;
      }
      const user = await this._users.get(member.userId);
      if (!user) {
        continue;
      }
      const code = codes.get(user.id);
      pupils.push({
        name: user.name,
        displayName: user.displayName,
        status: !code
          ? 'none'
          : code.revokedAt
            ? 'revoked'
            : code.expiresAt <= now
              ? 'expired'
              : 'active',
        expiresAt: code?.expiresAt ?? null
      });
    }
    // Two pupils may share a display name: then by user name, not the database's order.
    return pupils.sort(
      (a, b) =>
        a.displayName.localeCompare(b.displayName, 'fr') ||
        compareText(a.name, b.name)
    );
  }

  /**
   * The pupil a code logs in, on the login page of `classId` only, typed from
   * `address` (the client's IP address).
   *
   * A code of another class, an unknown code, a code of a pupil no longer in the
   * class and a code whose account no longer qualifies (a password, a provider's
   * identity or another role since) get the same answer; an expired or revoked code
   * says so.
   *
   * @throws {DomainError} 401 `invalid_code`, `expired_code`, `revoked_code`; 429
   * `code_throttled` while this address must wait on this class's page.
   */
  async authenticate(
    classId: string,
    typed: string,
    address: string
  ): Promise<IUser> {
    const now = this._now();
    const key = `${address}\n${classId}`;
    const wait = this._throttle.wait(key);
    if (wait > 0) {
      throw new DomainError(
        'code_throttled',
        trans.__(
          'Too many wrong codes from this device: try again in %1.',
          waitMessage(wait)
        )
      );
    }
    const code = normalizeCode(typed);
    const records =
      code.length === CODE_LENGTH ? await this._store.forClass(classId) : [];
    const match = records.find(record => codeMatches(record, code));
    if (match) {
      if (match.revokedAt) {
        throw new DomainError(
          'revoked_code',
          trans.__(
            'This code has been turned off: ask your teacher for a new card.'
          )
        );
      }
      if (match.expiresAt <= now.toISOString()) {
        throw new DomainError(
          'expired_code',
          trans.__('This code has expired: ask your teacher for a new card.')
        );
      }
      const user = await this._users.get(match.userId);
      if (user?.deactivatedAt) {
        throw deactivatedAccount();
      }
      if (user && (await this._madeForCodes(classId, user))) {
        return user;
      }
    }
    this._throttle.fail(key);
    throw new DomainError(
      'invalid_code',
      trans.__('This code does not work: check your card and type it again.')
    );
  }

  /**
   * Whether an account was made for a class code (a young pupil's): it gets the school
   * mode wherever she opens JupyterLab, not only from her card's address. An account
   * that has since got a password, an SSO identity or another role is no longer one.
   */
  async isCodeAccount(user: IUser): Promise<boolean> {
    const classId = await this._store.classOfUser(user.id);
    return classId !== null && (await this._madeForCodes(classId, user));
  }

  /**
   * Whether a user's account is one a code of the class may log in: no role but
   * learner, a learner of the class, no password, no provider's identity. (That the
   * account was made for this class is its code's class: the callers check it.)
   */
  private async _madeForCodes(classId: string, user: IUser): Promise<boolean> {
    return (
      user.roles.length === 1 &&
      user.roles[0] === 'learner' &&
      (await this._classes.membership(classId, user.id)) === 'learner' &&
      !(await this._users.hasPassword(user.id)) &&
      !(await this._hasSsoIdentity(user.id))
    );
  }

  private async _issue(
    classId: string,
    user: IUser,
    existing: IClassCodeRecord[]
  ): Promise<INewCode> {
    // Two pupils of a class never share a code (the login finds a pupil by code).
    let code = randomCode();
    while (existing.some(record => codeMatches(record, code))) {
      code = randomCode();
    }
    const now = this._now();
    const salt = randomBytes(16).toString('hex');
    const record: IClassCodeRecord = {
      userId: user.id,
      classId,
      salt,
      codeHash: codeHash(salt, code),
      createdAt: now.toISOString(),
      expiresAt: new Date(
        now.getTime() + this._options.days * 86_400_000
      ).toISOString(),
      revokedAt: null
    };
    await this._store.put(record);
    const kept = existing.filter(other => other.userId !== user.id);
    existing.splice(0, existing.length, ...kept, record);
    return {
      name: user.name,
      displayName: user.displayName,
      code,
      expiresAt: record.expiresAt
    };
  }

  private async _learnerOr404(
    classId: string,
    userName: string
  ): Promise<IUser> {
    const user = await this._users.getByName(userName);
    if (
      !user ||
      (await this._classes.membership(classId, user.id)) !== 'learner'
    ) {
      throw new DomainError(
        'not_a_member',
        trans.__('This user is not a pupil of this class.')
      );
    }
    return user;
  }

  private async _freeUserName(
    displayName: string,
    taken: Set<string>
  ): Promise<string> {
    const base = userNameFrom(displayName);
    for (let i = 1; ; i++) {
      const name = i === 1 ? base : `${base}${i}`;
      if (!taken.has(name) && !(await this._users.getByName(name))) {
        return name;
      }
    }
  }

  private readonly _throttle: Throttle;
}
