import { Response } from 'express';

import { IStreamedEvent } from './kinds';
import { EventService } from './service';

/**
 * How a news stream behaves on the wire.
 */
export interface IStreamTiming {
  /** A comment this often keeps proxies from closing a quiet stream (15 s). */
  heartbeatMs: number;
  /**
   * The stream ends after this long (30 min); the client reconnects with its
   * `Last-Event-ID`, and its session is checked again (a logged-out user's stream
   * does not outlive it by more than this).
   */
  maxLifeMs: number;
  /** What the client waits before reconnecting (`retry:`, 3 s). */
  retryMs: number;
}

export const DEFAULT_STREAM_TIMING: IStreamTiming = {
  heartbeatMs: 15_000,
  maxLifeMs: 30 * 60_000,
  retryMs: 3_000
};

/** One event as server-sent event lines: its id, then its JSON on one data line. */
export function eventLines(event: IStreamedEvent): string {
  return `id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * Answer `response` as the caller's news stream: missed events first (after
 * `lastId`), then live ones; with `follow` false, only the missed ones, then the end.
 */
export async function streamEvents(
  events: EventService,
  userId: string,
  lastId: number | null,
  response: Response,
  follow: boolean,
  timing: IStreamTiming = DEFAULT_STREAM_TIMING
): Promise<void> {
  response.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    // nginx and other proxies pass each event on at once.
    'X-Accel-Buffering': 'no'
  });
  response.flushHeaders();
  response.write(`retry: ${timing.retryMs}\n\n`);
  let closed = false;
  let detach: (() => void) | null = null;
  const heartbeat = setInterval(
    () => response.write(': ping\n\n'),
    timing.heartbeatMs
  );
  const end = setTimeout(() => response.end(), timing.maxLifeMs);
  heartbeat.unref();
  end.unref();
  // Attached before the replay: a client gone meanwhile is detached all the same.
  response.on('close', () => {
    closed = true;
    clearInterval(heartbeat);
    clearTimeout(end);
    detach?.();
  });
  detach = await events.open(userId, lastId, {
    send: event => {
      if (!closed) {
        response.write(eventLines(event));
      }
    }
  });
  if (closed || !follow) {
    detach();
    response.end();
  }
}
