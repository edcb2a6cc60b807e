/**
 * The local spawner: one `jupyter lab` process per user on this machine, sandboxed with
 * bubblewrap.
 */
import * as fs from 'fs';
import * as path from 'path';

import { SpawnError } from './errors';
import { ManagedProcess } from './managed';
import { findFreePort } from './ports';
import { waitUntilReady } from './readiness';
import { buildSandboxArgv } from './sandbox';
import { buildServerArgv, buildServerEnv, normalizeBaseUrl } from './server';
import {
  IRunningServer,
  ISpawner,
  ISpawnProgress,
  ISpawnRequest
} from './types';

/**
 * Where the spawner writes what happens; a pino logger fits.
 */
export interface ISpawnerLogger {
  /** Normal events: a server starts, is ready, stops. */
  info(fields: object, message?: string): void;
  /** Something went wrong for one user. */
  warn(fields: object, message?: string): void;
  /** Something went wrong for the platform. */
  error(fields: object, message?: string): void;
}

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
  /** The read-only environments store; skipped while it does not exist. */
  readonly envStoreDir: string;
  /**
   * `bubblewrap` isolates each server (the default to use); `none` runs servers as plain
   * processes that can read everything the hub can: for development only.
   */
  readonly sandbox: 'bubblewrap' | 'none';
  /** How long a start may take before it is given up, in ms. Default 60000. */
  readonly startTimeoutMs?: number;
  /** Arguments added to every `jupyter lab` command (identity provider…). */
  readonly extraArgs?: readonly string[];
  /**
   * Largest address space of each process of a server (the server, each kernel), in
   * bytes, applied with `prlimit --as`. Not a limit on the user's total.
   */
  readonly memoryLimitBytes?: number;
  /** Further folders to hide from servers (e.g. the hub's configuration). */
  readonly hiddenDirs?: readonly string[];
  /** Where to log; nothing is logged without it. */
  readonly logger?: ISpawnerLogger;
}

