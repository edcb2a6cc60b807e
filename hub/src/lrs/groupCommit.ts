import { Kysely } from 'kysely';

/**
 * Group commit: writes that arrive while a transaction is running are done together
 * in the next one, each inside a savepoint of its own. Each still succeeds or fails
 * alone (a failing write is rolled back to its savepoint and rejects, the others go
 * on), but they share one commit, and so one disk flush: on SQLite, where every
 * commit waits for the disk (`synchronous = FULL`) and writers queue on one
 * connection anyway, ten clients each sending small batches then cost a few flushes
 * instead of ten.
 */
export class GroupCommit<DB> {
  constructor(
    private readonly db: Kysely<DB>,
    /** Writes per transaction at most. */
    private readonly maxGroup = 64
  ) {}

  /** Run `write` in a transaction shared with the writes queued beside it. */
  run<T>(write: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this._queue.push({
        write: write as (trx: Kysely<DB>) => Promise<unknown>,
        resolve: resolve as (value: unknown) => void,
        reject
      });
      if (!this._draining) {
        this._draining = true;
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    while (this._queue.length) {
      const group = this._queue.splice(0, this.maxGroup);
      const settled: (() => void)[] = [];
      try {
        const trx = await this.db.startTransaction().execute();
        try {
          for (const [index, job] of group.entries()) {
            const name = `w${index}`;
            const point = await trx.savepoint(name).execute();
            try {
              const value = await job.write(point);
              await point.releaseSavepoint(name).execute();
              settled.push(() => job.resolve(value));
            } catch (error) {
              await point.rollbackToSavepoint(name).execute();
              settled.push(() => job.reject(error));
            }
          }
          await trx.commit().execute();
        } catch (error) {
          await trx.rollback().execute();
          throw error;
        }
        settled.forEach(settle => settle());
      } catch (error) {
        // The transaction itself failed (its commit, the connection): nothing of the
        // group is stored, and every write of it says so.
        group.forEach(job => job.reject(error));
      }
    }
    this._draining = false;
  }

  private _queue: {
    write: (trx: Kysely<DB>) => Promise<unknown>;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  }[] = [];
  private _draining = false;
}
