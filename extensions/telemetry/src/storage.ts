import { isEssential } from './consent';
import type { IDraft } from './statements';

/**
 * Where the statements waiting to be sent are kept across reloads, bounded: beyond
 * `limit`, the oldest optional statements go first, then the oldest essential ones.
 */
export class DraftStorage {
  /**
   * @param storage - the browser's `localStorage` (or `null`: memory only).
   * @param key - the key of this user's queue (one per user: a shared school computer
   *   must not send one pupil's statements with another's credential).
   * @param limit - how many statements are kept at most.
   */
  constructor(
    private readonly _storage: Storage | null,
    readonly key: string,
    readonly limit = 1000
  ) {}

  /** The statements kept (none if the stored value is unreadable). */
  load(): IDraft[] {
    const text = this._read();
    if (!text) {
      return [];
    }
    try {
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed) ? this.bound(parsed as IDraft[]) : [];
    } catch {
      return [];
    }
  }

  /** Keep these statements (bounded), replacing what was kept. */
  save(drafts: readonly IDraft[]): void {
    if (!this._storage) {
      return;
    }
    try {
      if (drafts.length) {
        this._storage.setItem(this.key, JSON.stringify(this.bound(drafts)));
      } else {
        this._storage.removeItem(this.key);
      }
    } catch (reason) {
      // Storage full or refused (private browsing): the queue stays in memory.
      console.warn('Candyce telemetry: statements not kept', reason);
    }
  }

  /** At most `limit` statements, dropping the oldest optional ones first. */
  bound(drafts: readonly IDraft[]): IDraft[] {
    let excess = drafts.length - this.limit;
    if (excess <= 0) {
      return [...drafts];
    }
    const kept: IDraft[] = [];
    for (const draft of drafts) {
      if (excess > 0 && !isEssential(draft)) {
        excess--;
      } else {
        kept.push(draft);
      }
    }
    return kept.slice(kept.length - this.limit);
  }

  private _read(): string | null {
    try {
      return this._storage?.getItem(this.key) ?? null;
    } catch {
      return null;
    }
  }
}
