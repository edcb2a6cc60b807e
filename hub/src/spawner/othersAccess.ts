import * as fs from 'fs';
import * as path from 'path';

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
    if (made.some(dir => folder === dir || folder.startsWith(dir + path.sep))) {
      continue;
    }
    const mode = fs.statSync(folder).mode;
    const needed =
      folder === absolute ? fs.constants.S_IROTH | fs.constants.S_IXOTH : 0;
    if (
      (mode & (fs.constants.S_IXOTH | needed)) !==
      (fs.constants.S_IXOTH | needed)
    ) {
      return folder;
    }
  }
  return null;
}
