/** Finding executables on a search path. */
import fs from 'node:fs/promises';
import path from 'node:path';

/** The directories of the `PATH`. */
export function pathDirectories(): string[] {
  return (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
}

/**
 * The first executable called `name` in `dirs` (default: the `PATH`), as an absolute
 * path: a relative `PATH` entry would name another file once a tool runs elsewhere.
 */
export async function which(
  name: string,
  dirs: string[] = pathDirectories()
): Promise<string | undefined> {
  for (const dir of dirs) {
    const candidate = path.resolve(dir, name);
    try {
      await fs.access(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // Not there: next directory.
    }
  }
  return undefined;
}
