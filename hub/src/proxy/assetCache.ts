import { ByteLru } from './byteLru';
import { compress } from './codecs';
import { Encoding } from './negotiation';

/** Uncompressed bytes waiting for a best-quality compression, at most. */
const MAX_QUEUED_BYTES = 64 * 1024 * 1024;

/**
 * Counters of the static asset cache.
 */
export interface IAssetCacheStats {
  /** Copies held. */
  entries: number;
  /** Their total size in bytes. */
  bytes: number;
  /** Compressed copies sent from the cache. */
  hits: number;
  /** Compressed copies that had to be made first. */
  misses: number;
}

/**
 * The proxy's versioned static assets in memory, shared by all users and keyed by the
 * SHA-256 of the uncompressed body: whole bodies, and their compressed copies. A missing
 * copy is made quickly and cached, then improved to the best quality in the background,
 * one at a time.
 */
export class AssetCache {
  /**
   * @param capacity - bytes held at most, whole bodies and copies together (0: none).
   */
  constructor(capacity: number) {
    this._cache = new ByteLru(capacity);
  }

  /** Bytes held at most (0: the cache is off). */
  get capacity(): number {
    return this._cache.capacity;
  }

  /**
   * Counters of the cache.
   */
  get stats(): IAssetCacheStats {
    return {
      entries: this._cache.size,
      bytes: this._cache.bytes,
      hits: this._hits,
      misses: this._misses
    };
  }

  /**
   * The whole body with this SHA-256, if still held (it becomes the most recently used).
   */
  whole(sha256: string): Buffer | undefined {
    return this._cache.get(`identity:${sha256}`)?.data;
  }

  /**
   * Hold a whole body, by its SHA-256.
   */
  keepWhole(sha256: string, body: Buffer): void {
    this._cache.set(`identity:${sha256}`, { data: body, best: true });
  }

  /**
   * The cached copy, else a quick one that is cached and improved in the background.
   */
  async compressed(
    body: Buffer,
    sha256: string,
    encoding: Encoding
  ): Promise<Buffer> {
    const key = `${encoding}:${sha256}`;
    const held = this._cache.get(key);
    if (held) {
      this._hits++;
      if (!held.best) {
        this._improve(key, body, encoding);
      }
      return held.data;
    }
    this._misses++;
    let pending = this._inflight.get(key);
    if (!pending) {
      pending = compress(body, encoding, false);
      this._inflight.set(key, pending);
      pending
        .then(
          data => {
            this._cache.set(key, { data, best: false });
            this._improve(key, body, encoding);
          },
          () => undefined
        )
        .finally(() => {
          this._inflight.delete(key);
          this._wake();
        });
    }
    return pending;
  }

  /**
   * Resolves once no compression for the cache is under way (benchmarks and tests).
   */
  async idle(): Promise<void> {
    while (this._working || this._queue.length || this._inflight.size) {
      await new Promise<void>(resolve => this._idleWaiters.push(resolve));
    }
  }

  /**
   * Queue a best-quality compression (brotli 11 takes seconds on a big bundle): one at a
   * time, so that users' servers keep the CPU, and a bounded queue.
   */
  private _improve(key: string, body: Buffer, encoding: Encoding): void {
    if (
      this._queued.has(key) ||
      this._queuedBytes + body.length > MAX_QUEUED_BYTES
    ) {
      return;
    }
    this._queued.add(key);
    this._queuedBytes += body.length;
    this._queue.push({ key, body, encoding });
    this._work();
  }

  private _work(): void {
    const job = this._working ? undefined : this._queue.shift();
    if (!job) {
      this._wake();
      return;
    }
    this._working = true;
    compress(job.body, job.encoding, true)
      .then(
        data => {
          const held = this._cache.get(job.key);
          if (!held || data.length <= held.data.length) {
            this._cache.set(job.key, { data, best: true });
          } else {
            held.best = true;
          }
        },
        () => undefined
      )
      .finally(() => {
        this._queued.delete(job.key);
        this._queuedBytes -= job.body.length;
        this._working = false;
        this._work();
      });
  }

  private _wake(): void {
    if (!this._working && !this._queue.length && !this._inflight.size) {
      for (const resolve of this._idleWaiters.splice(0)) {
        resolve();
      }
    }
  }

  private readonly _cache: ByteLru;
  private readonly _inflight = new Map<string, Promise<Buffer>>();
  private readonly _queue: {
    key: string;
    body: Buffer;
    encoding: Encoding;
  }[] = [];
  private readonly _queued = new Set<string>();
  private _queuedBytes = 0;
  private _working = false;
  private readonly _idleWaiters: (() => void)[] = [];
  private _hits = 0;
  private _misses = 0;
}
