/**
 * What the local spawner records of a server (its `state`) so that a later hub can take
 * it back: the keeper's identity and whether it is sandboxed (where it listens is the
 * server's `url`).
 */
import { IProcessIdentity } from './processes';
import { IRunningServer } from './types';

/**
 * The spawner's `state` of a server: what `LocalProcessSpawner.reattach` checks.
 */
export function toState(
  identity: IProcessIdentity,
  sandboxed: boolean
): IRunningServer['state'] {
  return {
    bootId: identity.bootId,
    startTicks: identity.startTicks,
    sandboxed
  };
}

/**
 * The identity and sandbox of a recorded server, or `null` if the state is not one
 * this spawner wrote.
 */
export function fromState(
  state: IRunningServer['state']
): { identity: IProcessIdentity; sandboxed: boolean } | null {
  const { bootId, startTicks, sandboxed } = state;
  if (
    typeof bootId !== 'string' ||
    typeof startTicks !== 'number' ||
    typeof sandboxed !== 'boolean'
  ) {
    return null;
  }
  return { identity: { bootId, startTicks }, sandboxed };
}
