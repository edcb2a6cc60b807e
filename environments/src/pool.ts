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

/**
 * Replace each regular file of `directory` by a hard link into `pool` (same file
 * system). Returns the bytes the directory adds to the disk: those of files that
 * were not already in the pool.
 */
export async function shareFiles(
  directory: string,
  pool: string
): Promise<number> {
  let added = 0;
  for await (const { path: file, stat } of walk(directory)) {
    if (!stat.isFile()) {
      continue;
    }
    const digest = await sha256File(file);
    const executable = stat.mode & 0o111 ? '-x' : '';
    const pooled = path.join(pool, digest.slice(0, 2), digest + executable);
    await fs.mkdir(path.dirname(pooled), { recursive: true });
    try {
      await fs.link(file, pooled);
      added += stat.size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
      const replacement = `${file}.pool-link`;
      await fs.link(pooled, replacement);
      await fs.rename(replacement, file);
    }
  }
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
