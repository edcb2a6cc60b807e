/**
 * The limits of users' servers, without servers: which cgroups a machine offers (read
 * from imitations of its /proc and /sys/fs/cgroup in a temporary folder), the groups'
 * control files, the command that joins them, and the sandbox's tmpfs sizes.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import {
  groupDir,
  joinGroupsArgv,
  parseCgroupMounts,
  parseOwnCgroups,
  SERVERS_GROUP,
  UserCgroups
} from '../src/spawner/cgroups';
import { ServerLimits } from '../src/spawner/limits';
import { buildSandboxArgv } from '../src/spawner/sandbox';

/** /proc/self/mountinfo of a hybrid machine like the CI's: v1 memory and pids, empty v2. */
const HYBRID_MOUNTS = [
  '24 23 0:22 / /sys/fs/cgroup ro,nosuid - tmpfs tmpfs ro,mode=755',
  '28 24 0:26 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory',
  '29 24 0:27 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids',
  '30 24 0:28 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct',
  '31 24 0:29 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw'
].join('\n');

/** /proc/self/cgroup of a hub in a v1 memory group of its own. */
const HYBRID_OWN = [
  '8:pids:/',
  '4:memory:/process_api/hub',
  '3:cpu,cpuacct:/',
  '0::/'
].join('\n');

/** A machine with cgroup v2 only (systemd unit with Delegate=yes). */
const V2_MOUNTS =
  '35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev - cgroup2 cgroup2 rw,nsdelegate';
const V2_OWN = '0::/system.slice/candyce.service';

describe('reading the cgroups of a machine (pure)', () => {
  it('tried: a hybrid mountinfo: v1 memory and pids by controller (cpu,cpuacct split), the v2 mount', () => {
    const mounts = parseCgroupMounts(HYBRID_MOUNTS);
    expect(mounts.v2).toEqual({
      root: '/',
      mountPoint: '/sys/fs/cgroup/unified'
    });
    expect(mounts.v1.get('memory')?.mountPoint).toBe('/sys/fs/cgroup/memory');
    expect(mounts.v1.get('pids')?.mountPoint).toBe('/sys/fs/cgroup/pids');
    expect(mounts.v1.get('cpuacct')?.mountPoint).toBe(
      '/sys/fs/cgroup/cpu,cpuacct'
    );
    expect(mounts.v1.has('rw')).toBe(true); // options are kept: harmless, never asked for
  });

  it('tried: /proc/self/cgroup: the v2 line 0::, v1 lines by controller', () => {
    const own = parseOwnCgroups(HYBRID_OWN);
    expect(own.v2).toBe('/');
    expect(own.v1.get('memory')).toBe('/process_api/hub');
    expect(own.v1.get('cpuacct')).toBe('/');
  });

  it('tried: a container that mounts only its part of the hierarchy: the group folder is below the mount point, never above', () => {
    const mount = { root: '/docker/abc', mountPoint: '/sys/fs/cgroup' };
    expect(groupDir(mount, '/docker/abc/hub')).toBe('/sys/fs/cgroup/hub');
    expect(groupDir(mount, '/elsewhere')).toBe('/sys/fs/cgroup');
  });
});

