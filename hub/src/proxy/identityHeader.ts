import { IdentityKey } from '../identity/keys';
import { userColor } from '../servers/colors';
import { IServerHandle } from '../servers/types';
import { Role } from '../users/names';
import { IUser } from '../users/service';

/** An identity header, signed and kept for reuse. */
interface ISignedIdentity {
  key: string;
  header: string;
  renewAt: number;
}

/**
 * How long an identity header is valid, in seconds.
 */
const IDENTITY_LIFETIME_SECONDS = 60;

/**
 * The role shown to JupyterLab: the highest the user holds.
 */
const ROLE_ORDER: Role[] = [
  'admin',
  'inspector',
  'teacher',
  'author',
  'learner'
];

/**
 * Signs the identity header a user's server trusts: who calls it (the owner, or a
 * visitor of a shared server), under which name, role and colour, and whether only to
 * look. A header is valid 60 s; it is reused for half of that (signing it on every
 * request cost the proxy 8 % of its throughput), and signed again at once if the
 * user's name or role changed.
 */
export class IdentityHeaders {
  constructor(private readonly _key: IdentityKey) {}

  /**
   * The signed identity of `user` for the server `handle` runs.
   *
   * @param readOnly - a visitor who may only look (her server refuses her writes).
   */
  sign(user: IUser, handle: IServerHandle, readOnly: boolean): string {
    const identity = {
      name: user.name,
      displayName: user.displayName,
      role: ROLE_ORDER.find(r => user.roles.includes(r)) ?? 'learner',
      color: userColor(user.name),
      ...(readOnly ? { access: 'read' as const } : {})
    };
    const key = JSON.stringify(identity);
    const nowSeconds = Math.floor(Date.now() / 1000);
    // One per visitor of the server (its owner; a group's members).
    const byVisitor =
      this._signed.get(handle) ?? new Map<string, ISignedIdentity>();
    this._signed.set(handle, byVisitor);
    const signed = byVisitor.get(user.name);
    if (signed && signed.key === key && nowSeconds < signed.renewAt) {
      return signed.header;
    }
    const header = this._key.sign(
      identity,
      nowSeconds,
      IDENTITY_LIFETIME_SECONDS
    );
    byVisitor.set(user.name, {
      key,
      header,
      renewAt: nowSeconds + IDENTITY_LIFETIME_SECONDS / 2
    });
    return header;
  }

  /** The identity header last signed for each running server and visitor. */
  private readonly _signed = new WeakMap<
    IServerHandle,
    Map<string, ISignedIdentity>
  >();
}
