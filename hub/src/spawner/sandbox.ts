/**
 * The bubblewrap sandbox of a user's server: which parts of the machine it sees, and how.
 */
import * as path from 'path';

import { isSameOrInside } from '../util/paths';
import { ISystemAccount } from './types';

/**
 * The paths that shape a sandbox. All must be absolute and already resolved (no symlinks),
 * since mounts follow the real paths.
 */
export interface ISandboxPaths {
  /** The user's home: the only persistent place the server may write to. */
  readonly homeDir: string;
  /** The hub's data folder (database, secrets, every home): hidden from the server. */
  readonly dataDir: string;
  /** The Candyce virtualenv that runs `jupyter lab`, exposed read-only even if hidden. */
  readonly venvDir: string;
  /** The environments store, exposed read-only; `null` when it does not exist (yet). */
  readonly envStoreDir: string | null;
  /** Further folders to hide (e.g. the hub's configuration), empty by default. */
  readonly hiddenDirs?: readonly string[];
  /**
   * Further folders to show read-only even if they lie in a hidden one (the Python
   * installations the venv and the environments were made from: see `accountPaths`).
   */
  readonly readOnlyDirs?: readonly string[];
  /**
   * Cut the sandbox off the network: a network namespace of its own, with nothing in it
   * but its own loopback. On for users' servers (the hub reaches them through
   * `socketDir`) and for grading runs.
   */
  readonly isolateNetwork?: boolean;
  /**
   * A folder bound read-write at the same path, where the server makes its Unix socket:
   * the one way in from outside a sandbox without network. Made by the hub, open only
   * to the server's account (and to root).
   */
  readonly socketDir?: string;
  /**
   * The account the command runs as, once the sandbox is set up (bubblewrap needs root
   * for its mounts, `setpriv` then drops to this uid). Absent: the caller's own.
   */
  readonly runAs?: ISystemAccount;
  /**
   * Size of each of the sandbox's `/tmp` and `/dev/shm`, in bytes (bubblewrap `--size`).
   * Absent: the kernel's default, half the machine's memory, which one user could fill.
   */
  readonly tmpfsSizeBytes?: number;
}

/**
 * The folders the sandbox covers with an empty tmpfs of its own: `/tmp`, then the data
 * dir and the hidden folders, outer ones first (a tmpfs mounted later would cover one
 * mounted inside it).
 */
export function sandboxTmpfsDirs(
  paths: Pick<ISandboxPaths, 'dataDir' | 'hiddenDirs'>
): string[] {
  const hidden = [paths.dataDir, ...(paths.hiddenDirs ?? [])].sort(
    (a, b) => a.split(path.sep).length - b.split(path.sep).length
  );
  return ['/tmp', ...hidden];
}

/**
 * Build the `bwrap` arguments (without `bwrap` itself) that run `command` in a sandbox.
 *
 * The server sees the system read-only, its home read-write at the same path, the
 * environments store read-only, a private `/tmp`, `/dev` and `/proc`, and an empty,
 * read-only folder where the data dir is: other homes, the database and the secrets are
 * not there. It keeps no capability, so even as uid 0 it cannot unmount what hides them;
 * with `runAs` it is not uid 0 either, and root's files are as closed to it as to anyone.
 *
 * With `isolateNetwork` the sandbox has a network namespace of its own: its own loopback
 * and nothing else, so neither the hub's port, nor other users' servers and kernels, nor
 * the host's listeners, nor outside addresses can be reached, and `/proc/net` lists only
 * its own sockets. The hub then reaches the server through a Unix socket in `socketDir`.
 *
 * Mounts are applied in order: hide first, then bind back what must be seen.
 *
 * No `--as-pid-1`: bwrap stays the sandbox's PID 1 and reaps the orphans of kernels,
 * which `jupyter lab` as PID 1 would leave as zombies.
 *
 * @throws Error if a path is relative, or if the home would expose the data dir.
 */
