import type { ITimers } from '../src/queue';

/** Timers whose clock only moves when a test says so. */
export class ManualTimers implements ITimers {
  now = 0;

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = { at: this.now + ms, callback };
    this._pending.add(handle);
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this._pending.delete(handle as ManualTimers.IHandle);
  }

  /** The delays of the timers waiting, from now. */
  get delays(): number[] {
    return [...this._pending].map(h => h.at - this.now).sort((a, b) => a - b);
  }

  /** Move the clock, running what falls due (and letting their promises settle). */
  async advance(ms: number): Promise<void> {
    const until = this.now + ms;
    for (;;) {
      const due = [...this._pending]
        .filter(h => h.at <= until)
        .sort((a, b) => a.at - b.at)[0];
      if (!due) {
        break;
      }
      this._pending.delete(due);
      this.now = due.at;
      due.callback();
      await settle();
    }
    this.now = until;
    await settle();
  }

  private _pending = new Set<ManualTimers.IHandle>();
}

namespace ManualTimers {
  export interface IHandle {
    at: number;
    callback: () => void;
  }
}

/** Let pending promise callbacks and I/O run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise(resolve => setImmediate(resolve));
  }
}