describe('UserCgroups on imitated machines', () => {
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-cgroups-'));
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  /** Make the files of a v2 group. */
  const makeV2Group = (dir: string, controllers: string): void => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'cgroup.controllers'), controllers);
    fs.writeFileSync(path.join(dir, 'cgroup.subtree_control'), '');
  };

  it('tried: v2 delegated (memory and pids in the hub’s group): v2, controllers handed down to candyce-servers and below; a user’s group gets memory.max, memory.swap.max 0 and pids.max', () => {
    const hubGroup = path.join(
      root,
      'sys/fs/cgroup/system.slice/candyce.service'
    );
    makeV2Group(hubGroup, 'cpu io memory pids');
    // The kernel would make these files in the new folder; the imitation makes them first.
    makeV2Group(path.join(hubGroup, SERVERS_GROUP), 'memory pids');
    const found = UserCgroups.detect({
      root,
      mountinfo: V2_MOUNTS,
      ownCgroups: V2_OWN
    });
    expect(found.reason).toBeUndefined();
    const cgroups = found.cgroups!;
    expect(cgroups.version).toBe('v2');
    expect(cgroups.parents).toEqual([path.join(hubGroup, SERVERS_GROUP)]);
    for (const dir of [hubGroup, path.join(hubGroup, SERVERS_GROUP)]) {
      expect(
        fs.readFileSync(path.join(dir, 'cgroup.subtree_control'), 'utf8')
      ).toBe('+memory +pids');
    }

    const userDir = path.join(hubGroup, SERVERS_GROUP, 'user-ada');
    fs.mkdirSync(userDir);
    fs.writeFileSync(path.join(userDir, 'memory.swap.max'), 'max');
    const procs = cgroups.create('ada', {
      memoryBytes: 256 * 1024 ** 2,
      pids: 64
    });
    expect(procs).toEqual([path.join(userDir, 'cgroup.procs')]);
    const read = (name: string) =>
      fs.readFileSync(path.join(userDir, name), 'utf8');
    expect([
      read('memory.max'),
      read('memory.swap.max'),
      read('pids.max')
    ]).toEqual([String(256 * 1024 ** 2), '0', '64']);
  });

  it('tried: v2 where the hub’s group holds processes (EBUSY on subtree_control): the hub, then the others of its group, move to a leaf candyce-hub, then the controllers are handed down', () => {
    const hubGroup = path.join(
      root,
      'sys/fs/cgroup/system.slice/candyce.service'
    );
    makeV2Group(hubGroup, 'memory pids');
    fs.writeFileSync(path.join(hubGroup, 'cgroup.procs'), '77\n42\n');
    const subtree = path.join(hubGroup, 'cgroup.subtree_control');
    // The module object itself (what `import * as fs` reads through), not the namespace.
    const nodeFs: typeof fs = jest.requireActual('fs');
    const real = nodeFs.writeFileSync;
    const written: string[] = [];
    let refused = false;
    const spy = jest
      .spyOn(nodeFs, 'writeFileSync')
      .mockImplementation((file, data, options) => {
        written.push(`${path.relative(root, String(file))} ${String(data)}`);
        if (file === subtree && !refused) {
          refused = true;
          throw Object.assign(new Error('EBUSY'), { code: 'EBUSY' });
        }
        real(file, data, options);
      });
    try {
      const found = UserCgroups.detect({
        root,
        mountinfo: V2_MOUNTS,
        ownCgroups: V2_OWN,
        pid: 42
      });
      expect(found.cgroups?.version).toBe('v2');
    } finally {
      spy.mockRestore();
    }
    const group = 'sys/fs/cgroup/system.slice/candyce.service';
    expect(written).toEqual([
      `${group}/cgroup.subtree_control +memory +pids`,
      `${group}/candyce-hub/cgroup.procs 42`,
      `${group}/candyce-hub/cgroup.procs 77`,
      `${group}/cgroup.subtree_control +memory +pids`,
      `${group}/${SERVERS_GROUP}/cgroup.subtree_control +memory +pids`
    ]);
  });

  it('tried: hybrid, v2 without controllers: v1, groups below the hub’s own memory group and the pids root; memsw opened, limit set, memsw closed to the same value', () => {
    for (const dir of ['memory/process_api/hub', 'pids']) {
      fs.mkdirSync(path.join(root, 'sys/fs/cgroup', dir), { recursive: true });
    }
    makeV2Group(path.join(root, 'sys/fs/cgroup/unified'), '');
    const found = UserCgroups.detect({
      root,
      mountinfo: HYBRID_MOUNTS,
      ownCgroups: HYBRID_OWN
    });
    const cgroups = found.cgroups!;
    expect(cgroups.version).toBe('v1');
    const memoryParent = path.join(
      root,
      'sys/fs/cgroup/memory/process_api/hub',
      SERVERS_GROUP
    );
    const pidsParent = path.join(root, 'sys/fs/cgroup/pids', SERVERS_GROUP);
    expect(cgroups.parents).toEqual([memoryParent, pidsParent]);
    expect(cgroups.groupDirs('ada')).toEqual([
      path.join(memoryParent, 'user-ada'),
      path.join(pidsParent, 'user-ada')
    ]);

    fs.mkdirSync(path.join(memoryParent, 'user-ada'));
    const memsw = path.join(
      memoryParent,
      'user-ada',
      'memory.memsw.limit_in_bytes'
    );
    fs.writeFileSync(memsw, '9223372036854771712');
    const procs = cgroups.create('ada', { memoryBytes: 1000, pids: 10 });
    expect(procs).toEqual([
      path.join(memoryParent, 'user-ada', 'cgroup.procs'),
      path.join(pidsParent, 'user-ada', 'cgroup.procs')
    ]);
    expect(
      fs.readFileSync(
        path.join(memoryParent, 'user-ada', 'memory.limit_in_bytes'),
        'utf8'
      )
    ).toBe('1000');
    expect(fs.readFileSync(memsw, 'utf8')).toBe('1000');
    expect(
      fs.readFileSync(path.join(pidsParent, 'user-ada', 'pids.max'), 'utf8')
    ).toBe('10');
  });

  it('tried: no cgroup mounted, then v1 hierarchies where the hub cannot make a folder: none, with the reasons', () => {
    expect(UserCgroups.detect({ root, mountinfo: '', ownCgroups: '' })).toEqual(
      {
        cgroups: null,
        reason: 'v2: not mounted; v1: no memory and pids hierarchies'
      }
    );
    // A file where the memory hierarchy's folder should be: mkdir fails (as for a hub
    // that is not root).
    fs.mkdirSync(path.join(root, 'sys/fs/cgroup'), { recursive: true });
    fs.writeFileSync(path.join(root, 'sys/fs/cgroup/memory'), '');
    const found = UserCgroups.detect({
      root,
      mountinfo: HYBRID_MOUNTS,
      ownCgroups: HYBRID_OWN
    });
    expect(found.cgroups).toBeNull();
    expect(found.reason).toMatch(
      /^v2: the hub's group .* lacks memory and pids; v1: ENOTDIR/
    );
  });

  it('tried: user names that are not folder names (../x, .x, a/b, empty) are refused; a name like a control file gets a prefix', () => {
    const cgroups = new UserCgroups('v2', ['/cg/' + SERVERS_GROUP]);
    for (const name of ['../x', '.x', 'a/b', '']) {
      expect(() => cgroups.groupDirs(name)).toThrow('Not a user name');
    }
    expect(cgroups.groupDirs('memory.max')).toEqual([
      `/cg/${SERVERS_GROUP}/user-memory.max`
    ]);
  });

  it('tried: the groups of a running process are found from its /proc/<pid>/cgroup, only users’ groups under candyce-servers', () => {
    const cgroups = new UserCgroups('v1', ['unused', 'unused']);
    expect(
      cgroups.groupsOf(1, {
        root: '/r',
        mountinfo: HYBRID_MOUNTS,
        ownCgroups: `8:pids:/${SERVERS_GROUP}/user-ada\n4:memory:/old-hub/${SERVERS_GROUP}/user-ada\n0::/`
      })
    ).toEqual([
      `/r/sys/fs/cgroup/memory/old-hub/${SERVERS_GROUP}/user-ada`,
      `/r/sys/fs/cgroup/pids/${SERVERS_GROUP}/user-ada`
    ]);
    expect(
      cgroups.groupsOf(1, {
        root: '/r',
        mountinfo: HYBRID_MOUNTS,
        ownCgroups: HYBRID_OWN
      })
    ).toEqual([]);
  });

  it('tried: sweeping at start-up: this hub’s empty groups go; a busy one, another hub’s and other folders stay', () => {
    const parent = path.join(root, SERVERS_GROUP);
    for (const name of ['hubaaaa-ada', 'hubaaaa-bob', 'hubbbbb-ada', 'other']) {
      fs.mkdirSync(path.join(parent, name), { recursive: true });
    }
    fs.writeFileSync(path.join(parent, 'hubaaaa-bob', 'task'), '');
    expect(new UserCgroups('v2', [parent], 'hubaaaa').sweep()).toBe(1);
    expect(fs.readdirSync(parent).sort()).toEqual([
      'hubaaaa-bob',
      'hubbbbb-ada',
      'other'
    ]);
  });

  it('tried: removing groups: gone ones are skipped, removed ones are gone, a folder that cannot be removed is reported', async () => {
    const empty = path.join(root, 'empty');
    const busy = path.join(root, 'busy');
    fs.mkdirSync(empty);
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, 'task'), '');
    expect(
      await UserCgroups.remove([path.join(root, 'never'), empty, busy])
    ).toEqual([busy]);
    expect(fs.existsSync(empty)).toBe(false);
  });
});

