/**
 * Processes for the benchmarks: launch them pinned to a CPU, read their memory and open
 * files from `/proc`, and end them with everything they started.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import { setTimeout as sleep } from 'timers/promises';

/**
 * How to launch a process.
 */
export interface ILaunchOptions {
  /** CPU list for `taskset -c` (e.g. `'0'`); unpinned when absent. */
  readonly cpu?: string;
  /** Its whole environment (default: this process's). */
  readonly env?: NodeJS.ProcessEnv;
  /** Its working folder. */
  readonly cwd?: string;
}

/**
 * A process launched in its own process group, with the end of its output kept.
 */
export class Launched {
  /**
   * Launch `argv` now.
   */
  constructor(
    readonly argv: readonly string[],
    options: ILaunchOptions = {}
  ) {
    const command = options.cpu
      ? ['taskset', '-c', options.cpu, ...argv]
      : [...argv];
    // taskset execs the command: the pid is the command's.
    this._child = spawn(command[0], command.slice(1), {
      env: options.env ?? process.env,
      cwd: options.cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe']
    });
    for (const stream of [this._child.stdout, this._child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        this._output = (this._output + chunk).slice(-20000);
      });
    }
    this.exited = new Promise(resolve => {
      this._child.once('exit', code => resolve(code ?? -1));
      this._child.once('error', () => resolve(-1));
    });
    Private.live.add(this);
    void this.exited.then(() => Private.live.delete(this));
    Private.cleanUpOnExit();
  }

  /** Resolves with the exit code once it has exited. */
  readonly exited: Promise<number>;

  /** Its process id. */
  get pid(): number {
    return this._child.pid ?? 0;
  }

  /** The last 20,000 characters it wrote (stdout and stderr mixed). */
  get output(): string {
    return this._output;
  }

  /** Whether it has exited. */
  get hasExited(): boolean {
    return this._child.exitCode !== null || this._child.signalCode !== null;
  }

  /**
   * End it and every process it started (even in other process groups or sessions,
   * as sandboxed servers are): SIGTERM to it alone first (a second signal could cut
   * its own clean-up short), then SIGTERM to what it leaves behind, SIGKILL to all
   * after `graceMs`.
   */
  async stop(graceMs = 10000): Promise<void> {
    const tree = descendants(this.pid);
    const deadline = Date.now() + graceMs;
    const waitFor = async (pids: readonly number[], until: number) => {
      while (Date.now() < until && pids.some(isAlive)) {
        await sleep(50);
      }
    };
    signal(this.pid, 'SIGTERM');
    await waitFor([this.pid], deadline - graceMs / 2);
    const left = [...tree, ...descendants(this.pid)].filter(isAlive);
    for (const pid of left) {
      signal(pid, 'SIGTERM');
    }
    await waitFor([this.pid, ...left], deadline);
    for (const pid of [this.pid, ...left, ...descendants(this.pid)]) {
      signal(pid, 'SIGKILL');
    }
    signal(-this.pid, 'SIGKILL');
    await this.exited;
  }

  private readonly _child: ChildProcess;
  private _output = '';
}

/**
 * Run a command to its end and return its standard output.
 *
 * @throws Error with its output when it exits with another code than 0.
 */
export function run(
  argv: readonly string[],
  options: ILaunchOptions & { input?: string } = {}
): Promise<string> {
  return new Promise((resolve, reject) => {
    const command = options.cpu
      ? ['taskset', '-c', options.cpu, ...argv]
      : [...argv];
    const child = spawn(command[0], command.slice(1), {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe']
    });
    if (child.stdin) {
      child.stdin.on('error', () => undefined); // it may exit without reading
      child.stdin.end(options.input);
    }
    let out = '';
    let err = '';
    child.stdout?.setEncoding('utf8').on('data', chunk => (out += chunk));
    child.stderr?.setEncoding('utf8').on('data', chunk => (err += chunk));
    child.once('error', reject);
    child.once('exit', code =>
      code === 0
        ? resolve(out)
        : reject(
            new Error(
              `${argv.join(' ')} exited with ${code}:\n${(out + err).slice(-4000)}`
            )
          )
    );
  });
}

