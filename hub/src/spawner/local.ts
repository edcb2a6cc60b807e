/**
 * The local spawner: one `jupyter lab` process per user on this machine, sandboxed with
 * bubblewrap.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import { MAX_SOCKET_PATH_BYTES, socketPathOf, socketUrl } from './address';
import { SpawnError } from './errors';
import { launchStep, resolveHome, startError } from './launchErrors';
import { IPreparedLimits } from './limits';
import { buildLocalCommand, resolveIfExists } from './localCommand';
import {
  ILocalProcessSpawnerOptions,
  ISpawnerLogger,
  silentLogger
} from './localOptions';
import { AdoptedProcess, IServerProcess, ManagedProcess } from './managed';
import {
  findServersLoggingIn,
  isSameProcess,
  readCommandLine,
  readProcess,
  readProcessIdentity
} from './processes';
import { fromState, toState } from './reattachState';
import { waitUntilReady } from './readiness';
import { KEEPER_ARGV0 } from './sandbox';
import { buildServerEnv, normalizeBaseUrl } from './server';
import {
  IRunningServer,
  ISpawner,
  ISpawnProgress,
  ISpawnRequest,
  ISystemAccount,
  ReattachOutcome
} from './types';

export type {
  ILocalProcessSpawnerOptions,
  ISpawnerLogger
} from './localOptions';

/** How long a server has to shut down before it is killed. */
const GRACE_MS = 5000;

/**
 * Runs each user's JupyterLab as a local process listening on a Unix socket.
 *
 * Under bubblewrap a server has a network namespace of its own (nothing but its own
 * loopback); its socket is in `<dataDir>/sockets/<folder of its own>`, bound into its
 * sandbox, open only to its account and to the hub (root): the hub reaches it there, and
 * nothing else on the machine can.
 *
 * The process group is the spawner's to end: `stop` asks the server to shut down (so that
 * it saves documents and stops its kernels), then kills what is left after a grace period.
 *
 * Servers outlive the hub, so that a hub restart (or crash) does not cut users off: each
 * is launched in its own session (`setsid`), writes its output to
 * `<dataDir>/logs/<user>.log` rather than to a pipe the hub reads, and, under bubblewrap,
 * runs below a small keeper shell: bubblewrap's `--die-with-parent` then ties the sandbox
 * to the keeper, not to the hub, so that whatever kills the keeper (or the spawner's
 * SIGKILL to its group) still takes down the whole sandbox. A later hub takes a server
 * back with {@link reattach}, from the keeper's pid and start time that `state` holds.
 */
export class LocalProcessSpawner implements ISpawner {
  /**
   * @param options - how to run the servers; folders are resolved once here.
   */
  constructor(options: ILocalProcessSpawnerOptions) {
    this._options = {
      ...options,
      venvDir: fs.realpathSync(options.venvDir),
      dataDir: fs.realpathSync(options.dataDir),
      hiddenDirs: (options.hiddenDirs ?? []).map(dir => fs.realpathSync(dir))
    };
    this._logger = options.logger ?? silentLogger;
    if (options.sandbox === 'none') {
      this._logger.warn(
        { sandbox: 'none' },
        'User servers run without a sandbox: they can read the hub data; development only'
      );
    }
  }

  /**
   * Start `request.userName`'s server and resolve once `<baseUrl>api` answers 200.
   *
   * @throws SpawnError with a French message if it cannot start, exits early or is not
   * ready in time; its process is then ended.
   */
  async start(
    request: ISpawnRequest,
    onProgress?: (progress: ISpawnProgress) => void,
    onLaunched?: (server: IRunningServer) => void
  ): Promise<IRunningServer> {
    const homeDir = await resolveHome(request.homeDir);
    const limits = await this._prepareLimits(request, homeDir);
    const baseUrl = normalizeBaseUrl(request.baseUrl);
    const logFile = launchStep(() => this._logFile(request.userName));
    const socketPath = launchStep(() =>
      this._makeSocketDir(request.userName, request.account)
    );
    const url = socketUrl(socketPath);
    const managed = new ManagedProcess({
      argv: launchStep(() =>
        buildLocalCommand(
          this._options,
          homeDir,
          socketPath,
          baseUrl,
          request.account,
          limits
        )
      ),
      env: buildServerEnv({
        venvDir: this._options.venvDir,
        homeDir,
        userName: request.userName,
        jupyterPath: this._jupyterPath(request.userName),
        extraEnv: request.env
      }),
      cwd: homeDir,
      sandboxed: this._options.sandbox === 'bubblewrap',
      logFile
    });
    // Tracked from launch, so that `stopAll` reaches it.
    this._hold(managed);
    this._releaseLimitsOnExit(managed, request.userName);
    const log = {
      user: request.userName,
      socketPath,
      pid: managed.pid,
      logFile
    };
    this._logger.info(log, 'User server starting');
    const identity = readProcessIdentity(managed.pid);
    const server = (startedAt: number): IRunningServer => ({
      userName: request.userName,
      url,
      pid: managed.pid,
      startedAt,
      state: identity ? toState(identity, managed.sandboxed) : {}
    });
    if (identity) {
      onLaunched?.(server(Date.now()));
    }

    const timeoutMs = this._options.startTimeoutMs ?? 60000;
    const outcome = await waitUntilReady({
      url: `${url}${baseUrl}api`,
      timeoutMs,
      signal: managed.exitSignal,
      isUnderWay: () => managed.hasOutput,
      onProgress
    });
    if (outcome !== 'ready' || !managed.running) {
      await this._end(managed);
      this._removeSocketDir(url);
      const error = startError(managed, outcome, timeoutMs);
      this._logger.warn(
        { ...log, failure: error.failure, details: error.details },
        'User server did not start'
      );
      throw error;
    }

    const ready = server(Date.now());
    this._track(ready, managed);
    this._logger.info(log, 'User server ready');
    return ready;
  }

