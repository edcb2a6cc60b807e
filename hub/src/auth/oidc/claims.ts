import { isValidUserName } from '../../users/names';
import { hasControlCharacters } from '../../util/text';

/**
 * A user name candidate from ID token / userinfo claims: `preferred_username`, else the
 * local part of `email`, lower-cased, accents removed, other characters replaced so that
 * it matches `users/names.ts`. Falls back to `utilisateur`.
 */
export function userNameFromClaims(claims: Record<string, unknown>): string {
  const sources = [
    claims.preferred_username,
    typeof claims.email === 'string' ? claims.email.split('@')[0] : undefined
  ];
  for (const source of sources) {
    if (typeof source !== 'string') {
      continue;
    }
    const name = source
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/\.{2,}/g, '.')
      .replace(/^[^a-z0-9]+/, '')
      .slice(0, 54)
      .replace(/[._-]+$/, '');
    if (isValidUserName(name)) {
      return name;
    }
  }
  return 'utilisateur';
}

/**
 * Candidates for a new user's name: the base, then `base-2`, `base-3`… (at most 64
 * characters: the base is cut to leave room for the suffix).
 */
export function* userNameCandidates(base: string): Generator<string> {
  yield base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    yield base.slice(0, 64 - suffix.length) + suffix;
  }
}

/**
 * The display name from claims: `name`, else `given_name family_name`, else the user
 * name. Control characters are dropped; at most 200 characters.
 */
export function displayNameFromClaims(
  claims: Record<string, unknown>,
  fallback: string
): string {
  const text = (value: unknown): string =>
    typeof value === 'string' && !hasControlCharacters(value)
      ? value.trim()
      : '';
  const full =
    text(claims.name) ||
    [text(claims.given_name), text(claims.family_name)]
      .filter(Boolean)
      .join(' ');
  return (full || fallback).slice(0, 200);
}
