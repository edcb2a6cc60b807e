import { randomBytes } from 'crypto';
import * as fs from 'fs';
import { Kysely } from 'kysely';
import * as path from 'path';

import { Database } from '../db/schema';
import { HttpError } from '../http/errors';
import { IRunningServer, ISpawner, ISpawnProgress } from '../spawner/types';
import { IUser } from '../users/service';

/**
 * A server the hub can proxy to, with the secret that authenticates the hub to it.
 */
export interface IServerHandle {
  server: IRunningServer;
  secret: string;
}

/**
 * Where a user's server stands.
 */
export type ServerState =
  | { kind: 'stopped' }
  | { kind: 'starting'; progress: ISpawnProgress }
  | { kind: 'running'; handle: IServerHandle }
  | { kind: 'failed'; message: string };

/**
 * Limits of the registry.
 */
export interface IRegistryOptions {
  /** Folder of users' homes (`<dataDir>/homes`). */
  homesDir: string;
  /** Servers that may run at once. */
  maxServers: number;
  /** At most one write of a server's last activity per this many ms (default: a minute). */
  touchIntervalMs?: number;
}

/**
 * A running server as the admin page and the culler see it.
 */
export interface IServerSummary {
  userId: string;
  /** When it started (ms since the epoch). */
  startedAt: number;
  /** Its last proxied request or WebSocket activity (ms since the epoch). */
  lastActivityAt: number;
  /** WebSocket connections open through the proxy (kernels, collaboration). */
  openSockets: number;
}

/**
 * The users' servers: starts each at most once at a time, remembers them in the
 * database, and re-attaches to those still running after a hub restart.
 */
export class ServerRegistry {
  constructor(
    private readonly _db: Kysely<Database>,
    private readonly _spawner: ISpawner,
    private readonly _options: IRegistryOptions,
    private readonly _now: () => Date = () => new Date()
  ) {}

  /**
   * The state of a user's server.
   */
  state(user: IUser): ServerState {
    return this._states.get(user.id) ?? { kind: 'stopped' };
  }

  /**
   * The running server of a user, or null.
   */
  running(user: IUser): IServerHandle | null {
    const state = this.state(user);
    return state.kind === 'running' ? state.handle : null;
  }

  /**
   * Start the user's server unless it runs or is starting; resolves when it runs.
   *
   * @throws {HttpError} 503 when too many servers run, or when the start fails.
   */
  ensure(user: IUser): Promise<IServerHandle> {
    const state = this.state(user);
    if (state.kind === 'running') {
      return Promise.resolve(state.handle);
    }
    const pending = this._starting.get(user.id);
    if (pending) {
      return pending;
    }
    const runningCount = [...this._states.values()].filter(
      s => s.kind !== 'stopped' && s.kind !== 'failed'
    ).length;
    if (runningCount >= this._options.maxServers) {
      return Promise.reject(
        new HttpError(
          503,
          'capacity',
          'La plateforme est pleine pour le moment : réessayez dans quelques minutes.'
        )
      );
    }
    const start = this._start(user).finally(() =>
      this._starting.delete(user.id)
    );
    this._starting.set(user.id, start);
    // The caller may not wait (the progress page polls): never leave a rejection unhandled.
    start.catch(() => undefined);
    return start;
  }

  /**
   * Stop the user's server if it runs, then start it again; resolves once the start has
   * begun (the progress page follows it). A server already starting is left alone.
   *
   * @throws {HttpError} 503 when too many servers run.
   */
  async restart(user: IUser): Promise<void> {
    if (this.state(user).kind === 'starting') {
      return;
    }
    await this.stop(user);
    const start = this.ensure(user);
    if (this.state(user).kind === 'stopped') {
      // Refused at once (capacity): tell the caller.
      await start;
    }
  }

  /**
   * Record activity on a user's server (a proxied request, a WebSocket). In memory at
   * once; in the database at most once per server per `touchIntervalMs`.
   */
  touch(userId: string): void {
    if (this._states.get(userId)?.kind !== 'running') {
      return;
    }
    const now = this._now().getTime();
    const activity = this._activity.get(userId) ?? { at: now, writtenAt: 0 };
    activity.at = now;
    this._activity.set(userId, activity);
    if (now - activity.writtenAt < (this._options.touchIntervalMs ?? 60_000)) {
      return;
    }
    activity.writtenAt = now;
    void this._db
      .updateTable('servers')
      .set({ last_activity_at: new Date(now).toISOString() })
      .where('user_id', '=', userId)
      .execute()
      .catch(() => undefined);
  }

  /**
   * A WebSocket to a user's server opened through the proxy: the server counts as active
   * until it closes.
   *
   * @returns a function to call once when the socket closes.
   */
  socketOpened(userId: string): () => void {
    this._sockets.set(userId, (this._sockets.get(userId) ?? 0) + 1);
    this.touch(userId);
    let closed = false;
    return () => {
      if (closed) {
        return;
      }
      closed = true;
      const left = (this._sockets.get(userId) ?? 1) - 1;
      if (left > 0) {
        this._sockets.set(userId, left);
      } else {
        this._sockets.delete(userId);
      }
      this.touch(userId);
    };
  }

