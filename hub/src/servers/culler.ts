import { ServerRegistry } from './registry';

/**
 * Options of the idle culler.
 */
export interface ICullerOptions {
  /** Stop servers idle for longer than this (minutes; 0: never). */
  idleMinutes: number;
  /** How often to look (seconds; 0: never). */
  intervalSeconds: number;
}

/**
 * Stops users' servers that nobody used for a while: every `intervalSeconds`, asks the
 * registry to stop those idle for more than `idleMinutes` (a server with an open
 * WebSocket is never idle).
 */
export class IdleCuller {
  constructor(
    private readonly _registry: ServerRegistry,
    private readonly _options: ICullerOptions,
    private readonly _log: {
      info: (object: unknown, message: string) => void;
      warn: (object: unknown, message: string) => void;
    }
  ) {}

  /** Whether the configuration turns culling on. */
  get enabled(): boolean {
    return this._options.idleMinutes > 0 && this._options.intervalSeconds > 0;
  }

  /**
   * Look once: stop the idle servers.
   *
   * @returns the ids of the users whose servers were stopped.
   */
  async cullOnce(): Promise<string[]> {
    if (this._options.idleMinutes <= 0) {
      return [];
    }
    const culled = await this._registry.cullIdle(
      this._options.idleMinutes * 60_000
    );
    if (culled.length) {
      this._log.info({ users: culled }, 'stopped idle user servers');
    }
    return culled;
  }

  /** Look every `intervalSeconds` until {@link stop}. */
  start(): void {
    if (!this.enabled || this._timer) {
      return;
    }
    this._timer = setInterval(() => {
      if (this._running) {
        return;
      }
      this._running = this.cullOnce()
        .catch(error =>
          this._log.warn(
            { err: error instanceof Error ? error.message : String(error) },
            'idle culling failed'
          )
        )
        .then(() => {
          this._running = null;
        });
    }, this._options.intervalSeconds * 1000);
    this._timer.unref();
  }

  /** Stop looking; waits for a round under way. */
  async stop(): Promise<void> {
    if (this._timer) {
      clearInterval(this._timer);
      this._timer = null;
    }
    await this._running;
  }

  private _timer: NodeJS.Timeout | null = null;
  private _running: Promise<void> | null = null;
}
