/**
 * Waiting for a starting server to answer, with progress for the user.
 */
import * as http from 'http';
import { setTimeout as sleep } from 'timers/promises';

import { requestOptions } from './address';
import { ISpawnProgress } from './types';

/**
 * How the wait ended.
 */
export type ReadinessOutcome = 'ready' | 'timeout' | 'aborted';

/**
 * What to wait for.
 */
export interface IReadinessOptions {
  /**
   * The URL that answers (200, or 403 behind the identity provider) once the server is
   * ready (`<base>api` for Jupyter), on TCP or on a Unix socket (`http+unix://`: see
   * `address.ts`).
   */
  readonly url: string;
  /** How long to wait, in milliseconds. */
  readonly timeoutMs: number;
  /** Aborted when waiting is pointless (the process has exited). */
  readonly signal: AbortSignal;
  /** Delay between two probes, in milliseconds. */
  readonly intervalMs?: number;
  /** Whether the start shows signs of life (e.g. the server has begun to log). */
  readonly isUnderWay?: () => boolean;
  /** Called when the progress shown to the user changes. */
  readonly onProgress?: (progress: ISpawnProgress) => void;
}

/**
 * Probe `url` until it answers 200 or 403, the time is up, or `signal` is aborted.
 *
 * Progress grows with time towards 90 % (a start's length is not known in advance) and
 * says « Presque prêt… » once the start is under way, the server answers HTTP at all, or
 * most of a typical start has passed; 100 % means ready.
 */
export async function waitUntilReady(
  options: IReadinessOptions
): Promise<ReadinessOutcome> {
  const { url, timeoutMs, signal } = options;
  const intervalMs = options.intervalMs ?? 250;
  const startedAt = Date.now();
  const report = Private.progressReporter(options.onProgress);
  let underWay = false;
  report(Private.STARTING_PERCENT, Private.STARTING_MESSAGE);
  while (!signal.aborted) {
    const status = await Private.probe(url, Math.min(2000, timeoutMs));
    // 403: the server answers, but the Candyce identity provider refuses the probe
    // (it carries no signed identity): the server is up all the same.
    if (status === 200 || status === 403) {
      report(100, Private.READY_MESSAGE);
      return 'ready';
    }
    underWay ||= status !== null || (options.isUnderWay?.() ?? false);
    const elapsed = Date.now() - startedAt;
    if (elapsed >= timeoutMs) {
      return 'timeout';
    }
    const percent = Private.percentAfter(elapsed);
    report(
      percent,
      underWay || percent >= Private.ALMOST_PERCENT
        ? Private.ALMOST_MESSAGE
        : Private.STARTING_MESSAGE
    );
    try {
      await sleep(Math.min(intervalMs, timeoutMs - elapsed), undefined, {
        signal
      });
    } catch {
      break; // aborted while sleeping
    }
  }
  return 'aborted';
}

namespace Private {
  export const STARTING_PERCENT = 5;
  export const ALMOST_PERCENT = 40;
  export const STARTING_MESSAGE = 'Démarrage de votre espace…';
  export const ALMOST_MESSAGE = 'Presque prêt…';
  export const READY_MESSAGE = 'Votre espace est prêt.';

  /** A typical start on a small machine, which sets how fast progress grows. */
  const TYPICAL_START_MS = 6000;

  /**
   * The percent shown after `elapsedMs`: quick at first, never above 90 before ready, in
   * steps of 5 so that the page is not redrawn at every probe.
   */
  export function percentAfter(elapsedMs: number): number {
    const share = 1 - Math.exp(-elapsedMs / TYPICAL_START_MS);
    const percent = STARTING_PERCENT + (90 - STARTING_PERCENT) * share;
    return Math.floor(percent / 5) * 5;
  }

  /**
   * A reporter that calls `onProgress` only when what the user sees changes.
   */
  export function progressReporter(
    onProgress: ((progress: ISpawnProgress) => void) | undefined
  ): (percent: number, message: string) => void {
    let last = '';
    return (percent, message) => {
      const key = `${percent} ${message}`;
      if (onProgress && key !== last) {
        last = key;
        onProgress({ percent, message });
      }
    };
  }

  /**
   * The request options of a full URL, on TCP or on a Unix socket.
   */
  export function requestOptionsOf(url: string): http.RequestOptions {
    const unix = /^(http\+unix:\/\/[^/]*)(.*)$/.exec(url);
    if (unix) {
      return requestOptions(unix[1], unix[2] || '/');
    }
    const parsed = new URL(url);
    return requestOptions(parsed.origin, parsed.pathname + parsed.search);
  }

  /**
   * One GET: the HTTP status, or `null` if nothing answered (refused, timed out).
   */
  export function probe(
    url: string,
    timeoutMs: number
  ): Promise<number | null> {
    return new Promise(resolve => {
      let options: http.RequestOptions;
      try {
        options = Private.requestOptionsOf(url);
      } catch {
        resolve(null);
        return;
      }
      const request = http.get({
        ...options,
        agent: false,
        timeout: timeoutMs
      });
      request.once('response', response => {
        response.resume(); // drain, so that the socket closes
        resolve(response.statusCode ?? null);
      });
      request.once('timeout', () => request.destroy());
      request.once('error', () => resolve(null));
    });
  }
}
