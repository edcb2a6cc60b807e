/**
 * One control group per user's server, so that the memory and the processes of all of a
 * user's processes together are bounded: cgroup v2 where the machine delegates its
 * `memory` and `pids` controllers to the hub, else the v1 `memory` and `pids`
 * hierarchies where the hub may make groups in them (root), else none.
 *
 * The groups live below the hub's own group (`<hub's group>/candyce-servers/<hub>-<user>`),
 * so that whatever bounds the hub (a systemd unit, a container) also bounds them.
 */
import * as fs from 'fs';
import * as path from 'path';

/**
 * Where the cgroup filesystems and the hub's own groups are read from: the real machine
 * by default; tests give a folder that imitates it.
 */
export interface ICgroupSystem {
  /** Prefix of every path (the mount points of `mountinfo` are below it). Default ''. */
  readonly root?: string;
  /** The text of `/proc/self/mountinfo`. Default: the hub's. */
  readonly mountinfo?: string;
  /** The text of `/proc/self/cgroup`. Default: the hub's. */
  readonly ownCgroups?: string;
  /** The hub's pid, moved to a leaf of its own if v2 requires it. Default: this process. */
  readonly pid?: number;
}

/**
 * What a user's group allows.
 */
export interface ICgroupLimits {
  /** Memory of all the group's processes together (page cache and tmpfs pages included). */
  readonly memoryBytes: number;
  /** Processes and threads of the group together. */
  readonly pids: number;
}

/**
 * The folder that holds the users' groups, in each hierarchy used.
 */
export const SERVERS_GROUP = 'candyce-servers';

/**
 * The groups of users' servers, on a machine where they can be made.
 */
export class UserCgroups {
  /**
   * @param version - `v2`: one unified hierarchy; `v1`: the memory and pids hierarchies.
   * @param parents - the `candyce-servers` folder of each hierarchy used (one for v2, the
   * memory one then the pids one for v1).
   * @param instance - the first part of each group's name: two hubs whose own group is
   * the same (tests, a staging hub beside production) must not share their users' groups.
   */
  constructor(
    readonly version: 'v2' | 'v1',
    readonly parents: readonly string[],
    readonly instance = 'user'
  ) {}

  /**
   * Find out which cgroups the hub can use on this machine, and prepare their parent
   * folders: v2 if the hub's group has the `memory` and `pids` controllers and can hand
   * them down, else v1 if the hub can make groups in both hierarchies, else none.
   *
   * @returns the groups, or `null` with why none can be used.
   */
  static detect(
    system: ICgroupSystem = {},
    instance = 'user'
  ):
    | { cgroups: UserCgroups; reason?: undefined }
    | { cgroups: null; reason: string } {
    const root = system.root ?? '';
    const mounts = parseCgroupMounts(
      system.mountinfo ?? Private.readText('/proc/self/mountinfo')
    );
    const own = parseOwnCgroups(
      system.ownCgroups ?? Private.readText('/proc/self/cgroup')
    );
    const reasons: string[] = [];
    if (mounts.v2 && own.v2 !== undefined) {
      const dir = path.join(root, groupDir(mounts.v2, own.v2));
      const failure = Private.delegateV2(dir, system.pid ?? process.pid);
      if (failure === null) {
        return {
          cgroups: new UserCgroups(
            'v2',
            [path.join(dir, SERVERS_GROUP)],
            instance
          )
        };
      }
      reasons.push(`v2: ${failure}`);
    } else {
      reasons.push('v2: not mounted');
    }
    const memory = mounts.v1.get('memory');
    const pids = mounts.v1.get('pids');
    const memoryPath = own.v1.get('memory');
    const pidsPath = own.v1.get('pids');
    if (memory && pids && memoryPath !== undefined && pidsPath !== undefined) {
      const parents = [
        path.join(root, groupDir(memory, memoryPath), SERVERS_GROUP),
        path.join(root, groupDir(pids, pidsPath), SERVERS_GROUP)
      ];
      try {
        for (const parent of parents) {
          fs.mkdirSync(parent, { recursive: true });
        }
        return { cgroups: new UserCgroups('v1', parents, instance) };
      } catch (error) {
        reasons.push(`v1: ${(error as Error).message}`);
      }
    } else {
      reasons.push('v1: no memory and pids hierarchies');
    }
    return { cgroups: null, reason: reasons.join('; ') };
  }

  /**
   * The group folders of a user, one per hierarchy used.
   *
   * @throws Error if the name cannot be a folder name.
   */
  groupDirs(userName: string): string[] {
    if (
      userName === '' ||
      path.basename(userName) !== userName ||
      userName.startsWith('.')
    ) {
      throw new Error(`Not a user name: ${userName}`);
    }
    // A prefix: a user named like a control file (`memory.max`) must not clash with it.
    return this.parents.map(parent =>
      path.join(parent, `${this.instance}-${userName}`)
    );
  }

