import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import {
  EnvironmentStore,
  lockId,
  parseSoftwareList,
  resolve,
  type ILock
} from '../src';
import { main, type IOutput } from '../src/cli';
import { diskUsage } from '../src/diskUsage';
import {
  removeTemporaryDirectories,
  requirements,
  temporaryDirectory,
  tinyIndex,
  VENV_BIN
} from './helpers';

const UV = path.join(VENV_BIN, 'uv');

/** `du -s -B1 -x -c` of trees, as an administrator would measure them. */
function du(...trees: string[]): number {
  const lines = execFileSync('du', ['-s', '-B1', '-x', '-c', ...trees])
    .toString()
    .trim()
    .split('\n');
  return Number(lines[lines.length - 1].split('\t')[0]);
}

/**
 * Collecting environments frees uv's cache too (issue 21): a real collection prunes it
 * with a real `uv cache prune`, and says what was freed as measured on disk (`du`:
 * blocks, each hard-linked file once), so that files the cache still shares with kept
 * environments are not counted as freed.
 */
describe('collecting prunes uv’s cache and measures what is freed', () => {
  const source = tinyIndex();
  let small: ILock;
  let bigger: ILock;
  afterAll(removeTemporaryDirectories);

  beforeAll(async () => {
    small = await resolve(
      parseSoftwareList([requirements('alpha==1.1')]),
      source
    );
    bigger = await resolve(
      parseSoftwareList([requirements('alpha==1.1', 'delta')]),
      source
    );
  });

  it('measures trees as du does: hard links once across them, the last tree alone', async () => {
    const dir = temporaryDirectory('du');
    fs.mkdirSync(path.join(dir, 'a'));
    fs.mkdirSync(path.join(dir, 'b'));
    fs.writeFileSync(path.join(dir, 'a', 'big'), Buffer.alloc(200_000, 1));
    fs.linkSync(path.join(dir, 'a', 'big'), path.join(dir, 'b', 'same'));
    fs.writeFileSync(path.join(dir, 'b', 'own'), Buffer.alloc(100_000, 2));
    const usage = await diskUsage([
      path.join(dir, 'a'),
      path.join(dir, 'b'),
      path.join(dir, 'missing')
    ]);
    expect(usage.total).toBe(du(path.join(dir, 'a'), path.join(dir, 'b')));
    // b's linked file was counted with a: b holds only its own.
    expect(usage.each[1]).toBeLessThan(200_000);
    expect(usage.each[1]).toBeGreaterThanOrEqual(100_000);
    expect(usage.each[2]).toBe(0);
  });

  it('removes what is not kept, prunes uv’s cache, and reports the space freed on disk and what the cache still shares', async () => {
    const store = await EnvironmentStore.open(temporaryDirectory('store'), {
      ...source,
      uv: UV
    });
    const cache = store.uvCacheDir!;
    await store.ensure(small);
    await store.ensure(bigger);
    // Something uv's cache no longer reaches: an archive no entry points to.
    const orphan = path.join(cache, 'archive-v0', 'candyce-test-orphan');
    fs.mkdirSync(orphan, { recursive: true });
    fs.writeFileSync(path.join(orphan, 'stale.bin'), Buffer.alloc(1 << 20, 7));
    const trees = [
      path.join(store.dir, 'envs'),
      path.join(store.dir, 'pool'),
      cache
    ];
    const before = du(...trees);

    const estimate = await store.collect(new Set([lockId(small)]), {
      dryRun: true
    });
    expect(estimate.ids).toEqual([lockId(bigger)]);
    expect(estimate.uvCache).toBeUndefined();
    expect(du(...trees)).toBe(before);

    const result = await store.collect(new Set([lockId(small)]));
    expect(result.ids).toEqual([lockId(bigger)]);
    expect(fs.existsSync(orphan)).toBe(false);
    // What du says was freed, to the block.
    expect(result.bytes).toBe(before - du(...trees));
    expect(result.uvCache).toMatchObject({ outcome: 'pruned' });
    const cacheResult = result.uvCache!;
    expect(cacheResult.freedBytes).toBeGreaterThanOrEqual(1 << 20);
    expect(cacheResult.freedBytes).toBeLessThanOrEqual(result.bytes);
    expect(cacheResult.bytes).toBe(du(cache));
    // The kept environment was installed from the cache: alpha's files are both.
    expect(cacheResult.sharedBytes).toBeGreaterThan(0);
    expect(cacheResult.sharedBytes).toBeLessThanOrEqual(cacheResult.bytes);
    expect(cacheResult.sharedBytes).toBe(
      du(cache) - Private.alone(trees[0], trees[1], cache)
    );
    expect(await store.list()).toEqual([lockId(small)]);
  });

  it('the command line prunes uv’s cache with --uv and says so in French', async () => {
    const store = await EnvironmentStore.open(temporaryDirectory('store'), {
      ...source,
      uv: UV
    });
    await store.ensure(small);
    const err: string[] = [];
    const output: IOutput = {
      out: () => undefined,
      err: line => err.push(line)
    };
    expect(
      await main(['gc', '--store', store.dir, '--keep', '', '--uv', UV], output)
    ).toBe(0);
    expect(err.join('\n')).toMatch(
      /^1 environnement\(s\) supprimés, .+ libérés sur le disque\.\nCache de uv : .+ libérés en l’élaguant ; il garde .+, dont .+ partagés avec les environnements/
    );
    expect(await store.list()).toEqual([]);
  });
});

namespace Private {
  /** The cache's own bytes: what du counts for it after the other trees. */
  export function alone(...trees: string[]): number {
    const lines = execFileSync('du', ['-s', '-B1', '-x', ...trees])
      .toString()
      .trim()
      .split('\n');
    return Number(lines[lines.length - 1].split('\t')[0]);
  }
}
