import { Kysely } from 'kysely';
import { Logger } from 'pino';

import { Config } from './config/schema';
import { IDatabase } from './db/schema';

/**
 * What every feature of the hub is built from, made once by the composition root
 * (`main.ts`): the database, the clock, the logger and the configuration.
 */
export interface IHubContext {
  /** The database, migrated. */
  readonly db: Kysely<IDatabase>;
  /** The time now (tests may give a clock of their own). */
  readonly clock: () => Date;
  readonly log: Logger;
  readonly config: Config;
}

/**
 * What a feature gives the hub: its services, and what to do when the hub starts and
 * stops (timers, queues, servers to take back).
 */
export interface IFeature<S> {
  /** The feature's services, for the HTTP layer and the other features. */
  readonly services: S;
  /** Called once every feature is built, before the hub listens. */
  start?(): Promise<void> | void;
  /** Called when the hub closes, features in the reverse order. */
  stop?(): Promise<void> | void;
}
