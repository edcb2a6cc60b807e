/**
 * The local spawner: one `jupyter lab` process per user on this machine, sandboxed with
 * bubblewrap.
 */
import * as fs from 'fs';
import * as path from 'path';

import { launchStep, resolveHome, startError } from './launchErrors';
import { buildLocalCommand, resolveIfExists } from './localCommand';
import {
  ILocalProcessSpawnerOptions,
  ISpawnerLogger,
  silentLogger
} from './localOptions';
import { AdoptedProcess, IServerProcess, ManagedProcess } from './managed';
import { findFreePort } from './ports';
import {
  findServersLoggingIn,
  isSameProcess,
  readCommandLine,
  readProcess,
  readProcessIdentity
} from './processes';
import { fromState, portOf, toState } from './reattachState';
import { waitUntilReady } from './readiness';
import { KEEPER_ARGV0 } from './sandbox';
import { buildServerEnv, normalizeBaseUrl } from './server';
import {
  IRunningServer,
  ISpawner,
  ISpawnProgress,
  ISpawnRequest,
  ReattachOutcome
} from './types';

export type {
  ILocalProcessSpawnerOptions,
  ISpawnerLogger
} from './localOptions';

/** How long a server has to shut down before it is killed. */
const GRACE_MS = 5000;

/**
 * Runs each user's JupyterLab as a local process on a free loopback port.
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
    const port = await findFreePort(
      new Set([...this._running].map(proc => proc.port))
    );
    const baseUrl = normalizeBaseUrl(request.baseUrl);
    const logFile = launchStep(() => this._logFile(request.userName));
    const managed = new ManagedProcess({
      argv: launchStep(() =>
        buildLocalCommand(
          this._options,
          homeDir,
          port,
          baseUrl,
          request.account
        )
      ),
      env: buildServerEnv({
        venvDir: this._options.venvDir,
        homeDir,
        userName: request.userName,
        secret: request.secret,
        // The store's real path: the one the sandbox binds.
        jupyterPath:
          resolveIfExists(path.join(this._options.envStoreDir, 'jupyter')) ??
          undefined,
        extraEnv: request.env
      }),
      cwd: homeDir,
      port,
      sandboxed: this._options.sandbox === 'bubblewrap',
      logFile
    });
    // Tracked from launch, so that its port stays reserved and `stopAll` reaches it.
    this._hold(managed);
    const log = { user: request.userName, port, pid: managed.pid, logFile };
    this._logger.info(log, 'User server starting');
    const identity = readProcessIdentity(managed.pid);
    const server = (startedAt: number): IRunningServer => ({
      userName: request.userName,
      url: `http://127.0.0.1:${port}`,
      pid: managed.pid,
      startedAt,
      state: identity ? toState(identity, managed.sandboxed) : {}
    });
    if (identity) {
      onLaunched?.(server(Date.now()));
    }

    const timeoutMs = this._options.startTimeoutMs ?? 60000;
    const outcome = await waitUntilReady({
      url: `http://127.0.0.1:${port}${baseUrl}api`,
      timeoutMs,
      signal: managed.exitSignal,
      isUnderWay: () => managed.hasOutput,
      onProgress
    });
    if (outcome !== 'ready' || !managed.running) {
      await this._end(managed);
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
    const port = portOf(server.url);
    if (
      !recorded ||
      port === null ||
      readProcess(server.pid)?.pgrp !== server.pid ||
      !isSameProcess(server.pid, recorded.identity)
    ) {
      return 'gone';
    }
    const adopted = new AdoptedProcess({
      pid: server.pid,
      identity: recorded.identity,
      port,
      sandboxed: recorded.sandboxed,
      logFile: this._logFile(server.userName)
    });
    if (!adopted.running) {
      return 'gone'; // exited meanwhile
    }
    this._hold(adopted);
    this._track(server, adopted);
    this._logger.info(
      { user: server.userName, port, pid: server.pid },
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
          port: 0,
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
      await this._end(proc);
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
    await Promise.all([...this._running].map(proc => this._end(proc)));
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
