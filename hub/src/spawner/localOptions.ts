/**
 * How the local spawner is configured: where it runs servers, how, and where it logs.
 */
import type { IServerLimits } from './limits';
import type { ISpawnerLogger } from './logger';

export { silentLogger } from './logger';
export type { ISpawnerLogger } from './logger';

/**
 * How to run the servers.
 */
export interface ILocalProcessSpawnerOptions {
  /** The Candyce virtualenv: `<venvDir>/bin/jupyter` runs the servers. */
  readonly venvDir: string;
  /**
   * The hub's data folder (database, secrets, homes): never visible to a server. Homes are
   * hidden from each other only if they live under it (or under one of `hiddenDirs`).
   */
  readonly dataDir: string;
  /**
   * The read-only environments store; skipped while it does not exist. Its `jupyter`
   * folder (the environments' kernelspecs) is the servers' `JUPYTER_PATH`.
   */
  readonly envStoreDir: string;
  /**
   * The folders of the store (given at its real path) whose kernels a user's server
   * lists, as its `JUPYTER_PATH`: the environments offered to that user. Absent: the
   * store's `jupyter` folder, every built environment.
   */
  readonly kernelDirsOf?: (storeDir: string, userName: string) => string[];
  /**
   * `bubblewrap` isolates each server (the default to use); `none` runs servers as plain
   * processes that can read everything the hub can: for development only.
   */
  readonly sandbox: 'bubblewrap' | 'none';
  /** How long a start may take before it is given up, in ms. Default 60000. */
  readonly startTimeoutMs?: number;
  /**
   * The hub's origin, when servers have origins of their own (`serverOrigins`
   * subdomain): JupyterLab's links to hub pages take it (page config
   * `candyceHubOrigin`).
   */
  readonly hubOrigin?: string;
  /** Arguments added to every `jupyter lab` command (identity provider…). */
  readonly extraArgs?: readonly string[];
  /**
   * Largest address space of each process of a server (the server, each kernel), in
   * bytes, applied with `prlimit --as`. Not a limit on the user's total.
   */
  readonly memoryLimitBytes?: number;
  /** Further folders to hide from servers (e.g. the hub's configuration). */
  readonly hiddenDirs?: readonly string[];
  /**
   * What each user's server may take of the machine together (memory, processes, tmpfs,
   * home): prepared before each start, released after each end. Absent: only
   * `memoryLimitBytes`.
   */
  readonly limits?: IServerLimits;
  /** Where to log; nothing is logged without it. */
  readonly logger?: ISpawnerLogger;
}
