/**
 * Taking what a new environment shares with the nearest built one (the one with the
 * most packages of the same files, the same Python and platform) instead of redoing it.
 * A lock that differs from a built one by one package then costs that package only:
 *
 * - a file identical to the neighbour's at the same place becomes a hard link to it,
 *   which is already a pool file (uv, installing from one cache by hard links, usually
 *   gives the very same inode, and nothing is even read);
 * - a module identical to the neighbour's gets the neighbour's bytecode, a hard link
 *   too: compiled under the same fixed prefix, at the same relative path, it is the
 *   same file (see build.ts);
 * - what is left (the new package's modules) is all that is compiled and hashed.
 */
import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

import type { ILock } from './lock';
import type { ProgressCallback } from './progress';
import { walk } from './tree';

/** A built environment a new one may take files from. */
export interface INeighbour {
  /** Its directory in the store. */
  dir: string;
  lock: ILock;
}

/** What reusing gave. */
export interface IReuseResult {
  /** Files now hard links to the neighbour's (already in the pool): not to hash again. */
  shared: Set<string>;
  /** The modules (`.py`) that still need compiling. */
  toCompile: string[];
}

/**
 * The built environment nearest to `lock`: same Python, implementation and platform,
 * and the most packages with the same file (by hash). Null when none shares one.
 */
export function nearestNeighbour(
  lock: ILock,
  built: readonly INeighbour[]
): INeighbour | null {
  const wanted = new Set(lock.packages.map(item => item.sha256));
  let best: { neighbour: INeighbour; shared: number } | null = null;
  for (const neighbour of built) {
    const other = neighbour.lock;
    if (
      other.python.version !== lock.python.version ||
      other.python.implementation !== lock.python.implementation ||
      other.platform.system !== lock.platform.system ||
      other.platform.machine !== lock.platform.machine
    ) {
      continue;
    }
    const shared = other.packages.filter(item =>
      wanted.has(item.sha256)
    ).length;
    if (shared > 0 && (!best || shared > best.shared)) {
      best = { neighbour, shared };
    }
  }
  return best?.neighbour ?? null;
}

/**
 * Link into `directory` (a build, not yet read-only) what it shares with `neighbour`:
 * identical files under `lib/`, and the bytecode of identical modules.
 *
 * @param cacheTag - the interpreter's bytecode tag (`cpython-311`)
 */
export async function reuseNeighbour(
  directory: string,
  neighbour: INeighbour,
  cacheTag: string,
  options: { signal?: AbortSignal; onProgress?: ProgressCallback } = {}
): Promise<IReuseResult> {
  const lib = path.join(directory, 'lib');
  const files: { path: string; stat: Stats }[] = [];
  for await (const entry of walk(lib)) {
    if (entry.stat.isFile()) {
      files.push(entry);
    }
  }
  const shared = new Set<string>();
  const toCompile: string[] = [];
  let done = 0;
  let reported = 0;
  await Private.eachLimited(files, 16, async ({ path: file, stat }) => {
    options.signal?.throwIfAborted();
    const relative = path.relative(directory, file);
    const theirs = path.join(neighbour.dir, relative);
    const same = await Private.sameFile(file, stat, theirs);
    if (same) {
      shared.add(file);
    }
    if (file.endsWith('.py')) {
      const bytecode = Private.bytecodePath(file, cacheTag);
      if (
        same &&
        (await Private.linkIfPresent(
          Private.bytecodePath(theirs, cacheTag),
          bytecode
        ))
      ) {
        shared.add(bytecode);
      } else {
        toCompile.push(file);
      }
    }
    done++;
    if (done - reported >= 500 || done === files.length) {
      reported = done;
      options.onProgress?.({
        phase: 'compile',
        message: 'Reprise des fichiers déjà présents sur le serveur…',
        fraction: 0.45 + 0.15 * (done / files.length)
      });
    }
  });
  return { shared, toCompile: toCompile.sort() };
}

namespace Private {
  /**
   * Whether `file` is, or has become, the neighbour's identical `theirs`: the same
   * inode, or the same size, executable bit and bytes (then replaced by a link to it).
   */
  export async function sameFile(
    file: string,
    stat: Stats,
    theirs: string
  ): Promise<boolean> {
    const other = await fs.lstat(theirs).catch(() => null);
    if (!other?.isFile()) {
      return false;
    }
    if (other.ino === stat.ino && other.dev === stat.dev) {
      return true;
    }
    if (
      other.size !== stat.size ||
      (other.mode & 0o111) !== (stat.mode & 0o111)
    ) {
      return false;
    }
    const [mine, their] = await Promise.all([
      fs.readFile(file),
      fs.readFile(theirs)
    ]);
    if (!mine.equals(their)) {
      return false;
    }
    await replaceByLink(theirs, file);
    return true;
  }

  /** Link `source` at `target` (whose folder may not exist yet) if `source` exists. */
  export async function linkIfPresent(
    source: string,
    target: string
  ): Promise<boolean> {
    try {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.link(source, target);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        return false;
      }
      if (code === 'EEXIST') {
        await replaceByLink(source, target);
        return true;
      }
      throw error;
    }
  }

  /** Make `target` a hard link to `source`, atomically. */
  export async function replaceByLink(
    source: string,
    target: string
  ): Promise<void> {
    const link = `${target}.reuse-link`;
    await fs.link(source, link);
    await fs.rename(link, target);
  }

  /** `dir/__pycache__/stem.<tag>.pyc` for `dir/stem.py` (PEP 3147). */
  export function bytecodePath(file: string, cacheTag: string): string {
    return path.join(
      path.dirname(file),
      '__pycache__',
      `${path.basename(file, '.py')}.${cacheTag}.pyc`
    );
  }

  /** Run `work` on every item, at most `limit` at a time. */
  export async function eachLimited<T>(
    items: readonly T[],
    limit: number,
    work: (item: T) => Promise<void>
  ): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        await work(items[next++]);
      }
    };
    await Promise.all(Array.from({ length: limit }, worker));
  }
}