/**
 * A process as `/proc/<pid>/stat` and `/proc/<pid>/cmdline` describe it.
 */
export interface IProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  /** Short command name (15 characters at most). */
  readonly comm: string;
}

/**
 * Every process on the machine (those that end while being read are skipped).
 */
export function listProcesses(): IProcessInfo[] {
  const infos: IProcessInfo[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const open = stat.indexOf('(');
      const close = stat.lastIndexOf(')');
      infos.push({
        pid: Number(entry),
        ppid: Number(stat.slice(close + 2).split(' ')[1]),
        comm: stat.slice(open + 1, close)
      });
    } catch {
      // ended meanwhile
    }
  }
  return infos;
}

/**
 * The descendants of `rootPid`, parents first.
 */
export function descendants(rootPid: number): number[] {
  const byParent = new Map<number, number[]>();
  for (const info of listProcesses()) {
    byParent.set(info.ppid, [...(byParent.get(info.ppid) ?? []), info.pid]);
  }
  const found: number[] = [];
  const queue = [rootPid];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    for (const child of byParent.get(pid) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * A process's command line, arguments split; empty if it has ended.
 */
export function commandLine(pid: number): string[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .filter(arg => arg !== '');
  } catch {
    return [];
  }
}

/**
 * A process's environment variables; empty if it has ended.
 */
export function environment(pid: number): Map<string, string> {
  const env = new Map<string, string>();
  try {
    for (const entry of fs
      .readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')) {
      const at = entry.indexOf('=');
      if (at > 0) {
        env.set(entry.slice(0, at), entry.slice(at + 1));
      }
    }
  } catch {
    // ended
  }
  return env;
}

/**
 * Proportional set size in bytes (`/proc/<pid>/smaps_rollup`): each shared page is
 * divided among the processes that map it, so sums over processes do not count it twice.
 */
export function pssBytes(pid: number): number {
  return Private.kilobytes(`/proc/${pid}/smaps_rollup`, 'Pss');
}

/**
 * Resident set size in bytes (`VmRSS` of `/proc/<pid>/status`).
 */
export function rssBytes(pid: number): number {
  return Private.kilobytes(`/proc/${pid}/status`, 'VmRSS');
}

/**
 * Open file descriptors of a process, and how many of them are sockets.
 */
export function openFiles(pid: number): { fds: number; sockets: number } {
  let fds = 0;
  let sockets = 0;
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      fds += 1;
      if (target.startsWith('socket:')) {
        sockets += 1;
      }
    } catch {
      // closed meanwhile
    }
  }
  return { fds, sockets };
}

/**
 * CPU time a process has used so far (user + system, all threads), in milliseconds.
 */
export function cpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/**
 * Pin a process and all its threads to `cpu` (`taskset -a -p`).
 */
export async function pin(pid: number, cpu: string): Promise<void> {
  await run(['taskset', '-a', '-p', '-c', cpu, String(pid)]);
}

/**
 * Whether a process exists (and is not a zombie).
 */
export function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return (
      stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
    );
  } catch {
    return false;
  }
}

/**
 * Send a signal, ignoring processes already gone.
 */
export function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // gone
  }
}

namespace Private {
  /** Processes launched and not yet exited. */
  export const live = new Set<Launched>();

  let cleaning = false;

  /**
   * Make sure that nothing launched outlives the benchmark, even when it fails, is
   * interrupted, or loses its terminal (an orphaned hub writing to a closed pipe can
   * spin): SIGKILL to every launched tree when this process exits.
   */
  export function cleanUpOnExit(): void {
    if (cleaning) {
      return;
    }
    cleaning = true;
    process.once('exit', () => {
      for (const launched of live) {
        for (const pid of [launched.pid, ...descendants(launched.pid)]) {
          signal(pid, 'SIGKILL');
        }
        signal(-launched.pid, 'SIGKILL');
      }
    });
    for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(name, () => process.exit(130));
    }
  }

  /**
   * A `Name:   123 kB` line of a /proc file, in bytes (0 if the process has ended).
   */
  export function kilobytes(file: string, field: string): number {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return 0;
    }
    const match = text.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return match ? Number(match[1]) * 1024 : 0;
  }
}