  /**
   * `'running'`, the exit code of a server this spawner started or re-attached (`null`
   * once a re-attached one has exited: its code is unknown), or `null` for a server it
   * does not know.
   */
  async poll(server: IRunningServer): Promise<'running' | number | null> {
    const proc = this._byServer.get(server);
    if (!proc) {
      return null;
    }
    return proc.running ? 'running' : proc.exitCode;
  }

  /**
   * Take back a server an earlier hub started: `'running'` if its keeper (or, without
   * sandbox, its server) still runs and is the very process recorded in `server.state`
   * (same boot, same start time: a pid reused by another process is not taken for it),
   * and leads its own process group; `'gone'` otherwise, and nothing is signalled.
   */
  async reattach(server: IRunningServer): Promise<ReattachOutcome> {
    const recorded = fromState(server.state);
    // A server of a hub before Unix sockets (on a loopback port) is not taken back:
    // `endStrays` ends it.
    const socketPath = socketPathOf(server.url);
    if (
      !recorded ||
      socketPath === null ||
      readProcess(server.pid)?.pgrp !== server.pid ||
      !isSameProcess(server.pid, recorded.identity)
    ) {
      return 'gone';
    }
    const adopted = new AdoptedProcess({
      pid: server.pid,
      identity: recorded.identity,
      sandboxed: recorded.sandboxed,
      logFile: this._logFile(server.userName)
    });
    if (!adopted.running) {
      return 'gone'; // exited meanwhile
    }
    this._hold(adopted);
    this._options.limits?.adopt(server.userName, server.pid);
    this._releaseLimitsOnExit(adopted, server.userName);
    this._track(server, adopted);
    this._logger.info(
      { user: server.userName, socketPath, pid: server.pid },
      'User server re-attached'
    );
    return 'running';
  }

  /**
   * End the servers an earlier hub launched that are not in `kept`: the outermost
   * leaders of their own process group whose output goes to this spawner's log folder
   * (the same folder emptied or deleted since included), other than those it runs. They
   * are ended as `stop` ends a server.
   */
  async endStrays(kept: readonly IRunningServer[]): Promise<number> {
    const known = new Set([
      ...kept.map(server => server.pid),
      ...[...this._running].map(proc => proc.pid)
    ]);
    const strays = findServersLoggingIn(this._logDir(), known);
    await Promise.all(
      strays.map(async info => {
        const identity = readProcessIdentity(info.pid);
        if (!identity) {
          return;
        }
        const stray = new AdoptedProcess({
          pid: info.pid,
          identity,
          sandboxed: readCommandLine(info.pid).includes(KEEPER_ARGV0),
          logFile: '/dev/null'
        });
        this._logger.warn(
          { pid: info.pid },
          'Ending a user server left running without a record'
        );
        await this._end(stray);
      })
    );
    return strays.length;
  }

  /**
   * Stop a server: SIGTERM, SIGKILL after 5 s, and wait until it has exited. Stopping an
   * unknown or already stopped server does nothing.
   */
  async stop(server: IRunningServer): Promise<void> {
    const proc = this._byServer.get(server);
    if (proc) {
      await this._endAndRelease(proc);
      this._removeSocketDir(server.url);
      this._logger.info(
        { user: server.userName, exitCode: proc.exitCode },
        'User server stopped'
      );
    }
  }

  /**
   * Stop every server this spawner started or re-attached.
   */
  async stopAll(): Promise<void> {
    await Promise.all(
      [...this._running].map(proc => this._endAndRelease(proc))
    );
  }

  /**
   * The server's `JUPYTER_PATH`: the store's kernel folders offered to the user, at the
   * store's real path (the one the sandbox binds); none without a store.
   */
  private _jupyterPath(userName: string): string | undefined {
    const store = resolveIfExists(this._options.envStoreDir);
    if (!store) {
      return undefined;
    }
    const dirs = this._options.kernelDirsOf?.(store, userName) ?? [
      path.join(store, 'jupyter')
    ];
    return dirs.join(':');
  }