export function buildSandboxArgv(
  paths: ISandboxPaths,
  command: readonly string[]
): string[] {
  const { homeDir, dataDir, venvDir, envStoreDir } = paths;
  const hiddenDirs = paths.hiddenDirs ?? [];
  const readOnlyDirs = paths.readOnlyDirs ?? [];
  for (const dir of [
    homeDir,
    paths.socketDir ?? null,
    dataDir,
    venvDir,
    envStoreDir,
    ...hiddenDirs,
    ...readOnlyDirs
  ]) {
    if (dir !== null && !path.isAbsolute(dir)) {
      throw new Error(`Sandbox paths must be absolute: ${dir}`);
    }
  }
  if (isSameOrInside(dataDir, homeDir)) {
    throw new Error(`The home ${homeDir} would expose the data dir ${dataDir}`);
  }
  if (paths.socketDir && isSameOrInside(dataDir, paths.socketDir)) {
    throw new Error(
      `The socket folder ${paths.socketDir} would expose the data dir ${dataDir}`
    );
  }
  const { runAs } = paths;
  const tmpfsDirs = sandboxTmpfsDirs(paths);
  const hidden = tmpfsDirs.slice(1);
  // Another account than root must be able to reach what is bound back, and to write
  // to the shared-memory and temporary folders like on any system.
  const reachable = (dir: string) =>
    runAs ? Private.foldersAbove(dir, tmpfsDirs) : [];
  const writableByAll = runAs ? ['--perms', '1777'] : [];
  const sized =
    paths.tmpfsSizeBytes === undefined
      ? []
      : ['--size', String(Math.floor(paths.tmpfsSizeBytes))];
  return [
    '--ro-bind',
    '/',
    '/',
    '--dev',
    '/dev',
    // Without a tmpfs of its own, /dev/shm is a folder of /dev's tmpfs, of any size.
    ...(runAs || sized.length > 0
      ? [...writableByAll, ...sized, '--tmpfs', '/dev/shm']
      : []),
    '--proc',
    '/proc',
    ...writableByAll,
    ...sized,
    '--tmpfs',
    '/tmp',
    ...hidden.flatMap(dir => [...reachable(dir), '--tmpfs', dir]),
    // The venv and the store may live under a hidden folder (or /tmp): show them again.
    ...reachable(venvDir),
    '--ro-bind',
    venvDir,
    venvDir,
    ...(envStoreDir === null
      ? []
      : [...reachable(envStoreDir), '--ro-bind', envStoreDir, envStoreDir]),
    ...readOnlyDirs.flatMap(dir => [...reachable(dir), '--ro-bind', dir, dir]),
    ...reachable(homeDir),
    '--bind',
    homeDir,
    homeDir,
    ...(paths.socketDir
      ? [
          ...reachable(paths.socketDir),
          '--bind',
          paths.socketDir,
          paths.socketDir
        ]
      : []),
    // The tmpfs is writable by default: writes there would be lost, make them fail instead.
    ...hidden.flatMap(dir => ['--remount-ro', dir]),
    // Root without capabilities cannot enter a home that belongs to another uid: the
    // account goes there itself (dropToAccount).
    ...(runAs ? [] : ['--chdir', homeDir]),
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    ...(paths.isolateNetwork ? ['--unshare-net'] : []),
    '--hostname',
    'candyce',
    // The parent is the server's keeper (withKeeper), not the hub.
    '--die-with-parent',
    '--new-session',
    // As root, bwrap keeps every capability unless told otherwise.
    '--cap-drop',
    'ALL',
    ...(runAs ? Private.dropToAccount(runAs, homeDir) : ['--']),
    ...command
  ];
}

/**
 * `setpriv` (util-linux), which drops a sandbox to its account.
 */
export const SETPRIV = '/usr/bin/setpriv';

/**
 * Run a sandbox below its keeper: a shell that waits for it (a command followed by
 * another is never exec'd in place) and exits with its code.
 *
 * bubblewrap's `--die-with-parent` ties the sandbox to its parent. Were the parent the
 * hub, a hub restart would end every server; the keeper is the parent instead, leader of
 * the server's own session, so the sandbox outlives the hub and still dies with the
 * keeper (whoever kills it, a SIGKILL to its process group included).
 */
export function withKeeper(command: readonly string[]): string[] {
  return ['/bin/sh', '-c', '"$@"; exit $?', KEEPER_ARGV0, ...command];
}

/**
 * The keeper's name in its command line (its `$0`), which tells it apart in `ps`.
 */
export const KEEPER_ARGV0 = 'candyce-server-keeper';

namespace Private {
  /**
   * `setpriv` drops to the account for good: it needs the rights to change uid, gid and
   * the bounding set, and leaves none of them (nor any other) to what it runs.
   * bubblewrap has set no_new_privs: no setuid program can give them back. Then a shell
   * enters the home and becomes the command.
   */
  export function dropToAccount(
    account: ISystemAccount,
    homeDir: string
  ): string[] {
    const { uid, gid } = account;
    if (![uid, gid].every(id => Number.isInteger(id) && id > 0)) {
      throw new Error(`Not an account to run a sandbox as: ${uid}:${gid}`);
    }
    return [
      '--cap-add',
      'CAP_SETUID',
      '--cap-add',
      'CAP_SETGID',
      '--cap-add',
      'CAP_SETPCAP',
      '--',
      SETPRIV,
      `--reuid=${uid}`,
      `--regid=${gid}`,
      '--clear-groups',
      '--inh-caps=-all',
      '--bounding-set=-all',
      '--',
      // `exec`: the command keeps the pid, as without an account.
      '/bin/sh',
      '-c',
      'cd "$0" && exec "$@"',
      homeDir
    ];
  }

  /**
   * The folders between a tmpfs and `dir`, made as bubblewrap would but readable by all
   * (bubblewrap copies the modes of the real folders, which may be private to root): the
   * real folders above `dir` stay hidden, only the way to `dir` is open.
   */
  export function foldersAbove(
    dir: string,
    tmpfsDirs: readonly string[]
  ): string[] {
    const under = tmpfsDirs
      .filter(tmpfs => tmpfs !== dir && isSameOrInside(dir, tmpfs))
      .sort((a, b) => b.length - a.length)[0];
    if (under === undefined) {
      return [];
    }
    const args: string[] = [];
    const steps = path.relative(under, path.dirname(dir));
    let folder = under;
    for (const step of steps === '' ? [] : steps.split(path.sep)) {
      folder = path.join(folder, step);
      args.push('--perms', '0755', '--dir', folder);
    }
    return args;
  }
}
