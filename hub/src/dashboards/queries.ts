import { Kysely, sql } from 'kysely';

import { IDatabase } from '../db/schema';
import { IPeriod } from './period';

/**
 * The dashboards' reads, all from the daily counts (`ledger.ts`): a class over a
 * school year reads about (learners × days) rows by the primary key
 * (actor_key, day), never a statement.
 */
export interface IDailyCounts {
  actorKey: string;
  day: string;
  statements: number;
  notebooksOpened: number;
  cellsRun: number;
  errors: number;
  helpAsked: number;
  lastAt: string;
}

/**
 * Per day of `days`: the actors with a statement, and the cells run by those of
 * `recorded` (whose optional traces are collected; null when none is).
 */
export function activityPerDay(
  days: readonly string[],
  rows: readonly IDailyCounts[],
  recorded: ReadonlySet<string>
): { day: string; active: number; cellsRun: number | null }[] {
  const active = new Map<string, number>();
  const cells = new Map<string, number>();
  for (const row of rows) {
    if (row.statements > 0) {
      active.set(row.day, (active.get(row.day) ?? 0) + 1);
    }
    if (recorded.has(row.actorKey)) {
      cells.set(row.day, (cells.get(row.day) ?? 0) + row.cellsRun);
    }
  }
  return days.map(day => ({
    day,
    active: active.get(day) ?? 0,
    cellsRun: recorded.size ? (cells.get(day) ?? 0) : null
  }));
}

/** The latest time of these rows, or null. */
export function latestOf(rows: readonly IDailyCounts[]): string | null {
  return rows.reduce<string | null>(
    (latest, row) =>
      latest === null || row.lastAt > latest ? row.lastAt : latest,
    null
  );
}

export class DashboardQueries {
  constructor(private readonly db: Kysely<IDatabase>) {}

  /** The day rows of these actors in the period. */
  async daily(
    actorKeys: readonly string[],
    period: IPeriod
  ): Promise<IDailyCounts[]> {
    const rows = [];
    // By 500 keys: an establishment's thousands of users stay under the
    // databases' limits on parameters.
    for (let at = 0; at < actorKeys.length; at += 500) {
      rows.push(
        ...(await this.db
          .selectFrom('dashboard_daily')
          .selectAll()
          .where('actor_key', 'in', actorKeys.slice(at, at + 500))
          .where('day', '>=', period.from)
          .where('day', '<=', period.to)
          .execute())
      );
    }
    return rows.map(row => ({
      actorKey: row.actor_key,
      day: row.day,
      statements: Number(row.statements),
      notebooksOpened: Number(row.notebooks_opened),
      cellsRun: Number(row.cells_run),
      errors: Number(row.errors),
      helpAsked: Number(row.help_asked),
      lastAt: row.last_at
    }));
  }

  /** The exception names of these actors' cells in error, most frequent first. */
  async frequentErrors(
    actorKeys: readonly string[],
    period: IPeriod,
    limit: number
  ): Promise<{ name: string; count: number }[]> {
    if (!actorKeys.length) {
      return [];
    }
    const rows = await this.db
      .selectFrom('dashboard_daily_errors')
      .select(['exception', sql<number>`sum(count)`.as('total')])
      .where('actor_key', 'in', [...actorKeys])
      .where('day', '>=', period.from)
      .where('day', '<=', period.to)
      .groupBy('exception')
      .orderBy('total', 'desc')
      .orderBy('exception')
      .limit(limit)
      .execute();
    return rows.map(row => ({ name: row.exception, count: Number(row.total) }));
  }

  /** Every (actor, day) with a statement in the period (the programme's users). */
  async activeDays(
    period: IPeriod
  ): Promise<{ actorKey: string; day: string }[]> {
    const rows = await this.db
      .selectFrom('dashboard_daily')
      .select(['actor_key', 'day'])
      .where('day', '>=', period.from)
      .where('day', '<=', period.to)
      .execute();
    return rows.map(row => ({ actorKey: row.actor_key, day: row.day }));
  }

  /**
   * Collaboration sessions joined in the period, and how many actors joined them:
   * everyone's, or only these actors' (an establishment's users, group workspaces'
   * accounts: `collaboration.ts` tells people from groups).
   */
  async collaboration(
    period: IPeriod,
    actorKeys?: readonly string[]
  ): Promise<{ sessions: number; users: number }> {
    if (actorKeys && !actorKeys.length) {
      return { sessions: 0, users: 0 };
    }
    let query = this.db
      .selectFrom('dashboard_collaborations')
      .select([
        sql<number>`count(distinct session)`.as('sessions'),
        sql<number>`count(distinct actor_key)`.as('users')
      ])
      .where('day', '>=', period.from)
      .where('day', '<=', period.to);
    if (actorKeys) {
      query = query.where('actor_key', 'in', [...actorKeys]);
    }
    const row = await query.executeTakeFirstOrThrow();
    return { sessions: Number(row.sessions), users: Number(row.users) };
  }
}
