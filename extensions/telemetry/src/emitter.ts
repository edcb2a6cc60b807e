import { ISignal, Signal } from '@lumino/signaling';

import { allowedAt, isEssential, TraceLevel } from './consent';
import type { ICredential, ICredentialSource } from './credentials';
import { StatementQueue } from './queue';
import { LrsSender } from './sender';
import { buildDraft, IDraft, TraceEvent } from './statements';
import type { DraftStorage } from './storage';

/** How many optional statements wait for the consent to be known, at most. */
const UNDECIDED_LIMIT = 200;

/**
 * The emitter: turns events into statements, keeps only what the level allows (the
 * rest is discarded at the source, never stored), and queues them for the LRS.
 */
export class TraceEmitter {
  constructor(options: TraceEmitter.IOptions) {
    this._options = options;
    if (!options.source) {
      // No LRS: nothing is sent nor kept, and what an earlier set-up left goes.
      options.storage.save([]);
      return;
    }
    // Until the credential says what the user's consent allows: essential only.
    this._level = 'essential';
    const sender = new LrsSender(
      options.source,
      credential => this._setLevel(credential),
      options.fetch
    );
    this._queue = new StatementQueue({
      ...options.queue,
      storage: options.storage,
      send: batch => sender.send(batch)
    });
  }

  /** What is recorded now. */
  get level(): TraceLevel {
    return this._level;
  }

  /** Emitted when the level changes. */
  get levelChanged(): ISignal<this, TraceLevel> {
    return this._levelChanged;
  }

  /** The queue (`null` at level `none`). */
  get queue(): StatementQueue | null {
    return this._queue;
  }

  /** Ask for the credential now, so that the level is known early. */
  start(): void {
    void this._options.source
      ?.get()
      .then(credential => credential && this._setLevel(credential));
  }

  /** Record an event, if the level allows it; returns at once. */
  record(event: TraceEvent): void {
    if (!this._queue || this._disposed) {
      return;
    }
    if (event.kind === 'cellExecuted' && !this._options.recordCode) {
      event = { ...event, code: undefined };
      delete event.code;
    }
    const draft = buildDraft(event, { language: this._options.language });
    if (allowedAt(this._level, draft)) {
      this._queue.add(draft);
    } else if (!this._known && this._undecided.length < UNDECIDED_LIMIT) {
      // Consent not known yet: held in memory only, never stored.
      this._undecided.push(draft);
    }
  }

  dispose(): void {
    this._disposed = true;
    this._queue?.dispose();
  }

  private _setLevel(credential: ICredential): void {
    const undecided = this._undecided;
    this._undecided = [];
    this._known = true;
    if (credential.level === 'full') {
      undecided.forEach(draft => this._queue?.add(draft));
    }
    if (credential.level === this._level) {
      return;
    }
    this._level = credential.level;
    if (this._level === 'essential') {
      this._queue?.retain(isEssential);
    }
    this._levelChanged.emit(this._level);
  }

  private _options: TraceEmitter.IOptions;
  private _level: TraceLevel = 'none';
  private _queue: StatementQueue | null = null;
  private _disposed = false;
  private _known = false;
  private _undecided: IDraft[] = [];
  private _levelChanged = new Signal<this, TraceLevel>(this);
}

/** The TraceEmitter types. */
export namespace TraceEmitter {
  export interface IOptions {
    /** Where the credential comes from; `null`: no LRS, nothing recorded. */
    source: ICredentialSource | null;
    storage: DraftStorage;
    /** Whether a cell's code goes into its statement (the deployment's choice). */
    recordCode: boolean;
    /** The interface's language tag (`fr-FR`). */
    language?: string;
    /** Batching and back-off. */
    queue?: Omit<StatementQueue.IOptions, 'storage' | 'send'>;
    fetch?: typeof fetch;
  }
}
