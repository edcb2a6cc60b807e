import { Logger } from 'pino';

import { HubEvent, IEventPublisher, IStreamedEvent } from './kinds';
import { EventStore } from './store';

/**
 * Where a stream's events go (an open HTTP response, in `stream.ts`).
 */
export interface IEventSink {
  send(event: IStreamedEvent): void;
}

/**
 * How long and how much the journal keeps, and how much one reconnect replays.
 */
export interface IEventOptions {
  /** Events older than this are trimmed (default: 7 days). */
  retentionMs: number;
  /** At most this many rows are kept, the newest (default: 200,000). */
  maxRows: number;
  /** A reconnect replays at most this many events; past it, `resync` (default: 500). */
  replayLimit: number;
}

export const DEFAULT_EVENT_OPTIONS: IEventOptions = {
  retentionMs: 7 * 24 * 3600_000,
  maxRows: 200_000,
  replayLimit: 500
};

/**
 * News pushed to the people concerned: `publish` journals an event for each recipient
 * and pushes it to their open streams; `open` attaches a stream, first replaying what
 * its client missed since `Last-Event-ID`.
 *
 * Publications are written one after the other (a chain of promises), so that ids reach
 * the journal and the streams in the same order: a client that saw id n has seen every
 * earlier id of its own. One hub process holds the streams it serves.
 */
export class EventService implements IEventPublisher {
  constructor(
    private readonly _store: EventStore,
    private readonly _log: Logger,
    private readonly _now: () => Date = () => new Date(),
    private readonly _options: IEventOptions = DEFAULT_EVENT_OPTIONS
  ) {}

  publish(recipients: readonly string[], event: HubEvent): Promise<void> {
    const unique = [...new Set(recipients)];
    if (!unique.length) {
      return this._queue;
    }
    this._queue = this._queue.then(async () => {
      try {
        const journalled = await this._store.append(
          unique,
          event.kind,
          event.data,
          this._now().toISOString()
        );
        for (const [recipient, streamed] of journalled) {
          for (const subscriber of this._subscribers.get(recipient) ?? []) {
            subscriber.deliver(streamed);
          }
        }
      } catch (error) {
        // Who the news was for stays out of the log: only what failed.
        this._log.warn(
          { kind: event.kind, reason: (error as Error).message },
          'event not published'
        );
      }
    });
    return this._queue;
  }

  /**
   * Attach a stream for `userId`. With `lastId` (the client's `Last-Event-ID`), the
   * events it missed are sent first, or `resync` when they are no longer all in the
   * journal (trimmed, too many, or an id from another journal).
   *
   * @returns a function that detaches the stream.
   */
  async open(
    userId: string,
    lastId: number | null,
    sink: IEventSink
  ): Promise<() => void> {
    // Attached before reading the journal: what is published meanwhile waits in the
    // buffer, and what the replay already sent is not sent twice.
    const subscriber = new Private.Subscriber(sink);
    const subscribers = this._subscribers.get(userId) ?? new Set();
    subscribers.add(subscriber);
    this._subscribers.set(userId, subscribers);
    const close = () => {
      subscribers.delete(subscriber);
      if (!subscribers.size && this._subscribers.get(userId) === subscribers) {
        this._subscribers.delete(userId);
      }
    };
    try {
      subscriber.start(await this._replay(userId, lastId));
    } catch (error) {
      close();
      throw error;
    }
    return close;
  }

  /** A user's latest news, newest first (the hub's home page shows them). */
  recent(userId: string, limit: number): Promise<IStreamedEvent[]> {
    return this._store.latest(userId, limit);
  }

  /**
   * Where the journal stands: the id a new client may resume from to miss nothing
   * from now on (0 while it is empty).
   */
  async position(): Promise<number> {
    return (await this._store.bounds())?.newest ?? 0;
  }

  /** How many streams are open. */
  get connections(): number {
    let count = 0;
    for (const subscribers of this._subscribers.values()) {
      count += subscribers.size;
    }
    return count;
  }

  /**
   * Trim the journal to its retention (age and size).
   *
   * @returns how many events were removed.
   */
  async trim(): Promise<number> {
    const before = new Date(
      this._now().getTime() - this._options.retentionMs
    ).toISOString();
    return this._store.trim(before, this._options.maxRows);
  }

  /** Wait for the publications under way (tests, closing). */
  settled(): Promise<void> {
    return this._queue;
  }

  private async _replay(
    userId: string,
    lastId: number | null
  ): Promise<IStreamedEvent[]> {
    if (lastId === null) {
      return [];
    }
    const bounds = await this._store.bounds();
    const { replayLimit } = this._options;
    const missed = await this._store.since(userId, lastId, replayLimit + 1);
    const lost =
      bounds !== null && (lastId + 1 < bounds.oldest || lastId > bounds.newest);
    if (bounds && (lost || missed.length > replayLimit)) {
      return [
        {
          id: bounds.newest,
          kind: 'resync',
          at: this._now().toISOString(),
          data: {}
        }
      ];
    }
    return missed;
  }

  private _queue: Promise<void> = Promise.resolve();
  private readonly _subscribers = new Map<string, Set<Private.Subscriber>>();
}

namespace Private {
  /**
   * One open stream: buffers live events until its replay is sent, then passes them
   * on, skipping those the replay held.
   */
  export class Subscriber {
    constructor(private readonly _sink: IEventSink) {}

    deliver(event: IStreamedEvent): void {
      if (this._buffer) {
        this._buffer.push(event);
      } else {
        this._sink.send(event);
      }
    }

    start(replay: readonly IStreamedEvent[]): void {
      let last = 0;
      for (const event of replay) {
        this._sink.send(event);
        last = event.id;
      }
      const buffered = this._buffer ?? [];
      this._buffer = null;
      for (const event of buffered) {
        if (event.id > last) {
          this._sink.send(event);
        }
      }
    }

    private _buffer: IStreamedEvent[] | null = [];
  }
}
