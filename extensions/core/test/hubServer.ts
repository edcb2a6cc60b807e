import * as http from 'http';
import { AddressInfo } from 'net';

/**
 * A small real HTTP server on loopback that answers like the Candyce hub API, or
 * like a plain Jupyter server, depending on the route. It records each request.
 */
export class FakeHubServer {
  requests: {
    method: string;
    url: string;
    headers: http.IncomingHttpHeaders;
    body: string;
  }[] = [];
  /** What `GET /hub/api/v1/me` answers. */
  me: { status: number; body: unknown; type?: string } = {
    status: 200,
    body: {
      name: 'ada',
      displayName: 'Ada Lovelace',
      roles: ['teacher', 'author', 'astronaut'],
      locale: 'fr_FR',
      xsrfToken: 'xsrf-123'
    }
  };

  async start(): Promise<string> {
    this._server = http.createServer((request, response) => {
      let body = '';
      request.on('data', chunk => (body += chunk));
      request.on('end', () => {
        this.requests.push({
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body
        });
        this._answer(request, body, response);
      });
    });
    await new Promise<void>(resolve =>
      this._server!.listen(0, '127.0.0.1', resolve)
    );
    const { port } = this._server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    await new Promise(resolve => this._server?.close(resolve));
  }

  private _answer(
    request: http.IncomingMessage,
    body: string,
    response: http.ServerResponse
  ): void {
    const json = (
      status: number,
      payload: unknown,
      type = 'application/json'
    ) => {
      response.writeHead(status, { 'Content-Type': type });
      response.end(
        typeof payload === 'string' ? payload : JSON.stringify(payload)
      );
    };
    switch (request.url) {
      case '/hub/api/v1/me':
        if (request.method === 'PATCH') {
          // The user's language, as the hub stores it (`PATCH /me`).
          const { language } = JSON.parse(body) as { language: string };
          return language === 'fr' || language === 'en'
            ? json(200, { locale: language === 'fr' ? 'fr_FR' : 'en' })
            : json(400, {
                error: { code: 'invalid_request', message: 'Requête invalide' }
              });
        }
        return json(this.me.status, this.me.body, this.me.type);
      case '/hub/api/v1/echo':
        return json(200, {
          method: request.method,
          body: body ? JSON.parse(body) : null
        });
      case '/hub/api/v1/forbidden':
        return json(403, {
          error: { code: 'forbidden', message: 'Accès refusé' }
        });
      case '/hub/api/v1/bare-error':
        return json(500, { oops: true });
      case '/hub/api/v1/empty':
        response.writeHead(204);
        return void response.end();
      case '/hub/api/v1/html':
        return json(200, '<html>not json</html>', 'text/html');
      default:
        // What a plain jupyter server says for an unknown page.
        return json(
          404,
          '<html><body>404 : Not Found</body></html>',
          'text/html'
        );
    }
  }

  private _server: http.Server | null = null;
}
