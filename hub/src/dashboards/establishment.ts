import { IUser } from '../users/service';
import { collaborationFigures, ICollaborationFigures } from './collaboration';
import { IDashboardDeps } from './deps';
import { IPeriod, shift } from './period';
import {
  describePeople,
  IActivePerson,
  IWeeklyRow,
  weeklyRows,
  weeklyTotals
} from './people';
import { hasRealUse } from './programme';
import { shownCount } from './smallCounts';

/**
 * An establishment's dashboard: the programme's indicators for the users of its
 * classes. Figures only, never a name (not even a class's: teachers name classes
 * after themselves); counts of people below 5 are null (`smallCounts.ts`).
 */
export interface IEstablishmentDashboard {
  from: string;
  to: string;
  establishment: { id: string; name: string };
  /** Distinct users a week in each role (the chart). */
  weeklyTotals: {
    week: string;
    role: IUser['roles'][number];
    users: number | null;
  }[];
  /** The same split by level and discipline (the table). */
  weeklyUsers: (Omit<IWeeklyRow, 'users'> & { users: number | null })[];
  /** The establishment's classes by level, and how many had real use. */
  classes: {
    level: string | null;
    classes: number;
    withRealUse: number;
    activeUsers: number | null;
  }[];
  collaboration: ICollaborationFigures;
  /** Library resources its teachers reused in the period. */
  library: {
    discipline: string | null;
    level: string | null;
    resources: number;
    reuses: number;
  }[];
}

/**
 * The figures of one establishment over a period (its existence and the caller's
 * right to it are checked before). Its users are the members of its classes and the
 * users attached to it directly (staff without a class; each user once, whichever
 * ways they belong); a class has real use as an establishment does (5 members each
 * active on 3 days). Its classes' group workspaces count in its collaboration, never
 * as users.
 */
export async function establishmentDashboard(
  deps: IDashboardDeps,
  establishment: { id: string; name: string },
  period: IPeriod
): Promise<IEstablishmentDashboard> {
  const classes = (await deps.classes.all()).filter(
    klass => klass.establishmentId === establishment.id
  );
  const ours = new Set(classes.map(klass => klass.id));
  const members = await Private.members(deps, establishment.id, classes);
  const keys = new Map<string, string>();
  for (const userId of members.keys()) {
    keys.set(deps.actorKeyOf(userId), userId);
  }
  const rows = await deps.queries.daily([...keys.keys()], period);
  const activeIds = [...new Set(rows.map(row => keys.get(row.actorKey)!))];
  const users: IUser[] = [];
  for (const userId of activeIds) {
    const user = members.get(userId)?.user ?? (await deps.users.get(userId));
    if (user) {
      users.push(user);
    }
  }
  const active = await describePeople(deps, users, klass => ours.has(klass.id));
  for (const row of rows) {
    active.get(keys.get(row.actorKey)!)?.days.add(row.day);
  }
  const people = [...active.values()];
  const groups = (await deps.groupAccounts?.([...ours])) ?? [];
  const teachers = [...members]
    .filter(([, member]) => member.teacher)
    .map(([userId]) => userId);
  return {
    ...period,
    establishment: { id: establishment.id, name: establishment.name },
    weeklyTotals: weeklyTotals(people).map(row => ({
      ...row,
      users: shownCount(row.users)
    })),
    weeklyUsers: weeklyRows(people).map(row => ({
      ...row,
      users: shownCount(row.users)
    })),
    classes: Private.byLevel(classes, people),
    collaboration: await collaborationFigures(
      deps,
      period,
      [...keys.keys()],
      groups
    ),
    library: await deps.library.figuresOfUsers(
      teachers,
      `${period.from}T00:00:00.000Z`,
      `${shift(period.to, 1)}T00:00:00.000Z`
    )
  };
}

namespace Private {
  /**
   * The establishment's users, each once: its classes' members (teachers among them
   * as `teacher`) and those attached directly (a teacher by role: they teach there).
   */
  export async function members(
    deps: IDashboardDeps,
    establishmentId: string,
    classes: readonly { id: string }[]
  ): Promise<Map<string, { teacher: boolean; user?: IUser }>> {
    const members = new Map<string, { teacher: boolean; user?: IUser }>();
    for (const klass of classes) {
      for (const member of await deps.classes.members(klass.id)) {
        const known = members.get(member.userId);
        members.set(member.userId, {
          teacher: known?.teacher || member.membership === 'teacher'
        });
      }
    }
    for (const userId of (await deps.attached?.usersOf(establishmentId)) ??
      []) {
      const user = await deps.users.get(userId);
      if (user) {
        members.set(userId, {
          teacher:
            members.get(userId)?.teacher || user.roles.includes('teacher'),
          user
        });
      }
    }
    return members;
  }

  /** Classes by level: how many, how many with real use, their active users. */
  export function byLevel(
    classes: readonly { id: string; level: string | null }[],
    people: readonly IActivePerson[]
  ): IEstablishmentDashboard['classes'] {
    const levels = new Map<
      string | null,
      { classes: number; withRealUse: number; active: Set<IActivePerson> }
    >();
    for (const klass of classes) {
      const level = levels.get(klass.level) ?? {
        classes: 0,
        withRealUse: 0,
        active: new Set()
      };
      const inClass = people.filter(person => person.classIds.has(klass.id));
      level.classes += 1;
      level.withRealUse += hasRealUse(inClass) ? 1 : 0;
      inClass.forEach(person => level.active.add(person));
      levels.set(klass.level, level);
    }
    return [...levels]
      .map(([level, figures]) => ({
        level,
        classes: figures.classes,
        withRealUse: figures.withRealUse,
        activeUsers: shownCount(figures.active.size)
      }))
      .sort((a, b) => (a.level ?? '\uffff').localeCompare(b.level ?? '\uffff'));
  }
}
