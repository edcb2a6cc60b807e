import * as fs from 'fs';
import * as path from 'path';

/**
 * Whether `inner` is `outer` or lies inside it (both absolute; compared as written, no
 * symbolic link followed).
 */
export function isSameOrInside(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return (
    relative === '' ||
    (relative !== '..' &&
      !relative.startsWith(`..${path.sep}`) &&
      !path.isAbsolute(relative))
  );
}

/**
 * Make `dir` (and any missing parent) and close it to everyone but its owner (0700),
 * also when it already existed more open.
 *
 * @returns false when it exists but belongs to another user, who alone may close it.
 */
export function makePrivateDir(dir: string): boolean {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    fs.chmodSync(dir, 0o700);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPERM') {
      return false;
    }
    throw error;
  }
}
