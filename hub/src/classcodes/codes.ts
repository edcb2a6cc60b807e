/**
 * Class codes and class keys as pupils read and type them: the alphabet, random codes,
 * how the database keeps them, and the user names made for their accounts.
 */
import { createHash, randomInt, timingSafeEqual } from 'crypto';

import type { IClassCodeRecord } from './store';

/**
 * Letters and digits that cannot be mistaken for one another when read from paper by a
 * young pupil: no 0/O, no 1/I/L (and the code is typed case-insensitively).
 */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * Length of a code: 31^8 ≈ 8.5 × 10^11 codes (about 40 bits).
 */
export const CODE_LENGTH = 8;

/**
 * Length of a class's short key (`/c/ABCDE`), from {@link CODE_ALPHABET}: 31^5 ≈ 28.6
 * million keys, so that on a hub with ten thousand classes a guessed key finds one
 * about once in 2,900 tries (four characters: once in 92), while a child still types
 * it easily. The key is not a secret (it is printed, and the page asks for the code):
 * its length only makes reading class names by walking through short addresses slow.
 */
export const CLASS_KEY_LENGTH = 5;

/**
 * A code as typed: upper case, without spaces or dashes.
 */
export function normalizeCode(typed: string): string {
  return typed.slice(0, 64).toUpperCase().replace(/[\s-]/g, '');
}

/**
 * A user name made from a display name by the hub's rules: « Léa Martin » →
 * `lea.martin` (accents dropped, lower case, other characters become dots).
 */
export function userNameFrom(displayName: string): string {
  const name = displayName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 40)
    .replace(/\.+$/, '');
  return name || 'eleve';
}

/**
 * A new pupil code.
 */
export function randomCode(): string {
  return randomText(CODE_LENGTH);
}

/** `length` characters drawn from {@link CODE_ALPHABET}. */
export function randomText(length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    text += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  }
  return text;
}

/** The salted SHA-256 the database keeps of a code. */
export function codeHash(salt: string, code: string): string {
  return createHash('sha256').update(`${salt}:${code}`).digest('hex');
}

/** Whether `code` is the one `record` keeps the hash of (in constant time). */
export function codeMatches(record: IClassCodeRecord, code: string): boolean {
  const expected = Buffer.from(record.codeHash, 'hex');
  const actual = Buffer.from(codeHash(record.salt, code), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
