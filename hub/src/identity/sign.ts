/**
 * The identity header the proxy adds to every request it sends to a user server.
 *
 * The server (`candyce.identity.CandyceIdentityProvider`, Python) trusts nothing else:
 * this file and `python/candyce/identity.py` implement the same contract, v2. The hub
 * signs with its Ed25519 private key (see `keys.ts`); servers hold only the public key,
 * so nothing a server or its user's code can read lets it sign an identity.
 */
import { KeyObject, sign } from 'node:crypto';

/**
 * The header that carries the signed identity, on HTTP requests and WebSocket upgrades.
 */
export const IDENTITY_HEADER = 'X-Candyce-Identity';

/**
 * The roles a user server accepts in an identity.
 */
export type IdentityRole =
  'learner' | 'teacher' | 'author' | 'inspector' | 'admin';

/**
 * Who is calling a user server, as JupyterLab and jupyter-collaboration show it.
 */
export interface IIdentity {
  /** The hub user name: `^[a-z0-9][a-z0-9._-]{0,63}$`. */
  readonly name: string;
  /** The name shown to collaborators. */
  readonly displayName: string;
  /** The caller's role on the platform. */
  readonly role: IdentityRole;
  /** The collaboration colour, `#rrggbb`. */
  readonly color: string;
  /**
   * `read` for a visitor who may only look (a teacher helping read-only): the server
   * refuses her saves, executions and collaborative edits. Absent: the full rights.
   */
  readonly access?: 'read';
}

/**
 * The longest lifetime, in seconds, a user server accepts.
 */
export const MAX_LIFETIME_SECONDS = 300;

/**
 * Sign an identity for a user server.
 *
 * @param identity - the caller; the hub has already checked it may reach this server.
 * @param privateKey - the hub's Ed25519 private key (servers hold its public key).
 * @param nowSeconds - the issue time, in seconds since the epoch.
 * @param lifetimeSeconds - how long the header stays valid, 1 to 300 seconds.
 * @returns the header value, `v2.<payload>.<signature>`.
 * @throws RangeError when the key is not an Ed25519 private key or the times are not
 *   whole seconds in range: the server would refuse every request signed that way.
 */
export function signIdentity(
  identity: IIdentity,
  privateKey: KeyObject,
  nowSeconds: number = Math.floor(Date.now() / 1000),
  lifetimeSeconds = 60
): string {
  if (
    privateKey.type !== 'private' ||
    privateKey.asymmetricKeyType !== 'ed25519'
  ) {
    throw new RangeError('Identities are signed with an Ed25519 private key.');
  }
  if (!Number.isSafeInteger(nowSeconds)) {
    throw new RangeError('The issue time must be whole seconds.');
  }
  if (
    !Number.isInteger(lifetimeSeconds) ||
    lifetimeSeconds < 1 ||
    lifetimeSeconds > MAX_LIFETIME_SECONDS
  ) {
    throw new RangeError(
      `The lifetime must be 1 to ${MAX_LIFETIME_SECONDS} whole seconds.`
    );
  }
  // Fields listed one by one: whatever else the caller's object holds stays here.
  const claims = {
    name: identity.name,
    displayName: identity.displayName,
    role: identity.role,
    color: identity.color,
    ...(identity.access === 'read' ? { access: 'read' } : {}),
    iat: nowSeconds,
    exp: nowSeconds + lifetimeSeconds
  };
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString(
    'base64url'
  );
  const signed = `v2.${payload}`;
  const signature = sign(null, Buffer.from(signed, 'ascii'), privateKey);
  return `${signed}.${signature.toString('base64url')}`;
}
