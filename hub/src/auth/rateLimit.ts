/**
 * A fixed-window counter per key (an IP address): enough to slow down password
 * guessing from one place; the per-account lock-out covers distributed guessing.
 * In memory, so it resets with the hub, which is acceptable for a brake.
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
