import * as fs from 'fs';
import { Kysely, Selectable } from 'kysely';
import * as path from 'path';

import { IDatabase, IServersTable } from '../db/schema';
import { DomainError, frenchText, trans } from '../errors';
import { IdentityKey } from '../identity/keys';
import { SpawnError } from '../spawner/errors';
import { IRunningServer, ISpawner } from '../spawner/types';
import { IUser } from '../users/service';
import { ServerAccounts } from './accounts';
import { giveHomeTo } from './homeOwner';
import { probeServer, ServerProbe } from './probe';
import {
  IReattachOutcome,
  IServerHandle,
  IServerSummary,
  ServerState
} from './types';

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
  /**
   * How {@link ServerRegistry.reattach} checks a server answers (default: over HTTP,
   * signed with `identityKey`; without it, no recorded server is taken back).
   */
  probe?: ServerProbe;
  /** The hub's identity key, which the default probe signs with. */
  identityKey?: IdentityKey;
  /**
   * The uid each user's server runs as (`sandboxUids`, when the hub runs as root);
   * absent: servers run as the hub's user.
   */
  accounts?: ServerAccounts;
}

/**
 * The users' servers: starts each at most once at a time, remembers them in the
 * database from the moment their process exists, and re-attaches to those still running
 * after a hub restart (servers outlive the hub: see `stopServersOnExit`).
 */
