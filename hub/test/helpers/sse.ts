import type { Browser } from '../hubHarness';

/** A news event as the stream sends it. */
export interface IReceivedEvent {
  /** The `id:` line. */
  lastEventId: string;
  id: number;
  kind: string;
  at: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

/**
 * A real server-sent events client over HTTP (fetch, the browser's cookies): it
 * parses `id:` / `data:` lines as EventSource does and keeps what it received.
 */
export class SseClient {
  private constructor(
    readonly response: Response,
    private readonly _abort: AbortController
  ) {
    void this._read();
  }

  /**
   * Open `/hub/api/v1/events` as `browser`; answers once the headers are in (a refusal
   * is the response, not thrown).
   */
  static async open(
    browser: Browser,
    options: { lastEventId?: string; query?: string } = {}
  ): Promise<SseClient> {
    const abort = new AbortController();
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (browser.cookies.size) {
      headers.cookie = [...browser.cookies]
        .map(([k, v]) => `${k}=${v}`)
        .join('; ');
    }
    if (options.lastEventId !== undefined) {
      headers['last-event-id'] = options.lastEventId;
    }
    const response = await fetch(
      `${browser.baseUrl}/hub/api/v1/events${options.query ?? ''}`,
      { headers, signal: abort.signal }
    );
    return new SseClient(response, abort);
  }

  readonly events: IReceivedEvent[] = [];
  /** Comment lines received (heartbeats). */
  comments = 0;
  /** Whether the server ended the stream. */
  ended = false;

  /** The first event received (now or later) that `test` accepts. */
  waitFor(
    test: (event: IReceivedEvent) => boolean,
    timeoutMs = 5000
  ): Promise<IReceivedEvent> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        const found = this.events.find(test);
        if (found) {
          resolve(found);
        } else if (Date.now() - started > timeoutMs) {
          reject(new Error(`no such event; received ${this.kinds()}`));
        } else {
          setTimeout(check, 10);
        }
      };
      check();
    });
  }

  /** Resolves once the server has ended the stream. */
  async untilEnded(timeoutMs = 5000): Promise<void> {
    const started = Date.now();
    while (!this.ended) {
      if (Date.now() - started > timeoutMs) {
        throw new Error('the stream did not end');
      }
      await new Promise(resolve => setTimeout(resolve, 10));
    }
  }

  kinds(): string[] {
    return this.events.map(event => event.kind);
  }

  close(): void {
    this._abort.abort();
  }

  private async _read(): Promise<void> {
    if (!this.response.body || this.response.status !== 200) {
      this.ended = true;
      return;
    }
    const decoder = new TextDecoder();
    let pending = '';
    try {
      for await (const chunk of this.response.body) {
        pending += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = pending.indexOf('\n\n')) >= 0) {
          this._block(pending.slice(0, end));
          pending = pending.slice(end + 2);
        }
      }
    } catch {
      // Aborted by close().
    }
    this.ended = true;
  }

  private _block(block: string): void {
    let id = '';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        this.comments++;
      } else if (line.startsWith('id: ')) {
        id = line.slice(4);
      } else if (line.startsWith('data: ')) {
        data.push(line.slice(6));
      }
    }
    if (data.length) {
      this.events.push({ lastEventId: id, ...JSON.parse(data.join('\n')) });
    }
  }
}
