import { randomBytes, scrypt, timingSafeEqual } from 'crypto';

/**
 * Memory-hard password hashing with Node's scrypt (no native dependency).
 *
 * N = 2^15, r = 8: 32 MiB and about 50 ms per hash on one core, which makes offline
 * guessing expensive while a login stays quick. The parameters are stored with the
 * hash so that they can be raised later without invalidating old hashes.
 */
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(
  password: string,
  salt: Buffer,
  n: number,
  r: number,
  p: number
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { N: n, r, p, maxmem: MAX_MEMORY },
      (error, key) => (error ? reject(error) : resolve(key))
    )
  );
}

/**
 * Hash a password: `scrypt$N$r$p$<salt b64>$<key b64>`.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return [
    'scrypt',
    N,
    R,
    P,
    salt.toString('base64'),
    key.toString('base64')
  ].join('$');
}

/**
 * Check a password against a stored hash in constant time.
 */
export async function verifyPassword(
  password: string,
  stored: string
): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !key) {
    return false;
  }
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(
    password,
    Buffer.from(salt, 'base64'),
    Number(n),
    Number(r),
    Number(p)
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
