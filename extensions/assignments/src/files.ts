import type { Contents } from '@jupyterlab/services';

import type { IFileIn } from './api';

/**
 * The most files a teacher hands out from their home in one assignment.
 */
export const MAX_SOURCE_FILES = 200;

/**
 * What to do with the files of a fetched assignment.
 *
 * - `missing`: files the learner does not have yet (always written);
 * - `same`: files the learner already has, byte for byte;
 * - `different`: files the learner has and has changed: written only if they say so.
 */
export interface IFetchPlan {
  missing: IFileIn[];
  same: IFileIn[];
  different: IFileIn[];
}

/**
 * Sort fetched files by what the learner's home already holds.
 *
 * @param incoming - the files the hub hands out.
 * @param existing - for each incoming path, the base64 bytes already in the home, or
 * `null` when there is no such file.
 */
export function planFetch(
  incoming: readonly IFileIn[],
  existing: ReadonlyMap<string, string | null>
): IFetchPlan {
  const plan: IFetchPlan = { missing: [], same: [], different: [] };
  for (const file of incoming) {
    const present = existing.get(file.path) ?? null;
    if (present === null) {
      plan.missing.push(file);
    } else if (sameBase64(present, file.content)) {
      plan.same.push(file);
    } else {
      plan.different.push(file);
    }
  }
  return plan;
}

/**
 * The files to write for a plan: the missing ones, and the changed ones only when the
 * learner chose to replace them. Nothing is ever overwritten otherwise.
 */
export function filesToWrite(
  plan: IFetchPlan,
  choice: 'keep' | 'replace'
): IFileIn[] {
  return choice === 'replace'
    ? [...plan.missing, ...plan.different]
    : [...plan.missing];
}

/**
 * Whether two base64 strings hold the same bytes (Jupyter's contents API wraps its
 * base64 in lines of 76 characters; the hub does not).
 */
export function sameBase64(a: string, b: string): boolean {
  return a.replace(/\s+/g, '') === b.replace(/\s+/g, '');
}

/**
 * Join a folder and a relative path (the home's root is the empty string).
 */
export function joinPath(folder: string, path: string): string {
  return folder ? `${folder.replace(/\/+$/, '')}/${path}` : path;
}

/**
 * The folder of a path (`''` for a file at the root of the home).
 */
export function dirname(path: string): string {
  const at = path.lastIndexOf('/');
  return at < 0 ? '' : path.slice(0, at);
}

/**
 * The last part of a path.
 */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The first notebook of a list of files, notebooks at the top of the folder first.
 */
export function firstNotebook(paths: readonly string[]): string | null {
  const notebooks = paths.filter(path => path.endsWith('.ipynb'));
  notebooks.sort(
    (a, b) =>
      a.split('/').length - b.split('/').length || a.localeCompare(b, 'fr')
  );
  return notebooks[0] ?? null;
}

/**
 * Whether a file of a folder belongs to the work: hidden files and Jupyter's
 * checkpoints do not.
 */
export function isWorkFile(relativePath: string): boolean {
  return !relativePath
    .split('/')
    .some(part => part.startsWith('.') || part === '__pycache__');
}

/**
 * Sort the files of an assignment's folder into those its submissions take (its own
 * files, and those its extra patterns match, as the hub decides) and the others, which
 * the hub would refuse.
 *
 * @param own - the paths of the files handed out.
 * @param patterns - the extra files allowed: `*` stands for any characters of one
 * name, `?` for one; a wildcard at the start of a name matches no hidden file.
 */
export function allowedInSubmission(
  paths: readonly string[],
  own: readonly string[],
  patterns: readonly string[]
): { allowed: string[]; leftOut: string[] } {
  const known = new Set(own);
  const matchers = patterns.map(Private.globToRegExp);
  const allowed: string[] = [];
  const leftOut: string[] = [];
  for (const path of paths) {
    (known.has(path) || matchers.some(m => m.test(path))
      ? allowed
      : leftOut
    ).push(path);
  }
  return { allowed, leftOut };
}

/**
 * The base64 bytes of a file of the home, or `null` when there is none.
 */
export async function readBase64(
  contents: Contents.IManager,
  path: string
): Promise<string | null> {
  try {
    const model = await contents.get(path, {
      type: 'file',
      format: 'base64',
      content: true
    });
    return (model.content as string).replace(/\s+/g, '');
  } catch (reason) {
    if (Private.isNotFound(reason)) {
      return null;
    }
    throw reason;
  }
}

/**
 * Every work file under a folder, recursively, with paths relative to it (none when
 * the folder does not exist).
 *
 * @param limit - stop listing beyond this many files (the result then has `limit + 1`
 * entries, so that the caller can tell).
 */
export async function listFiles(
  contents: Contents.IManager,
  folder: string,
  limit = Infinity
): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const model = await contents.get(dir, { content: true });
    const items = (model.content as Contents.IModel[]) ?? [];
    for (const item of items) {
      if (found.length > limit) {
        return;
      }
      const relative = prefix ? `${prefix}/${item.name}` : item.name;
      if (!isWorkFile(relative)) {
        continue;
      }
      if (item.type === 'directory') {
        await walk(item.path, relative);
      } else {
        found.push(relative);
      }
    }
  };
  try {
    await walk(folder, '');
  } catch (reason) {
    if (!(Private.isNotFound(reason) && found.length === 0)) {
      throw reason;
    }
  }
  return found.sort();
}

/**
 * Read files of a folder in base64.
 */
export async function readFiles(
  contents: Contents.IManager,
  folder: string,
  paths: readonly string[],
  onProgress?: (done: number, total: number) => void
): Promise<IFileIn[]> {
  const files: IFileIn[] = [];
  for (const path of paths) {
    const content = await readBase64(contents, joinPath(folder, path));
    if (content !== null) {
      files.push({ path, content });
    }
    onProgress?.(files.length, paths.length);
  }
  return files;
}

/**
 * Write files under a folder, creating the folders they need (the folder itself too).
 */
export async function writeFiles(
  contents: Contents.IManager,
  folder: string,
  files: readonly IFileIn[]
): Promise<void> {
  const made = new Set<string>();
  const ensure = async (dir: string): Promise<void> => {
    if (!dir || made.has(dir)) {
      return;
    }
    await ensure(dirname(dir));
    if (!(await Private.exists(contents, dir))) {
      await contents.save(dir, { type: 'directory' });
    }
    made.add(dir);
  };
  for (const file of files) {
    const path = joinPath(folder, file.path);
    await ensure(dirname(path));
    await contents.save(path, {
      type: 'file',
      format: 'base64',
      content: file.content.replace(/\s+/g, '')
    });
  }
}

namespace Private {
  /** A pattern of extra files as the hub reads it (`hub/src/assignments/extraFiles.ts`). */
  export function globToRegExp(pattern: string): RegExp {
    const body = pattern
      .split('/')
      .map(
        part =>
          (/^[*?]/.test(part) ? '(?!\\.)' : '') +
          part
            .split('')
            .map(c =>
              c === '*'
                ? '[^/]*'
                : c === '?'
                  ? '[^/]'
                  : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')
            )
            .join('')
      )
      .join('/');
    return new RegExp(`^${body}$`);
  }

  export function isNotFound(reason: unknown): boolean {
    return (reason as { response?: Response })?.response?.status === 404;
  }

  export async function exists(
    contents: Contents.IManager,
    path: string
  ): Promise<boolean> {
    try {
      await contents.get(path, { content: false });
      return true;
    } catch (reason) {
      if (isNotFound(reason)) {
        return false;
      }
      throw reason;
    }
  }
}
