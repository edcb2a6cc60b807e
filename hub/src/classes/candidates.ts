import type { IAuthContext } from '../auth/authContext';
import type { IHubTranslator } from '../i18n';
import { IOption } from '../pages/forms';
import { foldText, userSearchKey } from '../users/searchKey';
import { IUser } from '../users/service';
import { hasControlCharacters } from '../util/text';
import type { IClassPagesDeps } from './pageDeps';
import { IClass, IEstablishment } from './service';

/**
 * Whom the class pages offer: learners one may enrol, teachers an admin may assign,
 * establishments one may create a class in; and how names are matched and sorted.
 */

export function byName(a: IUser, b: IUser): number {
  return (
    a.displayName.localeCompare(b.displayName, 'fr') ||
    a.name.localeCompare(b.name)
  );
}

export async function usersOf(
  deps: IClassPagesDeps,
  ids: readonly string[]
): Promise<IUser[]> {
  const users = await Promise.all(ids.map(id => deps.users.get(id)));
  return users.filter((user): user is IUser => user !== null);
}

/**
 * The learners the enrolment form offers for `query` (letters of a name or identifier,
 * accents and case aside), members excluded, at most `limit` of them, and how many
 * match in all. An admin may enrol any learner of the platform: they are searched in
 * SQL, never all read. Anyone else, the learners of the class's establishment and of
 * their own classes, so that a teacher never browses the whole platform's pupils; a
 * pupil in no class yet is found by their exact identifier.
 */
export async function learnerCandidates(
  deps: IClassPagesDeps,
  auth: IAuthContext,
  klass: IClass,
  members: readonly { userId: string; membership: string }[],
  query: string,
  limit: number
): Promise<{ users: IUser[]; total: number }> {
  const enrolled = new Set(Private.idsOf(members, 'learner'));
  if (!Private.seesEveryone(deps, auth)) {
    const found = (await Private.nearLearners(deps, auth, klass, query))
      .filter(user => !enrolled.has(user.id) && Private.matches(user, query))
      .sort(byName);
    return { users: found.slice(0, limit), total: found.length };
  }
  const { users, total } = await deps.users.page({
    query,
    role: 'learner',
    excludeIds: [...enrolled],
    offset: 0,
    limit
  });
  return { users: users.sort(byName), total };
}

/**
 * Of the learners `ids` (a form's checked boxes), those the caller may enrol in the
 * class: those {@link learnerCandidates} could have offered for `query`.
 */
export async function enrollableLearners(
  deps: IClassPagesDeps,
  auth: IAuthContext,
  klass: IClass,
  query: string,
  ids: readonly string[]
): Promise<Map<string, IUser>> {
  const users = Private.seesEveryone(deps, auth)
    ? (await usersOf(deps, ids)).filter(user => user.roles.includes('learner'))
    : (await Private.nearLearners(deps, auth, klass, query)).filter(user =>
        ids.includes(user.id)
      );
  return new Map(users.map(user => [user.id, user]));
}

/**
 * The teacher accounts an admin may add to the class for `query` (letters of a name or
 * identifier, accents and case aside): those that do not teach it yet, searched in SQL
 * (never all read), at most `limit` of them, and how many match in all.
 */
export async function teacherCandidates(
  deps: IClassPagesDeps,
  members: readonly { userId: string; membership: string }[],
  query: string,
  limit: number
): Promise<{ users: IUser[]; total: number }> {
  const { users, total } = await deps.users.page({
    query,
    role: 'teacher',
    excludeIds: Private.idsOf(members, 'teacher'),
    offset: 0,
    limit
  });
  return { users: users.sort(byName), total };
}

/**
 * The teacher account `id` (a form's choice) if an admin may add it to the class: a
 * teacher that does not teach it yet, whichever search offered it; else null.
 */
export async function assignableTeacher(
  deps: IClassPagesDeps,
  members: readonly { userId: string; membership: string }[],
  id: string
): Promise<IUser | null> {
  if (!id || Private.idsOf(members, 'teacher').includes(id)) {
    return null;
  }
  const user = await deps.users.get(id);
  return user?.roles.includes('teacher') ? user : null;
}

/** The longest search of the class pages. */
export const SEARCH_MAX = 100;

/**
 * What is wrong with a search typed in a class page (French, for the form), or null if
 * it is fine; empty means no search.
 */
export function searchProblem(
  trans: IHubTranslator,
  raw: string
): string | null {
  const search = raw.trim();
  if (search.length > SEARCH_MAX) {
    return trans.__(
      'The search has %1 characters at most (it has %2).',
      SEARCH_MAX,
      search.length
    );
  }
  if (hasControlCharacters(search)) {
    return trans.__(
      'The search cannot hold a tab, a line break or another control character.'
    );
  }
  return null;
}

/**
 * The establishments the caller may create a class in: every one for an admin
 * (`classes:write` on every class), those of the classes they teach otherwise.
 */
export async function establishmentChoices(
  deps: IClassPagesDeps,
  auth: IAuthContext
): Promise<IOption[]> {
  let list: IEstablishment[];
  if (deps.policy.reach(auth.user, 'classes:write') === 'all') {
    list = await deps.classes.establishments();
  } else {
    const ids = new Set(
      (await deps.classes.forUser(auth.user.id))
        .filter(klass => klass.membership === 'teacher')
        .map(klass => klass.establishmentId)
        .filter((id): id is string => id !== null)
    );
    list = (
      await Promise.all([...ids].map(id => deps.classes.getEstablishment(id)))
    ).filter((e): e is IEstablishment => e !== null);
    list.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  }
  return list.map(e => ({
    value: e.id,
    text: e.uai ? `${e.name} (${e.uai})` : e.name
  }));
}

namespace Private {
  /** The ids of the members of the class with this membership. */
  export function idsOf(
    members: readonly { userId: string; membership: string }[],
    membership: string
  ): string[] {
    return members.filter(m => m.membership === membership).map(m => m.userId);
  }

  export function seesEveryone(
    deps: IClassPagesDeps,
    auth: IAuthContext
  ): boolean {
    return deps.policy.reach(auth.user, 'users:read') === 'all';
  }

  /** Whether a user's display name or identifier contains `query`, folded. */
  export function matches(user: IUser, query: string): boolean {
    const folded = foldText(query.trim());
    return userSearchKey(user.name, user.displayName).includes(folded);
  }

  /**
   * The learners of the class's establishment and of the caller's classes, and the
   * one whose identifier is exactly `query`.
   */
  export async function nearLearners(
    deps: IClassPagesDeps,
    auth: IAuthContext,
    klass: IClass,
    query: string
  ): Promise<IUser[]> {
    const users = await usersOf(
      deps,
      await deps.classes.learnerIdsNear(klass, auth.user.id)
    );
    const named = await deps.users.getByName(query.trim());
    if (named && !users.some(user => user.id === named.id)) {
      users.push(named);
    }
    return users.filter(user => user.roles.includes('learner'));
  }
}
