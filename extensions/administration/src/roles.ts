import type { TranslationBundle } from '@jupyterlab/translation';

import type { Role } from './api';

/** Every role, lowest first. */
export const ROLES: readonly Role[] = [
  'learner',
  'teacher',
  'author',
  'inspector',
  'admin'
];

/** The hub's ranks (`hub/src/policy/ranks.ts`): nobody grants above their own. */
const RANK: Readonly<Record<Role, number>> = {
  learner: 0,
  teacher: 1,
  author: 1,
  inspector: 1,
  admin: 2
};

/**
 * The roles a caller holding `callerRoles` may grant or take away. An establishment's
 * administrator holds no role of administrator: their rank is their own role's. The
 * hub checks again (403 `role_above_own`).
 */
export function grantableRoles(callerRoles: readonly string[]): Role[] {
  const own = Math.max(
    -1,
    ...callerRoles.map(role => RANK[role as Role] ?? -1)
  );
  return ROLES.filter(role => RANK[role] <= own);
}

/**
 * Whether the caller may change an account holding `roles` (never one above theirs).
 */
export function mayChange(
  callerRoles: readonly string[],
  roles: readonly Role[]
): boolean {
  const grantable = grantableRoles(callerRoles);
  return roles.every(role => grantable.includes(role));
}

/**
 * A role as people read it.
 */
export function roleLabel(trans: TranslationBundle, role: Role): string {
  switch (role) {
    case 'learner':
      return trans.__('learner');
    case 'teacher':
      return trans.__('teacher');
    case 'author':
      return trans.__('author');
    case 'inspector':
      return trans.__('inspector');
    case 'admin':
      return trans.__('administrator');
  }
}

/**
 * Roles as a list (« aucun rôle » without any).
 */
export function rolesText(
  trans: TranslationBundle,
  roles: readonly Role[]
): string {
  return roles.length
    ? roles.map(role => roleLabel(trans, role)).join(', ')
    : trans.__('no role');
}