  /**
   * Make (or take back) a user's group with these limits.
   *
   * @returns the `cgroup.procs` files a process writes its pid to, to join the group.
   */
  create(userName: string, limits: ICgroupLimits): string[] {
    const dirs = this.groupDirs(userName);
    for (const dir of dirs) {
      fs.mkdirSync(dir, { recursive: true });
    }
    const memory = String(Math.floor(limits.memoryBytes));
    const pids = String(Math.floor(limits.pids));
    if (this.version === 'v2') {
      const [dir] = dirs;
      Private.write(dir, 'memory.max', memory);
      // No swap beyond the limit: a bound that swaps is no bound for the others.
      Private.writeIfPresent(dir, 'memory.swap.max', '0');
      Private.write(dir, 'pids.max', pids);
    } else {
      const [memoryDir, pidsDir] = dirs;
      // memsw (memory + swap) may never be below the memory limit: open it, set the
      // limit, then close it to the same value.
      Private.writeIfPresent(memoryDir, 'memory.memsw.limit_in_bytes', '-1');
      Private.write(memoryDir, 'memory.limit_in_bytes', memory);
      Private.writeIfPresent(memoryDir, 'memory.memsw.limit_in_bytes', memory);
      Private.write(pidsDir, 'pids.max', pids);
    }
    return dirs.map(dir => path.join(dir, 'cgroup.procs'));
  }

  /**
   * The groups a running process is in, among users' groups of this kind (a server that
   * an earlier hub started, whose groups may lie below another hub group).
   */
  groupsOf(pid: number, system: ICgroupSystem = {}): string[] {
    const root = system.root ?? '';
    let text: string;
    try {
      text =
        system.ownCgroups ?? fs.readFileSync(`/proc/${pid}/cgroup`, 'utf8');
    } catch {
      return [];
    }
    const own = parseOwnCgroups(text);
    const mounts = parseCgroupMounts(
      system.mountinfo ?? Private.readText('/proc/self/mountinfo')
    );
    const found =
      this.version === 'v2'
        ? [[mounts.v2, own.v2]]
        : [
            [mounts.v1.get('memory'), own.v1.get('memory')],
            [mounts.v1.get('pids'), own.v1.get('pids')]
          ];
    return found
      .filter(
        (pair): pair is [ICgroupMount, string] =>
          pair[0] !== undefined && pair[1] !== undefined
      )
      .map(([mount, groupPath]) => path.join(root, groupDir(mount, groupPath)))
      .filter(dir => path.basename(path.dirname(dir)) === SERVERS_GROUP);
  }

  /**
   * Remove this hub's users' groups that hold no process (left by servers that ended
   * while no hub watched them); groups of running servers stay (the kernel refuses to
   * remove them). For start-up, before any server starts.
   *
   * @returns how many were removed.
   */
  sweep(): number {
    let removed = 0;
    for (const parent of this.parents) {
      let names: string[];
      try {
        names = fs.readdirSync(parent);
      } catch {
        continue;
      }
      for (const name of names.filter(n => n.startsWith(`${this.instance}-`))) {
        try {
          fs.rmdirSync(path.join(parent, name));
          removed++;
        } catch {
          // still in use, or not a group
        }
      }
    }
    return removed;
  }

  /**
   * Remove groups once their processes have exited. A group that still holds processes
   * (or is already gone) is left as it is.
   *
   * @returns the folders that could not be removed.
   */
  static async remove(dirs: readonly string[]): Promise<string[]> {
    const left: string[] = [];
    for (const dir of dirs) {
      // The last processes may take a moment to leave their group once they have exited.
      for (let attempt = 0; ; attempt++) {
        try {
          fs.rmdirSync(dir);
          break;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') {
            break;
          }
          if (attempt >= 20) {
            left.push(dir);
            break;
          }
          await new Promise(resolve => setTimeout(resolve, 50));
        }
      }
    }
    return left;
  }
}

/**
 * A command that first joins groups, then becomes `command` (same pid): its children,
 * and theirs, are born in the groups.
 */
export function joinGroupsArgv(
  procsFiles: readonly string[],
  command: readonly string[]
): string[] {
  if (procsFiles.length === 0) {
    return [...command];
  }
  return [
    '/bin/sh',
    '-c',
    // $0 is the name, $1 the number of files; a failure to join ends the start.
    'n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 125; shift; n=$((n - 1)); done; exec "$@"',
    JOIN_ARGV0,
    String(procsFiles.length),
    ...procsFiles,
    ...command
  ];
}

/**
 * The name of the joining shell in its command line.
 */
export const JOIN_ARGV0 = 'candyce-cgroup-join';

/**
 * A cgroup filesystem mounted on this machine.
 */
export interface ICgroupMount {
  /** Where it is mounted. */
  readonly mountPoint: string;
  /** Which of its groups is mounted there (`/` unless in a container). */
  readonly root: string;
}

/**
 * The cgroup filesystems in a `/proc/<pid>/mountinfo`: the v2 one, and the v1 ones by
 * controller.
 */
