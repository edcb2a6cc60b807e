/**
 * Process trees on Linux, read from `/proc`: to reach the server inside its sandbox, to
 * leave no process behind, and to recognise a server again after a hub restart.
 */
import * as fs from 'fs';

/**
 * A process as `/proc/<pid>/stat` describes it.
 */
export interface IProcessInfo {
  /** Its id. */
  readonly pid: number;
  /** Its parent's id. */
  readonly ppid: number;
  /** Its short command name (at most 15 characters). */
  readonly comm: string;
  /** Its state: `R`, `S`, `D`… and `Z` for a zombie (exited, not yet reaped). */
  readonly state: string;
  /** Its process group. */
  readonly pgrp: number;
  /** When it started, in clock ticks since boot (field 22). */
  readonly startTicks: number;
}

/**
 * What tells a process apart from a later one that got the same pid: pids are reused,
 * but never within one boot with the same start time.
 */
export interface IProcessIdentity {
  /** `/proc/sys/kernel/random/boot_id` when it was read. */
  readonly bootId: string;
  /** Its start time, in clock ticks since boot. */
  readonly startTicks: number;
}

/**
 * A process as `/proc` shows it now, or `null` if there is no such process or it has
 * exited (a zombie waiting to be reaped counts as exited).
 */
export function readProcess(pid: number): IProcessInfo | null {
  try {
    const info = Private.parseStat(
      fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    );
    return info && info.state !== 'Z' ? info : null;
  } catch {
    return null;
  }
}

/**
 * The identity of a running process, or `null` if it does not run.
 */
export function readProcessIdentity(pid: number): IProcessIdentity | null {
  const info = readProcess(pid);
  return info
    ? { bootId: Private.bootId(), startTicks: info.startTicks }
    : null;
}

/**
 * Whether `pid` is still the very process `identity` was read from, and still runs.
 */
export function isSameProcess(
  pid: number,
  identity: IProcessIdentity
): boolean {
  const now = readProcessIdentity(pid);
  return (
    now !== null &&
    now.bootId === identity.bootId &&
    now.startTicks === identity.startTicks
  );
}

/**
 * The descendants of `rootPid`, parents before children.
 */
export function findDescendants(rootPid: number): IProcessInfo[] {
  const byParent = new Map<number, IProcessInfo[]>();
  for (const info of Private.listProcesses()) {
    byParent.set(info.ppid, [...(byParent.get(info.ppid) ?? []), info]);
  }
  const found: IProcessInfo[] = [];
  const queue = [rootPid];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    for (const child of byParent.get(pid) ?? []) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

/**
 * The first descendant of a `bwrap` process that is not bwrap itself: the sandboxed
 * command, seen from the host. `null` while the sandbox is still being set up.
 */
export function findSandboxedCommand(bwrapPid: number): number | null {
  const command = findDescendants(bwrapPid).find(info => info.comm !== 'bwrap');
  return command?.pid ?? null;
}

/**
 * The servers a spawner logging in `dir` launched, other than `known` ones: running
 * processes that lead their own process group, whose standard output is a file in `dir`
 * (deleted since or not), and that do not run below `known` processes or below another
 * such process (a sandbox's inner processes and kernels share the output and may lead
 * groups of their own: ending the outermost ends them).
 */
export function findServersLoggingIn(
  dir: string,
  known: ReadonlySet<number>
): IProcessInfo[] {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  const all = Private.listProcesses();
  const byPid = new Map(all.map(info => [info.pid, info]));
  const candidates = all.filter(info => {
    if (info.pgrp !== info.pid || info.state === 'Z') {
      return false;
    }
    try {
      return fs.readlinkSync(`/proc/${info.pid}/fd/1`).startsWith(prefix);
    } catch {
      return false; // ended meanwhile, or not ours to look at
    }
  });
  const outer = new Set([...known, ...candidates.map(info => info.pid)]);
  const isBelowOuter = (info: IProcessInfo): boolean => {
    const seen = new Set<number>();
    for (let pid = info.ppid; pid > 1 && !seen.has(pid);) {
      if (outer.has(pid)) {
        return true;
      }
      seen.add(pid);
      pid = byPid.get(pid)?.ppid ?? 0;
    }
    return false;
  };
  return candidates.filter(info => !known.has(info.pid) && !isBelowOuter(info));
}

/**
 * A process's command line, or `[]` if it cannot be read.
 */
export function readCommandLine(pid: number): string[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * Send `signal` to a process (or, with a negative id, a process group), ignoring one that
 * is already gone.
 */
export function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') {
      throw error;
    }
  }
}

namespace Private {
  /**
   * Every process this one can see. Processes that end while being read are skipped.
   */
  export function listProcesses(): IProcessInfo[] {
    const infos: IProcessInfo[] = [];
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) {
        continue;
      }
      try {
        const info = parseStat(fs.readFileSync(`/proc/${entry}/stat`, 'utf8'));
        if (info) {
          infos.push(info);
        }
      } catch {
        // it ended meanwhile
      }
    }
    return infos;
  }

  /**
   * Parse `pid (comm) state ppid pgrp … starttime …`; the name may hold spaces and
   * parentheses, so fields are counted from the last `)`.
   */
  export function parseStat(stat: string): IProcessInfo | null {
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    if (open < 0 || close < open) {
      return null;
    }
    // fields[0] is field 3 of proc(5), `state`.
    const fields = stat.slice(close + 2).split(' ');
    return {
      pid: Number(stat.slice(0, open).trim()),
      ppid: Number(fields[1]),
      comm: stat.slice(open + 1, close),
      state: fields[0],
      pgrp: Number(fields[2]),
      startTicks: Number(fields[19])
    };
  }

  /** The current boot's id (read once: it changes only with a reboot). */
  export function bootId(): string {
    cachedBootId ??= fs
      .readFileSync('/proc/sys/kernel/random/boot_id', 'utf8')
      .trim();
    return cachedBootId;
  }

  let cachedBootId: string | undefined;
}
