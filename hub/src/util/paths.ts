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
