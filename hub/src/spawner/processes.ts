/**
 * Process trees on Linux, read from `/proc`: to reach the server inside its sandbox and to
 * leave no process behind.
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
   * Parse `pid (comm) state ppid …`; the name may hold spaces and parentheses.
   */
  function parseStat(stat: string): IProcessInfo | null {
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    if (open < 0 || close < open) {
      return null;
    }
    const ppid = Number(stat.slice(close + 2).split(' ')[1]);
    return {
      pid: Number(stat.slice(0, open).trim()),
      ppid,
      comm: stat.slice(open + 1, close)
    };
  }
}
