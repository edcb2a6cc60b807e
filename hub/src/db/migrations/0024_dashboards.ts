import { Kysely } from 'kysely';

import { DailyLedger } from '../../dashboards/ledger';
import { IDatabase } from '../schema';

/**
 * Dashboards (issue 20, points 4 and 5), owned by `hub/src/dashboards`.
 *
 * The dashboards read daily counts, never the statements themselves: a class of 35
 * over a school year is some 6,000 rows of `dashboard_daily` instead of 250,000
 * statements to parse. The LRS tells the dashboards what it stores and what stops
 * counting (voided, erased, purged) in its own transaction (`lrs/observer.ts`), so the
 * counts always equal the statements kept; a row whose counts fall to zero is deleted
 * (an erasure leaves nothing behind). Keys are the pseudonymous actors of the LRS.
 *
 * - `dashboard_daily`: per actor and day (UTC, of the statement's `timestamp`): every
 *   statement, notebooks opened, cells run, cells in error, help asked, and the latest
 *   timestamp of the day. Primary key (actor_key, day) answers « these 35 actors over
 *   this period »; the index on day answers the programme's « everyone this week ».
 * - `dashboard_daily_errors`: per actor, day and exception name, the cells in error.
 * - `dashboard_collaborations`: per actor, day and collaboration session joined.
 * - `dashboard_preferences`: a user's choices of period, class and indicators (JSON).
 *
 * The statements stored before this migration are counted once, here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dashboard_daily')
    .addColumn('actor_key', 'text', col => col.notNull())
    .addColumn('day', 'text', col => col.notNull())
    .addColumn('statements', 'integer', col => col.notNull())
    .addColumn('notebooks_opened', 'integer', col => col.notNull())
    .addColumn('cells_run', 'integer', col => col.notNull())
    .addColumn('errors', 'integer', col => col.notNull())
    .addColumn('help_asked', 'integer', col => col.notNull())
    .addColumn('last_at', 'text', col => col.notNull())
    .addPrimaryKeyConstraint('dashboard_daily_pk', ['actor_key', 'day'])
    .execute();
  await db.schema
    .createIndex('dashboard_daily_day')
    .on('dashboard_daily')
    .columns(['day', 'actor_key'])
    .execute();
  await db.schema
    .createTable('dashboard_daily_errors')
    .addColumn('actor_key', 'text', col => col.notNull())
    .addColumn('day', 'text', col => col.notNull())
    .addColumn('exception', 'text', col => col.notNull())
    .addColumn('count', 'integer', col => col.notNull())
    .addPrimaryKeyConstraint('dashboard_daily_errors_pk', [
      'actor_key',
      'day',
      'exception'
    ])
    .execute();
  await db.schema
    .createTable('dashboard_collaborations')
    .addColumn('actor_key', 'text', col => col.notNull())
    .addColumn('day', 'text', col => col.notNull())
    .addColumn('session', 'text', col => col.notNull())
    .addColumn('count', 'integer', col => col.notNull())
    .addPrimaryKeyConstraint('dashboard_collaborations_pk', [
      'actor_key',
      'day',
      'session'
    ])
    .execute();
  await db.schema
    .createIndex('dashboard_collaborations_day')
    .on('dashboard_collaborations')
    .column('day')
    .execute();
  await db.schema
    .createTable('dashboard_preferences')
    .addColumn('user_id', 'text', col =>
      col.primaryKey().references('users.id').onDelete('cascade')
    )
    .addColumn('preferences', 'text', col => col.notNull())
    .addColumn('updated_at', 'text', col => col.notNull())
    .execute();
  await countStoredStatements(db as unknown as Kysely<IDatabase>);
}

/** Count what the LRS already keeps, by pages of its primary key. */
async function countStoredStatements(db: Kysely<IDatabase>): Promise<void> {
  const ledger = new DailyLedger();
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('lrs_statements')
      .select(['id', 'body'])
      .where('id', '>', after)
      .where('voided', '=', 0)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (!rows.length) {
      return;
    }
    await ledger.added(
      db,
      rows.map(row => JSON.parse(row.body) as Record<string, unknown>)
    );
    after = rows[rows.length - 1].id;
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'dashboard_preferences',
    'dashboard_collaborations',
    'dashboard_daily_errors',
    'dashboard_daily'
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
