import { createHash } from 'crypto';

/**
 * Collaboration colours: dark enough for white initials (contrast ≥ 4.5:1) and distinct
 * from each other.
 */
const PALETTE = [
  '#1d4f9a',
  '#a84700',
  '#1f7a3a',
  '#8e1b6b',
  '#0f6390',
  '#7a3d00',
  '#5b3fa0',
  '#b42318',
  '#2f6b4f',
  '#6b4c00',
  '#3a4a9e',
  '#8a2f2f'
];

/**
 * A user's stable colour in collaborative editing.
 */
export function userColor(name: string): string {
  const digest = createHash('sha256').update(name).digest();
  return PALETTE[digest[0] % PALETTE.length];
}
