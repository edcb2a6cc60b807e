import { randomUUID } from 'crypto';
import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';
import { IStatementObserver } from './observer';
import { removeStatements } from './removal';

/**
 * The retention limit of learning traces (`lrsRetentionDays`): statements stored
 * before it, with the attachments and activity definitions only they named, and State
 * and Agent Profile documents not changed since, are deleted. Runs every
 * `lrsPurgeIntervalHours` and from the command line (`candyce-hub purge-traces`).
 */
export interface IRetentionOptions {
  retentionDays: number;
  intervalHours: number;
  clock: () => Date;
  /** Told of the statements deleted (the dashboards' daily counts). */
  observer?: IStatementObserver;
  log: {
    info: (object: unknown, message: string) => void;
    error: (object: unknown, message: string) => void;
  };
}

export interface IPurge {
  /** Everything stored before this time was deleted. */
  before: string;
  statements: number;
  documents: number;
  attachments: number;
}

/** Statements deleted per transaction: a purge never holds the database long. */
const BATCH = 500;

export class RetentionPurge {
  constructor(
    private readonly db: Kysely<IDatabase>,
    private readonly options: IRetentionOptions
  ) {}

  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  /** Delete what is older than the limit; the counts (recorded, without names). */
  async run(): Promise<IPurge> {
    const before = new Date(
      this.options.clock().getTime() -
        this.options.retentionDays * 24 * 3600_000
    ).toISOString();
    let statements = 0;
    let attachments = 0;
    for (;;) {
      const removed = await this.db.transaction().execute(async trx => {
        const ids = await trx
          .selectFrom('lrs_statements')
          .select('id')
          .where('stored', '<', before)
          .limit(BATCH)
          .execute();
        return removeStatements(
          trx,
          ids.map(row => row.id),
          this.options.observer
        );
      });
      statements += removed.statements;
      attachments += removed.attachments;
      if (removed.statements < BATCH) {
        break;
      }
    }
    const documents = Number(
      (
        await this.db
          .deleteFrom('lrs_documents')
          .where('kind', 'in', ['state', 'agent'])
          .where('updated', '<', before)
          .executeTakeFirst()
      ).numDeletedRows
    );
    const purge = { before, statements, documents, attachments };
    if (statements || documents) {
      await this.db
        .insertInto('lrs_erasures')
        .values({
          id: randomUUID(),
          kind: 'purge',
          at: this.options.clock().toISOString(),
          statements,
          documents,
          attachments
        })
        .execute();
    }
    return purge;
  }

  /** Purge now and every `intervalHours` (the timer never keeps the hub alive). */
  start(): void {
    const hours = this.options.intervalHours;
    if (hours <= 0 || this.timer) {
      return;
    }
    const purge = () => {
      if (this.running) {
        return;
      }
      this.running = this.run()
        .then(
          result => this.options.log.info(result, 'learning traces purged'),
          error =>
            this.options.log.error(
              { err: error },
              'learning traces purge failed'
            )
        )
        .finally(() => (this.running = null));
    };
    this.timer = setInterval(purge, hours * 3600_000);
    this.timer.unref();
    purge();
  }

  /** Stop the timer, once a purge under way has ended. */
  async stop(): Promise<void> {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
    await this.running;
  }
}