export function parseCgroupMounts(mountinfo: string): {
  v2?: ICgroupMount;
  v1: Map<string, ICgroupMount>;
} {
  const result: { v2?: ICgroupMount; v1: Map<string, ICgroupMount> } = {
    v1: new Map()
  };
  for (const line of mountinfo.split('\n')) {
    const [before, after] = line.split(' - ');
    if (after === undefined) {
      continue;
    }
    const fields = before.split(' ');
    const [fsType, , superOptions = ''] = after.split(' ');
    const mount = {
      root: Private.unescape(fields[3] ?? '/'),
      mountPoint: Private.unescape(fields[4] ?? '')
    };
    if (fsType === 'cgroup2' && !result.v2) {
      result.v2 = mount;
    } else if (fsType === 'cgroup') {
      for (const option of superOptions.split(',')) {
        if (!result.v1.has(option)) {
          result.v1.set(option, mount);
        }
      }
    }
  }
  return result;
}

/**
 * A process's groups from its `/proc/<pid>/cgroup`: its v2 group, and its v1 groups by
 * controller.
 */
export function parseOwnCgroups(text: string): {
  v2?: string;
  v1: Map<string, string>;
} {
  const result: { v2?: string; v1: Map<string, string> } = { v1: new Map() };
  for (const line of text.split('\n')) {
    const match = /^(\d+):([^:]*):(.*)$/.exec(line);
    if (!match) {
      continue;
    }
    const [, id, controllers, groupPath] = match;
    if (id === '0' && controllers === '') {
      result.v2 = groupPath;
    } else {
      for (const controller of controllers.split(',')) {
        result.v1.set(controller, groupPath);
      }
    }
  }
  return result;
}

/**
 * The folder of a group in a mounted hierarchy (a container may mount only its part).
 */
export function groupDir(mount: ICgroupMount, groupPath: string): string {
  const relative = path.posix.relative(mount.root, groupPath);
  if (relative.startsWith('..')) {
    // The group is outside what is mounted: only the part below is ours to use.
    return mount.mountPoint;
  }
  return path.join(mount.mountPoint, relative);
}

namespace Private {
  /** A file's text, '' if it cannot be read. */
  export function readText(file: string): string {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  }

  /** Write a control file. */
  export function write(dir: string, name: string, value: string): void {
    fs.writeFileSync(path.join(dir, name), value);
  }

  /** Write a control file the kernel may not offer (swap accounting off). */
  export function writeIfPresent(
    dir: string,
    name: string,
    value: string
  ): void {
    if (fs.existsSync(path.join(dir, name))) {
      write(dir, name, value);
    }
  }

  /** The words of a space-separated control file, none if it cannot be read. */
  function words(file: string): Set<string> {
    return new Set(readText(file).split(/\s+/).filter(Boolean));
  }

  /**
   * Hand `memory` and `pids` down from the hub's v2 group to `candyce-servers` and its
   * children. A group with controllers handed down may hold no process itself: the
   * processes of the hub's group (a systemd unit with `Delegate=yes`) move to a leaf
   * `candyce-hub` first.
   *
   * @returns `null` once done, else why it cannot be.
   */
  export function delegateV2(dir: string, pid: number): string | null {
    const available = words(path.join(dir, 'cgroup.controllers'));
    const missing = ['memory', 'pids'].filter(name => !available.has(name));
    if (missing.length > 0) {
      return `the hub's group ${dir} lacks ${missing.join(' and ')}`;
    }
    const wanted = ['memory', 'pids'];
    const enable = (group: string): void => {
      const enabled = words(path.join(group, 'cgroup.subtree_control'));
      const toAdd = wanted.filter(name => !enabled.has(name));
      if (toAdd.length > 0) {
        write(
          group,
          'cgroup.subtree_control',
          toAdd.map(n => `+${n}`).join(' ')
        );
      }
    };
    try {
      try {
        enable(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EBUSY') {
          throw error;
        }
        // The group is the hub's (delegated): what runs in it with the hub (the
        // `./candyce` shell that started it) moves along, the hub first.
        const leaf = path.join(dir, 'candyce-hub');
        fs.mkdirSync(leaf, { recursive: true });
        const others = readText(path.join(dir, 'cgroup.procs'))
          .split('\n')
          .filter(line => line !== '' && line !== String(pid));
        for (const member of [String(pid), ...others]) {
          try {
            write(leaf, 'cgroup.procs', member);
          } catch {
            // exited meanwhile
          }
        }
        enable(dir);
      }
      const servers = path.join(dir, SERVERS_GROUP);
      fs.mkdirSync(servers, { recursive: true });
      enable(servers);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }

  /** mountinfo escapes spaces and the like as octal. */
  export function unescape(text: string): string {
    return text.replace(/\\([0-7]{3})/g, (_, octal: string) =>
      String.fromCharCode(parseInt(octal, 8))
    );
  }
}
