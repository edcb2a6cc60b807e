import * as fs from 'fs';
import * as path from 'path';

import { isSameOrInside } from '../util/paths';

/**
 * The first folder on the way to `target` that other users cannot go through, or null.
 *
 * Servers that run as their own uid must reach the Candyce venv and the environments
 * store. Folders in `madeBySandbox` (the sandbox's own `/tmp`, for instance), and those
 * inside them, do not count: the sandbox makes them, open to all, itself.
 */
export function closedToOthers(
  target: string,
  madeBySandbox: readonly string[] = []
): string | null {
  const absolute = path.resolve(target);
  const made = madeBySandbox.map(dir => path.resolve(dir));
  const folders: string[] = [];
  for (let dir = absolute; ; dir = path.dirname(dir)) {
    folders.unshift(dir);
    if (dir === path.dirname(dir)) {
      break;
    }
  }
  for (const folder of folders) {
    if (made.some(dir => isSameOrInside(folder, dir))) {
      continue;
    }
    // Every folder on the way must be searchable by others; the target, readable too.
    const needed =
      fs.constants.S_IXOTH | (folder === absolute ? fs.constants.S_IROTH : 0);
    if ((fs.statSync(folder).mode & needed) !== needed) {
      return folder;
    }
  }
  return null;
}
