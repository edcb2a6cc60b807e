import { HttpError } from '../../http/errors';
import { IUser, UserService } from '../../users/service';
import {
  displayNameFromClaims,
  userNameCandidates,
  userNameFromClaims
} from './claims';
import { IRolePolicy, rolesFromClaims } from './presets';
import { IdentityStore } from './store';

/**
 * Hub users behind OpenID Connect identities: the first login creates the user (name
 * and display name from the claims, roles from the provider's role policy), later
 * logins find it again by (issuer, subject).
 *
 * Roles are set at creation only: a later change at the provider does not change them
 * (no role-update API in the users module yet).
 */
export class OidcAccounts {
  constructor(
    private readonly _users: UserService,
    private readonly _identities: IdentityStore,
    private readonly _now: () => Date = () => new Date()
  ) {}

  /**
   * The user of an identity, created on its first login.
   *
   * @param issuer the ID token's `iss` (already verified).
   * @param claims the ID token's claims merged with userinfo's; `sub` is the subject.
   * @throws {HttpError} 401 when the claims have no subject.
   */
  async findOrCreate(
    issuer: string,
    claims: Record<string, unknown>,
    policy: IRolePolicy
  ): Promise<IUser> {
    const subject = claims.sub;
    if (typeof subject !== 'string' || !subject) {
      throw new HttpError(
        401,
        'oidc_no_subject',
        'Le fournisseur d’identité n’a pas indiqué qui vous êtes.'
      );
    }
    const known = await this._identities.findUserId(issuer, subject);
    if (known) {
      const user = await this._users.get(known);
      if (user) {
        return user;
      }
    }
    const base = userNameFromClaims(claims);
    const roles = rolesFromClaims(claims, policy);
    for (const name of userNameCandidates(base)) {
      if (await this._users.getByName(name)) {
        continue;
      }
      let user: IUser;
      try {
        user = await this._users.create({
          name,
          displayName: displayNameFromClaims(claims, name),
          roles
        });
      } catch (error) {
        // Taken between the check and the insert by a concurrent login: next name.
        if (error instanceof HttpError && error.code === 'name_taken') {
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
