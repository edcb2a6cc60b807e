/**
 * Users' servers run as a uid of their own (`sandboxUids`): the uids given out (real
 * SQLite file), the homes handed over, and what a sandbox dropped to its account can
 * still do, tried in real bubblewrap sandboxes.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { migrate, openDatabase } from '../src/db/connect';
import { ServerAccounts } from '../src/servers/accounts';
import { giveHomeTo } from '../src/servers/homeOwner';
import { accountPaths } from '../src/spawner/accountPaths';
import { closedToOthers } from '../src/spawner/othersAccess';
import { buildSandboxArgv, ISandboxPaths } from '../src/spawner/sandbox';

const IS_ROOT = process.getuid?.() === 0;
const itAsRoot = IS_ROOT ? it : it.skip;

describe('ServerAccounts: one uid per user, for good', () => {
  let dir: string;
  let db: ReturnType<typeof openDatabase>;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-accounts-'));
    db = openDatabase(`sqlite:${path.join(dir, 'hub.db')}`);
    await migrate(db);
  });

  afterEach(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('tried: first starts get the base, then the next uids; a user keeps theirs; the group is the same number', async () => {
    const accounts = new ServerAccounts(db, 1_000_000);
    expect(await accounts.of('u-ada')).toEqual({
      uid: 1_000_000,
      gid: 1_000_000
    });
    expect(await accounts.of('u-bob')).toEqual({
      uid: 1_000_001,
      gid: 1_000_001
    });
    expect(await accounts.of('u-ada')).toEqual({
      uid: 1_000_000,
      gid: 1_000_000
    });
  });

  it('tried: ten first starts at once get ten different uids, one each', async () => {
    const accounts = new ServerAccounts(db, 2_000_000);
    const ids = Array.from({ length: 10 }, (_, i) => `u-${i}`);
    const given = await Promise.all(ids.map(id => accounts.of(id)));
    const uids = given.map(account => account.uid);
    expect(new Set(uids).size).toBe(10);
    expect(Math.min(...uids)).toBe(2_000_000);
    expect(Math.max(...uids)).toBe(2_000_009);
    // Asked again, each keeps the same.
    const again = await Promise.all(ids.map(id => accounts.of(id)));
    expect(again).toEqual(given);
  });

  it('tried: a base raised later starts at the new base; lowered again, uids continue above the highest given, never below', async () => {
    await new ServerAccounts(db, 1_000_000).of('u-first');
    expect((await new ServerAccounts(db, 3_000_000).of('u-second')).uid).toBe(
      3_000_000
    );
    expect((await new ServerAccounts(db, 1_000_000).of('u-third')).uid).toBe(
      3_000_001
    );
  });

  it('tried: the range is used up: a clear error, nothing written', async () => {
    await db
      .insertInto('server_accounts')
      .values({ user_id: 'u-last', uid: 4_294_967_293 })
      .execute();
    await expect(
      new ServerAccounts(db, 1_000_000).of('u-late')
    ).rejects.toThrow(/No uid left/);
    const rows = await db.selectFrom('server_accounts').selectAll().execute();
    expect(rows).toEqual([{ user_id: 'u-last', uid: 4_294_967_293 }]);
  });
});

describe('giveHomeTo: a home becomes its server’s', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-home-'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  itAsRoot(
    'tried: a home with folders, files and a link to a file outside: all change owner but the target of the link; a second call walks nothing',
    async () => {
      const home = path.join(dir, 'ada');
      const outside = path.join(dir, 'outside.txt');
      fs.mkdirSync(path.join(home, 'cours', 'maths'), { recursive: true });
      fs.writeFileSync(path.join(home, 'cours', 'maths', 'carres.ipynb'), '{}');
      fs.writeFileSync(outside, 'not hers');
      fs.symlinkSync(outside, path.join(home, 'lien'));
      const account = { uid: 1_000_123, gid: 1_000_123 };

      expect(await giveHomeTo(home, account)).toBe(5);
      for (const entry of [
        home,
        path.join(home, 'cours'),
        path.join(home, 'cours', 'maths'),
        path.join(home, 'cours', 'maths', 'carres.ipynb'),
        path.join(home, 'lien')
      ]) {
        expect(fs.lstatSync(entry)).toMatchObject(account);
      }
      expect(fs.statSync(outside)).toMatchObject({ uid: 0, gid: 0 });
      expect(await giveHomeTo(home, account)).toBe(0);
    }
  );
});

describe('closedToOthers: can another uid reach the venv?', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-reach-'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('tried: a private folder on the way is named; inside a folder the sandbox makes, it does not count; an open way gives null', () => {
    const venv = path.join(dir, 'repo', '.venv');
    fs.mkdirSync(venv, { recursive: true, mode: 0o755 });
    fs.chmodSync(dir, 0o700);
    expect(closedToOthers(venv)).toBe(dir);
    expect(closedToOthers(venv, [path.dirname(dir)])).toBeNull();
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(venv, 0o711);
    // The venv itself must be readable, not only crossed.
    expect(closedToOthers(venv)).toBe(venv);
    fs.chmodSync(venv, 0o755);
    expect(closedToOthers(venv)).toBeNull();
  });
});

describe('accountPaths: the Pythons an account must reach', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-pythons-'));
    fs.chmodSync(dir, 0o755);
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A virtualenv made from `prefix`. */
  const venv = (at: string, prefix: string) => {
    fs.mkdirSync(at, { recursive: true });
    fs.writeFileSync(
      path.join(at, 'pyvenv.cfg'),
      `home = ${path.join(prefix, 'bin')}\nversion = 3.11.7\n`
    );
  };

  it('tried: a venv and an environment from a Python in a private home, another from an open one: the private home is hidden, both Pythons behind it shown, the open one left alone', () => {
    const privateHome = path.join(dir, 'root');
    const pyenv311 = path.join(privateHome, '.pyenv', 'versions', '3.11.7');
    const pyenv312 = path.join(privateHome, '.pyenv', 'versions', '3.12.1');
    const openPython = path.join(dir, 'opt', 'python3.13');
    for (const prefix of [pyenv311, pyenv312, openPython]) {
      fs.mkdirSync(path.join(prefix, 'bin'), { recursive: true });
    }
    fs.chmodSync(privateHome, 0o700);
    const store = path.join(dir, 'store');
    venv(path.join(dir, 'venv'), pyenv311);
    venv(path.join(store, 'envs', 'a'), pyenv312);
    venv(path.join(store, 'envs', 'b'), openPython);
    venv(path.join(store, 'envs', 'c'), pyenv311);
    fs.mkdirSync(path.join(store, 'envs', 'not-a-venv'));

    const shown = accountPaths(path.join(dir, 'venv'), store, ['/tmp/other']);
    expect(shown.readOnlyDirs.sort()).toEqual([pyenv311, pyenv312].sort());
    expect(shown.hiddenDirs).toEqual([privateHome]);
  });

  it('tried: every Python open to all, no store: nothing to add', () => {
    const prefix = path.join(dir, 'usr');
    fs.mkdirSync(path.join(prefix, 'bin'), { recursive: true });
    venv(path.join(dir, 'venv'), prefix);
    expect(accountPaths(path.join(dir, 'venv'), null, [])).toEqual({
      readOnlyDirs: [],
      hiddenDirs: []
    });
  });
});

