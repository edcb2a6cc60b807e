/**
 * One pupil cannot starve another (issue 16, point 5), tried with real parts: two real
 * `jupyter lab` servers in real bubblewrap sandboxes, each as its own uid, bounded as the
 * hub bounds them (cgroups, tmpfs sizes, home images), with small limits so that the
 * attacks end fast. Ada's kernel runs the attacks; Bob's kernel is asked `6 * 7` meanwhile
 * and its answer time is printed.
 *
 * Also: the fallback bounds of a machine without cgroups (RLIMIT_NPROC, tmpfs sizes) in a
 * real sandbox, and the line a real hub logs at start-up about the bounds in force.
 *
 * The sandboxes run as root only (cgroups, mount, loop devices, setpriv). Everything
 * made is undone in `afterAll` even when a test fails: servers stopped, homes unmounted
 * (their loop devices with them), groups removed.
 */
import { randomUUID } from 'crypto';
import { execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import pino from 'pino';
import WebSocket from 'ws';

import { giveHomeTo } from '../src/servers/homeOwner';
import { LocalProcessSpawner } from '../src/spawner';
import { socketPathOf } from '../src/spawner/address';
import { UserCgroups } from '../src/spawner/cgroups';
import {
  isMountPoint,
  loopDevicesOf,
  mountPointOf
} from '../src/spawner/homeQuota';
import { withAccountPaths } from '../src/spawner/accountPaths';
import { ServerLimits } from '../src/spawner/limits';
import { buildSandboxArgv } from '../src/spawner/sandbox';
import { findDescendants } from '../src/spawner/processes';
import { IRunningServer } from '../src/spawner/types';
import { startTestHub } from './hubHarness';
import {
  executeInKernel,
  IJupyterServerAccess,
  requestServer,
  startKernel
} from './helpers/spawnerKernel';

const VENV_DIR = path.resolve(__dirname, '..', '..', '.venv');
/** This tree's Python sources (candyce.contents), ahead of the copy in the venv. */
const PYTHON_DIR = path.resolve(__dirname, '..', '..', 'python');
const MIB = 1024 ** 2;
const CAN_RUN =
  process.getuid?.() === 0 &&
  fs.existsSync('/usr/bin/bwrap') &&
  UserCgroups.detect().cgroups !== null;
const describeAsRoot = CAN_RUN ? describe : describe.skip;

/** Small limits, so that each attack ends in a second or two. */
const LIMITS = {
  // A server and its kernel take about 90 MiB at rest: room for a full 64 MiB /tmp.
  memoryBytes: 256 * MIB,
  processes: 64,
  tmpfsBytes: 64 * MIB,
  homeBytes: 50 * MIB
};

describeAsRoot(
  'two pupils’ real servers: what Ada’s kernel may take, Bob’s kernel does not lose',
  () => {
    const token = randomUUID();
    const names = ['ada', 'bob'] as const;
    type Name = (typeof names)[number];
    const accounts = {
      ada: { uid: 1_000_700, gid: 1_000_700 },
      bob: { uid: 1_000_701, gid: 1_000_701 }
    };
    let tmpRoot: string;
    let dataDir: string;
    const homeOf = (name: Name) => path.join(dataDir, 'homes', name);
    let limits: ServerLimits;
    let spawner: LocalProcessSpawner | undefined;
    const servers: Partial<Record<Name, IRunningServer>> = {};
    const kernels: Partial<Record<Name, string>> = {};
    const access = (name: Name): IJupyterServerAccess => ({
      url: servers[name]!.url,
      baseUrl: `/user/${name}/`,
      headers: () => ({ Authorization: `token ${token}` })
    });
    const figures: string[] = [];

    /** Ask Bob's kernel `6 * 7`; how long the answer took, in ms. */
    const bobAnswers = async (during: string): Promise<number> => {
      const started = performance.now();
      const result = await executeInKernel(
        access('bob'),
        kernels.bob!,
        'print(6 * 7)',
        30000
      );
      const ms = performance.now() - started;
      expect(result).toEqual({ stdout: '42\n', error: null });
      figures.push(
        `Bob's kernel answered in ${ms.toFixed(0)} ms during ${during}`
      );
      return ms;
    };

    /** Run `code` in Ada's kernel and, once it is under way, time Bob's answer. */
    const attack = async (
      code: string,
      during: string
    ): Promise<{ ada: Private.IOutcome; bobMs: number }> => {
      const ada = Private.execute(access('ada'), kernels.ada!, code, 60000);
      await new Promise(resolve => setTimeout(resolve, 500));
      const bobMs = await bobAnswers(during);
      return { ada: await ada, bobMs };
    };

    beforeAll(async () => {
      tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-limits-'));
      dataDir = path.join(tmpRoot, 'data');
      for (const name of names) {
        fs.mkdirSync(homeOf(name), { recursive: true, mode: 0o700 });
      }
      // An existing home: copied into her image at the first start.
      fs.writeFileSync(path.join(homeOf('ada'), 'avant.txt'), 'écrit avant');
      for (const name of names) {
        await giveHomeTo(homeOf(name), accounts[name]);
      }
      limits = ServerLimits.detect(LIMITS, {
        imagesDir: path.join(dataDir, 'home-images'),
        sandboxed: true,
        ownAccounts: true
      });
      spawner = new LocalProcessSpawner({
        venvDir: VENV_DIR,
        dataDir,
        envStoreDir: path.join(dataDir, 'environments'),
        sandbox: 'bubblewrap',
        startTimeoutMs: 90000,
        extraArgs: [
          `--IdentityProvider.token=${token}`,
          '--ServerApp.contents_manager_class=candyce.contents.CandyceContentsManager'
        ],
        limits
      });
      await Promise.all(
        names.map(async name => {
          servers[name] = await spawner!.start({
            userName: name,
            homeDir: homeOf(name),
            baseUrl: `/user/${name}/`,
            account: accounts[name],
            env: { PYTHONPATH: PYTHON_DIR }
          });
        })
      );
      for (const name of names) {
        kernels[name] = await startKernel(access(name));
      }
    }, 180000);

    afterAll(async () => {
      console.log(
        [
          `Bounds in force on this machine: ${JSON.stringify(limits?.inForce)}`,
          ...figures
        ].join('\n')
      );
      await spawner?.stopAll();
      Private.undoEverything(tmpRoot, limits?.cgroups ?? null, names);
      fs.rmSync(tmpRoot, { recursive: true, force: true });
    }, 60000);

    it('tried: which bounds this machine enforces, and whether every process of each server (keeper, sandbox, server, kernel) is in its user’s groups with the configured limits; the existing home was copied into its image', () => {
      expect(limits.inForce).toMatchObject({
        memory: expect.stringMatching(/^cgroup v[12]$/),
        processes: expect.stringMatching(/^cgroup v[12]$/),
        tmpfs: 'bubblewrap --size',
        home: 'ext4 image'
      });
      const cgroups = limits.cgroups!;
      for (const name of names) {
        const pids = [
          servers[name]!.pid,
          ...findDescendants(servers[name]!.pid).map(info => info.pid)
        ];
        expect(pids.length).toBeGreaterThanOrEqual(4);
        for (const pid of pids) {
          expect(cgroups.groupsOf(pid)).toEqual(cgroups.groupDirs(name));
        }
        const [memoryDir, pidsDir = memoryDir] = cgroups.groupDirs(name);
        const read = (dir: string, file: string) =>
          fs.readFileSync(path.join(dir, file), 'utf8').trim();
        expect(
          read(
            memoryDir,
            cgroups.version === 'v2' ? 'memory.max' : 'memory.limit_in_bytes'
          )
        ).toBe(String(LIMITS.memoryBytes));
        expect(read(pidsDir, 'pids.max')).toBe(String(LIMITS.processes));
        const usage = read(
          memoryDir,
          cgroups.version === 'v2' ? 'memory.current' : 'memory.usage_in_bytes'
        );
        figures.push(
          `${name}'s group at rest: ${(Number(usage) / MIB).toFixed(0)} MiB, ${read(pidsDir, 'pids.current')} tasks`
        );
        expect(isMountPoint(homeOf(name))).toBe(true);
      }
      expect(
        fs.readFileSync(path.join(homeOf('ada'), 'avant.txt'), 'utf8')
      ).toBe('écrit avant');
      expect(fs.statSync(homeOf('ada'))).toMatchObject({
        ...accounts.ada,
        mode: fs.constants.S_IFDIR | 0o700
      });
    });

    it('tried: a fork loop in Ada’s kernel (each child execs sleep, all held 1.5 s): fork is refused with EAGAIN before 64 processes; Bob’s kernel answers meanwhile', async () => {
      const { ada, bobMs } = await attack(
        `
import errno, os, time
children, refusal = [], None
try:
    for _ in range(100000):
        pid = os.fork()
        if pid == 0:
            try:
                os.execv('/bin/sleep', ['sleep', '30'])
            finally:
                os._exit(1)
        children.append(pid)
except OSError as error:
    refusal = errno.errorcode.get(error.errno, error.errno)
time.sleep(1.5)
for pid in children:
    os.kill(pid, 9)
for pid in children:
    os.waitpid(pid, 0)
print(len(children), refusal)
`,
        'the fork loop'
      );
      expect(ada.error).toBeNull();
      const [count, refusal] = ada.stdout.trim().split(' ');
      figures.push(`Ada's kernel forked ${count} processes, then ${refusal}`);
      expect(refusal).toBe('EAGAIN');
      expect(Number(count)).toBeLessThan(LIMITS.processes);
      expect(bobMs).toBeLessThan(5000);
    });

    it('tried: bytearray(4 GiB) in Ada’s kernel: the kernel is killed by the OOM killer of her group (or gets MemoryError), her server still answers, Bob’s kernel answers meanwhile', async () => {
      const before = Private.oomKills(limits, 'ada');
      const { ada, bobMs } = await attack(
        'x = bytearray(4 << 30)\nprint(len(x))',
        'the 4 GiB allocation'
      );
      const after = Private.oomKills(limits, 'ada');
      figures.push(
        `Ada's 4 GiB allocation: ${ada.died ? 'kernel died' : ada.error}; OOM kills in her group ${before} → ${after}`
      );
      if (ada.died) {
        expect(after).toBeGreaterThan(before);
      } else {
        expect(ada.error).toMatch(/^MemoryError/);
      }
      expect(ada.stdout).toBe('');
      expect(
        (await requestServer(access('ada'), 'GET', 'api/status')).status
      ).toBe(200);
      expect(bobMs).toBeLessThan(5000);
      // Her kernel is restarted by her server: back before the next attack.
      await Private.waitUntil(async () => {
        const answer = await Private.execute(
          access('ada'),
          kernels.ada!,
          'print("back")',
          5000
        ).catch(() => null);
        return answer?.stdout === 'back\n';
      });
    }, 90000);

    it('tried: writing 2 GiB into /tmp, then into /dev/shm, from Ada’s kernel: ENOSPC at 64 MiB in each; Bob’s kernel answers meanwhile', async () => {
      const { ada, bobMs } = await attack(
        `
import errno, json, os
def fill(target):
    written, fd = 0, os.open(target, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for _ in range(2048):
            written += os.write(fd, bytes(1 << 20))
    except OSError as error:
        return written >> 20, errno.errorcode[error.errno]
    finally:
        os.close(fd)
        os.remove(target)
    return written >> 20, None
print(json.dumps({d: fill(d + '/big') for d in ('/tmp', '/dev/shm')}))
`,
        'the tmpfs writes'
      );
      expect(ada.error).toBeNull();
      const filled = JSON.parse(ada.stdout) as Record<string, [number, string]>;
      figures.push(
        `Ada's tmpfs writes (MiB written, error): ${ada.stdout.trim()}`
      );
      for (const dir of ['/tmp', '/dev/shm']) {
        expect(filled[dir][1]).toBe('ENOSPC');
        expect(filled[dir][0]).toBeLessThanOrEqual(LIMITS.tmpfsBytes / MIB);
        expect(filled[dir][0]).toBeGreaterThanOrEqual(
          LIMITS.tmpfsBytes / MIB - 2
        );
      }
      expect(bobMs).toBeLessThan(5000);
    }, 90000);

    it('tried: writing 60 MiB into Ada’s home (quota 50 MiB) from her kernel: ENOSPC; then a save through JupyterLab’s contents API: 507 with a French message, no file cut short left; room made, the same save works; full again, a save over it is refused and its content kept', async () => {
      const { ada, bobMs } = await attack(
        `
import errno, os
written, fd = 0, os.open(os.path.expanduser('~/gros.bin'), os.O_WRONLY | os.O_CREAT, 0o600)
try:
    for _ in range(60):
        written += os.write(fd, bytes(1 << 20))
    print(written >> 20, None)
except OSError as error:
    print(written >> 20, errno.errorcode[error.errno])
finally:
    os.close(fd)
`,
        'the write past the home quota'
      );
      expect(ada.error).toBeNull();
      const [mib, refusal] = ada.stdout.trim().split(' ');
      figures.push(`Ada's home took ${mib} MiB, then ${refusal}`);
      expect(refusal).toBe('ENOSPC');
      expect(Number(mib)).toBeLessThan(LIMITS.homeBytes / MIB);
      expect(bobMs).toBeLessThan(5000);

      const save = () =>
        requestServer(access('ada'), 'PUT', 'api/contents/notes.txt', {
          type: 'file',
          format: 'text',
          content: 'x'.repeat(MIB)
        });
      const refused = await save();
      figures.push(
        `Save into the full home: ${refused.status} ${refused.body}`
      );
      expect(refused.status).toBe(507);
      expect(JSON.parse(refused.body).message).toMatch(
        /^Votre espace personnel est plein \(\d+ Mo\) : « notes\.txt » n’a pas été enregistré/
      );
      expect(fs.existsSync(path.join(homeOf('ada'), 'notes.txt'))).toBe(false);

      const inKernel = (code: string) =>
        Private.execute(access('ada'), kernels.ada!, code, 30000);
      await inKernel("import os; os.remove(os.path.expanduser('~/gros.bin'))");
      expect((await save()).status).toBe(201);

      // Full again: a save over the existing file is refused, which keeps its content.
      await inKernel(
        "import os\nwith open(os.path.expanduser('~/gros.bin'), 'wb') as f:\n    try:\n        f.write(bytes(60 << 20))\n    except OSError:\n        pass"
      );
      const overwrite = await requestServer(
        access('ada'),
        'PUT',
        'api/contents/notes.txt',
        { type: 'file', format: 'text', content: 'y'.repeat(2 * MIB) }
      );
      expect(overwrite.status).toBe(507);
      expect(JSON.parse(overwrite.body).message).toContain(
        '« notes.txt » n’a pas été enregistré, la version précédente est intacte.'
      );
      expect(
        fs.readFileSync(path.join(homeOf('ada'), 'notes.txt'), 'utf8')
      ).toBe('x'.repeat(MIB));
      await inKernel("import os; os.remove(os.path.expanduser('~/gros.bin'))");
    }, 90000);

    it('tried: Ada’s server stopped while another mount namespace (as a sandbox started meanwhile) still holds a copy of her home: her next start mounts the very loop device still attached, never a second one on the same image', async () => {
      const image = path.join(dataDir, 'home-images', 'ada.img');
      const [device] = loopDevicesOf(image);
      expect(device).toMatch(/^\/dev\/loop\d+$/);
      const holder = spawn('unshare', ['--mount', 'sleep', '120'], {
        stdio: 'ignore'
      });
      try {
        await Private.waitUntil(async () =>
          fs
            .readFileSync(`/proc/${holder.pid}/mountinfo`, 'utf8')
            .includes(homeOf('ada'))
        );
        await spawner!.stop(servers.ada!);
        await Private.waitUntil(async () => !isMountPoint(homeOf('ada')));
        const held = loopDevicesOf(image);
        figures.push(
          `After Ada's stop, loop devices still attached to her image: ${JSON.stringify(held)}`
        );
        servers.ada = await spawner!.start({
          userName: 'ada',
          homeDir: homeOf('ada'),
          baseUrl: '/user/ada/',
          account: accounts.ada,
          env: { PYTHONPATH: PYTHON_DIR }
        });
        kernels.ada = await startKernel(access('ada'));
        expect(loopDevicesOf(image)).toEqual(
          held.length > 0 ? held : [expect.any(String)]
        );
        expect(mountPointOf(image)).toBe(homeOf('ada'));
        expect(
          fs.readFileSync(path.join(homeOf('ada'), 'avant.txt'), 'utf8')
        ).toBe('écrit avant');
      } finally {
        holder.kill('SIGKILL');
      }
    }, 120000);

    it('tried: a restarted hub (another spawner, limits found again) takes Ada’s server back: her groups and her mounted home are kept as they are, her kernel still answers; stopping it through that hub, and Bob’s through the first, removes their groups and unmounts their homes (no loop device left); the image keeps Ada’s files for her next start', async () => {
      const cgroups = limits.cgroups!;
      const later = ServerLimits.detect(LIMITS, {
        imagesDir: path.join(dataDir, 'home-images'),
        sandboxed: true,
        ownAccounts: true
      });
      expect(later.cgroups!.groupDirs('ada')).toEqual(cgroups.groupDirs('ada'));
      const laterSpawner = new LocalProcessSpawner({
        venvDir: VENV_DIR,
        dataDir,
        envStoreDir: path.join(dataDir, 'environments'),
        sandbox: 'bubblewrap',
        limits: later
      });
      expect(await laterSpawner.reattach(servers.ada!)).toBe('running');
      expect(cgroups.groupsOf(servers.ada!.pid)).toEqual(
        cgroups.groupDirs('ada')
      );
      expect(isMountPoint(homeOf('ada'))).toBe(true);
      expect(
        (await Private.execute(access('ada'), kernels.ada!, 'print(1)', 30000))
          .stdout
      ).toBe('1\n');

      await laterSpawner.stop(servers.ada!);
      await spawner!.stop(servers.bob!);
      // Released once the exit is seen: wait for it rather than for a fixed time.
      await Private.waitUntil(async () =>
        names.every(
          name =>
            cgroups.groupDirs(name).every(dir => !fs.existsSync(dir)) &&
            !isMountPoint(homeOf(name))
        )
      );
      const images = path.join(dataDir, 'home-images');
      for (const name of names) {
        expect(mountPointOf(path.join(images, `${name}.img`))).toBeNull();
      }
      expect(Private.loopDevicesUnder(tmpRoot)).toEqual([]);
      // Her files are in her image, not in the folder below.
      expect(fs.readdirSync(homeOf('ada'))).toEqual([]);
      const look = fs.mkdtempSync(path.join(tmpRoot, 'look-'));
      execFileSync('mount', [
        '-o',
        'loop,ro',
        path.join(images, 'ada.img'),
        look
      ]);
      try {
        expect(fs.readdirSync(look).sort()).toEqual(
          expect.arrayContaining(['avant.txt', 'notes.txt'])
        );
      } finally {
        execFileSync('umount', [look]);
      }
    }, 60000);
  }
);

describeAsRoot(
  'without cgroups: the fallback bounds, in a real sandbox',
  () => {
    it('tried: cgroups forced off, a shell in a real sandbox as its own uid starts `sleep`s until refused, then writes 100 MiB into /tmp: RLIMIT_NPROC (prlimit --nproc, per uid) stops the forks before 16 processes, --size stops the write at 8 MiB', async () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-nproc-'));
      try {
        const account = { uid: 1_000_702, gid: 1_000_702 };
        const dataDir = path.join(root, 'data');
        const home = path.join(dataDir, 'homes', 'carol');
        fs.mkdirSync(home, { recursive: true, mode: 0o700 });
        fs.chownSync(home, account.uid, account.gid);
        const fallback = ServerLimits.detect(
          { ...LIMITS, processes: 16, tmpfsBytes: 8 * MIB, homeBytes: 0 },
          {
            imagesDir: path.join(dataDir, 'home-images'),
            sandboxed: true,
            ownAccounts: true,
            system: { mountinfo: '', ownCgroups: '' }
          }
        );
        expect(fallback.inForce).toMatchObject({
          memory: 'none',
          processes: 'RLIMIT_NPROC',
          tmpfs: 'bubblewrap --size'
        });
        const prepared = await fallback.prepare('carol', home, account);
        // The write first: once the forks are refused, so is every later command.
        const script = [
          'dd if=/dev/zero of=/tmp/big bs=1M count=100 2>&1 | grep -o "No space left on device"',
          'echo "tmp $(($(stat -c %s /tmp/big) >> 20)) MiB"',
          'i=0; while [ $i -lt 100 ]; do sleep 2 & i=$((i+1)); echo "forks $i"; done; echo never'
        ].join('; ');
        const argv = [
          ...prepared.prefix,
          'bwrap',
          ...buildSandboxArgv(
            withAccountPaths({
              homeDir: home,
              dataDir,
              venvDir: VENV_DIR,
              envStoreDir: null,
              runAs: account,
              tmpfsSizeBytes: prepared.tmpfsSizeBytes
            }),
            ['/bin/sh', '-c', script]
          )
        ];
        const result = spawnSync(argv[0], argv.slice(1), {
          encoding: 'utf8',
          cwd: '/',
          timeout: 30000
        });
        const forks = Math.max(
          ...[...result.stdout.matchAll(/^forks (\d+)$/gm)].map(m =>
            Number(m[1])
          )
        );
        console.log(
          `Without cgroups: /tmp: ${result.stdout.split('\n').slice(0, 2).join(', ')}; ${forks} sleeps started, then «${/Cannot fork/.exec(result.stderr)?.[0]}»`
        );
        expect(result.stderr).toMatch(/Cannot fork/);
        expect(result.stdout).not.toContain('never');
        expect(forks).toBeLessThan(16);
        expect(result.stdout).toContain('No space left on device');
        expect(result.stdout).toMatch(/^tmp 8 MiB$/m);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    }, 60000);
  }
);

describe('the hub at start-up', () => {
  it('tried: starting a real hub (real spawner): one log line says which bound is in force for memory, processes, tmpfs and homes, and how', async () => {
    const lines: Record<string, unknown>[] = [];
    const log = pino(
      { level: 'info' },
      { write: (line: string) => lines.push(JSON.parse(line)) }
    );
    const hub = await startTestHub(
      { CANDYCE_USER_HOME_QUOTA_MB: '50' },
      undefined,
      {},
      log
    );
    try {
      const said = lines.filter(line =>
        String(line.msg).startsWith('Users’ servers: ')
      );
      expect(said).toHaveLength(1);
      console.log(`At start-up: ${JSON.stringify(said[0])}`);
      expect(said[0]).toMatchObject({
        memory: expect.stringMatching(/^(cgroup v[12]|none)$/),
        userMemoryLimitMb: 2048,
        processes: expect.stringMatching(/^(cgroup v[12]|RLIMIT_NPROC|none)$/),
        userProcessLimit: 512,
        tmpfs: 'bubblewrap --size',
        userTmpfsMb: 256,
        home: expect.stringMatching(/^(ext4 image|none)$/),
        userHomeQuotaMb: 50
      });
      if (CAN_RUN) {
        expect(said[0]).toMatchObject({
          level: 30,
          msg: 'Users’ servers: limits in force',
          home: 'ext4 image'
        });
      }
    } finally {
      await hub.close();
      fs.rmSync(hub.dataDir, { recursive: true, force: true });
    }
  }, 60000);
});

namespace Private {
  /** How a piece of code ended in a kernel. */
  export interface IOutcome {
    readonly stdout: string;
    readonly error: string | null;
    /** The kernel died before answering (then restarted by its server). */
    readonly died: boolean;
  }

  /**
   * Like `executeInKernel`, but also settles when the kernel dies instead of answering
   * (its server then says `restarting` or `dead` on iopub).
   */
  export function execute(
    server: IJupyterServerAccess,
    kernelId: string,
    code: string,
    timeoutMs: number
  ): Promise<IOutcome> {
    const session = randomUUID();
    const requestPath = `${server.baseUrl}api/kernels/${kernelId}/channels?session_id=${session}`;
    const socketPath = socketPathOf(server.url);
    const socket = new WebSocket(
      socketPath
        ? `ws+unix:${socketPath}:${requestPath}`
        : `${server.url.replace(/^http/, 'ws')}${requestPath}`,
      { headers: server.headers() }
    );
    const msgId = randomUUID();
    let stdout = '';
    let error: string | null = null;
    return new Promise<IOutcome>((resolve, reject) => {
      const timer = setTimeout(
        () => finish(() => reject(new Error(`No answer; stdout: ${stdout}`))),
        timeoutMs
      );
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        socket.close();
        settle();
      };
      socket.once('error', cause => finish(() => reject(cause)));
      socket.once('open', () =>
        socket.send(
          JSON.stringify({
            channel: 'shell',
            header: {
              msg_id: msgId,
              msg_type: 'execute_request',
              session,
              username: 'test',
              date: new Date().toISOString(),
              version: '5.3'
            },
            parent_header: {},
            metadata: {},
            content: {
              code,
              silent: false,
              store_history: false,
              user_expressions: {},
              allow_stdin: false,
              stop_on_error: true
            },
            buffers: []
          })
        )
      );
      socket.on('message', data => {
        const message = JSON.parse(data.toString()) as {
          channel: string;
          header: { msg_type: string };
          parent_header: { msg_id?: string };
          content: {
            name?: string;
            text?: string;
            ename?: string;
            evalue?: string;
            execution_state?: string;
          };
        };
        const { content } = message;
        if (
          message.header.msg_type === 'status' &&
          ['restarting', 'dead'].includes(content.execution_state ?? '')
        ) {
          finish(() => resolve({ stdout, error, died: true }));
          return;
        }
        if (
          message.channel !== 'iopub' ||
          message.parent_header.msg_id !== msgId
        ) {
          return;
        }
        if (message.header.msg_type === 'stream' && content.name === 'stdout') {
          stdout += content.text ?? '';
        } else if (message.header.msg_type === 'error') {
          error = `${content.ename}: ${content.evalue}`;
        } else if (
          message.header.msg_type === 'status' &&
          content.execution_state === 'idle'
        ) {
          finish(() => resolve({ stdout, error, died: false }));
        }
      });
    });
  }

  /** How many processes the OOM killer ended in a user's memory group. */
  export function oomKills(limits: ServerLimits, userName: string): number {
    const cgroups = limits.cgroups!;
    const [dir] = cgroups.groupDirs(userName);
    const file =
      cgroups.version === 'v2' ? 'memory.events' : 'memory.oom_control';
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    return Number(/^oom_kill (\d+)$/m.exec(text)?.[1] ?? 0);
  }

  /** Wait until `check` holds, for at most 30 s. */
  export async function waitUntil(
    check: () => Promise<boolean>
  ): Promise<void> {
    const deadline = Date.now() + 30000;
    while (!(await check())) {
      if (Date.now() > deadline) {
        throw new Error('Still not so after 30 s');
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }

  /** The loop devices whose backing file lies under `dir`. */
  export function loopDevicesUnder(dir: string): string[] {
    return fs.readdirSync('/sys/block').filter(device => {
      try {
        return fs
          .readFileSync(`/sys/block/${device}/loop/backing_file`, 'utf8')
          .startsWith(dir);
      } catch {
        return false;
      }
    });
  }

  /**
   * Undo whatever a failed test left: kill what is left in the users' groups and remove
   * them, unmount what is mounted under `root`, detach its loop devices.
   */
  export function undoEverything(
    root: string | undefined,
    cgroups: UserCgroups | null,
    names: readonly string[]
  ): void {
    for (const dir of names.flatMap(name => cgroups?.groupDirs(name) ?? [])) {
      if (!fs.existsSync(dir)) {
        continue;
      }
      for (const pid of fs
        .readFileSync(path.join(dir, 'cgroup.procs'), 'utf8')
        .split('\n')
        .filter(Boolean)) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
      for (let attempt = 0; attempt < 50 && fs.existsSync(dir); attempt++) {
        try {
          fs.rmdirSync(dir);
        } catch {
          execFileSync('sleep', ['0.1']);
        }
      }
    }
    if (root === undefined) {
      return;
    }
    const mounted = fs
      .readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map(line => line.split(' ')[4])
      .filter((point): point is string => point?.startsWith(root) ?? false)
      .sort((a, b) => b.length - a.length);
    for (const point of mounted) {
      try {
        execFileSync('umount', ['--lazy', point]);
      } catch {
        // already gone
      }
    }
    for (const device of loopDevicesUnder(root)) {
      try {
        execFileSync('losetup', ['-d', `/dev/${device}`]);
      } catch {
        // already detached
      }
    }
  }
}
