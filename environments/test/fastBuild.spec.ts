import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import {
  EnvironmentStore,
  lockId,
  parseSoftwareList,
  resolve,
  type ILock,
  type IProgressEvent
} from '../src';
import { walk } from '../src/tree';
import {
  PYTHON_VERSION,
  removeTemporaryDirectories,
  requirements,
  temporaryDirectory,
  tinyIndex,
  VENV_BIN
} from './helpers';

const UV = path.join(VENV_BIN, 'uv');

/**
 * Builds in seconds (issue 21): uv resolves (the same lock as pip, names spelled as the
 * projects spell them), installs by hard links from one cache in the store, and a lock
 * one package away from a built one takes the rest from it — its files and its
 * bytecode, the same inodes — compiling only the new package's modules. Real uv, pip,
 * venvs and stores in temporary folders, against the tiny local index.
 */
describe('fast builds: uv, one cache, what the nearest environment has', () => {
  const source = tinyIndex();
  const cacheTag = `cpython-${PYTHON_VERSION.replace('.', '')}`;
  let small: ILock;
  let bigger: ILock;
  afterAll(removeTemporaryDirectories);

  beforeAll(async () => {
    // A project that spells its name its own way, as Pygments or jupyter_client do.
    execFileSync(path.join(VENV_BIN, 'python'), [
      '-c',
      'import sys, pathlib; sys.path.insert(0, sys.argv[1]); import makeIndex; makeIndex.wheel(pathlib.Path(sys.argv[2]), "Pretty_Name", "1.0")',
      path.join(__dirname, 'fixtures'),
      source.findLinks![0]
    ]);
    small = await resolve(
      parseSoftwareList([requirements('alpha==1.1')]),
      source
    );
    bigger = await resolve(
      parseSoftwareList([requirements('alpha==1.1', 'delta', 'Pretty_Name')]),
      source
    );
  });

  /** A site-packages file of an environment. */
  function sitePackages(env: string, ...parts: string[]): string {
    const lib = path.join(env, 'lib');
    return path.join(lib, fs.readdirSync(lib)[0], 'site-packages', ...parts);
  }

  const inode = (file: string) => fs.statSync(file).ino;

  it('resolves with uv into the very lock pip gives, with a warm cache reused', async () => {
    const cache = temporaryDirectory('uv-cache');
    const events: IProgressEvent[] = [];
    const withUv = await resolve(
      parseSoftwareList([requirements('alpha==1.1', 'delta', 'Pretty_Name')]),
      { ...source, uv: UV, uvCacheDir: cache, onProgress: e => events.push(e) }
    );
    expect(withUv).toEqual(bigger);
    expect(lockId(withUv)).toBe(lockId(bigger));
    expect(withUv.packages.map(item => item.name)).toContain('Pretty_Name');
    // The names were read once and are remembered beside uv's cache.
    const remembered = JSON.parse(
      fs.readFileSync(path.join(cache, 'candyce-project-names.json'), 'utf8')
    );
    expect(Object.values(remembered)).toContain('Pretty_Name');
    expect(events.some(e => e.phase === 'resolve')).toBe(true);
    // uv cannot resolve it: pip does, and its explanation is the one given.
    await expect(
      resolve(parseSoftwareList([requirements('alpha==1.1', 'beta<2')]), {
        ...source,
        uv: UV,
        uvCacheDir: cache
      })
    ).rejects.toMatchObject({
      code: 'conflict',
      message:
        'Ces paquets ne peuvent pas être installés ensemble : vous demandez beta<2 ; alpha 1.1 exige beta>=2.'
    });
  });

  it('builds a lock one package away from a built one by taking its files and bytecode, compiling only the new modules', async () => {
    const store = await EnvironmentStore.open(temporaryDirectory('store'), {
      ...source,
      uv: UV
    });
    expect(store.uvCacheDir).toBe(path.join(store.dir, 'cache', 'uv'));
    const first = await store.ensure(small);
    const events: IProgressEvent[] = [];
    const second = await store.ensure(bigger, {
      onProgress: e => events.push(e)
    });
    expect(second.built).toBe(true);

    // alpha's module and bytecode: the first environment's very files.
    for (const file of [
      ['alpha', '__init__.py'],
      ['alpha', '__pycache__', `__init__.${cacheTag}.pyc`]
    ]) {
      expect(inode(sitePackages(second.path, ...file))).toBe(
        inode(sitePackages(first.path, ...file))
      );
    }
    // Only the two new packages' modules were compiled.
    expect(
      events.filter(e => e.message === 'Préparation des modules Python (2)…')
    ).toHaveLength(1);
    expect(
      fs.existsSync(
        sitePackages(
          second.path,
          'delta',
          '__pycache__',
          `__init__.${cacheTag}.pyc`
        )
      )
    ).toBe(true);
    // uv linked from the store's cache: the pool, the cache and both share the inode.
    expect(
      fs.statSync(sitePackages(second.path, 'alpha', '__init__.py')).nlink
    ).toBeGreaterThanOrEqual(4);

    // It runs, from its own files, and the bar moved while it was being stored.
    const python = path.join(second.path, 'bin', 'python');
    expect(
      execFileSync(python, [
        '-c',
        'import alpha, delta, Pretty_Name; print(alpha.__file__)'
      ]).toString()
    ).toContain(second.path);
    const stored = events
      .filter(e => e.phase === 'store')
      .map(e => e.fraction!);
    expect(stored.length).toBeGreaterThan(2);
    expect(stored).toEqual([...stored].sort((a, b) => a - b));
    expect(stored[stored.length - 1]).toBeGreaterThan(stored[0]);
    expect(await store.freeze(second.id)).toBe(
      'alpha==1.1\nbeta==2.0\ndelta==2.0\nPretty_Name==1.0\n'
    );
  });

  it('takes the identical files of a neighbour built by pip too (compared, then linked)', async () => {
    const store = await EnvironmentStore.open(
      temporaryDirectory('store'),
      source
    );
    const first = await store.ensure(small);
    const second = await store.ensure(bigger);
    expect(inode(sitePackages(second.path, 'alpha', '__init__.py'))).toBe(
      inode(sitePackages(first.path, 'alpha', '__init__.py'))
    );
    expect(
      inode(
        sitePackages(
          second.path,
          'alpha',
          '__pycache__',
          `__init__.${cacheTag}.pyc`
        )
      )
    ).toBe(
      inode(
        sitePackages(
          first.path,
          'alpha',
          '__pycache__',
          `__init__.${cacheTag}.pyc`
        )
      )
    );
  });

  it.each(['install', 'compile', 'store'] as const)(
    'tried: cancelling during « %s » stops the build and leaves the store as it was',
    async phase => {
      const store = await EnvironmentStore.open(temporaryDirectory('store'), {
        ...source,
        uv: UV
      });
      await store.ensure(small);
      const pool = async () => {
        const files: string[] = [];
        for await (const entry of walk(path.join(store.dir, 'pool'))) {
          files.push(entry.path);
        }
        return files.sort();
      };
      const poolBefore = await pool();
      const controller = new AbortController();
      const building = store.ensure(bigger, {
        signal: controller.signal,
        onProgress: event => {
          // In the middle of storing: after the first file, not before any.
          if (
            event.phase === phase &&
            (phase !== 'store' || (event.fraction ?? 0) > 0.8)
          ) {
            controller.abort();
          }
        }
      });
      await expect(building).rejects.toMatchObject({ code: 'cancelled' });
      expect(await store.list()).toEqual([lockId(small)]);
      expect(fs.readdirSync(path.join(store.dir, 'envs'))).toEqual([
        lockId(small)
      ]);
      expect(await pool()).toEqual(poolBefore);
      // And nothing stops it from being built afterwards.
      expect((await store.ensure(bigger)).built).toBe(true);
    }
  );
});
