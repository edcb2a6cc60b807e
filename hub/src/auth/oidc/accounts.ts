import { DomainError, trans } from '../../errors';
import { IUser, UserService } from '../../users/service';
import {
  displayNameFromClaims,
  userNameCandidates,
  userNameFromClaims
} from './claims';
import { IRolePolicy, mapRoleClaims } from './presets';
import { IdentityStore } from './store';

/**
 * Where the accounts log what the administrator should know (a pino logger fits).
 */
export interface IOidcAccountsLog {
  warn(fields: object, message: string): void;
}

/**
 * Hub users behind OpenID Connect identities. The first login creates the user (name
 * from the claims); later logins find it again by (issuer, subject). At every login the
 * display name and the roles the claims grant are brought up to date: the provider is
 * the authority on who is a pupil or a teacher today. Roles granted locally (the
 * command line, an administrator) are kept apart (`granted_by = local`) and stay.
 */
export class OidcAccounts {
  constructor(
    private readonly _users: UserService,
    private readonly _identities: IdentityStore,
    private readonly _log: IOidcAccountsLog = { warn: () => undefined },
    private readonly _now: () => Date = () => new Date()
  ) {}

  /**
   * The user of an identity, created on its first login, with its display name and
   * `sso` roles as the claims give them now.
   *
   * @param issuer the ID token's `iss` (already verified).
   * @param claims the ID token's claims merged with userinfo's; `sub` is the subject.
   * @throws {DomainError} 401 when the claims have no subject.
   */
  async findOrCreate(
    issuer: string,
    claims: Record<string, unknown>,
    policy: IRolePolicy
  ): Promise<IUser> {
    const subject = claims.sub;
    if (typeof subject !== 'string' || !subject) {
      throw new DomainError(
        'oidc_no_subject',
        trans.__('The identity provider did not say who you are.')
      );
    }
    const { roles, ignored } = mapRoleClaims(claims, policy);
    if (ignored) {
      // Neither the values (a misconfigured claim could hold a name or an address) nor
      // anything that points at the user: a pupil must not be identifiable from logs.
      this._log.warn(
        { issuer, claim: policy.rolesClaim, ignored },
        'OpenID Connect role claim values unknown to roleMapping were ignored'
      );
    }
    const user =
      (await this._find(issuer, subject)) ??
      (await this._create(issuer, subject, claims));
    return this._users.updateFromProvider(user.id, {
      displayName: displayNameFromClaims(claims, user.name),
      roles
    });
  }

  /** The user already linked to the identity, or null. */
  private async _find(issuer: string, subject: string): Promise<IUser | null> {
    const known = await this._identities.findUserId(issuer, subject);
    return known ? this._users.get(known) : null;
  }

  /**
   * A new user for the identity, with a free name from the claims and no role yet (the
   * caller sets the `sso` ones).
   */
  private async _create(
    issuer: string,
    subject: string,
    claims: Record<string, unknown>
  ): Promise<IUser> {
    const base = userNameFromClaims(claims);
    for (const name of userNameCandidates(base)) {
      if (await this._users.getByName(name)) {
        continue;
      }
      let user: IUser;
      try {
        user = await this._users.create({
          name,
          displayName: displayNameFromClaims(claims, name),
          roles: []
        });
      } catch (error) {
        // Taken between the check and the insert by a concurrent login: next name.
        if (error instanceof DomainError && error.code === 'name_taken') {
          continue;
        }
        throw error;
      }
      await this._identities.link(
        issuer,
        subject,
        user.id,
        this._now().toISOString()
      );
      return user;
    }
    throw new Error('unreachable: user name candidates are endless');
  }
}
