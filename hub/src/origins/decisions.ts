import type { IncomingMessage } from 'http';

import { DomainError } from '../errors';

/**
 * What the origin gate decided for a request that it answers itself
 * (`gateAnswers.ts`), handed over with the request.
 */
export type GateDecision =
  /** Hub origin, `/user/<name>/…`: hand the server's origin over (or log in, start). */
  | { kind: 'enter-from-hub' }
  /** Server origin, `/candyce/enter?code=…`: take the code, set the server's cookie. */
  | { kind: 'redeem'; label: string }
  /** Server origin, no valid cookie for this server: enter it from the hub. */
  | { kind: 'server-login' }
  /** Server origin, a hub page: it is on the hub's origin. */
  | { kind: 'to-hub' }
  /** Refused as it is. */
  | { kind: 'refuse'; error: DomainError };

const DECISIONS = new WeakMap<IncomingMessage, GateDecision>();

export function decide(request: IncomingMessage, decision: GateDecision): void {
  DECISIONS.set(request, decision);
}

export function decisionOf(request: IncomingMessage): GateDecision | undefined {
  return DECISIONS.get(request);
}
