import { Kysely, sql } from 'kysely';

import { IDatabase } from '../db/schema';
import { Json } from '../lrs/checks';
import { countedStatementsOf, IStatementObserver } from '../lrs/observer';
import { IStatementFacts, statementFacts } from './facts';

/**
 * The daily counts of the dashboards (migration 0024), kept by the LRS's ingestion in
 * its own transaction (`IStatementObserver`): a statement stored adds to its actor's
 * day, one voided, erased or purged takes away, and a row whose count falls to zero is
 * deleted, so that an erasure leaves no row of the actor behind.
 */
export class DailyLedger implements IStatementObserver {
  async added(
    trx: Kysely<IDatabase>,
    statements: readonly Json[]
  ): Promise<void> {
    const totals = Private.totals(statements);
    for (const chunk of Private.chunks([...totals.daily.values()], 100)) {
      await trx
        .insertInto('dashboard_daily')
        .values(chunk)
        .onConflict(conflict =>
          conflict.columns(['actor_key', 'day']).doUpdateSet(eb => ({
            statements: eb(
              'dashboard_daily.statements',
              '+',
              eb.ref('excluded.statements')
            ),
            notebooks_opened: eb(
              'dashboard_daily.notebooks_opened',
              '+',
              eb.ref('excluded.notebooks_opened')
            ),
            cells_run: eb(
              'dashboard_daily.cells_run',
              '+',
              eb.ref('excluded.cells_run')
            ),
            errors: eb(
              'dashboard_daily.errors',
              '+',
              eb.ref('excluded.errors')
            ),
            help_asked: eb(
              'dashboard_daily.help_asked',
              '+',
              eb.ref('excluded.help_asked')
            ),
            last_at: sql<string>`CASE WHEN excluded.last_at > dashboard_daily.last_at THEN excluded.last_at ELSE dashboard_daily.last_at END`
          }))
        )
        .execute();
    }
    for (const chunk of Private.chunks([...totals.errors.values()], 200)) {
      await trx
        .insertInto('dashboard_daily_errors')
        .values(chunk)
        .onConflict(conflict =>
          conflict
            .columns(['actor_key', 'day', 'exception'])
            .doUpdateSet(eb => ({
              count: eb(
                'dashboard_daily_errors.count',
                '+',
                eb.ref('excluded.count')
              )
            }))
        )
        .execute();
    }
    for (const chunk of Private.chunks(
      [...totals.collaborations.values()],
      200
    )) {
      await trx
        .insertInto('dashboard_collaborations')
        .values(chunk)
        .onConflict(conflict =>
          conflict.columns(['actor_key', 'day', 'session']).doUpdateSet(eb => ({
            count: eb(
              'dashboard_collaborations.count',
              '+',
              eb.ref('excluded.count')
            )
          }))
        )
        .execute();
    }
  }

  async removed(
    trx: Kysely<IDatabase>,
    statements: readonly Json[]
  ): Promise<void> {
    const totals = Private.totals(statements);
    const stale: { actor_key: string; day: string }[] = [];
    for (const row of totals.daily.values()) {
      const before = await trx
        .selectFrom('dashboard_daily')
        .select(['last_at', 'statements'])
        .where('actor_key', '=', row.actor_key)
        .where('day', '=', row.day)
        .executeTakeFirst();
      if (
        before &&
        before.statements > row.statements &&
        row.last_at >= before.last_at
      ) {
        // The day's latest statement is gone but others are left: look again.
        stale.push(row);
      }
      await trx
        .updateTable('dashboard_daily')
        .set(eb => ({
          statements: eb('statements', '-', row.statements),
          notebooks_opened: eb('notebooks_opened', '-', row.notebooks_opened),
          cells_run: eb('cells_run', '-', row.cells_run),
          errors: eb('errors', '-', row.errors),
          help_asked: eb('help_asked', '-', row.help_asked)
        }))
        .where('actor_key', '=', row.actor_key)
        .where('day', '=', row.day)
        .execute();
    }
    for (const row of totals.errors.values()) {
      await trx
        .updateTable('dashboard_daily_errors')
        .set(eb => ({ count: eb('count', '-', row.count) }))
        .where('actor_key', '=', row.actor_key)
        .where('day', '=', row.day)
        .where('exception', '=', row.exception)
        .execute();
    }
    for (const row of totals.collaborations.values()) {
      await trx
        .updateTable('dashboard_collaborations')
        .set(eb => ({ count: eb('count', '-', row.count) }))
        .where('actor_key', '=', row.actor_key)
        .where('day', '=', row.day)
        .where('session', '=', row.session)
        .execute();
    }
    for (const row of stale) {
      await Private.recomputeLatest(trx, row.actor_key, row.day);
    }
    const actors = [
      ...new Set([...totals.daily.values()].map(row => row.actor_key))
    ];
    for (const chunk of Private.chunks(actors, 200)) {
      await trx
        .deleteFrom('dashboard_daily')
        .where('actor_key', 'in', chunk)
        .where('statements', '<=', 0)
        .execute();
      await trx
        .deleteFrom('dashboard_daily_errors')
        .where('actor_key', 'in', chunk)
        .where('count', '<=', 0)
        .execute();
      await trx
        .deleteFrom('dashboard_collaborations')
        .where('actor_key', 'in', chunk)
        .where('count', '<=', 0)
        .execute();
    }
  }
}

