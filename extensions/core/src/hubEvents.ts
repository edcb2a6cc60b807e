import { Token } from '@lumino/coreutils';
import { ISignal, Signal } from '@lumino/signaling';

import type { HubSchema } from './hubApi';

/**
 * One piece of news from the hub (`GET /events`), as the contract describes it.
 */
export type IHubNews = HubSchema<'NewsEvent'>;

/**
 * The hub's news stream token: extensions subscribe to `received` to update what they
 * show when something concerning the user happens (a new assignment, a hand-in…).
 */
export const IHubEvents = new Token<IHubEvents>(
  '@candyce/core:IHubEvents',
  "The hub's news for the current user (new assignments, hand-ins, returned work, invitations, help requests), pushed as it happens."
);

/**
 * The hub's news for the current user.
 */
export interface IHubEvents {
  /**
   * Emitted for each piece of news, once, in order; `resync` when news was lost
   * (reload what is shown).
   */
  readonly received: ISignal<IHubEvents, IHubNews>;
  /**
   * Whether the stream is open now.
   */
  readonly connected: boolean;
  /**
   * Emitted when the stream opens or drops.
   */
  readonly connectionChanged: ISignal<IHubEvents, boolean>;
}

/**
 * What the stream client needs of the browser's EventSource (a test gives its own).
 */
export interface IEventSourceLike {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

/**
 * The hub's news stream, kept open: an EventSource on `<hub API>/events`. When it
 * drops, it is closed and opened again after a growing, jittered wait (1 s, 2 s, 4 s…
 * up to a minute), from the last event received (`lastEventId`), so that nothing is
 * missed or received twice; the wait starts again at 1 s once a stream opens.
 */
export class HubEventStream implements IHubEvents {
  constructor(options: HubEventStream.IOptions) {
    this._url = options.url;
    this._create =
      options.create ??
      (url => new EventSource(url, { withCredentials: true }));
    this._minDelay = options.minDelayMs ?? 1000;
    this._maxDelay = options.maxDelayMs ?? 60_000;
    this._random = options.random ?? Math.random;
    this._setTimer = options.setTimer ?? ((f, ms) => setTimeout(f, ms));
    this._clearTimer =
      options.clearTimer ??
      (id => clearTimeout(id as ReturnType<typeof setTimeout>));
  }

  get received(): ISignal<IHubEvents, IHubNews> {
    return this._received;
  }

  get connectionChanged(): ISignal<IHubEvents, boolean> {
    return this._connectionChanged;
  }

  get connected(): boolean {
    return this._connected;
  }

  /** The id of the last event received (the stream resumes after it). */
  get lastEventId(): string | null {
    return this._lastEventId;
  }

  /** How many times the stream was opened. */
  get attempts(): number {
    return this._attempts;
  }

  /**
   * Open the stream (once; later calls do nothing while it runs).
   */
  start(): void {
    if (this._stopped || this._source || this._timer !== null) {
      return;
    }
    this._open();
  }

  /**
   * Close the stream for good.
   */
  stop(): void {
    this._stopped = true;
    this._source?.close();
    this._source = null;
    if (this._timer !== null) {
      this._clearTimer(this._timer);
      this._timer = null;
    }
    this._setConnected(false);
  }

  private _open(): void {
    this._timer = null;
    this._attempts++;
    const url =
      this._lastEventId === null
        ? this._url
        : `${this._url}${this._url.includes('?') ? '&' : '?'}lastEventId=${encodeURIComponent(this._lastEventId)}`;
    const source = this._create(url);
    this._source = source;
    source.onopen = () => {
      this._failures = 0;
      this._setConnected(true);
      if (this._attempts > 1 && this._lastEventId === null) {
        // Dropped before any event: what came meanwhile is unknown, reload it.
        this._received.emit({ id: 0, kind: 'resync', at: '', data: {} });
      }
    };
    source.onmessage = event => {
      let news: IHubNews;
      try {
        news = JSON.parse(event.data as string) as IHubNews;
      } catch {
        return;
      }
      if (event.lastEventId) {
        this._lastEventId = event.lastEventId;
      }
      this._received.emit(news);
    };
    source.onerror = () => {
      // EventSource would retry by itself at a fixed pace, or give up for good on a
      // refusal (401 after a logout, a 5xx page): take over with a growing wait.
      source.close();
      if (this._source !== source) {
        return;
      }
      this._source = null;
      this._setConnected(false);
      this._schedule();
    };
  }

  private _schedule(): void {
    if (this._stopped) {
      return;
    }
    const ceiling = Math.min(
      this._maxDelay,
      this._minDelay * 2 ** Math.min(this._failures, 16)
    );
    this._failures++;
    // Half fixed, half random: clients dropped together do not come back together.
    const delay = ceiling / 2 + (this._random() * ceiling) / 2;
    this._timer = this._setTimer(() => this._open(), delay);
  }

  private _setConnected(connected: boolean): void {
    if (this._connected !== connected) {
      this._connected = connected;
      this._connectionChanged.emit(connected);
    }
  }

  private readonly _url: string;
  private readonly _create: (url: string) => IEventSourceLike;
  private readonly _minDelay: number;
  private readonly _maxDelay: number;
  private readonly _random: () => number;
  private readonly _setTimer: (f: () => void, ms: number) => unknown;
  private readonly _clearTimer: (id: unknown) => void;
  private _source: IEventSourceLike | null = null;
  private _timer: unknown = null;
  private _failures = 0;
  private _attempts = 0;
  private _lastEventId: string | null = null;
  private _connected = false;
  private _stopped = false;
  private readonly _received = new Signal<IHubEvents, IHubNews>(this);
  private readonly _connectionChanged = new Signal<IHubEvents, boolean>(this);
}

/**
 * The HubEventStream types.
 */
export namespace HubEventStream {
  /**
   * What the stream needs.
   */
  export interface IOptions {
    /** The stream's URL: `<HubClient.baseUrl>/events`. */
    url: string;
    /** Make an EventSource (default: the browser's, with credentials). */
    create?: (url: string) => IEventSourceLike;
    /** The first wait before reconnecting (1 s). */
    minDelayMs?: number;
    /** The longest wait (60 s). */
    maxDelayMs?: number;
    random?: () => number;
    setTimer?: (f: () => void, ms: number) => unknown;
    clearTimer?: (id: unknown) => void;
  }
}
