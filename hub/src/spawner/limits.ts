/**
 * What one user's server may take of the machine, so that no pupil starves the others:
 * memory and processes of all the user's processes together, the size of the sandbox's
 * `/tmp` and `/dev/shm`, and the size of the home. Each is enforced by the best means
 * this machine offers, found once at start-up and told in the log.
 */
import { createHash } from 'crypto';
import * as path from 'path';

import { ICgroupSystem, joinGroupsArgv, UserCgroups } from './cgroups';
import { HomeImages } from './homeQuota';
import { ISpawnerLogger, silentLogger } from './logger';
import { ISystemAccount } from './types';

/**
 * The limits of each user's server, as configured.
 */
export interface IUserLimits {
  /** Memory of all the user's processes together (tmpfs contents included), bytes. */
  readonly memoryBytes: number;
  /** Processes and threads of the user together. */
  readonly processes: number;
  /** Size of each of the sandbox's `/tmp` and `/dev/shm`, bytes. */
  readonly tmpfsBytes: number;
  /** Size of the home, bytes; 0: unbounded. */
  readonly homeBytes: number;
}

/**
 * How each limit is enforced on this machine, for the start-up log and the tests.
 */
export interface ILimitsInForce {
  /** `cgroup v2`, `cgroup v1`, or `none` (then only the per-process address space). */
  readonly memory: 'cgroup v2' | 'cgroup v1' | 'none';
  /** `cgroup v2`, `cgroup v1`, `RLIMIT_NPROC` (per uid, i.e. per user), or `none`. */
  readonly processes: 'cgroup v2' | 'cgroup v1' | 'RLIMIT_NPROC' | 'none';
  /** Always `bubblewrap --size` under bubblewrap. */
  readonly tmpfs: 'bubblewrap --size' | 'none';
  /** `ext4 image` (loop-mounted) or `none`. */
  readonly home: 'ext4 image' | 'none';
  /** Why a better bound could not be used, if so. */
  readonly why?: string;
}

/**
 * What a server's start gets from its limits.
 */
export interface IPreparedLimits {
  /** Put before the server's whole command (it execs what follows: same pid). */
  readonly prefix: readonly string[];
  /** For `--size` before the sandbox's `/tmp` and `/dev/shm`, bytes. */
  readonly tmpfsSizeBytes?: number;
}

/**
 * The limits of users' servers: prepared before a server starts, released once it ends.
 */
export interface IServerLimits {
  /** How each limit is enforced. */
  readonly inForce: ILimitsInForce;
  /**
   * Make the user's group and mount their home; what the command needs.
   *
   * @param account - the account the server runs as, if its own.
   */
  prepare(
    userName: string,
    homeDir: string,
    account?: ISystemAccount
  ): Promise<IPreparedLimits>;
  /** Take back the groups of a server an earlier hub started (`pid`: its keeper). */
  adopt(userName: string, pid: number): void;
  /** Once the server has ended: remove its groups, unmount its home. */
  release(userName: string): Promise<void>;
}

/**
 * The limits of users' servers on this machine.
 */
