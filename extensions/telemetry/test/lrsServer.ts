import * as http from 'http';
import type { AddressInfo } from 'net';

/**
 * A small HTTP server standing for an LRS whose answers a test chooses: it records
 * every request (headers and JSON body) and answers with the next planned status
 * (200 with the ids once the plan is used up), or drops the connection (`'drop'`).
 */
export class ScriptedLrs {
  requests: {
    headers: http.IncomingHttpHeaders;
    body: { id: string; [key: string]: unknown }[];
  }[] = [];
  plan: (number | 'drop')[] = [];
  /** The error code of planned refusals. */
  failWith = 'planned';

  static async start(): Promise<ScriptedLrs> {
    const lrs = new ScriptedLrs();
    await new Promise<void>(resolve =>
      lrs._server.listen(0, '127.0.0.1', resolve)
    );
    return lrs;
  }

  get endpoint(): string {
    const { port } = this._server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/xapi/`;
  }

  /** Every statement received, in order (repeats included). */
  get received(): { id: string; [key: string]: unknown }[] {
    return this.requests.flatMap(r => r.body);
  }

  close(): Promise<void> {
    this._server.closeAllConnections();
    return new Promise(resolve => this._server.close(() => resolve()));
  }

  private _server = http.createServer((request, response) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', chunk => (text += chunk));
    request.on('end', () => {
      const body = JSON.parse(text);
      this.requests.push({ headers: request.headers, body });
      const next = this.plan.shift() ?? 200;
      if (next === 'drop') {
        request.socket.destroy();
        return;
      }
      response.writeHead(next, { 'Content-Type': 'application/json' });
      response.end(
        next === 200
          ? JSON.stringify(body.map((s: { id: string }) => s.id))
          : JSON.stringify({
              error: { code: this.failWith, message: 'planned' }
            })
      );
    });
  });
}