describe('buildSandboxArgv with runAs (pure)', () => {
  const paths: ISandboxPaths = {
    homeDir: '/tmp/ci.x/data/homes/ada',
    dataDir: '/tmp/ci.x/data',
    venvDir: '/tmp/ci.x/repo/.venv',
    envStoreDir: '/srv/environments',
    runAs: { uid: 1_000_001, gid: 1_000_001 }
  };

  it('tried: setpriv drops to the account after --, with no capability, group or bounding set left; without runAs nothing of it', () => {
    const argv = buildSandboxArgv(paths, ['jupyter', 'lab']);
    const end = argv.indexOf('--');
    expect(argv.slice(end)).toEqual([
      '--',
      '/usr/bin/setpriv',
      '--reuid=1000001',
      '--regid=1000001',
      '--clear-groups',
      '--inh-caps=-all',
      '--bounding-set=-all',
      '--',
      '/bin/sh',
      '-c',
      'cd "$0" && exec "$@"',
      '/tmp/ci.x/data/homes/ada',
      'jupyter',
      'lab'
    ]);
    expect(argv.slice(end - 8, end)).toEqual([
      '--cap-drop',
      'ALL',
      '--cap-add',
      'CAP_SETUID',
      '--cap-add',
      'CAP_SETGID',
      '--cap-add',
      'CAP_SETPCAP'
    ]);
    const plain = buildSandboxArgv({ ...paths, runAs: undefined }, ['x']);
    expect(plain).not.toContain('/usr/bin/setpriv');
    expect(plain).not.toContain('--perms');
    // bubblewrap enters the home only without an account (root without capabilities
    // cannot enter a home that belongs to another uid).
    expect(argv).not.toContain('--chdir');
    expect(plain.join(' ')).toContain('--chdir /tmp/ci.x/data/homes/ada');
  });

  it('tried: uid 0, a negative or fractional uid are refused', () => {
    for (const uid of [0, -5, 1.5]) {
      expect(() =>
        buildSandboxArgv({ ...paths, runAs: { uid, gid: 1_000_001 } }, ['x'])
      ).toThrow(/Not an account/);
    }
  });

  it('tried: the way through the tmpfs to the venv and the home is made 0755 before they are bound; /tmp and /dev/shm are writable by all', () => {
    const argv = buildSandboxArgv(paths, ['x']).join(' ');
    expect(argv).toContain('--perms 1777 --tmpfs /tmp');
    expect(argv).toContain('--perms 1777 --tmpfs /dev/shm');
    expect(argv).toContain(
      '--perms 0755 --dir /tmp/ci.x --tmpfs /tmp/ci.x/data'
    );
    expect(argv).toContain(
      '--perms 0755 --dir /tmp/ci.x/repo --ro-bind /tmp/ci.x/repo/.venv'
    );
    expect(argv).toContain(
      '--perms 0755 --dir /tmp/ci.x/data/homes --bind /tmp/ci.x/data/homes/ada'
    );
    // Nothing is made on the way to what is not under a tmpfs.
    expect(argv).not.toContain('--dir /srv');
  });
});

