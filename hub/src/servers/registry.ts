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
   * Stop a user's server, if it runs.
   */
  async stop(user: IUser): Promise<void> {
    const handle = this.running(user);
    this._states.set(user.id, { kind: 'stopped' });
    await this._db
      .deleteFrom('servers')
      .where('user_id', '=', user.id)
      .execute();
    if (handle) {
      await this._spawner.stop(handle.server);
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
    for (const state of this._states.values()) {
      if (state.kind === 'running') {
        await this._spawner.stop(state.handle.server);
      }
    }
    this._states.clear();
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
            started_at: now
          })
        )
        .execute();
      this._states.set(user.id, { kind: 'running', handle });
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
}