  /**
   * The running servers, oldest first.
   */
  list(): IServerSummary[] {
    const summaries: IServerSummary[] = [];
    for (const [userId, state] of this._states) {
      if (state.kind !== 'running') {
        continue;
      }
      const startedAt = state.handle.server.startedAt;
      summaries.push({
        userId,
        startedAt,
        lastActivityAt: this._activity.get(userId)?.at ?? startedAt,
        openSockets: this._sockets.get(userId) ?? 0
      });
    }
    return summaries.sort((a, b) => a.startedAt - b.startedAt);
  }

  /**
   * Stop the servers idle for longer than `maxIdleMs`. A server with an open WebSocket
   * (a kernel, a collaborative document) is never idle: it is touched instead.
   *
   * @returns the ids of the users whose servers were stopped.
   */
  async cullIdle(maxIdleMs: number): Promise<string[]> {
    const now = this._now().getTime();
    const culled: string[] = [];
    for (const server of this.list()) {
      if (server.openSockets > 0) {
        this.touch(server.userId);
      } else if (now - server.lastActivityAt > maxIdleMs) {
        culled.push(server.userId);
        await this.stop({ id: server.userId });
      }
    }
    return culled;
  }

  /**
   * Stop a user's server, if it runs.
   */
  async stop(user: Pick<IUser, 'id'>): Promise<void> {
    const handle = this._states.get(user.id);
    this._states.set(user.id, { kind: 'stopped' });
    this._activity.delete(user.id);
    await this._db
      .deleteFrom('servers')
      .where('user_id', '=', user.id)
      .execute();
    if (handle?.kind === 'running') {
      await this._spawner.stop(handle.handle.server);
    }
  }

  /**
   * After a restart: keep the servers that still run, forget the others.
   *
   * @returns how many servers were re-attached.
   */
  async reattach(): Promise<number> {
    const rows = await this._db.selectFrom('servers').selectAll().execute();
    let attached = 0;
    for (const row of rows) {
      const server: IRunningServer = {
        userName: '',
        url: row.url,
        pid: Number(row.pid),
        startedAt: Date.parse(row.started_at)
      };
      if ((await this._spawner.poll(server)) === 'running') {
        this._states.set(row.user_id, {
          kind: 'running',
          handle: { server, secret: row.secret }
        });
        const lastActivity = Date.parse(row.last_activity_at);
        this._activity.set(row.user_id, {
          at: Number.isNaN(lastActivity) ? server.startedAt : lastActivity,
          writtenAt: 0
        });
        attached += 1;
      } else {
        await this._db
          .deleteFrom('servers')
          .where('user_id', '=', row.user_id)
          .execute();
      }
    }
    return attached;
  }

  /**
   * Stop every server (hub shutdown in tests; in production servers outlive the hub).
   */
  async stopAll(): Promise<void> {
    // Starts under way finish first, so that no server outlives this call.
    await Promise.all(
      [...this._starting.values()].map(start => start.catch(() => undefined))
    );
    for (const state of this._states.values()) {
      if (state.kind === 'running') {
        await this._spawner.stop(state.handle.server);
      }
    }
    this._states.clear();
    this._activity.clear();
    await this._db.deleteFrom('servers').execute();
  }

  private async _start(user: IUser): Promise<IServerHandle> {
    const homeDir = path.join(this._options.homesDir, user.name);
    fs.mkdirSync(homeDir, { recursive: true, mode: 0o700 });
    const secret = randomBytes(32).toString('hex');
    this._states.set(user.id, {
      kind: 'starting',
      progress: { percent: 0, message: 'Préparation de votre espace…' }
    });
    try {
      const server = await this._spawner.start(
        {
          userName: user.name,
          homeDir,
          secret,
          baseUrl: `/user/${user.name}/`
        },
        progress => this._states.set(user.id, { kind: 'starting', progress })
      );
      const handle = { server, secret };
      const now = this._now().toISOString();
      await this._db
        .insertInto('servers')
        .values({
          user_id: user.id,
          url: server.url,
          pid: server.pid,
          secret,
          started_at: now,
          last_activity_at: now
        })
        .onConflict(oc =>
          oc.column('user_id').doUpdateSet({
            url: server.url,
            pid: server.pid,
            secret,
            started_at: now,
            last_activity_at: now
          })
        )
        .execute();
      this._states.set(user.id, { kind: 'running', handle });
      this._activity.set(user.id, {
        at: this._now().getTime(),
        writtenAt: this._now().getTime()
      });
      return handle;
    } catch (error) {
      const message =
        error instanceof Error
          ? error.message
          : 'Votre espace n’a pas pu démarrer.';
      this._states.set(user.id, { kind: 'failed', message });
      throw new HttpError(503, 'spawn_failed', message);
    }
  }

  private readonly _states = new Map<string, ServerState>();
  private readonly _starting = new Map<string, Promise<IServerHandle>>();
  /** Last activity per user id: when, and when it was last written to the database. */
  private readonly _activity = new Map<
    string,
    { at: number; writtenAt: number }
  >();
  /** Open WebSockets per user id. */
  private readonly _sockets = new Map<string, number>();
}
