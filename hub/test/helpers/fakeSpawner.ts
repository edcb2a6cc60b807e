import {
  IRunningServer,
  ISpawner,
  ISpawnProgress,
  ISpawnRequest,
  ReattachOutcome
} from '../../src/spawner/types';

/**
 * A FAKE spawner: starts nothing, answers at once. For tests of the hub's decisions
 * (rights, culling, pages) that do not need a real JupyterLab; proxy.spec.ts and
 * lifecycle.spec.ts keep real end-to-end checks.
 */
export class FakeSpawner implements ISpawner {
  readonly started: string[] = [];
  readonly stopped: string[] = [];

  constructor(private readonly _now: () => number = () => Date.now()) {}

  async start(
    request: ISpawnRequest,
    onProgress?: (progress: ISpawnProgress) => void,
    onLaunched?: (server: IRunningServer) => void
  ): Promise<IRunningServer> {
    this.started.push(request.userName);
    const pid = 1_000_000 + this.started.length;
    this._alive.add(pid);
    // Port 9 (discard): nothing answers, nothing is reached by these tests.
    const server = {
      userName: request.userName,
      url: 'http://127.0.0.1:9',
      pid,
      startedAt: this._now(),
      state: { fake: true }
    };
    onLaunched?.(server);
    onProgress?.({ percent: 50, message: 'Démarrage (factice)…' });
    return server;
  }

  /** A server it started, while it has not been stopped. */
  async reattach(server: IRunningServer): Promise<ReattachOutcome> {
    return this._alive.has(server.pid) ? 'running' : 'gone';
  }

  /** Its servers are only records: none can be left running. */
  async endStrays(): Promise<number> {
    return 0;
  }

  async poll(server: IRunningServer): Promise<'running' | number | null> {
    return this._alive.has(server.pid) ? 'running' : 137;
  }

  /** Make a server exit on its own, as a crash does. */
  crash(server: IRunningServer): void {
    this._alive.delete(server.pid);
  }

  async stop(server: IRunningServer): Promise<void> {
    this.stopped.push(server.userName);
    this._alive.delete(server.pid);
  }

  private readonly _alive = new Set<number>();
}
