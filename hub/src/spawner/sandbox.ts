/**
 * The bubblewrap sandbox of a user's server: which parts of the machine it sees, and how.
 */
import * as path from 'path';

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
   * Cut the sandbox off the network (it keeps its own loopback). Off for servers, which
   * the proxy reaches on the host's loopback; on for grading runs.
   */
  readonly isolateNetwork?: boolean;
}

/**
 * Build the `bwrap` arguments (without `bwrap` itself) that run `command` in a sandbox.
 *
 * The server sees the system read-only, its home read-write at the same path, the
 * environments store read-only, a private `/tmp`, `/dev` and `/proc`, and an empty,
 * read-only folder where the data dir is: other homes, the database and the secrets are
 * not there. It keeps no capability, so even as uid 0 it cannot unmount what hides them.
 *
 * The network is shared unless `isolateNetwork` says otherwise: the server must listen on
 * the host's loopback for the hub's proxy to reach it, and kernels need the network to
 * install packages. The per-server secret is what keeps other local processes out.
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
  for (const dir of [homeDir, dataDir, venvDir, envStoreDir, ...hiddenDirs]) {
    if (dir !== null && !path.isAbsolute(dir)) {
      throw new Error(`Sandbox paths must be absolute: ${dir}`);
    }
  }
  if (Private.isSameOrInside(dataDir, homeDir)) {
    throw new Error(`The home ${homeDir} would expose the data dir ${dataDir}`);
  }
  return [
    '--ro-bind',
    '/',
    '/',
    '--dev',
    '/dev',
    '--proc',
    '/proc',
    '--tmpfs',
    '/tmp',
    ...[dataDir, ...hiddenDirs].flatMap(dir => ['--tmpfs', dir]),
    // The venv and the store may live under a hidden folder (or /tmp): show them again.
    '--ro-bind',
    venvDir,
    venvDir,
    ...(envStoreDir === null ? [] : ['--ro-bind', envStoreDir, envStoreDir]),
    '--bind',
    homeDir,
    homeDir,
    // The tmpfs is writable by default: writes there would be lost, make them fail instead.
    ...[dataDir, ...hiddenDirs].flatMap(dir => ['--remount-ro', dir]),
    '--chdir',
    homeDir,
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
    '--',
    ...command
  ];
}

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
   * Whether `inner` is `outer` or lies inside it.
   */
  export function isSameOrInside(inner: string, outer: string): boolean {
    const relative = path.relative(outer, inner);
    return (
      relative === '' ||
      (relative !== '..' &&
        !relative.startsWith(`..${path.sep}`) &&
        !path.isAbsolute(relative))
    );
  }
}
