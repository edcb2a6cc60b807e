import { IAuthContext } from '../auth/middleware';
import { IOption } from '../pages/forms';
import { IUser } from '../users/service';
import type { IClassPagesDeps } from './pages';
import { IClass, IEstablishment } from './service';

/**
 * Whom the class pages offer: learners one may enrol, teachers an admin may assign,
 * establishments one may create a class in; and how names are matched and sorted.
 */

/** Letters without accents nor case: « Chloé » is found by « chloe ». */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

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
 * The learner accounts the caller may enrol in the class, members excluded: every
 * learner for whom sees every account (an admin); otherwise the learners of the
 * class's establishment and of the caller's own classes, so that a teacher never
 * browses the whole platform's pupils.
 */
export async function learnerCandidates(
  deps: IClassPagesDeps,
  auth: IAuthContext,
  klass: IClass,
  members: readonly { userId: string }[],
  query = ''
): Promise<IUser[]> {
  const all = deps.policy.reach(auth.user, 'users:read') === 'all';
  const users = all
    ? await deps.users.all()
    : await usersOf(
        deps,
        await deps.classes.learnerIdsNear(klass, auth.user.id)
      );
  if (!all) {
    // A pupil in no class yet (a new account) is found by their exact identifier,
    // which the teacher has from the pupil: no browsing of other schools' pupils.
    const named = await deps.users.getByName(query.trim());
    if (named && !users.some(user => user.id === named.id)) {
      users.push(named);
    }
  }
  const inClass = new Set(members.map(member => member.userId));
  return users
    .filter(user => user.roles.includes('learner') && !inClass.has(user.id))
    .sort(byName);
}

/** Teacher accounts that do not teach the class yet (for admins). */
export async function teacherCandidates(
  deps: IClassPagesDeps,
  members: readonly { userId: string; membership: string }[]
): Promise<IUser[]> {
  const teaching = new Set(
    members.filter(m => m.membership === 'teacher').map(m => m.userId)
  );
  return (await deps.users.all())
    .filter(user => user.roles.includes('teacher') && !teaching.has(user.id))
    .sort(byName);
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
