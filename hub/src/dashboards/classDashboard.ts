import { IProgressRow } from '../assignments/review';
import { DomainError, trans } from '../errors';
import { IUser } from '../users/service';
import { IClassGroup, IDashboardDeps } from './deps';
import { day, daysOf, IPeriod, shift } from './period';
import { classGroupWork, IClassGroupWork } from './groupWork';
import { activityPerDay, IDailyCounts, latestOf } from './queries';

/** The figures of the class dashboard that only optional traces feed. */
export const OPTIONAL_FIGURES = [
  'cellsRun',
  'errors',
  'helpAsked',
  'frequentErrors',
  'activity.cellsRun'
] as const;

/** Exception names shown, most frequent first. */
const FREQUENT_ERRORS = 10;

export interface IClassDashboard {
  class: { id: string; name: string; level: string | null };
  from: string;
  to: string;
  assignment: string | null;
  /** The group workspace the figures are limited to, if any. */
  group: string | null;
  /** The class's live group workspaces (to choose one), by name. */
  groups: { id: string; name: string }[];
  assignments: { id: string; title: string; dueAt: string | null }[];
  tracesPolicy: {
    policy: 'none' | 'consent';
    isDefault: boolean;
    pupilsWithOptionalTraces: number;
    missing: (typeof OPTIONAL_FIGURES)[number][];
  };
  pupils: {
    name: string;
    displayName: string;
    started: number;
    cellsRun: number | null;
    errors: number | null;
    handedIn: number;
    helpAsked: number | null;
    /** Live help requests made over the period (the hub's records, not traces). */
    helpRequests: number;
    lastActivity: string | null;
  }[];
  frequentErrors: { name: string; count: number }[];
  handIns: { day: string; count: number }[];
  activity: { day: string; activePupils: number; cellsRun: number | null }[];
  /**
   * The shared work of the group chosen, or of the class's group workspaces: traced
   * under their accounts' actors, so in none of the pupils' figures.
   */
  groupWork: IClassGroupWork;
}

/**
 * A class's dashboard for its teachers: its learners' traces from the daily counts of
 * their pseudonymous actors, what they started and handed in from the assignments
 * service. A figure fed by optional traces is null for a learner whose optional
 * traces are not recorded (and for everyone under the policy `none`): never guessed.
 *
 * With a group, the pupils' figures are its members' only (they are learners of the
 * class), from their own servers and hand-ins. What is done in group workspaces' shared
 * servers is traced under each group's account, not its members' (who ran a cell there
 * is not known): it is `groupWork`, the chosen group's or, for the whole class, all its
 * workspaces' (deleted ones too), never mixed into a pupil's figures.
 *
 * @throws {DomainError} 400 `assignment_not_in_class` for an assignment of another
 *   class, `group_not_in_class` for a group that is not a live one of this class.
 */
