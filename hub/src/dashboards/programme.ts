import { Role } from '../users/names';
import { IUser } from '../users/service';
import { RGAA_FIGURES } from './accessibility';
import { IDashboardDeps } from './deps';
import { IPeriod, shift, weekOf } from './period';

/**
 * « Real use » of an establishment in a period: at least this many of its users were
 * each active (a statement of theirs) on at least {@link REAL_USE_DAYS} different days.
 * One curious visit is not use; a few people coming back is.
 */
export const REAL_USE_USERS = 5;
export const REAL_USE_DAYS = 3;

export interface IProgrammeDashboard {
  from: string;
  to: string;
  weeklyUsers: {
    week: string;
    role: Role;
    level: string | null;
    discipline: string | null;
    users: number;
  }[];
  establishments: { name: string; activeUsers: number; withRealUse: boolean }[];
  collaboration: { sessions: number; users: number };
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

/** What the programme's figures need to know of an active user. */
interface IActiveUser {
  user: IUser;
  levels: (string | null)[];
  disciplines: (string | null)[];
  establishments: Set<string>;
  days: Set<string>;
}

/**
 * The programme's indicators. Active users come from the daily counts (any
 * statement): the hub finds whose pseudonymous actor each is by computing every
 * account's actor, never by storing names beside traces. A user counts in each of
 * their roles, class levels (null: no class with a level) and taught disciplines (a
 * teacher's library profile; null for others), so rows may add up to more than the
 * week's users.
 */
export async function programmeDashboard(
  deps: IDashboardDeps,
  period: IPeriod
): Promise<IProgrammeDashboard> {
  const active = await Private.activeUsers(deps, period);
  const weekly = new Map<string, IProgrammeDashboard['weeklyUsers'][number]>();
  for (const person of active.values()) {
    const weeks = new Set([...person.days].map(weekOf));
    for (const week of weeks) {
      for (const role of person.user.roles) {
        for (const level of person.levels) {
          for (const discipline of person.disciplines) {
            const key = JSON.stringify([week, role, level, discipline]);
            const row = weekly.get(key) ?? {
              week,
              role,
              level,
              discipline,
              users: 0
            };
            row.users += 1;
            weekly.set(key, row);
          }
        }
      }
    }
  }
  const establishments = [];
  for (const establishment of await deps.classes.establishments()) {
    const people = [...active.values()].filter(person =>
      person.establishments.has(establishment.id)
    );
    const regulars = people.filter(
      person => person.days.size >= REAL_USE_DAYS
    ).length;
    establishments.push({
      name: establishment.name,
      activeUsers: people.length,
      withRealUse: regulars >= REAL_USE_USERS
    });
  }
  return {
    ...period,
    weeklyUsers: [...weekly.values()].sort(
      (a, b) =>
        a.week.localeCompare(b.week) ||
        a.role.localeCompare(b.role) ||
        (a.level ?? '').localeCompare(b.level ?? '') ||
        (a.discipline ?? '').localeCompare(b.discipline ?? '')
    ),
    establishments: establishments.sort((a, b) =>
      a.name.localeCompare(b.name, 'fr')
    ),
    collaboration: await deps.queries.collaboration(period),
    library: await deps.library.figures(
      `${period.from}T00:00:00.000Z`,
      `${shift(period.to, 1)}T00:00:00.000Z`
    ),
    accessibility: { ...RGAA_FIGURES }
  };
}

namespace Private {
  /** The users with a statement in the period, by actor key. */
  export async function activeUsers(
    deps: IDashboardDeps,
    period: IPeriod
  ): Promise<Map<string, IActiveUser>> {
    const activeDays = await deps.queries.activeDays(period);
    if (!activeDays.length) {
      return new Map();
    }
    const byActor = new Map<string, IUser>();
    for (const user of await deps.users.all()) {
      byActor.set(deps.actorKeyOf(user.id), user);
    }
    const active = new Map<string, IActiveUser>();
    for (const { actorKey, day } of activeDays) {
      const user = byActor.get(actorKey);
      if (!user) {
        continue;
      }
      let person = active.get(actorKey);
      if (!person) {
        const classes = await deps.classes.forUser(user.id);
        const levels = [
          ...new Set(classes.map(klass => klass.level).filter(Boolean))
        ] as string[];
        const profile = user.roles.includes('teacher')
          ? await deps.library.profile(user.id)
          : null;
        person = {
          user,
          levels: levels.length ? levels : [null],
          disciplines: profile?.disciplines.length
            ? profile.disciplines
            : [null],
          establishments: new Set(
            classes
              .map(klass => klass.establishmentId)
              .filter((id): id is string => id !== null)
          ),
          days: new Set()
        };
        active.set(actorKey, person);
      }
      person.days.add(day);
    }
    return active;
  }
}
