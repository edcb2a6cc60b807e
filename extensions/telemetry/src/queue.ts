import type { IDraft } from './statements';
import type { DraftStorage } from './storage';

/**
 * What became of a batch: `sent` (the LRS has it), `retry` (network or server trouble:
 * try again later), `drop` (refused for good: sending it again cannot help).
 */
export type SendOutcome = 'sent' | 'retry' | 'drop';

/** Timers, injectable so that tests control time. */
export interface ITimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * The statements waiting to be sent: kept in storage (across reloads and offline),
 * sent in batches (`batchSize` statements, or whatever waits after `flushInterval`),
 * retried with exponential back-off and jitter. `add` never waits: nothing the user
 * does waits on the network.
 */
export class StatementQueue {
  constructor(options: StatementQueue.IOptions) {
    this._options = options;
    this._batchSize = options.batchSize ?? 20;
    this._interval = options.flushInterval ?? 10_000;
    this._timers = options.timers ?? {
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: handle =>
        clearTimeout(handle as ReturnType<typeof setTimeout>)
    };
    this._drafts = options.storage.load();
    if (this._drafts.length) {
      this._schedule(0);
    }
  }

  /** The statements waiting, oldest first. */
  get pending(): readonly IDraft[] {
    return this._drafts;
  }

  /** How many failed attempts in a row (0: none). */
  get attempts(): number {
    return this._attempts;
  }

  /** Queue a statement; it is sent with the next batch. */
  add(draft: IDraft): void {
    if (this._disposed) {
      return;
    }
    this._drafts = this._options.storage.bound([...this._drafts, draft]);
    this._persistSoon();
    if (this._attempts === 0 && this._drafts.length >= this._batchSize) {
      this._schedule(0);
    } else if (this._timer === null) {
      this._schedule(this._interval);
    }
  }

  /** Keep only the statements that pass (consent withdrawn: the optional ones go). */
  retain(keep: (draft: IDraft) => boolean): void {
    const kept = this._drafts.filter(keep);
    if (kept.length !== this._drafts.length) {
      this._drafts = kept;
      this.persist();
    }
  }

  /** Try now, forgetting the back-off (the browser came back online). */
  wake(): void {
    this._attempts = 0;
    if (this._drafts.length) {
      this._schedule(0);
    }
  }

  /** Write the queue to storage now (the page is being hidden or unloaded). */
  persist(): void {
    if (this._persistTimer !== null) {
      this._timers.clearTimeout(this._persistTimer);
      this._persistTimer = null;
    }
    this._options.storage.save(this._drafts);
  }

  /**
   * Send one batch now, unless one is on its way.
   *
   * @returns once the batch was answered (it never rejects).
   */
  async flush(): Promise<void> {
    if (this._sending || !this._drafts.length || this._disposed) {
      return;
    }
    this._clearTimer();
    this._sending = true;
    const batch = this._drafts.slice(0, this._batchSize);
    let outcome: SendOutcome;
    try {
      outcome = await this._options.send(batch);
    } catch (reason) {
      console.warn('Candyce telemetry: sending failed', reason);
      outcome = 'retry';
    }
    this._sending = false;
    if (this._disposed) {
      return;
    }
    if (outcome === 'retry') {
      this._attempts++;
      this._schedule(
        backoffDelay(this._attempts, this._options.backoff, this._random)
      );
      return;
    }
    const done = new Set(batch.map(draft => draft.id));
    this._drafts = this._drafts.filter(draft => !done.has(draft.id));
    this._attempts = 0;
    this.persist();
    if (this._drafts.length >= this._batchSize) {
      this._schedule(0);
    } else if (this._drafts.length) {
      this._schedule(this._interval);
    }
  }

  /** Stop the timers (what waits stays in storage). */
  dispose(): void {
    this.persist();
    this._clearTimer();
    this._disposed = true;
  }

  private get _random(): () => number {
    return this._options.random ?? Math.random;
  }

  private _schedule(ms: number): void {
    this._clearTimer();
    this._timer = this._timers.setTimeout(() => {
      this._timer = null;
      void this.flush();
    }, ms);
  }

  private _clearTimer(): void {
    if (this._timer !== null) {
      this._timers.clearTimeout(this._timer);
      this._timer = null;
    }
  }

  private _persistSoon(): void {
    if (this._persistTimer === null) {
      this._persistTimer = this._timers.setTimeout(() => {
        this._persistTimer = null;
        this._options.storage.save(this._drafts);
      }, this._options.persistDelay ?? 500);
    }
  }

  private _options: StatementQueue.IOptions;
  private _batchSize: number;
  private _interval: number;
  private _timers: ITimers;
  private _drafts: IDraft[];
  private _timer: unknown = null;
  private _persistTimer: unknown = null;
  private _sending = false;
  private _attempts = 0;
  private _disposed = false;
}

/** The StatementQueue types. */
export namespace StatementQueue {
  export interface IOptions {
    storage: DraftStorage;
    /** Send a batch to the LRS. */
    send: (batch: IDraft[]) => Promise<SendOutcome>;
    /** Statements per batch (20). */
    batchSize?: number;
    /** How long a statement waits for others, in ms (10 000). */
    flushInterval?: number;
    /** The back-off, in ms: first delay `base` (2 000), at most `max` (300 000). */
    backoff?: { base: number; max: number };
    /** How long additions are gathered before the queue is written, in ms (500). */
    persistDelay?: number;
    random?: () => number;
    timers?: ITimers;
  }
}

/**
 * The delay before retry number `attempt` (1, 2…): `base · 2^(attempt-1)`, capped at
 * `max`, of which a random half ("equal jitter"), so that the browsers of a class that
 * lost the network together do not come back together.
 */
export function backoffDelay(
  attempt: number,
  backoff: { base: number; max: number } = { base: 2000, max: 300_000 },
  random: () => number = Math.random
): number {
  const cap = Math.min(backoff.max, backoff.base * 2 ** (attempt - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}
