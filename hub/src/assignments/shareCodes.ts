import { randomInt } from 'crypto';

/**
 * Share codes that pupils type to join an assignment (as on Capytale): 8 characters
 * without the ones young readers confuse (I and 1, O and 0), shown `ABCD-EFGH`.
 * 32⁸ ≈ 10¹² codes, and joining is rate-limited: guessing one is hopeless.
 */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LENGTH = 8;

/**
 * A new random code, as stored (no dash).
 */
export function newShareCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) {
    code += ALPHABET[randomInt(ALPHABET.length)];
  }
  return code;
}

/**
 * A code as typed (any case, spaces or dashes anywhere) as stored, or null when it
 * cannot be one.
 */
export function normalizeShareCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]+/g, '');
  return code.length === LENGTH && [...code].every(c => ALPHABET.includes(c))
    ? code
    : null;
}

/**
 * A stored code as shown: `ABCD-EFGH`.
 */
export function formatShareCode(code: string): string {
  return `${code.slice(0, LENGTH / 2)}-${code.slice(LENGTH / 2)}`;
}
