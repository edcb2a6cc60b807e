import { Role } from '../users/names';

/**
 * How high each role stands, for the one rule of the administration of users: nobody
 * grants a role above their own, nor acts on an account that stands above them. Pupils
 * lowest; teachers, authors and inspectors alike; administrators highest.
 */
export const ROLE_RANK: Readonly<Record<Role, number>> = {
  learner: 0,
  teacher: 1,
  author: 1,
  inspector: 1,
  admin: 2
};

/**
 * The rank of someone holding `roles`: their highest role's (-1 without any).
 */
export function rankOf(roles: readonly string[]): number {
  return Math.max(-1, ...roles.map(role => ROLE_RANK[role as Role] ?? -1));
}

/**
 * Whether a caller holding `callerRoles` may grant (or take away) every role of `roles`.
 */
export function mayGrant(
  callerRoles: readonly string[],
  roles: readonly string[]
): boolean {
  const own = rankOf(callerRoles);
  return roles.every(role => (ROLE_RANK[role as Role] ?? Infinity) <= own);
}
