/**
 * A user name is part of URLs (`/user/<name>/`) and of paths on disk (the user's home):
 * lower-case letters, digits, dot, dash and underscore, starting with a letter or a
 * digit, at most 64 characters. No `..`, no slash, no control character.
 */
export const USER_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * Whether a string is an acceptable user name.
 */
export function isValidUserName(name: string): boolean {
  return USER_NAME_PATTERN.test(name) && !name.includes('..');
}

/**
 * The roles the hub knows.
 */
export const ROLES = [
  'learner',
  'teacher',
  'author',
  'inspector',
  'admin'
] as const;

/**
 * A role.
 */
export type Role = (typeof ROLES)[number];
