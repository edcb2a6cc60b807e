/**
 * A cached body: a static asset whole, or a compressed copy of it; `best` once the
 * best-quality compression replaced the quick one (always for whole bodies).
 */
export interface IEntry {
  data: Buffer;
  best: boolean;
}

/**
 * Least recently used entries go first once their total size exceeds the capacity.
 */
export class ByteLru {
  constructor(readonly capacity: number) {}

  get size(): number {
    return this._entries.size;
  }

  get bytes(): number {
    return this._bytes;
  }

  get(key: string): IEntry | undefined {
    const entry = this._entries.get(key);
    if (entry) {
      this._entries.delete(key);
      this._entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: IEntry): void {
    this.delete(key);
    if (entry.data.length > this.capacity) {
      return;
    }
    this._entries.set(key, entry);
    this._bytes += entry.data.length;
    for (const [oldest, old] of this._entries) {
      if (this._bytes <= this.capacity) {
        break;
      }
      this._entries.delete(oldest);
      this._bytes -= old.data.length;
    }
  }

  delete(key: string): void {
    const entry = this._entries.get(key);
    if (entry) {
      this._entries.delete(key);
      this._bytes -= entry.data.length;
    }
  }

  private readonly _entries = new Map<string, IEntry>();
  private _bytes = 0;
}
