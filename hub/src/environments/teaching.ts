/**
 * Packages used for teaching, which the « Environnement » panel's search offers first:
 * those the standard environments ask for, then the list Candyce ships
 * (`binder-configs/teaching-packages.txt`).
 */
import { parseSoftwareList } from '@candyce/environments';
import * as fs from 'fs';
import * as path from 'path';

import { normalizeName } from './packageIndex';
import { BINDER_CONFIGS_DIR, IStandardEnvironment } from './standard';

/** The list Candyce ships, one name a line, `#` comments. */
export const TEACHING_PACKAGES_FILE = path.join(
  BINDER_CONFIGS_DIR,
  'teaching-packages.txt'
);

/**
 * The search's preferred names, in order: the standard environments' requirements,
 * then the shipped list (normalized names, each in its first tier only).
 */
export function teachingTiers(
  standard: readonly IStandardEnvironment[],
  file = TEACHING_PACKAGES_FILE
): Set<string>[] {
  const curated = new Set<string>();
  for (const env of standard) {
    for (const item of parseSoftwareList(env.files).requirements) {
      const name = /^[A-Za-z0-9._-]+/.exec(item.text)?.[0];
      if (name) {
        curated.add(normalizeName(name));
      }
    }
  }
  const shipped = new Set<string>();
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  for (const line of text.split('\n')) {
    const name = line.replace(/#.*/, '').trim();
    if (name && !curated.has(normalizeName(name))) {
      shipped.add(normalizeName(name));
    }
  }
  return [curated, shipped];
}
