import { createHash } from 'crypto';

/**
 * A DNS label (RFC 1123) that needs no escaping: lower-case letters, digits and inner
 * dashes, at most 63 characters.
 */
const PLAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Lower-case base32 without padding (RFC 4648 alphabet): DNS-safe. */
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * The DNS label of a server's origin (`<label>.<hub host>`).
 *
 * A name that is already a plain label without `--` is its own label (`eleve1`,
 * `lea-martin`). Any other (`lea.martin`, `ana_2`, 64 characters) becomes a readable
 * part, `--`, and 8 characters of its SHA-256 (`lea-martin--…`): labels of the first
 * kind never hold `--`, so the two kinds never meet, and two names meet only if their
 * hashes do (40 bits). The `--` is never at the 3rd and 4th characters, which DNS keeps
 * for encodings (`xn--`).
 */
export function serverLabel(name: string): string {
  if (PLAIN_LABEL.test(name) && !name.includes('--')) {
    return name;
  }
  let readable = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  if (readable.length < 3) {
    readable = `srv${readable ? '-' + readable : ''}`;
  }
  return `${readable}--${hash32(name)}`;
}

/**
 * Whether a string is a label this hub could have made (the host of a request).
 */
export function isServerLabel(label: string): boolean {
  return PLAIN_LABEL.test(label);
}

/** 8 base32 characters (40 bits) of the SHA-256 of a name. */
function hash32(name: string): string {
  const digest = createHash('sha256').update(name).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 8) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length === 8) {
      break;
    }
  }
  return out;
}
