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
import {
  removeTemporaryDirectories,
  requirements,
  temporaryDirectory,
  tinyIndex,
  VENV_BIN
} from './helpers';

describe('EnvironmentStore (real venv and pip, tiny local index)', () => {
  const source = tinyIndex();
  afterAll(removeTemporaryDirectories);
  let alpha: ILock;
  let beta: ILock;
  let broken: ILock;

  beforeAll(async () => {
    alpha = await resolve(parseSoftwareList([requirements('alpha')]), source);
    beta = await resolve(
      parseSoftwareList([requirements('beta==1.0')]),
      source
    );
    broken = await resolve(parseSoftwareList([requirements('broken')]), source);
  });

  /** The names in the store's environment folder (environments and temporary ones). */
  function storeEntries(store: EnvironmentStore): string[] {
    return fs.readdirSync(path.join(store.dir, 'envs')).sort();
  }

  it('builds a lock into a read-only environment whose pip freeze equals the lock', async () => {
    const store = await EnvironmentStore.open(
      temporaryDirectory('store'),
      source
    );
    const events: IProgressEvent[] = [];
    const result = await store.ensure(alpha, {
      onProgress: e => events.push(e)
    });

    expect(result).toMatchObject({ id: lockId(alpha), built: true });
    expect(result.path).toBe(store.pathOf(lockId(alpha)));
    expect(storeEntries(store)).toEqual([lockId(alpha)]);
    expect(await store.freeze(result.id)).toBe('alpha==1.1\nbeta==2.0\n');
    expect(await store.lockOf(result.id)).toEqual(
      JSON.parse(JSON.stringify(alpha))
    );

    // Read-only for everyone (bits checked: root could write anyway).
    const module = path.join(
      result.path,
      'lib',
      fs.readdirSync(path.join(result.path, 'lib'))[0],
      'site-packages',
      'alpha',
      '__init__.py'
    );
    expect(fs.statSync(module).mode & 0o222).toBe(0);
    expect(fs.statSync(result.path).mode & 0o222).toBe(0);

    // Built elsewhere, moved into place: its scripts still work, and name the final path.
    const script = path.join(result.path, 'bin', 'alpha-hello');
    expect(execFileSync(script).toString()).toBe('hello from alpha\n');
    const text = fs.readFileSync(script, 'utf8');
    expect(text).toContain(`${result.path}/bin/python`);
    expect(text).not.toContain('.building-');

    // Progress: phases in order, fractions for a bar, raw lines for a log.
    const phases = [...new Set(events.map(e => e.phase))];
    expect(phases).toEqual(['venv', 'install', 'compile', 'store', 'done']);
    expect(events.filter(e => e.log).length).toBeGreaterThan(0);
    const fractions = events.flatMap(e =>
      e.fraction === undefined ? [] : [e.fraction]
    );
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions[fractions.length - 1]).toBe(1);

    // Already there: not built again.
    const again = await store.ensure(alpha);
    expect(again).toMatchObject({ built: false, addedBytes: 0 });
  });

  it('builds once for two concurrent requests of the same lock', async () => {
    const store = await EnvironmentStore.open(
      temporaryDirectory('store'),
      source
    );
    const builds: IProgressEvent[][] = [[], []];
    const [first, second] = await Promise.all(
      builds.map(events =>
        store.ensure(beta, { onProgress: e => events.push(e) })
      )
    );
    expect([first.built, second.built].sort()).toEqual([false, true]);
    expect(first.path).toBe(second.path);
    // One venv creation, seen by both callers.
    for (const events of builds) {
      expect(
        events.filter(e => e.phase === 'venv' && e.fraction === 0)
      ).toHaveLength(1);
    }
    expect(await store.freeze(first.id)).toBe('beta==1.0\n');
  });

  it('leaves nothing in the store when cancelled mid-build', async () => {
    const store = await EnvironmentStore.open(
      temporaryDirectory('store'),
      source
    );
    const controller = new AbortController();
    const pending = store.ensure(alpha, {
      signal: controller.signal,
      onProgress: event => {
        if (event.phase === 'install') {
          controller.abort();
        }
      }
    });
    await expect(pending).rejects.toMatchObject({
      code: 'cancelled',
      message: 'Opération annulée.'
    });
    expect(storeEntries(store)).toEqual([]);
    expect(await store.has(lockId(alpha))).toBe(false);
  });

  it('explains a package whose build fails, and leaves nothing in the store', async () => {
    const store = await EnvironmentStore.open(
      temporaryDirectory('store'),
      source
    );
    expect(broken.packages.map(p => p.file)).toEqual(['broken-1.0.tar.gz']);
    await expect(store.ensure(broken)).rejects.toMatchObject({
      code: 'build-failed',
      message:
        'La construction du paquet « broken » depuis ses sources a échoué : RuntimeError: the setup of broken fails on purpose.'
    });
    expect(storeEntries(store)).toEqual([]);
  });

  it('refuses a lock resolved for another platform, in French', async () => {
    const store = await EnvironmentStore.open(
      temporaryDirectory('store'),
      source
    );
    const elsewhere: ILock = {
      ...alpha,
      platform: {
        system: 'darwin',
        machine: 'arm64',
        tag: 'cp311-cp311-macosx_14_0_arm64'
      }
    };
    await expect(store.ensure(elsewhere)).rejects.toMatchObject({
      code: 'platform-mismatch',
      message: expect.stringMatching(
        /^Ce verrou a été résolu pour darwin\/arm64, cpython \d+\.\d+ ; cet environnement ne peut pas être construit ici \(linux\//
      )
    });
    const foreignWheel: ILock = {
      ...alpha,
      packages: [
        {
          name: 'numpy',
          version: '2.0.0',
          file: 'numpy-2.0.0-cp311-cp311-macosx_14_0_arm64.whl',
          sha256: '0'.repeat(64)
        }
      ]
    };
    await expect(store.ensure(foreignWheel)).rejects.toMatchObject({
      code: 'platform-mismatch',
      message: expect.stringMatching(
        /^Le paquet numpy 2\.0\.0 du verrou \(numpy-2\.0\.0-cp311-cp311-macosx_14_0_arm64\.whl\) ne convient pas à ce serveur/
      )
    });
    expect(storeEntries(store)).toEqual([]);
  });

  it('collects unreferenced environments: a dry run lists them, a real run removes them', async () => {
    const store = await EnvironmentStore.open(
      temporaryDirectory('store'),
      source
    );
    const kept = await store.ensure(alpha);
    const dropped = await store.ensure(beta);
    // beta 1.0 shares no file content with alpha 1.1 + beta 2.0 except the venv's own.
    expect(dropped.addedBytes).toBeLessThan(kept.addedBytes);

    const dryRun = await store.collect(new Set([kept.id]), { dryRun: true });
    expect(dryRun).toMatchObject({ ids: [dropped.id], dryRun: true });
    expect(dryRun.bytes).toBeGreaterThan(0);
    expect(await store.has(dropped.id)).toBe(true);

    // A real run measures what it freed on disk, as du does (blocks, hard links once).
    const du = () =>
      Number(
        execFileSync('du', ['-s', '-B1', '-x', '-c', 'envs', 'pool'], {
          cwd: store.dir
        })
          .toString()
          .trim()
          .split('\n')
          .pop()!
          .split('\t')[0]
      );
    const before = du();
    const real = await store.collect(new Set([kept.id]));
    expect(real).toEqual({
      ids: [dropped.id],
      bytes: before - du(),
      dryRun: false
    });
    // The estimate counts the removed files' sizes; the disk gives back whole blocks.
    expect(real.bytes).toBeGreaterThanOrEqual(dryRun.bytes);
    expect(storeEntries(store)).toEqual([kept.id]);
    expect(await store.freeze(kept.id)).toBe('alpha==1.1\nbeta==2.0\n');
  });

  it('rebuilds a missing environment from its lock, identical', async () => {
    const store = await EnvironmentStore.open(
      temporaryDirectory('store'),
      source
    );
    const first = await store.ensure(beta);
    await store.collect(new Set());
    expect(await store.has(first.id)).toBe(false);
    const rebuilt = await store.ensure(beta);
    expect(rebuilt).toMatchObject({ id: first.id, built: true });
    expect(await store.freeze(rebuilt.id)).toBe('beta==1.0\n');
  });

  it('builds the same environment with uv when given its executable', async () => {
    const store = await EnvironmentStore.open(temporaryDirectory('store'), {
      ...source,
      uv: path.join(VENV_BIN, 'uv')
    });
    const events: IProgressEvent[] = [];
    const result = await store.ensure(alpha, {
      onProgress: e => events.push(e)
    });
    expect(result).toMatchObject({ id: lockId(alpha), built: true });
    expect(await store.freeze(result.id)).toBe('alpha==1.1\nbeta==2.0\n');
    // uv's own lines reached the log, so it is uv that installed.
    expect(
      events.some(e => e.phase === 'install' && /alpha/.test(e.log ?? ''))
    ).toBe(true);
    const script = path.join(result.path, 'bin', 'alpha-hello');
    expect(execFileSync(script).toString()).toBe('hello from alpha\n');
    expect(fs.readFileSync(script, 'utf8')).not.toContain('.building-');
    const installer = path.join(
      result.path,
      'lib',
      fs.readdirSync(path.join(result.path, 'lib'))[0],
      'site-packages',
      'alpha-1.1.dist-info',
      'INSTALLER'
    );
    expect(fs.readFileSync(installer, 'utf8').trim()).toBe('uv');
  });

  it('builds an empty lock into a bare environment', async () => {
    const store = await EnvironmentStore.open(
      temporaryDirectory('store'),
      source
    );
    const empty = await resolve(parseSoftwareList([]), source);
    expect(empty.packages).toEqual([]);
    const result = await store.ensure(empty);
    expect(await store.freeze(result.id)).toBe('');
  });

  it('removes the temporary directories a crash left behind when opened', async () => {
    const dir = temporaryDirectory('store');
    const leftover = path.join(
      dir,
      'envs',
      `.building-${'a'.repeat(64)}-123456`
    );
    fs.mkdirSync(path.join(leftover, 'lib'), { recursive: true });
    fs.writeFileSync(path.join(leftover, 'lib', 'half.py'), '');
    fs.chmodSync(path.join(leftover, 'lib'), 0o555);
    const store = await EnvironmentStore.open(dir, source);
    expect(storeEntries(store)).toEqual([]);
  });
});
