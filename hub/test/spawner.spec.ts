/**
 * The local spawner, tested with real `jupyter lab` processes in real bubblewrap sandboxes
 * (no mocks). Few servers are started, and every one is stopped even when a test fails.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';

import {
  ISpawnerLogger,
  ISpawnProgress,
  LocalProcessSpawner,
  SpawnError
} from '../src/spawner';
import { IdentityKey } from '../src/identity/keys';
import { IDENTITY_HEADER } from '../src/identity/sign';
import { giveHomeTo } from '../src/servers/homeOwner';
import { socketPathOf } from '../src/spawner/address';
import { ManagedProcess } from '../src/spawner/managed';
import { findFreePort } from '../src/spawner/ports';
import { findDescendants, readProcess } from '../src/spawner/processes';
import { waitUntilReady } from '../src/spawner/readiness';
import {
  buildSandboxArgv,
  ISandboxPaths,
  SETPRIV,
  withKeeper
} from '../src/spawner/sandbox';
import {
  buildServerArgv,
  buildServerEnv,
  normalizeBaseUrl
} from '../src/spawner/server';
import {
  executeInKernel,
  requestServer,
  startKernel
} from './helpers/spawnerKernel';

const VENV_DIR = path.resolve(__dirname, '..', '..', '.venv');
const PYTHON = path.join(VENV_DIR, 'bin', 'python');

describe('buildSandboxArgv (pure): what the sandbox sees', () => {
  const paths: ISandboxPaths = {
    homeDir: '/srv/candyce/homes/ada',
    dataDir: '/srv/candyce',
    venvDir: '/opt/candyce/venv',
    envStoreDir: '/srv/candyce/environments'
  };
  const command = ['/opt/candyce/venv/bin/jupyter', 'lab'];
  const argv = buildSandboxArgv(paths, command);
  const options = argv.slice(0, argv.indexOf('--'));
  /** Index of `op` followed by `args` in the options, -1 if absent. */
  const find = (...tokens: string[]): number =>
    options.findIndex((_, i) =>
      tokens.every((token, j) => options[i + j] === token)
    );

  it('tried: the system is read-only; /tmp, /dev and /proc are private', () => {
    expect(find('--ro-bind', '/', '/')).toBe(0);
    expect(find('--dev', '/dev')).toBeGreaterThan(0);
    expect(find('--proc', '/proc')).toBeGreaterThan(0);
    expect(find('--tmpfs', '/tmp')).toBeGreaterThan(0);
  });

  it('tried: the data dir is hidden by a tmpfs, then the home is bound back read-write at the same path, then the tmpfs is made read-only', () => {
    const hide = find('--tmpfs', '/srv/candyce');
    const home = find('--bind', paths.homeDir, paths.homeDir);
    const readOnly = find('--remount-ro', '/srv/candyce');
    expect(hide).toBeGreaterThan(find('--ro-bind', '/', '/'));
    expect(home).toBeGreaterThan(hide);
    expect(readOnly).toBeGreaterThan(home);
    // Nothing else of the data dir is bound writable.
    expect(options.filter(token => token === '--bind')).toHaveLength(1);
  });

  it('tried: the env store and the venv are bound read-only after the data dir is hidden; a missing store is skipped', () => {
    const hide = find('--tmpfs', '/srv/candyce');
    expect(
      find('--ro-bind', paths.envStoreDir!, paths.envStoreDir!)
    ).toBeGreaterThan(hide);
    expect(find('--ro-bind', paths.venvDir, paths.venvDir)).toBeGreaterThan(
      hide
    );
    const withoutStore = buildSandboxArgv(
      { ...paths, envStoreDir: null },
      command
    );
    expect(withoutStore.join(' ')).not.toContain('environments');
  });

  it('tried: extra hidden dirs get a read-only tmpfs too', () => {
    const withHidden = buildSandboxArgv(
      { ...paths, hiddenDirs: ['/etc/candyce'] },
      command
    );
    expect(withHidden.join(' ')).toContain('--tmpfs /etc/candyce');
    expect(withHidden.join(' ')).toContain('--remount-ro /etc/candyce');
  });

  it('tried: pid, ipc and uts are unshared, all capabilities dropped, the network kept when not asked otherwise', () => {
    for (const flag of [
      '--unshare-pid',
      '--unshare-ipc',
      '--unshare-uts',
      '--die-with-parent',
      '--new-session'
    ]) {
      expect(options).toContain(flag);
    }
    expect(find('--cap-drop', 'ALL')).toBeGreaterThan(0);
    expect(options).not.toContain('--unshare-net');
    expect(options).not.toContain('--unshare-all');
  });

  it('tried: isolateNetwork with a socket folder: --unshare-net, and the folder bound read-write at its path after the data dir is hidden and before it is made read-only', () => {
    const socketDir = '/srv/candyce/sockets/0123456789abcdef';
    const isolated = buildSandboxArgv(
      { ...paths, isolateNetwork: true, socketDir },
      command
    );
    const at = (...tokens: string[]) =>
      isolated.findIndex((_, i) =>
        tokens.every((token, j) => isolated[i + j] === token)
      );
    expect(isolated).toContain('--unshare-net');
    expect(at('--bind', socketDir, socketDir)).toBeGreaterThan(
      at('--tmpfs', '/srv/candyce')
    );
    expect(at('--remount-ro', '/srv/candyce')).toBeGreaterThan(
      at('--bind', socketDir, socketDir)
    );
    expect(() =>
      buildSandboxArgv({ ...paths, socketDir: '/srv' }, command)
    ).toThrow(/expose the data dir/);
  });

  it('tried: the command comes last, after --, untouched', () => {
    expect(argv.slice(argv.indexOf('--') + 1)).toEqual(command);
  });

  it('tried: a home that contains the data dir, and relative paths, are refused', () => {
    expect(() =>
      buildSandboxArgv({ ...paths, homeDir: '/srv' }, command)
    ).toThrow(/expose the data dir/);
    expect(() =>
      buildSandboxArgv({ ...paths, homeDir: '/srv/candyce' }, command)
    ).toThrow(/expose the data dir/);
    expect(() =>
      buildSandboxArgv({ ...paths, homeDir: 'homes/ada' }, command)
    ).toThrow(/absolute/);
  });
});

