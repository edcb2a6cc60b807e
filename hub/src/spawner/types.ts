/**
 * The Spawner interface: how the hub starts, watches and stops each user's JupyterLab.
 *
 * Implementations are chosen by name in the configuration (`local` today, `kubernetes`
 * later); the hub only ever talks to this interface. Servers outlive the hub: a restarted
 * hub takes them back with `reattach`.
 */

/**
 * What the hub asks for when a user's server must run.
 */
export interface ISpawnRequest {
  /** The user's hub name: URL-safe, checked by the hub before it gets here. */
  readonly userName: string;
  /** The user's home folder (created by the hub), the server's root dir. */
  readonly homeDir: string;
  /** The server's base URL on the hub's origin, `/user/<name>/`. */
  readonly baseUrl: string;
  /** Extra environment variables for the server. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * The system account the server and its kernels run as, owner of the home. Absent:
   * the spawner's own (the local spawner then runs servers as the hub's user).
   */
  readonly account?: ISystemAccount;
}

/**
 * A system account: what a server runs as (a Kubernetes spawner would set it as the
 * pod's `runAsUser` / `runAsGroup`).
 */
export interface ISystemAccount {
  readonly uid: number;
  readonly gid: number;
}

/**
 * A server that runs: where the proxy sends requests.
 */
export interface IRunningServer {
  /** The user's hub name. */
  readonly userName: string;
  /**
   * Where the server listens (see `address.ts`): for the local spawner, a Unix socket
   * that only the hub (and the server's own account) can open, `http+unix://<path>`;
   * `http://<host>:<port>` for a spawner whose servers listen on TCP.
   */
  readonly url: string;
  /** Its process id (the sandbox's, for the local spawner). */
  readonly pid: number;
  /** When it became ready (ms since the epoch). */
  readonly startedAt: number;
  /**
   * What the spawner needs to find this server again after a hub restart (for the local
   * spawner: the identity of its process). The hub stores it as JSON and gives it back
   * unread to {@link ISpawner.reattach}.
   */
  readonly state: Readonly<Record<string, string | number | boolean>>;
}

/**
 * What became of a server recorded by an earlier hub: it still runs and is taken back,
 * or it is gone.
 */
export type ReattachOutcome = 'running' | 'gone';

/**
 * Progress of a start, for the « démarrage » page.
 */
export interface ISpawnProgress {
  /** 0 to 100. */
  readonly percent: number;
  /** A French sentence for the user. */
  readonly message: string;
}

/**
 * Starts, polls and stops users' servers.
 */
export interface ISpawner {
  /**
   * Start a server and resolve once it answers HTTP; reject with a French message if it
   * does not start within the configured time (its process is then stopped). The error is a
   * `SpawnError`: its `details` hold the server's last output, for the logs only.
   * `onLaunched` is called as soon as the process exists, so that the hub can record it
   * before it is ready: a hub that dies during a start can then find it again.
   */
  start(
    request: ISpawnRequest,
    onProgress?: (progress: ISpawnProgress) => void,
    onLaunched?: (server: IRunningServer) => void
  ): Promise<IRunningServer>;
  /**
   * Whether a server still runs: `'running'`, its exit code, or `null` if unknown.
   */
  poll(server: IRunningServer): Promise<'running' | number | null>;
  /**
   * Stop a server (SIGTERM, then SIGKILL after a grace period) and wait for its exit.
   */
  stop(server: IRunningServer): Promise<void>;
  /**
   * Take back a server that an earlier hub started, from what it recorded (the server
   * `start` or `onLaunched` gave): `'running'` if it is still that very server (then
   * `poll` and `stop` work on it), `'gone'` if it has exited or cannot be told apart
   * from another process (then nothing is signalled).
   */
  reattach(server: IRunningServer): Promise<ReattachOutcome>;
  /**
   * End the servers earlier hubs left running that are not in `kept` (the ones taken
   * back): their record was lost (a data folder emptied, a hub that died between a
   * launch and its record). Called once at hub start, after `reattach`.
   *
   * @returns how many were ended.
   */
  endStrays(kept: readonly IRunningServer[]): Promise<number>;
}
