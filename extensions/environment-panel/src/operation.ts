import { ISignal, Signal } from '@lumino/signaling';

import type { IProgressEvent } from './api';

/**
 * What kind of work an operation is.
 */
export type OperationKind = 'resolve' | 'build' | 'prepare';

/**
 * A resolution or a build in progress: its last message, how far it is, its log, and
 * the means to cancel it. The UI draws a progress bar and a log from it.
 */
export class Operation {
  constructor(readonly kind: OperationKind) {}

  /** The hub's last French sentence (« Installation de six… »). */
  get message(): string {
    return this._message;
  }

  /** The engine's last step (`resolve`, `install`…), `null` before the first. */
  get phase(): IProgressEvent['phase'] | null {
    return this._phase;
  }

  /** When it started (ms since the epoch), for the time it has taken. */
  readonly startedAt = Date.now();

  /** From 0 to 100, or `null` while unknown. */
  get percent(): number | null {
    return this._percent;
  }

  /** The tools' output lines so far (the last ones only, when very long). */
  get log(): readonly string[] {
    return this._log;
  }

  /** Aborts the request: the hub stops the work. */
  get signal(): AbortSignal {
    return this._controller.signal;
  }

  get cancelled(): boolean {
    return this._controller.signal.aborted;
  }

  /** Emitted at each progress event. */
  get changed(): ISignal<Operation, void> {
    return this._changed;
  }

  /**
   * Take a progress event of the hub's stream.
   */
  readonly onProgress = (event: IProgressEvent): void => {
    if (event.phase) {
      this._phase = event.phase;
    }
    if (typeof event.message === 'string' && event.message) {
      this._message = event.message;
    }
    if (typeof event.fraction === 'number' && isFinite(event.fraction)) {
      this._percent = Math.round(
        Math.min(1, Math.max(0, event.fraction)) * 100
      );
    }
    if (typeof event.log === 'string') {
      this._log.push(...event.log.split(/\r?\n/).filter(Boolean));
      if (this._log.length > Operation.MAX_LOG_LINES) {
        this._log.splice(0, this._log.length - Operation.MAX_LOG_LINES);
      }
    }
    this._changed.emit();
  };

  /**
   * Say what is happening without a hub event (between two requests, for example).
   */
  setMessage(message: string): void {
    this._message = message;
    this._changed.emit();
  }

  cancel(): void {
    this._controller.abort();
    this._changed.emit();
  }

  private _controller = new AbortController();
  private _message = '';
  private _phase: IProgressEvent['phase'] | null = null;
  private _percent: number | null = null;
  private _log: string[] = [];
  private _changed = new Signal<Operation, void>(this);
}

/**
 * The Operation statics.
 */
export namespace Operation {
  /**
   * A build prints a few hundred lines: keep the log of one well within the page.
   */
  export const MAX_LOG_LINES = 2000;
}