describe('buildServerArgv and buildServerEnv (pure): the jupyter command', () => {
  it('tried: a Unix socket (0600) and no TCP port, the base URL and home as root dir, extra args last', () => {
    const argv = buildServerArgv({
      venvDir: '/opt/venv',
      socketPath: '/srv/sockets/0123/server.sock',
      baseUrl: 'user/ada',
      homeDir: '/srv/homes/ada',
      extraArgs: ['--IdentityProvider.token=x']
    });
    expect(argv.slice(0, 2)).toEqual(['/opt/venv/bin/jupyter', 'lab']);
    expect(argv).toEqual(
      expect.arrayContaining([
        '--no-browser',
        '--allow-root',
        '--ServerApp.sock=/srv/sockets/0123/server.sock',
        '--ServerApp.sock_mode=0600',
        '--ServerApp.base_url=/user/ada/',
        '--ServerApp.root_dir=/srv/homes/ada',
        '--ServerApp.shutdown_no_activity_timeout=0',
        '--ServerApp.static_immutable_cache=/user/ada/lab/extensions/',
        '--ServerApp.tornado_settings={"page_config_data":{"candyceHub":"/hub/api/v1"}}'
      ])
    );
    expect(argv[argv.length - 1]).toBe('--IdentityProvider.token=x');
    expect(argv.join(' ')).not.toMatch(/--ServerApp\.(ip|port)=/);
    expect(normalizeBaseUrl('/user/ada/')).toBe('/user/ada/');
    expect(normalizeBaseUrl('')).toBe('/');
  });

  it("tried: the hub's environment is never passed on, nor any secret; request env cannot override HOME", () => {
    process.env.SPAWNER_TEST_HUB_SECRET = 'hub-only';
    try {
      const env = buildServerEnv({
        venvDir: '/opt/venv',
        homeDir: '/srv/homes/ada',
        userName: 'ada',
        extraEnv: {
          HOME: '/',
          JUPYTER_PATH: '/envs/x'
        }
      });
      expect(
        Object.keys(env).filter(key => /SECRET|TOKEN|KEY/.test(key))
      ).toEqual([]);
      expect(Object.keys(env)).not.toContain('SPAWNER_TEST_HUB_SECRET');
      expect(env.PATH.split(':')[0]).toBe('/opt/venv/bin');
      expect(env).toMatchObject({
        HOME: '/srv/homes/ada',
        LANG: 'C.UTF-8',
        CANDYCE_SERVER_USER: 'ada',
        JUPYTER_PATH: '/envs/x',
        JUPYTER_RUNTIME_DIR: '/srv/homes/ada/.local/share/jupyter/runtime'
      });
    } finally {
      delete process.env.SPAWNER_TEST_HUB_SECRET;
    }
  });
});

