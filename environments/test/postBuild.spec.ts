/**
 * postBuild in the build's own bubblewrap sandbox, with real bwrap, venv and pip against
 * the tiny local index: it may change the environment being built and nothing else; it
 * has no network; it is stopped at its time limit; its failure fails the build, in
 * French, with its output, and leaves nothing in the store.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import {
  EnvironmentError,
  EnvironmentStore,
  lockId,
  parseSoftwareList,
  resolve,
  sandboxAvailable,
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

describe('postBuild in the build’s sandbox (real bubblewrap)', () => {
  const source = tinyIndex();
  afterAll(removeTemporaryDirectories);

  /** The lock of `alpha` with this postBuild, as a Binder folder gives it. */
  async function lockWith(script: string): Promise<ILock> {
    const list = parseSoftwareList(
      [requirements('alpha'), { path: 'postBuild', content: script }],
      { sandbox: true }
    );
    expect(list.postBuild).toBe(script);
    return resolve(list, source);
  }

  /** Build `lock` in a new store; the store and the build's outcome. */
  async function build(lock: ILock, timeoutMs?: number) {
    const store = await EnvironmentStore.open(temporaryDirectory('store'), {
      ...source,
      postBuildTimeoutMs: timeoutMs
    });
    const events: IProgressEvent[] = [];
    const outcome = await store
      .ensure(lock, { onProgress: event => events.push(event) })
      .then(
        result => ({ result, error: null }),
        (error: unknown) => ({ result: null, error: error as EnvironmentError })
      );
    return { store, events, ...outcome };
  }

  /** A failed build left nothing: no environment, no temporary folder. */
  function expectNothingStored(store: EnvironmentStore): void {
    expect(fs.readdirSync(path.join(store.dir, 'envs'))).toEqual([]);
  }

  it('runs here: bubblewrap makes sandboxes on this machine', async () => {
    expect(await sandboxAvailable()).toBe(true);
  });

  it('changes the environment being built: a module it writes is importable, its output is in the log', async () => {
    const lock = await lockWith(
      [
        '#!/bin/sh',
        'set -e',
        'echo "postBuild dans $VIRTUAL_ENV"',
        // The script sees the environment at its final path, its Python first.
        "python -c \"import site; open(site.getsitepackages()[0] + '/ajout_postbuild.py', 'w').write('VALEUR = 42\\n')\"",
        'echo fini > "$HOME/trace" && cat "$HOME/trace"'
      ].join('\n') + '\n'
    );
    expect(lock.postBuild).toContain('ajout_postbuild');
    const { store, events, result, error } = await build(lock);
    expect(error).toBeNull();
    const python = path.join(result!.path, 'bin', 'python');
    expect(
      execFileSync(python, [
        '-c',
        'import ajout_postbuild, alpha; print(ajout_postbuild.VALEUR)'
      ])
        .toString()
        .trim()
    ).toBe('42');
    const log = events.map(event => event.log).filter(Boolean);
    expect(log).toContain(`postBuild dans ${store.pathOf(lockId(lock))}`);
    expect(log).toContain('fini');
  });

  it('makes another environment for another script, and none without one', async () => {
    const one = await lockWith('#!/bin/sh\necho un\n');
    const two = await lockWith('#!/bin/sh\necho deux\n');
    const none = await resolve(
      parseSoftwareList([requirements('alpha')]),
      source
    );
    expect(new Set([lockId(one), lockId(two), lockId(none)]).size).toBe(3);
    expect('postBuild' in none).toBe(false);
  });

  describe('tried: writing outside the environment fails and changes nothing', () => {
    const home = os.homedir();
    const repository = temporaryDirectory('depot');
    const hostTmp = temporaryDirectory('hote');
    it.each([
      ['the repository’s folder', repository],
      ['a folder of the host’s /tmp', hostTmp],
      ['the user’s home', home]
    ])('%s', async (_what, target) => {
      const file = path.join(target, `intrus-${process.pid}.txt`);
      const lock = await lockWith(
        `#!/bin/sh\nset -e\necho "tentative d’écrire ${file}"\necho intrus > "${file}"\n`
      );
      const { store, error } = await build(lock);
      expect(error).toBeInstanceOf(EnvironmentError);
      expect(error!.code).toBe('build-failed');
      expect(error!.message).toMatch(
        /^Le script postBuild a échoué \(code de sortie \d+\) : l’environnement n’a pas été construit\. Il s’exécute sans réseau/
      );
      expect(error!.message).toContain(`tentative d’écrire ${file}`);
      expect(fs.existsSync(file)).toBe(false);
      expectNothingStored(store);
    });

    it('the Python installation and the system', async () => {
      const lock = await lockWith(
        "#!/bin/sh\nset -e\npython -c \"import sys, os; open(os.path.join(sys.base_prefix, 'intrus.txt'), 'w')\"\n"
      );
      const { store, error } = await build(lock);
      expect(error?.code).toBe('build-failed');
      expect(error!.message).toMatch(/Read-only file system|Permission denied/);
      const base = execFileSync(path.join(VENV_BIN, 'python'), [
        '-c',
        'import sys; print(sys.base_prefix)'
      ])
        .toString()
        .trim();
      expect(fs.existsSync(path.join(base, 'intrus.txt'))).toBe(false);
      expectNothingStored(store);
    });
  });

  it('tried: the network is not there (a server of the host is not reached)', async () => {
    let connections = 0;
    const server = net.createServer(socket => {
      connections++;
      socket.end('bonjour\n');
    });
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const lock = await lockWith(
        `#!/bin/sh\nset -e\npython -c "import socket; socket.create_connection(('127.0.0.1', ${port}), timeout=3); print('joint')"\n`
      );
      const { store, error } = await build(lock);
      expect(error?.code).toBe('build-failed');
      expect(error!.message).toMatch(
        /ConnectionRefusedError|Network is unreachable/
      );
      expect(error!.message).not.toContain('joint');
      expect(connections).toBe(0);
      expectNothingStored(store);
    } finally {
      server.close();
    }
  });

  it('tried: a script that runs too long is stopped at its limit, in French', async () => {
    const lock = await lockWith(
      '#!/bin/sh\necho "je commence"\nsleep 60\necho jamais\n'
    );
    const started = Date.now();
    const { store, error } = await build(lock, 1500);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(error?.code).toBe('build-failed');
    expect(error!.message).toMatch(
      /^Le script postBuild a dépassé sa limite de 2 s : il a été arrêté et l’environnement n’a pas été construit\./
    );
    expect(error!.message).toContain('je commence');
    expectNothingStored(store);
    // Its sleep went with it.
    const left = execFileSync('ps', ['-eo', 'args']).toString();
    expect(left).not.toMatch(/^sleep 60$/m);
  });
});
