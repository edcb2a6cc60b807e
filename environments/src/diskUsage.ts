/**
 * Disk space as `du` counts it: blocks really allocated, each inode once however many
 * hard links it has, on one file system. The store's environments, its pool and uv's
 * cache share most of their files by hard links, so a tree's own size says little of
 * what removing it frees: what is freed is measured, before and after, over them all.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';

import { walk } from './tree';

/** The disk usage of several trees, together. */
export interface IDiskUsage {
  /** Bytes of all the trees, each inode once. */
  total: number;
  /**
   * Bytes of each tree, in order, without the inodes an earlier tree holds too (a
   * missing tree: 0). With the cache last, its entry is what it alone keeps on disk.
   */
  each: number[];
}

/**
 * The disk usage of `trees` (`du -s -B1 -x -c`): allocated bytes, hard links counted
 * once across all of them, mount points not crossed. Measured in Node where `du` is
 * missing or not GNU's.
 */
export async function diskUsage(trees: readonly string[]): Promise<IDiskUsage> {
  const present: string[] = [];
  for (const tree of trees) {
    if (
      await fs.lstat(tree).then(
        () => true,
        () => false
      )
    ) {
      present.push(tree);
    }
  }
  if (!present.length) {
    return { total: 0, each: trees.map(() => 0) };
  }
  const measured =
    (await Private.du(present)) ?? (await Private.walkUsage(present));
  const byTree = new Map(present.map((tree, i) => [tree, measured.each[i]]));
  return {
    total: measured.total,
    each: trees.map(tree => byTree.get(tree) ?? 0)
  };
}

namespace Private {
  export function du(trees: string[]): Promise<IDiskUsage | null> {
    return new Promise(resolve => {
      execFile(
        'du',
        ['-s', '-B1', '-x', '-c', '--', ...trees],
        { maxBuffer: 1 << 20 },
        (error, stdout) => {
          // One line per tree, then the total; anything else: not GNU's du.
          const numbers = (stdout ?? '')
            .split('\n')
            .filter(Boolean)
            .map(line => Number(/^(\d+)\t/.exec(line)?.[1]));
          if (
            error ||
            numbers.length !== trees.length + 1 ||
            !numbers.every(Number.isSafeInteger)
          ) {
            resolve(null);
            return;
          }
          resolve({
            total: numbers[trees.length],
            each: numbers.slice(0, trees.length)
          });
        }
      );
    });
  }

  /** As `du`: allocated blocks, each (device, inode) once, one file system per tree. */
  export async function walkUsage(trees: string[]): Promise<IDiskUsage> {
    const seen = new Set<string>();
    const each: number[] = [];
    for (const tree of trees) {
      const root = await fs.lstat(tree);
      let bytes = 0;
      const count = (stat: { dev: number; ino: number; blocks: number }) => {
        const key = `${stat.dev}:${stat.ino}`;
        if (!seen.has(key)) {
          seen.add(key);
          bytes += stat.blocks * 512;
        }
      };
      count(root);
      if (root.isDirectory()) {
        for await (const { stat } of walk(tree)) {
          if (stat.dev === root.dev) {
            count(stat);
          }
        }
      }
      each.push(bytes);
    }
    return { total: each.reduce((sum, bytes) => sum + bytes, 0), each };
  }
}
