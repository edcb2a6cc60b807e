/**
 * Sharing files between environments: every file of a new environment is hard-linked
 * with the identical file (same content, same executable bit) of earlier ones, through
 * a pool of files named by their SHA-256. Environments are read-only, so a shared
 * inode is never written through one of them.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

import { sha256File } from './hash';
import { walk } from './tree';

/** What sharing may be told. */
export interface IShareOptions {
  /** Files already pool links (reuse.ts linked them): neither read nor hashed. */
  shared?: ReadonlySet<string>;
  /** Stops between two files. */
  signal?: AbortSignal;
  /** Told how far it is, from 0 to 1, a few dozen times. */
  onFraction?: (fraction: number) => void;
  /** Receives the pool files this call creates (a cancelled build removes them). */
  created?: string[];
}

/**
 * Replace each regular file of `directory` by a hard link into `pool` (same file
 * system). Returns the bytes the directory adds to the disk: those of files that
 * were not already in the pool.
 */
export async function shareFiles(
  directory: string,
  pool: string,
  options: IShareOptions = {}
): Promise<number> {
  const files: { path: string; size: number; mode: number }[] = [];
  for await (const { path: file, stat } of walk(directory)) {
    if (stat.isFile() && !options.shared?.has(file)) {
      files.push({ path: file, size: stat.size, mode: stat.mode });
    }
  }
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0) || 1;
  let doneBytes = 0;
  let shown = 0;
  let added = 0;
  for (const { path: file, size, mode } of files) {
    options.signal?.throwIfAborted();
    const digest = await sha256File(file);
    const executable = mode & 0o111 ? '-x' : '';
    const pooled = path.join(pool, digest.slice(0, 2), digest + executable);
    await fs.mkdir(path.dirname(pooled), { recursive: true });
    try {
      await fs.link(file, pooled);
      options.created?.push(pooled);
      added += size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
      const replacement = `${file}.pool-link`;
      await fs.link(pooled, replacement);
      await fs.rename(replacement, file);
    }
    // By bytes: one big library file takes as long as a thousand small ones.
    doneBytes += size;
    if (doneBytes - shown >= totalBytes / 40) {
      shown = doneBytes;
      options.onFraction?.(doneBytes / totalBytes);
    }
  }
  options.onFraction?.(1);
  return added;
}

/** Remove pool files no environment links any more; returns the bytes freed. */
export async function prunePool(pool: string): Promise<number> {
  let freed = 0;
  const prefixes = await fs.readdir(pool).catch(() => [] as string[]);
  for (const prefix of prefixes) {
    const folder = path.join(pool, prefix);
    for (const name of await fs.readdir(folder)) {
      const file = path.join(folder, name);
      const stat = await fs.stat(file);
      if (stat.nlink === 1) {
        await fs.rm(file);
        freed += stat.size;
      }
    }
  }
  return freed;
}

/**
 * The bytes that removing `removed` would free while `kept` stay: files are counted
 * once per inode, and not at all when a kept tree shares them.
 */
export async function bytesFreed(
  removed: string[],
  kept: string[]
): Promise<number> {
  const keptInodes = new Set<number>();
  for (const tree of kept) {
    for await (const { stat } of walk(tree)) {
      keptInodes.add(stat.ino);
    }
  }
  let bytes = 0;
  const counted = new Set<number>();
  for (const tree of removed) {
    for await (const { stat } of walk(tree)) {
      if (!keptInodes.has(stat.ino) && !counted.has(stat.ino)) {
        counted.add(stat.ino);
        bytes += stat.size;
      }
    }
  }
  return bytes;
}