export async function classDashboard(
  deps: IDashboardDeps,
  classId: string,
  period: IPeriod,
  assignmentId: string | null,
  chosen: { groupId: string | null; caller: IUser } | null = null
): Promise<IClassDashboard> {
  const klass = await deps.classes.getOr404(classId);
  const policy = await deps.classPolicy(klass.id, klass.level);
  const groups = chosen
    ? ((await deps.groupsOf?.(klass.id, chosen.caller)) ?? [])
    : [];
  const group = Private.groupOf(groups, chosen?.groupId ?? null);
  const learners = (await Private.learners(deps, klass.id)).filter(
    user => !group || group.members.some(member => member.name === user.name)
  );
  const optional = await Promise.all(
    learners.map(user =>
      policy.policy === 'none' ? false : deps.optionalTraces(user)
    )
  );
  const keys = learners.map(user => deps.actorKeyOf(user.id));
  const recorded = keys.filter((_, at) => optional[at]);
  const rows = await deps.queries.daily(keys, period);
  const byActor = Private.group(rows);
  const given = await deps.assignments.forClass(klass.id);
  const handedOut = assignmentId
    ? given.filter(row => row.id === assignmentId)
    : given;
  if (assignmentId && !handedOut.length) {
    throw new DomainError(
      'assignment_not_in_class',
      trans.__('This assignment is not given to this class.')
    );
  }
  const helpRequests =
    (await deps.helpAsked?.(
      learners.map(user => user.id),
      new Date(`${period.from}T00:00:00Z`),
      new Date(`${shift(period.to, 1)}T00:00:00Z`)
    )) ?? new Map<string, number>();
  const progress: IProgressRow[][] = [];
  for (const row of handedOut) {
    progress.push(await deps.reviews.progress(row));
  }
  const pupils = learners.map((user, at) => {
    const own = byActor.get(keys[at]) ?? [];
    const mine = progress.flatMap(rows =>
      rows.filter(row => row.learner.name === user.name)
    );
    const sum = (pick: (row: IDailyCounts) => number) =>
      optional[at] ? own.reduce((total, row) => total + pick(row), 0) : null;
    return {
      name: user.name,
      displayName: user.displayName,
      started: mine.filter(row => row.fetchedAt || row.submittedAt).length,
      cellsRun: sum(row => row.cellsRun),
      errors: sum(row => row.errors),
      handedIn: mine.filter(row => row.submittedAt).length,
      helpAsked: sum(row => row.helpAsked),
      helpRequests: helpRequests.get(user.id) ?? 0,
      lastActivity: latestOf(own)
    };
  });
  const names = new Set(learners.map(user => user.name));
  const handIns = new Map<string, number>();
  for (const row of progress.flat()) {
    if (row.submittedAt && names.has(row.learner.name)) {
      const when = day(new Date(row.submittedAt));
      handIns.set(when, (handIns.get(when) ?? 0) + 1);
    }
  }
  const days = daysOf(period);
  return {
    class: { id: klass.id, name: klass.name, level: klass.level },
    ...period,
    assignment: assignmentId,
    group: group?.id ?? null,
    groups: groups.map(one => ({ id: one.id, name: one.name })),
    assignments: given.map(row => ({
      id: row.id,
      title: row.title,
      dueAt: row.due_at
    })),
    tracesPolicy: {
      ...policy,
      pupilsWithOptionalTraces: recorded.length,
      missing: recorded.length ? [] : [...OPTIONAL_FIGURES]
    },
    pupils,
    frequentErrors: await deps.queries.frequentErrors(
      recorded,
      period,
      FREQUENT_ERRORS
    ),
    handIns: days.map(when => ({ day: when, count: handIns.get(when) ?? 0 })),
    activity: activityPerDay(days, rows, new Set(recorded)).map(
      ({ day, active, cellsRun }) => ({ day, activePupils: active, cellsRun })
    ),
    groupWork: await classGroupWork(
      deps,
      klass.id,
      group?.id ?? null,
      policy.policy,
      period
    )
  };
}

namespace Private {
  /** The group chosen among the class's, or none. */
  export function groupOf(
    groups: readonly IClassGroup[],
    groupId: string | null
  ): IClassGroup | null {
    if (groupId === null) {
      return null;
    }
    const group = groups.find(one => one.id === groupId);
    if (!group) {
      throw new DomainError(
        'group_not_in_class',
        trans.__('This group is not one of this class’s.')
      );
    }
    return group;
  }

  /** The class's learners, by name in French order. */
  export async function learners(
    deps: IDashboardDeps,
    classId: string
  ): Promise<IUser[]> {
    const members = (await deps.classes.members(classId)).filter(
      member => member.membership === 'learner'
    );
    const users: IUser[] = [];
    for (const member of members) {
      const user = await deps.users.get(member.userId);
      if (user) {
        users.push(user);
      }
    }
    return users.sort((a, b) =>
      a.displayName.localeCompare(b.displayName, 'fr')
    );
  }

  export function group(rows: readonly IDailyCounts[]) {
    const byActor = new Map<string, IDailyCounts[]>();
    for (const row of rows) {
      const own = byActor.get(row.actorKey) ?? [];
      own.push(row);
      byActor.set(row.actorKey, own);
    }
    return byActor;
  }
}