/**
 * Runs each user's JupyterLab as a local process on a free loopback port.
 *
 * The process group is the spawner's to end: `stop` asks the server to shut down (so that
 * it saves documents and stops its kernels), then kills what is left after a grace period.
 * With bubblewrap, servers also die with the hub (`--die-with-parent`).
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
    this._logger = options.logger ?? Private.silentLogger;
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
    onProgress?: (progress: ISpawnProgress) => void
  ): Promise<IRunningServer> {
    const homeDir = await Private.resolveHome(request.homeDir);
    const port = await findFreePort(
      new Set([...this._running].map(managed => managed.port))
    );
    const baseUrl = normalizeBaseUrl(request.baseUrl);
    const managed = new ManagedProcess({
      argv: this._commandLine(homeDir, port, baseUrl),
      env: buildServerEnv({
        venvDir: this._options.venvDir,
        homeDir,
        userName: request.userName,
        secret: request.secret,
        extraEnv: request.env
      }),
      cwd: homeDir,
      port
    });
    // Tracked from launch, so that its port stays reserved and `stopAll` reaches it.
    this._running.add(managed);
    void managed.exited.then(() => this._running.delete(managed));
    const log = { user: request.userName, port, pid: managed.pid };
    this._logger.info(log, 'User server starting');

    const timeoutMs = this._options.startTimeoutMs ?? 60000;
    const outcome = await waitUntilReady({
      url: `http://127.0.0.1:${port}${baseUrl}api`,
      timeoutMs,
      signal: managed.exitSignal,
      isUnderWay: () => managed.output !== '',
      onProgress
    });
    if (outcome !== 'ready' || managed.exitCode !== null) {
      await this._end(managed);
      const error = Private.startError(managed, outcome, timeoutMs);
      this._logger.warn(
        { ...log, failure: error.failure, details: error.details },
        'User server did not start'
      );
      throw error;
    }

    const server: IRunningServer = {
      userName: request.userName,
      url: `http://127.0.0.1:${port}`,
      pid: managed.pid,
      startedAt: Date.now()
    };
    this._track(server, managed);
    this._logger.info(log, 'User server ready');
    return server;
  }

  /**
   * `'running'`, the exit code of a server this spawner started, or `null` for a server
   * it does not know (e.g. started before the hub restarted).
   */
  async poll(server: IRunningServer): Promise<'running' | number | null> {
    const managed = this._byServer.get(server);
    if (!managed) {
      return null;
    }
    return managed.exitCode ?? 'running';
  }

  /**
   * Stop a server: SIGTERM, SIGKILL after 5 s, and wait until it has exited. Stopping an
   * unknown or already stopped server does nothing.
   */
  async stop(server: IRunningServer): Promise<void> {
    const managed = this._byServer.get(server);
    if (managed) {
      await this._end(managed);
      this._logger.info(
        { user: server.userName, exitCode: managed.exitCode },
        'User server stopped'
      );
    }
  }

  /**
   * Stop every running server, e.g. when the hub shuts down.
   */
  async stopAll(): Promise<void> {
    await Promise.all([...this._running].map(managed => this._end(managed)));
  }

  /**
   * The full command line: `jupyter lab`, in its sandbox, under its memory limit.
   */
  private _commandLine(
    homeDir: string,
    port: number,
    baseUrl: string
  ): string[] {
    const { venvDir, dataDir, hiddenDirs, memoryLimitBytes } = this._options;
    let argv = buildServerArgv({
      venvDir,
      port,
      baseUrl,
      homeDir,
      extraArgs: this._options.extraArgs ?? []
    });
    if (this._options.sandbox === 'bubblewrap') {
      argv = [
        'bwrap',
        ...buildSandboxArgv(
          {
            homeDir,
            dataDir,
            venvDir,
            envStoreDir: Private.resolveIfExists(this._options.envStoreDir),
            hiddenDirs
          },
          argv
        )
      ];
    }
    if (memoryLimitBytes !== undefined) {
      // prlimit execs its command: the pid stays the one we track.
      argv = ['prlimit', `--as=${Math.floor(memoryLimitBytes)}`, '--', ...argv];
    }
    return argv;
  }

  /**
   * Remember a ready server, and log it if it exits without being asked to.
   */
  private _track(server: IRunningServer, managed: ManagedProcess): void {
    this._byServer.set(server, managed);
    void managed.exited.then(exitCode => {
      if (!managed.ending) {
        this._logger.warn(
          { user: server.userName, exitCode, details: managed.output },
          'User server exited on its own'
        );
      }
    });
  }

  /**
   * End a process: gracefully in its sandbox first, by force after the grace period.
   */
  private async _end(managed: ManagedProcess): Promise<void> {
    await managed.end(this._options.sandbox === 'bubblewrap', Private.GRACE_MS);
  }

  private readonly _options: ILocalProcessSpawnerOptions;
  private readonly _logger: ISpawnerLogger;
  private readonly _running = new Set<ManagedProcess>();
  private readonly _byServer = new WeakMap<IRunningServer, ManagedProcess>();
}

namespace Private {
  /** How long a server has to shut down before it is killed. */
  export const GRACE_MS = 5000;

  /** A logger that drops everything. */
  export const silentLogger: ISpawnerLogger = {
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined
  };

  /**
   * The real path of the home, which the hub must have created.
   */
  export async function resolveHome(homeDir: string): Promise<string> {
    try {
      return await fs.promises.realpath(path.resolve(homeDir));
    } catch (error) {
      throw new SpawnError(
        'Votre dossier personnel est introuvable, votre espace ne peut pas démarrer. Prévenez l’administrateur.',
        'launch',
        String(error)
      );
    }
  }

  /**
   * The real path of a folder, or `null` if it does not exist.
   */
  export function resolveIfExists(dir: string): string | null {
    try {
      return fs.realpathSync(dir);
    } catch {
      return null;
    }
  }

  /**
   * The error that explains to the user why their server did not start.
   */
  export function startError(
    managed: ManagedProcess,
    outcome: 'ready' | 'timeout' | 'aborted',
    timeoutMs: number
  ): SpawnError {
    if (managed.launchError) {
      return new SpawnError(
        'Votre espace n’a pas pu être lancé. Prévenez l’administrateur.',
        'launch',
        [managed.launchError.message, managed.output].join('\n').trim()
      );
    }
    if (outcome === 'timeout') {
      return new SpawnError(
        `Votre espace n’a pas démarré dans le temps imparti (${Math.round(timeoutMs / 1000)} s) et a été arrêté. Réessayez dans un instant.`,
        'timeout',
        managed.output
      );
    }
    return new SpawnError(
      `Votre espace s’est arrêté pendant son démarrage (code de sortie ${managed.exitCode}). Prévenez l’administrateur si cela se reproduit.`,
      'exited',
      managed.output
    );
  }
}