describe('waitUntilReady: probing a real HTTP server on loopback', () => {
  it('tried: a server that answers 503, then 200: progress goes « Démarrage » → « Presque prêt » → 100 %', async () => {
    const startedAt = Date.now();
    const server = http.createServer((request, response) => {
      response.statusCode =
        request.url === '/user/ada/api' && Date.now() - startedAt > 700
          ? 200
          : 503;
      response.end();
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const progress: ISpawnProgress[] = [];
    try {
      const outcome = await waitUntilReady({
        url: `http://127.0.0.1:${port}/user/ada/api`,
        timeoutMs: 5000,
        intervalMs: 50,
        signal: new AbortController().signal,
        isUnderWay: () => Date.now() - startedAt > 300,
        onProgress: step => progress.push(step)
      });
      expect(outcome).toBe('ready');
    } finally {
      server.close();
    }
    const messages = progress.map(step => step.message);
    expect(messages[0]).toBe('Démarrage de votre espace…');
    expect(messages).toContain('Presque prêt…');
    expect(progress[progress.length - 1]).toEqual({
      percent: 100,
      message: 'Votre espace est prêt.'
    });
  });

  it('tried: nothing listens: « timeout » after the given time; an abort ends the wait at once', async () => {
    const url = `http://127.0.0.1:${await findFreePort()}/api`;
    const before = Date.now();
    expect(
      await waitUntilReady({
        url,
        timeoutMs: 400,
        signal: new AbortController().signal
      })
    ).toBe('timeout');
    expect(Date.now() - before).toBeLessThan(2000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    expect(
      await waitUntilReady({ url, timeoutMs: 10000, signal: controller.signal })
    ).toBe('aborted');
    expect(Date.now() - before).toBeLessThan(3000);
  });
});

describe('ManagedProcess: ending a process that ignores SIGTERM', () => {
  it('tried: a sandboxed shell that ignores SIGTERM (and so does its child) is SIGKILLed after the grace period, with its whole sandbox', async () => {
    const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-spawner-'));
    const homeDir = path.join(tmpRoot, 'data', 'homes', 'ada');
    fs.mkdirSync(homeDir, { recursive: true });
    const sandboxArgv = buildSandboxArgv(
      {
        homeDir,
        dataDir: path.join(tmpRoot, 'data'),
        venvDir: VENV_DIR,
        envStoreDir: null
      },
      ['/bin/sh', '-c', "trap '' TERM; sleep 30 & wait"]
    );
    const managed = new ManagedProcess({
      argv: ['bwrap', ...sandboxArgv],
      env: { PATH: '/usr/bin:/bin' },
      cwd: homeDir,
      sandboxed: true,
      logFile: path.join(tmpRoot, 'sandbox.log')
    });
    try {
      await SpawnerTest.waitFor(() =>
        findDescendants(managed.pid).some(info => info.comm === 'sleep')
      );
      const sandboxed = findDescendants(managed.pid).map(info => info.pid);
      const before = Date.now();
      await managed.end(300);
      expect(Date.now() - before).toBeGreaterThanOrEqual(300);
      expect(managed.exitCode).toBe(128 + os.constants.signals.SIGKILL);
      await SpawnerTest.waitFor(() => sandboxed.every(SpawnerTest.isGone));
    } finally {
      await managed.end(0);
      fs.rmSync(tmpRoot, { recursive: true, force: true });
    }
  });

  it('tried: the keeper outlives nothing: SIGKILL to the keeper alone takes down its whole sandbox (--die-with-parent)', async () => {
    const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-spawner-'));
    const homeDir = path.join(tmpRoot, 'data', 'homes', 'ada');
    fs.mkdirSync(homeDir, { recursive: true });
    const sandboxArgv = buildSandboxArgv(
      {
        homeDir,
        dataDir: path.join(tmpRoot, 'data'),
        venvDir: VENV_DIR,
        envStoreDir: null
      },
      ['/bin/sh', '-c', 'sleep 30 & wait']
    );
    const managed = new ManagedProcess({
      argv: withKeeper(['bwrap', ...sandboxArgv]),
      env: { PATH: '/usr/bin:/bin' },
      cwd: homeDir,
      sandboxed: true,
      logFile: path.join(tmpRoot, 'keeper.log')
    });
    try {
      await SpawnerTest.waitFor(() =>
        findDescendants(managed.pid).some(info => info.comm === 'sleep')
      );
      const tree = findDescendants(managed.pid);
      // keeper → bwrap → bwrap (the sandbox's PID 1) → sh → sleep
      expect(tree.map(info => info.comm).slice(0, 2)).toEqual([
        'bwrap',
        'bwrap'
      ]);
      expect(readProcess(managed.pid)).toMatchObject({
        comm: 'sh',
        pgrp: managed.pid
      });
      process.kill(managed.pid, 'SIGKILL');
      await managed.exited;
      await SpawnerTest.waitFor(() =>
        tree.every(info => SpawnerTest.isGone(info.pid))
      );
    } finally {
      await managed.end(0);
      fs.rmSync(tmpRoot, { recursive: true, force: true });
    }
  });
});

describe('LocalProcessSpawner.endStrays: servers left without a record', () => {
  it('tried: a sandbox whose output goes to the spawner’s log folder is ended whole, counted once (its inner processes lead groups of their own), unless kept', async () => {
    const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-spawner-'));
    const layout = SpawnerTest.createDataDir(tmpRoot);
    const logDir = path.join(layout.dataDir, 'logs');
    fs.mkdirSync(logDir);
    const sandboxArgv = buildSandboxArgv(
      {
        homeDir: layout.adaHome,
        dataDir: layout.dataDir,
        venvDir: VENV_DIR,
        envStoreDir: null
      },
      ['/bin/sh', '-c', 'setsid sleep 30 & sleep 31 & wait']
    );
    const stray = new ManagedProcess({
      argv: withKeeper(['bwrap', ...sandboxArgv]),
      env: { PATH: '/usr/bin:/bin' },
      cwd: layout.adaHome,
      sandboxed: true,
      logFile: path.join(logDir, 'ada.log')
    });
    const spawner = new LocalProcessSpawner({
      venvDir: VENV_DIR,
      dataDir: layout.dataDir,
      envStoreDir: layout.envStoreDir,
      sandbox: 'bubblewrap'
    });
    try {
      await SpawnerTest.waitFor(
        () =>
          findDescendants(stray.pid).filter(info => info.comm === 'sleep')
            .length === 2
      );
      const tree = findDescendants(stray.pid);
      const kept = {
        userName: 'ada',
        url: 'http://127.0.0.1:9',
        pid: stray.pid,
        startedAt: Date.now(),
        state: {}
      };
      expect(await spawner.endStrays([kept])).toBe(0);
      expect(stray.running).toBe(true);
      expect(await spawner.endStrays([])).toBe(1);
      await stray.exited;
      await SpawnerTest.waitFor(() =>
        tree.every(info => SpawnerTest.isGone(info.pid))
      );
    } finally {
      await stray.end(0);
      fs.rmSync(tmpRoot, { recursive: true, force: true });
    }
  });
});

describe('LocalProcessSpawner with bubblewrap: a real server for ada', () => {
  const baseUrl = '/user/ada/';
  const memoryLimitBytes = 4 * 1024 ** 3;
  let tmpRoot: string;
  let layout: SpawnerTest.ILayout;
  let spawner: LocalProcessSpawner | undefined;
  let server: Awaited<ReturnType<LocalProcessSpawner['start']>>;
  let key: IdentityKey;
  /**
   * Ada's server on its socket, with identities signed as the hub signs them (and
   * JupyterLab's anti-CSRF cookie and header, which a browser sends).
   */
  const xsrf = 'cafe'.repeat(8);
  const access = () => ({
    url: server.url,
    baseUrl,
    headers: () => ({
      cookie: `_xsrf=${xsrf}`,
      'X-XSRFToken': xsrf,
      [IDENTITY_HEADER]: key.sign({
        name: 'ada',
        displayName: 'Ada',
        role: 'learner',
        color: '#123456'
      })
    })
  });
  const progress: ISpawnProgress[] = [];
  // As the hub runs her server when it runs as root (sandboxUids): as a uid of her own.
  const account =
    process.getuid?.() === 0 ? { uid: 1_000_500, gid: 1_000_500 } : undefined;

  beforeAll(async () => {
    tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-spawner-'));
    layout = SpawnerTest.createDataDir(tmpRoot);
    key = IdentityKey.loadOrCreate(path.join(layout.dataDir, 'secrets'));
    if (account) {
      await giveHomeTo(layout.adaHome, account);
    }
    spawner = new LocalProcessSpawner({
      venvDir: VENV_DIR,
      dataDir: layout.dataDir,
      envStoreDir: layout.envStoreDir,
      sandbox: 'bubblewrap',
      extraArgs: SpawnerTest.identityArgs(key),
      memoryLimitBytes
    });
    // A hub secret in the hub's environment, which must not reach the kernel.
    process.env.SPAWNER_TEST_HUB_SECRET = 'hub-only';
    try {
      server = await spawner.start(
        { userName: 'ada', homeDir: layout.adaHome, baseUrl, account },
        step => progress.push(step)
      );
    } finally {
      delete process.env.SPAWNER_TEST_HUB_SECRET;
    }
  }, 90000);

  afterAll(async () => {
    await spawner?.stopAll();
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  });

  it('tried: start reports French progress up to 100 % and the server answers on its Unix socket (0600, in a 0700 folder of its account under <dataDir>/sockets), to signed identities only', async () => {
    const socketPath = socketPathOf(server.url)!;
    expect(path.dirname(path.dirname(socketPath))).toBe(
      path.join(fs.realpathSync(layout.dataDir), 'sockets')
    );
    expect(fs.statSync(socketPath).isSocket()).toBe(true);
    expect(fs.statSync(socketPath).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(socketPath))).toMatchObject({
      mode: expect.any(Number),
      uid: account?.uid ?? process.getuid!()
    });
    expect(fs.statSync(path.dirname(socketPath)).mode & 0o777).toBe(0o700);
    expect(
      fs.statSync(path.dirname(path.dirname(socketPath))).mode & 0o777
    ).toBe(0o700);
    expect(progress[0].message).toBe('Démarrage de votre espace…');
    for (const { message } of progress) {
      expect([
        'Démarrage de votre espace…',
        'Presque prêt…',
        'Votre espace est prêt.'
      ]).toContain(message);
    }
    expect(progress[progress.length - 1].percent).toBe(100);
    const percents = progress.map(step => step.percent);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
    expect(await spawner!.poll(server)).toBe('running');
    expect((await requestServer(access(), 'GET', 'api/status')).status).toBe(
      200
    );
    const anonymous = { ...access(), headers: () => ({}) };
    expect((await requestServer(anonymous, 'GET', 'api/status')).status).toBe(
      403
    );
  });

  it("tried from ada's kernel: read bob's home, list the homes, read the DB and the secret, write outside her home: all fail; her own home works; as her own uid (hub as root), root's files fail too", async () => {
    const kernelId = await startKernel(access());
    const result = await executeInKernel(
      access(),
      kernelId,
      SpawnerTest.probeCode(layout, VENV_DIR)
    );
    expect(result.error).toBeNull();
    const r = JSON.parse(result.stdout) as Record<string, SpawnerTest.IAttempt>;
    const failed = (name: string): string => {
      expect(r[name]).toMatchObject({ ok: false });
      return r[name].error!;
    };

    // Other learners, the database and the secrets are not even there.
    expect(failed('readBobNotes')).toMatch(/^FileNotFoundError/);
    expect(failed('listBobHome')).toMatch(/^FileNotFoundError/);
    expect(failed('readDatabase')).toMatch(/^FileNotFoundError/);
    expect(failed('readSecret')).toMatch(/^FileNotFoundError/);
    // Listing what is left of the data dir shows only the mount points of the sandbox.
    expect(r.listHomes).toEqual({ ok: true, value: ['ada'] });
    expect(r.listDataDir).toEqual({
      ok: true,
      value: ['environments', 'homes', 'sockets']
    });
    // Of the sockets' folder, only its own.
    expect(r.listSockets).toEqual({
      ok: true,
      value: [path.basename(path.dirname(socketPathOf(server.url)!))]
    });

    // Writes outside the home fail: the system and the data dir are read-only.
    expect(failed('writeBobHome')).toMatch(/^(FileNotFoundError|OSError)/);
    expect(failed('writeDataDir')).toMatch(/Read-only file system/);
    expect(failed('writeVenv')).toMatch(/Read-only file system/);
    expect(failed('writeEtc')).toMatch(/Read-only file system/);
    expect(failed('writeEnvStore')).toMatch(/Read-only file system/);
    // /tmp is private: a write there succeeds in the sandbox but never reaches the host.
    expect(fs.existsSync(path.join(tmpRoot, 'pwned.txt'))).toBe(false);
    expect(fs.readdirSync(layout.bobHome)).toEqual(['secret-notes.txt']);
    expect(fs.readdirSync(layout.dataDir).sort()).toEqual([
      'candyce.db',
      'environments',
      'homes',
      'logs', // the spawner's: servers' output
      'secrets',
      'sockets' // the spawner's: servers' sockets
    ]);

    // Her own home is readable and writable, and the writes are real.
    expect(r.readOwnFile).toEqual({ ok: true, value: 'Bienvenue, Ada !' });
    expect(r.writeOwnFile.ok).toBe(true);
    expect(
      fs.readFileSync(path.join(layout.adaHome, 'from-kernel.txt'), 'utf8')
    ).toBe('bonjour');
    expect(r.readEnvStore).toEqual({ ok: true, value: 'numpy==2.0' });

    // No capability (so it cannot unmount what hides the data), no hub process in sight,
    // no hub environment, and the memory limit applies to the kernel.
    expect(r.capabilities.value).toMatch(/^CapEff:\s+0+$/);
    expect((r.visibleCommands.value as string[]).join('\n')).not.toMatch(
      /node|jest/
    );
    expect(r.hubEnvLeak.value).toEqual([]);
    expect(r.serverUser.value).toBe('ada');
    // The environments' kernelspecs, from the store (at its real path, as bound).
    expect(r.jupyterPath.value).toBe(
      path.join(fs.realpathSync(layout.envStoreDir), 'jupyter')
    );
    expect(r.addressSpaceLimit.value).toBe(memoryLimitBytes);
    expect(failed('allocateBeyondLimit')).toMatch(/^MemoryError/);

    if (account) {
      // Her own uid, no group of root's; root's files out of reach (as uid 0 without
      // capabilities she could read /etc/shadow: see serverAccounts.spec.ts), root's
      // home hidden but for the way to the Python the venv was made from.
      expect(r.ids.value).toEqual([account.uid, account.gid, []]);
      expect(failed('readShadow')).toMatch(/^PermissionError/);
      if (r.listRootHome.ok) {
        expect(
          (r.listRootHome.value as string[]).filter(name => name !== '.pyenv')
        ).toEqual([]);
      }
      expect(
        fs.statSync(path.join(layout.adaHome, 'from-kernel.txt'))
      ).toMatchObject(account);
    }
  });

  (process.getuid?.() === 0 ? it : it.skip)(
    'tried: another account of the machine (another pupil’s uid, on the host, outside any sandbox) opens ada’s socket: refused; root (the hub) opens it',
    () => {
      const socketPath = socketPathOf(server.url)!;
      const connect = (uid?: number) =>
        spawnSync(
          uid === undefined ? PYTHON : SETPRIV,
          [
            ...(uid === undefined
              ? []
              : [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', PYTHON]),
            '-c',
            'import socket, sys\ns = socket.socket(socket.AF_UNIX)\ntry:\n    s.connect(sys.argv[1]); print("connected")\nexcept OSError as e:\n    print(type(e).__name__)',
            socketPath
          ],
          { encoding: 'utf8' }
        ).stdout.trim();
      expect(connect(1_000_777)).toBe('PermissionError');
      expect(connect()).toBe('connected');
    }
  );

  it('tried: the server runs below its keeper in its own session, its output goes to <dataDir>/logs/ada.log, and its state identifies its process', async () => {
    const keeper = readProcess(server.pid)!;
    expect(keeper).toMatchObject({ comm: 'sh', pgrp: server.pid });
    expect(
      fs.readFileSync(`/proc/${server.pid}/cmdline`, 'utf8').split('\0')
    ).toEqual(
      expect.arrayContaining(['candyce-server-keeper', 'prlimit', 'bwrap'])
    );
    const logFile = path.join(layout.dataDir, 'logs', 'ada.log');
    expect(fs.statSync(logFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(logFile, 'utf8')).toMatch(
      /Jupyter Server .* is running at/
    );
    expect(server.state).toEqual({
      bootId: fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
      startTicks: keeper.startTicks,
      sandboxed: true
    });
  });

  it('tried: another spawner (a restarted hub) takes the server back from its record, but not a pid whose start time differs, a dead pid or an unknown state; nothing is signalled then', async () => {
    const later = new LocalProcessSpawner({
      venvDir: VENV_DIR,
      dataDir: layout.dataDir,
      envStoreDir: layout.envStoreDir,
      sandbox: 'bubblewrap'
    });
    const recorded = { ...server };
    const reused = {
      ...server,
      state: {
        ...server.state,
        startTicks: Number(server.state.startTicks) + 1
      }
    };
    expect(await later.reattach(reused)).toBe('gone');
    expect(await later.poll(reused)).toBeNull();
    expect(await later.reattach({ ...server, state: {} })).toBe('gone');
    expect(await later.reattach({ ...server, pid: 2 ** 22 + 1 })).toBe('gone');
    expect(await spawner!.poll(server)).toBe('running');

    expect(await later.reattach(recorded)).toBe('running');
    expect(await later.poll(recorded)).toBe('running');
  });

  it('tried: stop ends the server and everything in its sandbox; poll then reports it stopped', async () => {
    const descendants = findDescendants(server.pid).map(info => info.pid);
    expect(descendants.length).toBeGreaterThan(1); // the sandbox, jupyter, the kernel
    const before = Date.now();
    await spawner!.stop(server);
    expect(Date.now() - before).toBeLessThan(6000);
    expect(await spawner!.poll(server)).toEqual(expect.any(Number));
    // Its socket's folder names this server alone (another hub may run an `ada` too).
    await SpawnerTest.expectNoProcessMentioning(
      path.dirname(socketPathOf(server.url)!)
    );
    // Its socket's folder goes with it.
    expect(fs.existsSync(path.dirname(socketPathOf(server.url)!))).toBe(false);
    await spawner!.stop(server); // stopping twice is harmless
  });
});

describe('LocalProcessSpawner: starts that cannot succeed', () => {
  let tmpRoot: string;
  let layout: SpawnerTest.ILayout;

  beforeAll(() => {
    tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-spawner-'));
    layout = SpawnerTest.createDataDir(tmpRoot);
  });

  afterAll(() => {
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  });

  const startFailing = async (
    baseUrl: string,
    options: {
      extraArgs?: string[];
      startTimeoutMs?: number;
      logger?: ISpawnerLogger;
    }
  ): Promise<SpawnError> => {
    const spawner = new LocalProcessSpawner({
      venvDir: VENV_DIR,
      dataDir: layout.dataDir,
      envStoreDir: path.join(layout.dataDir, 'no-such-store'),
      sandbox: 'bubblewrap',
      ...options
    });
    try {
      await spawner.start({
        userName: 'ada',
        homeDir: layout.adaHome,
        baseUrl
      });
    } catch (error) {
      return error as SpawnError;
    } finally {
      await spawner.stopAll();
    }
    throw new Error('start should have failed');
  };

  it('tried: an option jupyter rejects (the server exits at once): French message, stderr in details, no process left', async () => {
    const before = Date.now();
    const warnings: object[] = [];
    const logger = {
      info: () => undefined,
      warn: (fields: object) => warnings.push(fields),
      error: () => undefined
    };
    const error = await startFailing('/user/ada-bad-option/', {
      extraArgs: ['--ServerApp.port_retries=not-a-number'],
      logger
    });
    expect(warnings).toEqual([
      expect.objectContaining({
        user: 'ada',
        failure: 'exited',
        details: error.details
      })
    ]);
    expect(Date.now() - before).toBeLessThan(30000);
    expect(error).toBeInstanceOf(SpawnError);
    expect(error.failure).toBe('exited');
    expect(error.message).toMatch(
      /^Votre espace s’est arrêté pendant son démarrage \(code de sortie 1\)/
    );
    expect(error.message).not.toContain('port_retries');
    expect(error.details).toContain('port_retries');
    await SpawnerTest.expectNoProcessMentioning('/user/ada-bad-option/');
  });

  it('tried: a start slower than startTimeoutMs (1 s) is given up: killed, French message, no process left', async () => {
    const error = await startFailing('/user/ada-too-slow/', {
      startTimeoutMs: 1000
    });
    expect(error).toBeInstanceOf(SpawnError);
    expect(error.failure).toBe('timeout');
    expect(error.message).toMatch(
      /^Votre espace n’a pas démarré dans le temps imparti \(1 s\)/
    );
    await SpawnerTest.expectNoProcessMentioning('/user/ada-too-slow/');
  });
});

namespace SpawnerTest {
  /** The folders of a fake hub data dir. */
  export interface ILayout {
    dataDir: string;
    adaHome: string;
    bobHome: string;
    envStoreDir: string;
  }

  /** What one attempt of the probe code gave. */
  export interface IAttempt {
    ok: boolean;
    value?: unknown;
    error?: string;
  }

  /**
   * `<root>/data` with two homes (bob has secret notes), a fake DB, a fake hub key and an
   * environments store.
   */
  export function createDataDir(root: string): ILayout {
    const dataDir = path.join(root, 'data');
    const adaHome = path.join(dataDir, 'homes', 'ada');
    const bobHome = path.join(dataDir, 'homes', 'bob');
    const envStoreDir = path.join(dataDir, 'environments');
    for (const dir of [
      adaHome,
      bobHome,
      path.join(envStoreDir, 'jupyter', 'kernels'),
      path.join(dataDir, 'secrets')
    ]) {
      fs.mkdirSync(dir, { recursive: true });
    }
    fs.writeFileSync(path.join(adaHome, 'welcome.txt'), 'Bienvenue, Ada !');
    fs.writeFileSync(
      path.join(bobHome, 'secret-notes.txt'),
      'Les notes de Bob'
    );
    fs.writeFileSync(path.join(dataDir, 'candyce.db'), 'SQLite format 3\0');
    fs.writeFileSync(
      path.join(dataDir, 'secrets', 'hub.key'),
      'hub-signing-key'
    );
    fs.writeFileSync(path.join(envStoreDir, 'requirements.txt'), 'numpy==2.0');
    return { dataDir, adaHome, bobHome, envStoreDir };
  }

  /**
   * The arguments the hub gives every server: the Candyce identity provider and the
   * public key of `key`.
   */
  export function identityArgs(key: IdentityKey): string[] {
    return [
      '--ServerApp.identity_provider_class=candyce.identity.CandyceIdentityProvider',
      `--CandyceIdentityProvider.public_key=${key.publicKey}`
    ];
  }

  /**
   * Python that tries every escape and prints a JSON summary `{name: {ok, value|error}}`.
   */
  export function probeCode(layout: ILayout, venvDir: string): string {
    const paths = JSON.stringify({
      ...layout,
      outsideDir: path.dirname(layout.dataDir),
      venvDir
    });
    return `
import json, os, resource
P = json.loads(${JSON.stringify(paths)})
results = {}
def attempt(name, action):
    try:
        results[name] = {'ok': True, 'value': action()}
    except BaseException as error:
        results[name] = {'ok': False, 'error': f'{type(error).__name__}: {error}'}
def read(p):
    with open(p) as f:
        return f.read()
def write(p, text='pwned'):
    with open(p, 'w') as f:
        f.write(text)
    return p
attempt('readBobNotes', lambda: read(P['bobHome'] + '/secret-notes.txt'))
attempt('listBobHome', lambda: os.listdir(P['bobHome']))
attempt('listHomes', lambda: sorted(os.listdir(P['dataDir'] + '/homes')))
attempt('listDataDir', lambda: sorted(os.listdir(P['dataDir'])))
attempt('listSockets', lambda: sorted(os.listdir(P['dataDir'] + '/sockets')))
attempt('readDatabase', lambda: read(P['dataDir'] + '/candyce.db'))
attempt('readSecret', lambda: read(P['dataDir'] + '/secrets/hub.key'))
attempt('writeBobHome', lambda: write(P['bobHome'] + '/pwned.txt'))
attempt('writeDataDir', lambda: write(P['dataDir'] + '/pwned.txt'))
attempt('writeVenv', lambda: write(P['venvDir'] + '/pwned.txt'))
attempt('writeEtc', lambda: write('/etc/candyce-pwned.txt'))
attempt('writeEnvStore', lambda: write(P['envStoreDir'] + '/pwned.txt'))
attempt('writeBesideDataDir', lambda: write(P['outsideDir'] + '/pwned.txt'))
attempt('readOwnFile', lambda: read(P['adaHome'] + '/welcome.txt'))
attempt('writeOwnFile', lambda: write(P['adaHome'] + '/from-kernel.txt', 'bonjour'))
attempt('readEnvStore', lambda: read(P['envStoreDir'] + '/requirements.txt'))
attempt('capabilities', lambda: [l for l in read('/proc/self/status').splitlines() if l.startswith('CapEff')][0])
attempt('visibleCommands', lambda: [read(f'/proc/{p}/cmdline').replace(chr(0), ' ')[:100] for p in os.listdir('/proc') if p.isdigit()])
attempt('hubEnvLeak', lambda: [k for k in os.environ if k.startswith('SPAWNER_TEST_HUB')])
attempt('serverUser', lambda: os.environ.get('CANDYCE_SERVER_USER'))
attempt('jupyterPath', lambda: os.environ.get('JUPYTER_PATH'))
attempt('addressSpaceLimit', lambda: resource.getrlimit(resource.RLIMIT_AS)[0])
attempt('allocateBeyondLimit', lambda: len(bytearray(5 * 1024 ** 3)))
attempt('ids', lambda: [os.getuid(), os.getgid(), os.getgroups()])
attempt('readShadow', lambda: read('/etc/shadow')[:4])
attempt('listRootHome', lambda: sorted(os.listdir('/root')))
print(json.dumps(results))
`;
  }

  /**
   * Whether a process has exited (gone, or a zombie: this machine's PID 1 may not reap
   * the orphans it inherits).
   */
  export function isGone(pid: number): boolean {
    return readProcess(pid) === null;
  }

  /**
   * Wait up to 5 s for `condition` to hold.
   */
  export async function waitFor(condition: () => boolean): Promise<void> {
    for (let attempt = 0; attempt < 50 && !condition(); attempt++) {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(condition()).toBe(true);
  }

  /**
   * Wait (up to 3 s, the sandbox's PID namespace dies just after bwrap) until no process
   * has `marker` in its command line.
   */
  export async function expectNoProcessMentioning(
    marker: string
  ): Promise<void> {
    let found: string[] = [];
    for (let attempt = 0; attempt < 30; attempt++) {
      found = commandLinesWith(marker);
      if (found.length === 0) {
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(found).toEqual([]);
  }

  function commandLinesWith(marker: string): string[] {
    const found: string[] = [];
    for (const entry of fs.readdirSync('/proc')) {
      try {
        const commandLine = fs
          .readFileSync(`/proc/${entry}/cmdline`, 'utf8')
          .split('\0')
          .join(' ');
        if (/^\d+$/.test(entry) && commandLine.includes(marker)) {
          found.push(`${entry}: ${commandLine}`);
        }
      } catch {
        // not a process, or it ended meanwhile
      }
    }
    return found;
  }
}