namespace Private {
  interface IDailyRow {
    actor_key: string;
    day: string;
    statements: number;
    notebooks_opened: number;
    cells_run: number;
    errors: number;
    help_asked: number;
    last_at: string;
  }

  /** The statements' counts, one row per key (an upsert may name a key once). */
  export function totals(statements: readonly Json[]) {
    const daily = new Map<string, IDailyRow>();
    const errors = new Map<
      string,
      { actor_key: string; day: string; exception: string; count: number }
    >();
    const collaborations = new Map<
      string,
      { actor_key: string; day: string; session: string; count: number }
    >();
    for (const statement of statements) {
      const facts = statementFacts(statement);
      if (facts) {
        addDaily(daily, facts);
        if (facts.exception !== null) {
          const key = `${facts.actorKey}\n${facts.day}\n${facts.exception}`;
          const row = errors.get(key) ?? {
            actor_key: facts.actorKey,
            day: facts.day,
            exception: facts.exception,
            count: 0
          };
          row.count += 1;
          errors.set(key, row);
        }
        if (facts.collaboration !== null) {
          const key = `${facts.actorKey}\n${facts.day}\n${facts.collaboration}`;
          const row = collaborations.get(key) ?? {
            actor_key: facts.actorKey,
            day: facts.day,
            session: facts.collaboration,
            count: 0
          };
          row.count += 1;
          collaborations.set(key, row);
        }
      }
    }
    return { daily, errors, collaborations };
  }

  function addDaily(
    daily: Map<string, IDailyRow>,
    facts: IStatementFacts
  ): void {
    const key = `${facts.actorKey}\n${facts.day}`;
    const row = daily.get(key) ?? {
      actor_key: facts.actorKey,
      day: facts.day,
      statements: 0,
      notebooks_opened: 0,
      cells_run: 0,
      errors: 0,
      help_asked: 0,
      last_at: facts.at
    };
    row.statements += 1;
    row.notebooks_opened += Number(facts.notebookOpened);
    row.cells_run += Number(facts.cellRun);
    row.errors += Number(facts.error);
    row.help_asked += Number(facts.helpAsked);
    if (facts.at > row.last_at) {
      row.last_at = facts.at;
    }
    daily.set(key, row);
  }

  /** The latest timestamp of what is left of an actor's day (a voiding, rarely). */
  export async function recomputeLatest(
    trx: Kysely<IDatabase>,
    actorKey: string,
    day: string
  ): Promise<void> {
    const times = (await countedStatementsOf(trx, actorKey))
      .map(statementFacts)
      .filter(facts => facts?.actorKey === actorKey && facts.day === day)
      .map(facts => facts!.at)
      .sort();
    const latest = times[times.length - 1];
    if (latest !== undefined) {
      await trx
        .updateTable('dashboard_daily')
        .set({ last_at: latest })
        .where('actor_key', '=', actorKey)
        .where('day', '=', day)
        .execute();
    }
  }

  export function chunks<T>(items: readonly T[], size: number): T[][] {
    const out: T[][] = [];
    for (let at = 0; at < items.length; at += size) {
      out.push(items.slice(at, at + size));
    }
    return out;
  }
}