  /**
   * Where a user's server writes its output: under the data dir, which servers cannot
   * see, one file per user, emptied at each start.
   */
  private _logFile(userName: string): string {
    if (path.basename(userName) !== userName || userName.startsWith('.')) {
      throw new Error(`Not a user name: ${userName}`);
    }
    const dir = this._logDir();
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return path.join(dir, `${userName}.log`);
  }

  /** The servers' log folder, under the data dir (which servers cannot see). */
  private _logDir(): string {
    return path.join(this._options.dataDir, 'logs');
  }

  /** The folder of the servers' socket folders, under the data dir (0700). */
  private _socketsDir(): string {
    return path.join(this._options.dataDir, 'sockets');
  }

  /**
   * Make a fresh, empty socket folder for a user's server, open to its account only
   * (root, the hub, opens anything), and return the path of the socket to make there.
   * The folder's name is a short hash of the user's name: a socket path may not exceed
   * 107 bytes.
   *
   * @throws Error when the path would be too long (a data dir with a long path).
   */
  private _makeSocketDir(userName: string, account?: ISystemAccount): string {
    const root = this._socketsDir();
    const name = createHash('sha256')
      .update(userName)
      .digest('hex')
      .slice(0, 16);
    const dir = path.join(root, name);
    const socketPath = path.join(dir, 'server.sock');
    if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH_BYTES) {
      throw new Error(
        `The socket path ${socketPath} is longer than ${MAX_SOCKET_PATH_BYTES} bytes: choose a shorter dataDir`
      );
    }
    fs.mkdirSync(root, { recursive: true, mode: 0o700 });
    fs.chmodSync(root, 0o700);
    // A folder left by an earlier server of this user (its socket, gone or not).
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { mode: 0o700 });
    if (account) {
      fs.chownSync(dir, account.uid, account.gid);
    }
    return socketPath;
  }

  /** Remove a stopped server's socket folder, if it is one of this spawner's. */
  private _removeSocketDir(url: string): void {
    const socketPath = socketPathOf(url);
    if (
      socketPath &&
      path.dirname(path.dirname(socketPath)) === this._socketsDir()
    ) {
      fs.rmSync(path.dirname(socketPath), { recursive: true, force: true });
    }
  }

  /**
   * Make what bounds the user's server (cgroups, mounted home) before it starts.
   *
   * @throws SpawnError (`launch`) if that fails: a server is never started unbounded by
   * mistake.
   */
  private async _prepareLimits(
    request: ISpawnRequest,
    homeDir: string
  ): Promise<IPreparedLimits | undefined> {
    const limits = this._options.limits;
    try {
      return await limits?.prepare(request.userName, homeDir, request.account);
    } catch (error) {
      await limits?.release(request.userName).catch(() => undefined);
      throw new SpawnError(
        'Votre espace n’a pas pu être lancé. Prévenez l’administrateur.',
        'launch',
        `Limits: ${String(error)}`
      );
    }
  }

  /**
   * Once a server has ended, however it ended, free its cgroups and unmount its home.
   */
  private _releaseLimitsOnExit(proc: IServerProcess, userName: string): void {
    const limits = this._options.limits;
    if (limits) {
      this._releases.set(
        proc,
        proc.exited.then(() =>
          limits
            .release(userName)
            .catch(error =>
              this._logger.warn(
                { user: userName, error: String(error) },
                'Limits of a stopped server not released'
              )
            )
            .finally(() => this._releases.delete(proc))
        )
      );
    }
  }

  /**
   * End a server and wait until its limits are released too: a hub that stops its
   * servers and exits must leave no home mounted behind it.
   */
  private async _endAndRelease(proc: IServerProcess): Promise<void> {
    await this._end(proc);
    await this._releases.get(proc);
  }

  /** The limits being released, per server process, until that is done. */
  private readonly _releases = new Map<IServerProcess, Promise<void>>();

  /**
   * Keep a process in the running set until it exits.
   */
  private _hold(proc: IServerProcess): void {
    this._running.add(proc);
    void proc.exited.then(() => this._running.delete(proc));
  }

  /**
   * Remember a ready server, and log it if it exits without being asked to.
   */
  private _track(server: IRunningServer, proc: IServerProcess): void {
    this._byServer.set(server, proc);
    void proc.exited.then(exitCode => {
      if (!proc.ending) {
        this._logger.warn(
          { user: server.userName, exitCode, details: proc.output },
          'User server exited on its own'
        );
      }
    });
  }

  /**
   * End a process: gracefully in its sandbox first, by force after the grace period.
   */
  private async _end(proc: IServerProcess): Promise<void> {
    await proc.end(GRACE_MS);
  }

  private readonly _options: ILocalProcessSpawnerOptions;
  private readonly _logger: ISpawnerLogger;
  private readonly _running = new Set<IServerProcess>();
  private readonly _byServer = new WeakMap<IRunningServer, IServerProcess>();
}