export class ServerLimits implements IServerLimits {
  /**
   * Find out how each limit can be enforced here.
   *
   * @param options.imagesDir - where home images are kept (under the data dir).
   * @param options.sandboxed - whether servers run in bubblewrap (tmpfs sizes need it).
   * @param options.ownAccounts - whether each server runs as a uid of its own (then
   * RLIMIT_NPROC is a per-user bound).
   * @param options.system - the cgroup filesystems to use (tests).
   */
  static detect(
    limits: IUserLimits,
    options: {
      imagesDir: string;
      sandboxed: boolean;
      ownAccounts: boolean;
      logger?: ISpawnerLogger;
      system?: ICgroupSystem;
    }
  ): ServerLimits {
    const why: string[] = [];
    // Groups named after the data dir too: two hubs never share a user's group.
    const instance = `hub${createHash('sha256')
      .update(path.resolve(options.imagesDir))
      .digest('hex')
      .slice(0, 8)}`;
    const found = UserCgroups.detect(options.system, instance);
    if (!found.cgroups) {
      why.push(`no cgroups (${found.reason})`);
    }
    const cgroups = found.cgroups;
    cgroups?.sweep();
    const unavailable =
      limits.homeBytes > 0 ? HomeImages.unavailableBecause() : null;
    if (unavailable) {
      why.push(`homes unbounded: ${unavailable}`);
    }
    const images =
      limits.homeBytes > 0 && !unavailable
        ? new HomeImages(options.imagesDir, limits.homeBytes)
        : null;
    const cgroupName = cgroups ? (`cgroup ${cgroups.version}` as const) : null;
    const inForce: ILimitsInForce = {
      memory: cgroupName ?? 'none',
      processes: cgroupName ?? (options.ownAccounts ? 'RLIMIT_NPROC' : 'none'),
      tmpfs: options.sandboxed ? 'bubblewrap --size' : 'none',
      home: images ? 'ext4 image' : 'none',
      ...(why.length > 0 ? { why: why.join('; ') } : {})
    };
    return new ServerLimits(
      limits,
      inForce,
      cgroups,
      images,
      options.logger ?? silentLogger
    );
  }

  private constructor(
    readonly limits: IUserLimits,
    readonly inForce: ILimitsInForce,
    /** The users' groups, `null` without cgroups. */
    readonly cgroups: UserCgroups | null,
    private readonly _images: HomeImages | null,
    private readonly _logger: ISpawnerLogger
  ) {}

  async prepare(
    userName: string,
    homeDir: string,
    account?: ISystemAccount
  ): Promise<IPreparedLimits> {
    // A server that just ended may still be releasing what this start takes again.
    await this._pending.get(userName);
    if (this._images) {
      const home = await this._images.mount(userName, homeDir, account);
      if (home === 'unbounded') {
        this._logger.warn(
          { user: userName, homeDir, quotaBytes: this.limits.homeBytes },
          'Home larger than the quota: left unbounded until it is made smaller'
        );
      }
    }
    let prefix: string[] = [];
    if (this.cgroups) {
      const procs = this.cgroups.create(userName, {
        memoryBytes: this.limits.memoryBytes,
        pids: this.limits.processes
      });
      this._groups.set(userName, this.cgroups.groupDirs(userName));
      prefix = joinGroupsArgv(procs, []);
    } else if (this.inForce.processes === 'RLIMIT_NPROC' && account) {
      // Counted per uid: with one uid per user, per user. prlimit execs what follows.
      prefix = [
        'prlimit',
        `--nproc=${Math.floor(this.limits.processes)}`,
        '--'
      ];
    }
    return {
      prefix,
      ...(this.inForce.tmpfs === 'none'
        ? {}
        : { tmpfsSizeBytes: this.limits.tmpfsBytes })
    };
  }

  adopt(userName: string, pid: number): void {
    const groups = this.cgroups?.groupsOf(pid) ?? [];
    if (groups.length > 0) {
      this._groups.set(userName, groups);
    }
  }

  release(userName: string): Promise<void> {
    const groups = this._groups.get(userName) ?? [];
    this._groups.delete(userName);
    const done = (async () => {
      const left = await UserCgroups.remove(groups);
      if (left.length > 0) {
        this._logger.warn({ user: userName, left }, 'Cgroups left behind');
      }
      if (this._images) {
        await this._images
          .unmount(userName)
          .catch(error =>
            this._logger.warn(
              { user: userName, error: String(error) },
              'Home could not be unmounted'
            )
          );
      }
    })();
    const pending = done.finally(() => {
      if (this._pending.get(userName) === pending) {
        this._pending.delete(userName);
      }
    });
    this._pending.set(userName, pending);
    return pending;
  }

  /** The groups of each running server, to remove once it ends. */
  private readonly _groups = new Map<string, string[]>();
  /** Releases under way, which a new start of the same user waits for. */
  private readonly _pending = new Map<string, Promise<void>>();
}
