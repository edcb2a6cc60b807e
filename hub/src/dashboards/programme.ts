import { IUser } from '../users/service';
import { RGAA_FIGURES } from './accessibility';
import { collaborationFigures, ICollaborationFigures } from './collaboration';
import { IDashboardDeps } from './deps';
import { IPeriod, shift } from './period';
import {
  describePeople,
  IActivePerson,
  IWeeklyRow,
  weeklyRows
} from './people';
import { shownCount } from './smallCounts';

/**
 * « Real use » of an establishment (or a class) in a period: at least this many of its
 * users were each active (a statement of theirs) on at least {@link REAL_USE_DAYS}
 * different days. One curious visit is not use; a few people coming back is.
 */
export const REAL_USE_USERS = 5;
export const REAL_USE_DAYS = 3;

/** Counts of people are null below 5 (`smallCounts.ts`): never a person singled out. */
export interface IProgrammeDashboard {
  from: string;
  to: string;
  weeklyUsers: (Omit<IWeeklyRow, 'users'> & { users: number | null })[];
  establishments: {
    name: string;
    activeUsers: number | null;
    withRealUse: boolean;
  }[];
  collaboration: ICollaborationFigures;
  library: {
    discipline: string | null;
    level: string | null;
    resources: number;
    reuses: number;
  }[];
  accessibility: {
    criteriaMet: number;
    criteriaNotMet: number;
    criteriaNotApplicable: number;
  };
}

/**
 * The programme's indicators. Active users come from the daily counts (any
 * statement): the hub finds whose pseudonymous actor each is by the accounts' actor
 * keys (computed once per account and kept, `actorKeys.ts`), never by storing names
 * beside traces. A user counts in each of their roles, class levels (null: no class
 * with a level) and taught disciplines (a teacher's library profile; null for
 * others), so rows may add up to more than the week's users.
 */
export async function programmeDashboard(
  deps: IDashboardDeps,
  period: IPeriod
): Promise<IProgrammeDashboard> {
  const active = await Private.activeUsers(deps, period);
  const establishments = [];
  for (const establishment of await deps.classes.establishments()) {
    const people = [...active.values()].filter(person =>
      person.establishments.has(establishment.id)
    );
    establishments.push({
      name: establishment.name,
      activeUsers: shownCount(people.length),
      withRealUse: hasRealUse(people)
    });
  }
  const groups = (await deps.groupAccounts?.(null)) ?? [];
  return {
    ...period,
    weeklyUsers: weeklyRows(active.values()).map(row => ({
      ...row,
      users: shownCount(row.users)
    })),
    establishments: establishments.sort((a, b) =>
      a.name.localeCompare(b.name, 'fr')
    ),
    collaboration: await collaborationFigures(deps, period, null, groups),
    library: await deps.library.figures(
      `${period.from}T00:00:00.000Z`,
      `${shift(period.to, 1)}T00:00:00.000Z`
    ),
    accessibility: { ...RGAA_FIGURES }
  };
}

/** Whether these people make real use (see {@link REAL_USE_USERS}). */
export function hasRealUse(people: readonly IActivePerson[]): boolean {
  return (
    people.filter(person => person.days.size >= REAL_USE_DAYS).length >=
    REAL_USE_USERS
  );
}

namespace Private {
  /** The users with a statement in the period, by user id. */
  export async function activeUsers(
    deps: IDashboardDeps,
    period: IPeriod
  ): Promise<Map<string, IActivePerson>> {
    const activeDays = await deps.queries.activeDays(period);
    if (!activeDays.length) {
      return new Map();
    }
    const byActor = new Map<string, IUser>();
    for (const user of await deps.users.all()) {
      byActor.set(deps.actorKeyOf(user.id), user);
    }
    const days = new Map<IUser, string[]>();
    for (const { actorKey, day } of activeDays) {
      const user = byActor.get(actorKey);
      if (user) {
        const own = days.get(user) ?? [];
        own.push(day);
        days.set(user, own);
      }
    }
    const people = await describePeople(deps, [...days.keys()]);
    for (const [user, active] of days) {
      active.forEach(day => people.get(user.id)!.days.add(day));
    }
    return people;
  }
}
