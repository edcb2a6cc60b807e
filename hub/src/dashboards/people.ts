import { IClass } from '../classes/service';
import { IUser } from '../users/service';
import { IDashboardDeps } from './deps';
import { weekOf } from './period';

/** What the programme's and establishments' figures need to know of an active user. */
export interface IActivePerson {
  user: IUser;
  /** Their classes' levels (null: no class with a level). */
  levels: (string | null)[];
  /** A teacher's taught disciplines (library profile); null for others. */
  disciplines: (string | null)[];
  establishments: Set<string>;
  classIds: Set<string>;
  /** The days with a statement of theirs. */
  days: Set<string>;
}

/**
 * Describe active users from their classes (only those `keep` accepts: an
 * establishment's dashboard counts levels of its own classes), the establishments
 * they are attached to directly and, for teachers, their library profiles: a few
 * reads for all of them, whatever their number. No
 * name leaves this module: callers count.
 */
export async function describePeople(
  deps: IDashboardDeps,
  users: readonly IUser[],
  keep: (klass: IClass) => boolean = () => true
): Promise<Map<string, IActivePerson>> {
  const ids = users.map(user => user.id);
  const classesOf = await deps.classes.forUsers(ids);
  const attached =
    (await deps.attached?.establishmentsOf(ids)) ?? new Map<string, string[]>();
  const profiles = await deps.library.profiles(
    users.filter(user => user.roles.includes('teacher')).map(user => user.id)
  );
  const people = new Map<string, IActivePerson>();
  for (const user of users) {
    const classes = (classesOf.get(user.id) ?? []).filter(keep);
    const levels = [
      ...new Set(classes.map(klass => klass.level).filter(Boolean))
    ] as string[];
    const disciplines = profiles.get(user.id)?.disciplines ?? [];
    people.set(user.id, {
      user,
      levels: levels.length ? levels : [null],
      disciplines: disciplines.length ? disciplines : [null],
      establishments: new Set([
        ...classes
          .map(klass => klass.establishmentId)
          .filter((id): id is string => id !== null),
        ...(attached.get(user.id) ?? [])
      ]),
      classIds: new Set(classes.map(klass => klass.id)),
      days: new Set()
    });
  }
  return people;
}

/** A row of weekly unique users by role, level and discipline. */
export interface IWeeklyRow {
  week: string;
  role: IUser['roles'][number];
  level: string | null;
  discipline: string | null;
  users: number;
}

/**
 * Weekly unique users by role, level and discipline: a user counts in each of their
 * roles, levels and disciplines, so rows may add up to more than the week's users.
 */
export function weeklyRows(people: Iterable<IActivePerson>): IWeeklyRow[] {
  const weekly = new Map<string, IWeeklyRow>();
  const weekOfDay = Private.weeks();
  for (const person of people) {
    for (const week of new Set([...person.days].map(weekOfDay))) {
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
  return [...weekly.values()].sort(
    (a, b) =>
      a.week.localeCompare(b.week) ||
      a.role.localeCompare(b.role) ||
      (a.level ?? '').localeCompare(b.level ?? '') ||
      (a.discipline ?? '').localeCompare(b.discipline ?? '')
  );
}

/** Weekly unique users by role alone: each user once a week in each role. */
export function weeklyTotals(
  people: Iterable<IActivePerson>
): { week: string; role: IUser['roles'][number]; users: number }[] {
  const totals = new Map<
    string,
    { week: string; role: IUser['roles'][number]; users: number }
  >();
  const weekOfDay = Private.weeks();
  for (const person of people) {
    for (const week of new Set([...person.days].map(weekOfDay))) {
      for (const role of person.user.roles) {
        const key = `${week} ${role}`;
        const row = totals.get(key) ?? { week, role, users: 0 };
        row.users += 1;
        totals.set(key, row);
      }
    }
  }
  return [...totals.values()].sort(
    (a, b) => a.week.localeCompare(b.week) || a.role.localeCompare(b.role)
  );
}

namespace Private {
  /**
   * `weekOf`, remembered: thousands of people share the period's few days, and
   * dates are slow to make.
   */
  export function weeks(): (day: string) => string {
    const known = new Map<string, string>();
    return day => {
      let week = known.get(day);
      if (week === undefined) {
        week = weekOf(day);
        known.set(day, week);
      }
      return week;
    };
  }
}
