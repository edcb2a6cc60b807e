import type { IGroupAccount } from '../groups/accounts';
import { IDashboardDeps } from './deps';
import { daysOf, IPeriod, weekOf } from './period';
import { activityPerDay, IDailyCounts, latestOf } from './queries';

/**
 * The shared work of group workspaces, from their accounts' traces: a group's server
 * sends statements under its account's pseudonymous actor, not its members'. Kept
 * apart from people's figures: a group account is not a person (`users/people.ts`),
 * so it is never a pupil nor a user in a count.
 */
export interface IClassGroupWork {
  /** The workspaces counted: the group chosen, or the class's (deleted ones too). */
  workspaces: number;
  /** Those with a statement in the period. */
  activeWorkspaces: number;
  /** Optional traces: null when collected for none of these workspaces. */
  notebooksOpened: number | null;
  cellsRun: number | null;
  errors: number | null;
  lastActivity: string | null;
  /** One row per day of the period, zeros included. */
  days: { day: string; activeWorkspaces: number; cellsRun: number | null }[];
}

/** Group workspaces with a statement in a week, and the cells run in them. */
export interface IWeeklyGroupWork {
  week: string;
  workspaces: number;
  cellsRun: number;
}

/**
 * The group workspaces' shared work in a class: of the group chosen, or of all the
 * class's. Its optional figures count only the workspaces whose optional traces the
 * LRS records (the account's consent), and none under the class's policy `none`.
 */
export async function classGroupWork(
  deps: IDashboardDeps,
  classId: string,
  groupId: string | null,
  classPolicy: 'none' | 'consent',
  period: IPeriod
): Promise<IClassGroupWork> {
  const accounts = (await deps.groupAccounts?.([classId])) ?? [];
  const counted = groupId
    ? accounts.filter(account => account.groupId === groupId)
    : accounts;
  const keys = counted.map(account => deps.actorKeyOf(account.accountId));
  const recorded = new Set<string>();
  for (const [at, account] of counted.entries()) {
    if (
      classPolicy !== 'none' &&
      (await deps.optionalTraces({ id: account.accountId, roles: [] }))
    ) {
      recorded.add(keys[at]);
    }
  }
  const rows = keys.length ? await deps.queries.daily(keys, period) : [];
  const optional = (pick: (row: IDailyCounts) => number) =>
    recorded.size
      ? rows
          .filter(row => recorded.has(row.actorKey))
          .reduce((sum, row) => sum + pick(row), 0)
      : null;
  return {
    workspaces: counted.length,
    activeWorkspaces: new Set(
      rows.filter(row => row.statements > 0).map(row => row.actorKey)
    ).size,
    notebooksOpened: optional(row => row.notebooksOpened),
    cellsRun: optional(row => row.cellsRun),
    errors: optional(row => row.errors),
    lastActivity: latestOf(rows),
    days: activityPerDay(daysOf(period), rows, recorded).map(
      ({ day, active, cellsRun }) => ({
        day,
        activeWorkspaces: active,
        cellsRun
      })
    )
  };
}

/**
 * Group workspaces active each week (a statement of their account) and the cells run
 * in them: the weeks with any, in order.
 */
export async function weeklyGroupWork(
  deps: IDashboardDeps,
  accounts: readonly IGroupAccount[],
  period: IPeriod
): Promise<IWeeklyGroupWork[]> {
  const keys = accounts.map(account => deps.actorKeyOf(account.accountId));
  const rows = keys.length ? await deps.queries.daily(keys, period) : [];
  const weeks = new Map<string, { actors: Set<string>; cellsRun: number }>();
  for (const row of rows.filter(one => one.statements > 0)) {
    const week = weekOf(row.day);
    const figures = weeks.get(week) ?? { actors: new Set(), cellsRun: 0 };
    figures.actors.add(row.actorKey);
    figures.cellsRun += row.cellsRun;
    weeks.set(week, figures);
  }
  return [...weeks]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, figures]) => ({
      week,
      workspaces: figures.actors.size,
      cellsRun: figures.cellsRun
    }));
}