export class ServerRegistry {
  constructor(
    private readonly _db: Kysely<IDatabase>,
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
   * @throws {DomainError} 503 when too many servers run, or when the start fails.
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
        new DomainError(
          'capacity',
          trans.__('The platform is full for now: try again in a few minutes.')
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
   * @throws {DomainError} 503 when too many servers run.
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
   * After the proxy could not reach a server: whether it has exited on its own (a
   * crash, the kernel's out-of-memory killer, `jupyter lab` stopped from a terminal).
   * An exited server is forgotten at once, so that the next request starts it again
   * instead of failing until the culler notices.
   *
   * @param handle - the server the proxy tried: if the user's server changed meanwhile
   *   (restarted), nothing is forgotten.
   */
  async forgetIfExited(
    userId: string,
    handle: IServerHandle
  ): Promise<boolean> {
    const isCurrent = () => {
      const state = this._states.get(userId);
      return state?.kind === 'running' && state.handle === handle;
    };
    if (
      !isCurrent() ||
      (await this._spawner.poll(handle.server)) === 'running'
    ) {
      return false;
    }
    if (isCurrent()) {
      this._states.set(userId, { kind: 'stopped' });
      this._activity.delete(userId);
      await this._db
        .deleteFrom('servers')
        .where('user_id', '=', userId)
        .execute();
    }
    return true;
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
   * At hub start: take back the recorded servers that still run and answer, forget the
   * others. A server is taken back when the spawner recognises its process (the same
   * process, not a reused pid) and its API answers a request signed with the hub's key;
   * one that runs but does not answer is stopped. Idleness goes on from the recorded
   * last activity. Then the spawner ends the servers earlier hubs left without a record
   * (`strays`).
   *
   * @param findUser - the user of a record (null if deleted meanwhile).
   */
  async reattach(
    findUser: (userId: string) => Promise<IUser | null>
  ): Promise<{ servers: IReattachOutcome[]; strays: number }> {
    const rows = await this._db.selectFrom('servers').selectAll().execute();
    // All at once: a hung server makes its probe wait, not the others'.
    const servers = await Promise.all(
      rows.map(async row => {
        const outcome = await this._reattachOne(row, findUser);
        if (outcome !== 'attached') {
          await this._db
            .deleteFrom('servers')
            .where('user_id', '=', row.user_id)
            .execute();
        }
        return { userId: row.user_id, outcome };
      })
    );
    const kept = [...this._states.values()].flatMap(state =>
      state.kind === 'running' ? [state.handle.server] : []
    );
    // Servers whose record was lost would otherwise run for ever, unseen.
    const strays = await this._spawner.endStrays(kept);
    return { servers, strays };
  }

  /**
   * Stop every server: at hub shutdown when `stopServersOnExit` is set, and in tests.
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
    const baseUrl = `/user/${user.name}/`;
    this._states.set(user.id, {
      kind: 'starting',
      progress: { percent: 0, message: 'Préparation de votre espace…' }
    });
    // Recorded as soon as its process exists: a hub that dies during the start leaves a
    // record, which the next hub checks (and stops the server if it never answers).
    let launched: Promise<void> = Promise.resolve();
    let server: IRunningServer | null = null;
    try {
      const account = await this._options.accounts?.of(user.id);
      if (account) {
        await giveHomeTo(homeDir, account);
      }
      server = await this._spawner.start(
        { userName: user.name, homeDir, baseUrl, account },
        progress => this._states.set(user.id, { kind: 'starting', progress }),
        atLaunch => {
          launched = this._record(user.id, atLaunch, baseUrl).catch(
            () => undefined
          );
        }
      );
      await launched;
      await this._record(user.id, server, baseUrl);
      const handle = { server };
      this._states.set(user.id, { kind: 'running', handle });
      this._activity.set(user.id, {
        at: this._now().getTime(),
        writtenAt: this._now().getTime()
      });
      return handle;
    } catch (error) {
      if (server) {
        // Started but not recorded: a server nobody could find again must not run.
        await this._spawner.stop(server).catch(() => undefined);
      }
      await launched;
      await this._db
        .deleteFrom('servers')
        .where('user_id', '=', user.id)
        .execute()
        .catch(() => undefined);
      // A spawner's own errors are French sentences for the user (told as they are);
      // others (the database) are not.
      const reason =
        error instanceof SpawnError
          ? trans.__('%1', error.message)
          : trans.__('Your workspace could not start.');
      this._states.set(user.id, {
        kind: 'failed',
        message: frenchText(reason)
      });
      throw new DomainError('spawn_failed', reason);
    }
  }

  /**
   * Write what a later hub needs to find a server again (insert or replace).
   */
  private async _record(
    userId: string,
    server: IRunningServer,
    baseUrl: string
  ): Promise<void> {
    const now = this._now().toISOString();
    const values = {
      url: server.url,
      pid: server.pid,
      base_url: baseUrl,
      spawner_state: JSON.stringify(server.state),
      started_at: now,
      last_activity_at: now
    };
    await this._db
      .insertInto('servers')
      .values({ user_id: userId, ...values })
      .onConflict(oc => oc.column('user_id').doUpdateSet(values))
      .execute();
  }

  /**
   * Take back one recorded server, or say why not (the caller forgets the record).
   */
  private async _reattachOne(
    row: Selectable<IServersTable>,
    findUser: (userId: string) => Promise<IUser | null>
  ): Promise<IReattachOutcome['outcome']> {
    const user = await findUser(row.user_id);
    const state = Private.parseState(row.spawner_state);
    if (!user || !state || !row.base_url) {
      // Records from before migration 0006 name servers that died with their hub.
      return 'gone';
    }
    const server: IRunningServer = {
      userName: user.name,
      url: row.url,
      pid: Number(row.pid),
      startedAt: Date.parse(row.started_at),
      state
    };
    if ((await this._spawner.reattach(server)) !== 'running') {
      return 'gone';
    }
    const handle = { server };
    const { identityKey } = this._options;
    const probe: ServerProbe =
      this._options.probe ??
      (identityKey
        ? (...args) => probeServer(identityKey, ...args)
        : async () => false);
    if (!(await probe(handle, row.base_url, user))) {
      // Ours, but hung or no longer the server we started: end it rather than orphan it.
      await this._spawner.stop(server);
      return 'stopped';
    }
    this._states.set(row.user_id, { kind: 'running', handle });
    const lastActivity = Date.parse(row.last_activity_at);
    this._activity.set(row.user_id, {
      at: Number.isNaN(lastActivity) ? server.startedAt : lastActivity,
      writtenAt: 0
    });
    return 'attached';
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

namespace Private {
  /**
   * A recorded spawner state, or `null` if it is missing or not a flat JSON object.
   */
  export function parseState(
    text: string | null
  ): IRunningServer['state'] | null {
    if (text === null) {
      return null;
    }
    try {
      const value: unknown = JSON.parse(text);
      if (
        typeof value !== 'object' ||
        value === null ||
        Array.isArray(value) ||
        !Object.values(value).every(item =>
          ['string', 'number', 'boolean'].includes(typeof item)
        )
      ) {
        return null;
      }
      return value as IRunningServer['state'];
    } catch {
      return null;
    }
  }
}
