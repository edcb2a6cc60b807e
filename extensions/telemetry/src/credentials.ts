import { levelOfConsent } from './consent';
import type { IActor } from './statements';

/** Where and as whom statements are sent. */
export interface ICredential {
  /** The LRS endpoint, ending with `/` (statements go to `<endpoint>statements`). */
  endpoint: string;
  /** The `Authorization` header (`Basic …`), or `null` for an LRS without one. */
  authorization: string | null;
  /** The actor of every statement (an account: never a name). */
  actor: IActor;
  /** What the user's consent allows. */
  level: 'essential' | 'full';
}

/** Gives the credential to send with. */
export interface ICredentialSource {
  /**
   * The credential, asked for if not known yet or if `refresh` (revoked by another
   * tab, consent changed).
   *
   * @returns `null` when none can be had now (offline): try again later.
   */
  get(refresh?: boolean): Promise<ICredential | null>;
}

/**
 * The hub's write-only credential for the user's pseudonymous actor
 * (`POST /hub/lrs/credential`), kept in memory only.
 */
export class HubCredentials implements ICredentialSource {
  /** @param ask - calls `POST /hub/lrs/credential` and resolves to its JSON answer. */
  constructor(private readonly _ask: () => Promise<unknown>) {}

  get(refresh = false): Promise<ICredential | null> {
    if (refresh || !this._pending) {
      this._pending = this._ask().then(parseHubCredential, reason => {
        console.warn('Candyce telemetry: no LRS credential', reason);
        // Asked again on the next attempt.
        this._pending = null;
        return null;
      });
    }
    return this._pending;
  }

  private _pending: Promise<ICredential | null> | null = null;
}

/**
 * The credential in an answer of `POST /hub/lrs/credential`
 * (`{ endpoint, key, secret, actor, consent: { optional } }`).
 *
 * @throws when the answer lacks one of them.
 */
export function parseHubCredential(answer: unknown): ICredential {
  const a = (answer ?? {}) as Record<string, unknown>;
  const actor = a.actor as IActor | undefined;
  if (
    typeof a.endpoint !== 'string' ||
    typeof a.key !== 'string' ||
    typeof a.secret !== 'string' ||
    typeof actor?.account?.homePage !== 'string' ||
    typeof actor.account.name !== 'string'
  ) {
    throw new Error('the hub answered an incomplete LRS credential');
  }
  return {
    endpoint: withSlash(a.endpoint),
    authorization: basic(a.key, a.secret),
    actor: { objectType: 'Agent', account: { ...actor.account } },
    level: levelOfConsent(answer)
  };
}

/** The LRS the deployment configured in the settings (JupyterLab without the hub). */
export class StaticCredentials implements ICredentialSource {
  constructor(private readonly _credential: ICredential) {}

  get(): Promise<ICredential | null> {
    return Promise.resolve(this._credential);
  }
}

/** `Basic base64(user:password)`, UTF-8 safe. */
export function basic(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  bytes.forEach(byte => (binary += String.fromCharCode(byte)));
  return `Basic ${btoa(binary)}`;
}

/** An endpoint with its trailing slash. */
export function withSlash(endpoint: string): string {
  return endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
}
