import { randomBytes } from 'crypto';

/**
 * What the passport strategy keeps between the redirect to the provider and the
 * callback (state, nonce, PKCE verifier), under `req.session[<key>]`.
 */
export type FlowSession = Record<string, unknown>;

/**
 * Logins in progress, in memory, keyed by a random id that the browser holds in a
 * short-lived HttpOnly, SameSite=Lax cookie.
 *
 * Why a server-side map rather than the values in a cookie: the PKCE verifier and nonce
 * never leave the hub, there is no cookie-signing key to manage (and no fallback secret),
 * and each entry is taken once, so a replayed callback finds nothing. The price: a login
 * in progress does not survive a hub restart (the user clicks again), and several hub
 * instances would need sticky sessions. Entries expire after `ttlMs`; the map is bounded.
 */
export class FlowStore {
  private readonly _flows = new Map<
    string,
    { session: FlowSession; expires: number }
  >();

  constructor(
    readonly ttlMs = 10 * 60_000,
    private readonly _maxFlows = 10_000,
    private readonly _now: () => number = Date.now
  ) {}

  /** A new, empty flow and its id. */
  open(): { id: string; session: FlowSession } {
    this._sweep();
    const id = randomBytes(24).toString('base64url');
    const session: FlowSession = {};
    this._flows.set(id, { session, expires: this._now() + this.ttlMs });
    return { id, session };
  }

  /** Take a flow out (once): its session, or an empty one if unknown or expired. */
  take(id: string | undefined): FlowSession {
    const flow = id ? this._flows.get(id) : undefined;
    if (id) {
      this._flows.delete(id);
    }
    return flow && flow.expires > this._now() ? flow.session : {};
  }

  private _sweep(): void {
    const now = this._now();
    for (const [id, flow] of this._flows) {
      if (flow.expires <= now) {
        this._flows.delete(id);
      }
    }
    // Still full (a flood of unfinished logins): drop the oldest.
    while (this._flows.size >= this._maxFlows) {
      const oldest = this._flows.keys().next().value as string;
      this._flows.delete(oldest);
    }
  }
}
