/**
 * Pruning uv's cache when environments are collected: `uv cache prune` removes what no
 * cache entry reaches any more (unpacked wheels of older entries, leftovers). A file
 * that an environment still hard-links stays on disk however the cache is pruned, so
 * what pruning freed is measured (diskUsage.ts), never taken from uv's own count.
 */
import fs from 'node:fs/promises';

import { EnvironmentError } from './errors';
import { toolEnvironment } from './pip';
import { run } from './process';

/** How long pruning may wait for builds that hold the cache (uv's lock). */
export const PRUNE_TIMEOUT_MS = 60_000;

/** What pruning did: `pruned`, `busy` (builds held the cache past the wait), `failed`. */
export type PruneOutcome = 'pruned' | 'busy' | 'failed' | 'absent';

/** What pruning uv's cache did, measured on disk. */
export interface IUvCacheCollected {
  /** `pruned`, or why not: `busy` (builds held it too long), `failed`, `absent`. */
  outcome: PruneOutcome;
  /** Disk bytes pruning freed (part of the collection's `bytes`). */
  freedBytes: number;
  /** Disk bytes the cache still holds. */
  bytes: number;
  /**
   * Of those, the bytes kept environments hard-link too: pruning them would free
   * nothing while the environments stay.
   */
  sharedBytes: number;
}

/**
 * `uv cache prune` on `cacheDir`, waiting at most `timeoutMs` for the uv processes
 * (builds, resolutions) using it. Never throws for uv's own failures: a collection
 * stays done when its cache could not be pruned.
 */
export async function pruneUvCache(
  uv: string,
  cacheDir: string,
  options: { timeoutMs?: number; signal?: AbortSignal } = {}
): Promise<PruneOutcome> {
  if (
    !(await fs.stat(cacheDir).then(
      s => s.isDirectory(),
      () => false
    ))
  ) {
    return 'absent';
  }
  const timeout = AbortSignal.timeout(options.timeoutMs ?? PRUNE_TIMEOUT_MS);
  const signal = options.signal
    ? AbortSignal.any([options.signal, timeout])
    : timeout;
  try {
    const result = await run(
      uv,
      ['cache', 'prune', '--cache-dir', cacheDir, '--no-progress'],
      { env: toolEnvironment({}), signal }
    );
    return result.code === 0 ? 'pruned' : 'failed';
  } catch (error) {
    if (error instanceof EnvironmentError && error.code === 'cancelled') {
      if (options.signal?.aborted) {
        throw error;
      }
      return 'busy';
    }
    // uv could not start (moved, removed): the collection itself is done.
    return 'failed';
  }
}
