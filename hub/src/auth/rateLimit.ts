import { IMessage, trans } from '../errors';

/**
 * A fixed-window counter per key (an IP address): enough to slow down password and
 * code guessing from one place, whatever the names tried; the {@link Throttle} slows
 * down each (account, address). In memory, so it resets with the hub, which is
 * acceptable for a brake.
 */
export class RateLimiter {
  constructor(
    private readonly _limit: number,
    private readonly _windowMs: number,
    private readonly _now: () => number = Date.now
  ) {}

  /**
   * Count one attempt; false when the key has used up its window.
   */
  take(key: string): boolean {
    const now = this._now();
    const entry = this._windows.get(key);
    if (!entry || now - entry.start >= this._windowMs) {
      this._windows.set(key, { start: now, count: 1 });
      this._forgetOld(now);
      return true;
    }
    entry.count += 1;
    return entry.count <= this._limit;
  }

  private _forgetOld(now: number): void {
    if (this._windows.size < 10_000) {
      return;
    }
    for (const [key, entry] of this._windows) {
      if (now - entry.start >= this._windowMs) {
        this._windows.delete(key);
      }
    }
  }

  private _windows = new Map<string, { start: number; count: number }>();
}

/**
 * Options of a {@link Throttle}.
 */
export interface IThrottleOptions {
  /** Failures a key may make before it must wait. */
  freeFailures: number;
  /** The first wait; each further failure doubles it. */
  firstDelayMs: number;
  /** The longest wait. */
  maxDelayMs: number;
}

/**
 * Growing delays after repeated failures of one key (an account name and an address,
 * a class and an address): after `freeFailures` failures, the key must wait
 * `firstDelayMs`, then twice as long after each further failure, up to `maxDelayMs`.
 *
 * Why delays and not a lock-out: a lock-out that anyone may trigger locks out the
 * account's owner (or a whole class) too; a key that holds the address keeps the
 * attacker's failures away from everyone else, and the doubling still brings guessing
 * from one address down to one try per `maxDelayMs`. A key's failures are forgotten
 * after a day without any, or at its first success. In memory, like the
 * {@link RateLimiter}; the oldest keys go first beyond 100,000 of them.
 */
export class Throttle {
  constructor(
    private readonly _options: IThrottleOptions,
    private readonly _now: () => number = Date.now
  ) {}

  /**
   * How long the key must still wait before its next try (ms), 0 when it may try now.
   */
  wait(key: string): number {
    const entry = this._entries.get(key);
    if (!entry) {
      return 0;
    }
    const now = this._now();
    if (now - entry.last >= Private.FORGET_MS) {
      this._entries.delete(key);
      return 0;
    }
    return Math.max(0, entry.until - now);
  }

  /**
   * Count a failure of the key.
   */
  fail(key: string): void {
    const now = this._now();
    const before = this._entries.get(key);
    const failures =
      before && now - before.last < Private.FORGET_MS ? before.failures + 1 : 1;
    const over = failures - this._options.freeFailures;
    const delay =
      over < 0
        ? 0
        : Math.min(
            this._options.maxDelayMs,
            this._options.firstDelayMs * 2 ** Math.min(over, 40)
          );
    // Deleted first so that the map's order stays the order of last use.
    this._entries.delete(key);
    this._entries.set(key, { failures, last: now, until: now + delay });
    if (this._entries.size > Private.MAX_KEYS) {
      this._entries.delete(this._entries.keys().next().value!);
    }
  }

  /**
   * Forget the key's failures (it succeeded).
   */
  clear(key: string): void {
    this._entries.delete(key);
  }

  private readonly _entries = new Map<
    string,
    { failures: number; last: number; until: number }
  >();
}

/**
 * A wait in words, rounded up: « 1 seconde », « 8 secondes », « 15 minutes ».
 */
export function waitMessage(ms: number): IMessage {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 120) {
    return trans._n('%1 second', '%1 seconds', seconds);
  }
  return trans._n('%1 minute', '%1 minutes', Math.ceil(seconds / 60));
}

namespace Private {
  /** A key without failure for this long starts again from zero. */
  export const FORGET_MS = 24 * 3_600_000;

  /** The most keys kept. */
  export const MAX_KEYS = 100_000;
}