describe('joining the groups before the command', () => {
  it('tried: the joining shell writes its pid to every cgroup.procs given, then execs the command with the same pid', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-join-'));
    try {
      const files = ['a', 'b'].map(name => path.join(dir, name));
      const argv = joinGroupsArgv(files, ['/bin/sh', '-c', 'echo $$']);
      const result = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
      expect(result.status).toBe(0);
      const pid = result.stdout.trim();
      expect(files.map(file => fs.readFileSync(file, 'utf8').trim())).toEqual([
        pid,
        pid
      ]);
      expect(joinGroupsArgv([], ['x', 'y'])).toEqual(['x', 'y']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tried: a group that cannot be joined (no such folder): the command never runs, exit 125', () => {
    const argv = joinGroupsArgv(
      ['/nonexistent/cgroup.procs'],
      ['/bin/echo', 'ran']
    );
    const result = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
    expect(result.status).toBe(125);
    expect(result.stdout).toBe('');
  });
});

describe('ServerLimits: what a start gets', () => {
  const limits = {
    memoryBytes: 256 * 1024 ** 2,
    processes: 64,
    tmpfsBytes: 64 * 1024 ** 2,
    homeBytes: 0
  };

  it('tried: no cgroups, servers as their own uid: RLIMIT_NPROC through prlimit for a server with an account, nothing for one without; tmpfs sizes under bubblewrap', async () => {
    const server = ServerLimits.detect(limits, {
      imagesDir: '/unused',
      sandboxed: true,
      ownAccounts: true,
      system: { mountinfo: '', ownCgroups: '' }
    });
    expect(server.inForce).toEqual({
      memory: 'none',
      processes: 'RLIMIT_NPROC',
      tmpfs: 'bubblewrap --size',
      home: 'none',
      why: 'no cgroups (v2: not mounted; v1: no memory and pids hierarchies)'
    });
    expect(
      await server.prepare('ada', '/h/ada', { uid: 1_000_001, gid: 1_000_001 })
    ).toEqual({
      prefix: ['prlimit', '--nproc=64', '--'],
      tmpfsSizeBytes: 64 * 1024 ** 2
    });
    expect(await server.prepare('ada', '/h/ada')).toEqual({
      prefix: [],
      tmpfsSizeBytes: 64 * 1024 ** 2
    });
  });

  it('tried: without a sandbox and without own uids: no process bound and no tmpfs size, said so', () => {
    const server = ServerLimits.detect(limits, {
      imagesDir: '/unused',
      sandboxed: false,
      ownAccounts: false,
      system: { mountinfo: '', ownCgroups: '' }
    });
    expect(server.inForce).toMatchObject({
      memory: 'none',
      processes: 'none',
      tmpfs: 'none'
    });
  });

  it('tried: imitated v2: prepare makes the user’s group and joins it before the command; release removes it', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-limits-'));
    try {
      const hubGroup = path.join(
        root,
        'sys/fs/cgroup/system.slice/candyce.service'
      );
      for (const dir of [hubGroup, path.join(hubGroup, SERVERS_GROUP)]) {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'cgroup.controllers'), 'memory pids');
      }
      const server = ServerLimits.detect(limits, {
        imagesDir: '/unused',
        sandboxed: true,
        ownAccounts: true,
        system: { root, mountinfo: V2_MOUNTS, ownCgroups: V2_OWN }
      });
      expect(server.inForce).toMatchObject({
        memory: 'cgroup v2',
        processes: 'cgroup v2'
      });
      const [userDir] = server.cgroups!.groupDirs('ada');
      expect(path.dirname(userDir)).toBe(path.join(hubGroup, SERVERS_GROUP));
      expect(path.basename(userDir)).toMatch(/^hub[0-9a-f]{8}-ada$/);
      const prepared = await server.prepare('ada', '/h/ada');
      expect(prepared.prefix).toEqual(
        joinGroupsArgv([path.join(userDir, 'cgroup.procs')], [])
      );
      expect(fs.readFileSync(path.join(userDir, 'pids.max'), 'utf8')).toBe(
        '64'
      );
      // The kernel removes a group's control files with it; the imitation's go first.
      for (const name of fs.readdirSync(userDir)) {
        fs.rmSync(path.join(userDir, name));
      }
      await server.release('ada');
      expect(fs.existsSync(userDir)).toBe(false);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('buildSandboxArgv: tmpfs sizes', () => {
  const paths = {
    homeDir: '/srv/candyce/homes/ada',
    dataDir: '/srv/candyce',
    venvDir: '/opt/candyce/venv',
    envStoreDir: null
  };
  /** The options before the command. */
  const optionsOf = (argv: string[]) => argv.slice(0, argv.indexOf('--'));
  /** The two arguments before `--tmpfs dir`, -1 if it is absent. */
  const before = (argv: string[], dir: string): string[] | null => {
    const at = argv.findIndex(
      (arg, i) => arg === '--tmpfs' && argv[i + 1] === dir
    );
    return at < 0 ? null : argv.slice(at - 2, at);
  };

  it('tried: a size: --size BYTES right before --tmpfs /tmp and --tmpfs /dev/shm (which then exists even without an account)', () => {
    const argv = optionsOf(
      buildSandboxArgv({ ...paths, tmpfsSizeBytes: 64 * 1024 ** 2 }, ['x'])
    );
    expect(before(argv, '/tmp')).toEqual(['--size', String(64 * 1024 ** 2)]);
    expect(before(argv, '/dev/shm')).toEqual([
      '--size',
      String(64 * 1024 ** 2)
    ]);
    // The hidden data dir's tmpfs is read-only: no size.
    expect(before(argv, '/srv/candyce')).not.toContain('--size');
  });

  it('tried: with an account, the size and the sticky world-writable mode both apply to /tmp and /dev/shm', () => {
    const argv = optionsOf(
      buildSandboxArgv(
        {
          ...paths,
          tmpfsSizeBytes: 1024,
          runAs: { uid: 1_000_001, gid: 1_000_001 }
        },
        ['x']
      )
    );
    for (const dir of ['/tmp', '/dev/shm']) {
      const at = argv.findIndex(
        (arg, i) => arg === '--tmpfs' && argv[i + 1] === dir
      );
      expect(argv.slice(at - 4, at)).toEqual([
        '--perms',
        '1777',
        '--size',
        '1024'
      ]);
    }
  });

  it('tried: no size: no --size anywhere, and /dev/shm stays /dev’s own without an account (as before)', () => {
    const argv = optionsOf(buildSandboxArgv(paths, ['x']));
    expect(argv).not.toContain('--size');
    expect(before(argv, '/dev/shm')).toBeNull();
  });
});