describe('a real sandbox dropped to its account', () => {
  let dir: string;
  let layout: ISandboxPaths;

  beforeAll(() => {
    // Private like mkdtemp's folders (0700), as in a clean clone under /tmp.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-dropped-'));
    const home = path.join(dir, 'data', 'homes', 'ada');
    const venv = path.join(dir, 'repo', '.venv');
    fs.mkdirSync(home, { recursive: true, mode: 0o700 });
    fs.mkdirSync(path.join(venv, 'bin'), { recursive: true });
    fs.writeFileSync(path.join(venv, 'bin', 'marker'), 'venv\n');
    fs.writeFileSync(path.join(dir, 'data', 'candyce.db'), 'SQLite');
    layout = {
      homeDir: home,
      dataDir: path.join(dir, 'data'),
      venvDir: venv,
      envStoreDir: null
    };
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Run a shell script in the sandbox, as `runAs` if given; its output. */
  const run = (script: string, runAs?: ISandboxPaths['runAs']) =>
    spawnSync(
      'bwrap',
      buildSandboxArgv({ ...layout, runAs }, ['/bin/sh', '-c', script]),
      { encoding: 'utf8', cwd: '/' }
    );

  itAsRoot(
    'tried: /etc/shadow (root-owned, 0640): root without capabilities reads it, the account cannot; the account reads the venv, writes its home, /tmp and /dev/shm, and has no capability',
    async () => {
      const account = { uid: 1_000_042, gid: 1_000_042 };
      const shadow =
        'head -c 4 /etc/shadow >/dev/null 2>&1 && echo lu || echo refusé';
      // Before: uid 0 with no capability still owns root's files.
      expect(run(shadow).stdout.trim()).toBe('lu');
      await giveHomeTo(layout.homeDir, account);

      const result = run(
        [
          'id -u; id -g; id -G; pwd',
          shadow,
          'cat "$0"',
          'echo bonjour > travail.txt && echo écrit',
          'touch /tmp/t /dev/shm/s && echo tmp',
          'grep -E "^Cap(Eff|Prm|Bnd)" /proc/self/status',
          'cat ../../candyce.db 2>/dev/null || echo caché'
        ]
          .join('; ')
          .replace('"$0"', path.join(layout.venvDir, 'bin', 'marker')),
        account
      );
      expect(result.stderr).toBe('');
      expect(result.stdout.trim().split('\n')).toEqual([
        '1000042',
        '1000042',
        '1000042',
        layout.homeDir,
        'refusé',
        'venv',
        'écrit',
        'tmp',
        'CapPrm:\t0000000000000000',
        'CapEff:\t0000000000000000',
        'CapBnd:\t0000000000000000',
        'caché'
      ]);
      expect(
        fs.statSync(path.join(layout.homeDir, 'travail.txt'))
      ).toMatchObject(account);
      // setpriv is the system's, not looked up on the PATH.
      expect(execFileSync('test', ['-x', '/usr/bin/setpriv'])).toBeDefined();
    }
  );
});
