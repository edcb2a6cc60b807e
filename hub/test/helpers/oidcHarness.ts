import { ChildProcess, spawn } from 'child_process';
import { generateKeyPairSync, KeyObject, sign } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';

/**
 * A real oidc-provider (child process, see oidcProvider.mjs) behind a loopback reverse
 * proxy that the test controls. The provider's issuer is the proxy's URL, so the hub and
 * the browser both go through it; the proxy passes everything through, except that it can
 * rewrite the `id_token` of the token endpoint's answer.
 */
export class TestProvider {
  /** The issuer URL (the proxy). */
  url = '';
  /** Applied to the ID token the token endpoint returns, when set. */
  rewriteIdToken: ((idToken: string) => string) | null = null;

  private _proxy: http.Server | null = null;
  private _child: ChildProcess | null = null;
  private _target = 0;
  private readonly _key: KeyObject;
  readonly kid = 'candyce-test';

  constructor() {
    this._key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }

  /** Start the proxy (the issuer URL is known from then on). */
  async listen(): Promise<void> {
    this._proxy = http.createServer((request, response) =>
      this._forward(request, response)
    );
    await new Promise<void>(resolve =>
      this._proxy!.listen(0, '127.0.0.1', resolve)
    );
    this.url = `http://127.0.0.1:${(this._proxy.address() as AddressInfo).port}`;
  }

  /** Start the provider with one client and some accounts. */
  async start(
    client: Record<string, unknown>,
    accounts: Record<string, Record<string, unknown>>
  ): Promise<void> {
    this._accounts = { ...accounts };
    this._accountsFile = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-oidc-accounts-')),
      'accounts.json'
    );
    this._writeAccounts();
    const jwk = {
      ...this._key.export({ format: 'jwk' }),
      kid: this.kid,
      alg: 'RS256',
      use: 'sig'
    };
    const child = spawn(
      process.execPath,
      [path.join(__dirname, 'oidcProvider.mjs')],
      {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          OIDC_ISSUER: this.url,
          OIDC_CLIENT: JSON.stringify(client),
          OIDC_JWK: JSON.stringify(jwk),
          OIDC_ACCOUNTS_FILE: this._accountsFile
        },
        stdio: ['ignore', 'pipe', 'pipe']
      }
    );
    this._child = child;
    let errors = '';
    child.stderr!.on('data', chunk => (errors += chunk));
    this._target = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', chunk => {
        out += chunk;
        const match = out.match(/listening (\d+)/);
        if (match) {
          resolve(Number(match[1]));
        }
      });
      child.once('exit', code =>
        reject(new Error(`oidc-provider exited (${code}): ${errors}`))
      );
    });
  }

  /**
   * An ID token with changed claims, signed again with the provider's own key: the
   * signature is valid, only the claims are wrong.
   */
  resign(
    idToken: string,
    change: (payload: Record<string, unknown>) => void
  ): string {
    const [header, payload] = idToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    change(claims);
    const body = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    const signature = sign('sha256', Buffer.from(body), this._key).toString(
      'base64url'
    );
    return `${body}.${signature}`;
  }

  /**
   * Give an account these claims from its next login on (as when a pupil becomes a
   * teacher at the provider).
   */
  setAccount(id: string, claims: Record<string, unknown>): void {
    this._accounts[id] = claims;
    this._writeAccounts();
  }

  async close(): Promise<void> {
    this._child?.kill('SIGTERM');
    if (this._accountsFile) {
      fs.rmSync(path.dirname(this._accountsFile), {
        recursive: true,
        force: true
      });
    }
    await new Promise<void>(resolve => {
      if (!this._proxy) {
        return resolve();
      }
      this._proxy.close(() => resolve());
      this._proxy.closeAllConnections();
    });
  }

  private _writeAccounts(): void {
    // Written aside then renamed: the provider never reads half a file.
    fs.writeFileSync(
      `${this._accountsFile}.new`,
      JSON.stringify(this._accounts)
    );
    fs.renameSync(`${this._accountsFile}.new`, this._accountsFile);
  }

  private _accounts: Record<string, Record<string, unknown>> = {};
  private _accountsFile = '';

  private _forward(
    request: http.IncomingMessage,
    response: http.ServerResponse
  ): void {
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: this._target,
        method: request.method,
        path: request.url,
        headers: request.headers
      },
      answer => {
        const rewrite = this.rewriteIdToken;
        if (!rewrite || !request.url?.startsWith('/token')) {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', chunk => chunks.push(chunk));
        answer.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString());
          if (body.id_token) {
            body.id_token = rewrite(body.id_token);
          }
          const text = JSON.stringify(body);
          const headers = {
            ...answer.headers,
            'content-length': String(Buffer.byteLength(text))
          };
          response.writeHead(answer.statusCode ?? 502, headers);
          response.end(text);
        });
      }
    );
    upstream.on('error', () => {
      response.statusCode = 502;
      response.end();
    });
    request.pipe(upstream);
  }
}

/**
 * A browser across origins: one cookie jar per origin (host and port), redirects
 * followed by hand so that each step can be inspected.
 */
export class WebClient {
  private readonly _jars = new Map<string, Map<string, string>>();

  async request(
    url: string,
    options: {
      method?: string;
      form?: Record<string, string>;
      headers?: Record<string, string>;
    } = {}
  ): Promise<Response> {
    const { origin } = new URL(url);
    const jar = this._jars.get(origin) ?? new Map<string, string>();
    this._jars.set(origin, jar);
    const headers: Record<string, string> = { ...options.headers };
    if (jar.size) {
      headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    let body: string | undefined;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    const response = await fetch(url, {
      method: options.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual'
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
      if (!value || /Expires=Thu, 01 Jan 1970/i.test(cookie)) {
        jar.delete(name);
      } else {
        jar.set(name, value);
      }
    }
    return response;
  }

  /** The cookies this client holds for an origin. */
  cookies(origin: string): Map<string, string> {
    return this._jars.get(origin) ?? new Map();
  }

  /**
   * Start a login at the hub and go through the provider's pages (login form, consent)
   * until the provider sends the browser back to the hub's callback, which is returned
   * without being requested. `abort` cancels at the provider's login form instead.
   */
  async toCallback(
    hubUrl: string,
    start: string,
    account: string,
    options: { abort?: boolean } = {}
  ): Promise<URL> {
    let url = new URL(start, hubUrl);
    for (let step = 0; step < 20; step++) {
      if (url.origin === hubUrl && url.pathname.endsWith('/callback')) {
        return url;
      }
      const response = await this.request(url.href);
      if (response.status >= 300 && response.status < 400) {
        url = new URL(response.headers.get('location')!, url);
        continue;
      }
      const html = await response.text();
      const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1];
      const prompt = html.match(/name="prompt" value="(\w+)"/)?.[1];
      if (response.status !== 200 || !action || !prompt) {
        throw new Error(`unexpected page ${url.pathname} (${response.status})`);
      }
      const target = new URL(action, url);
      if (options.abort) {
        url = new URL(`${target.pathname}/abort`, url);
        continue;
      }
      const form: Record<string, string> =
        prompt === 'login'
          ? { prompt, login: account, password: 'peu-importe' }
          : { prompt };
      const answer = await this.request(target.href, { form });
      url = new URL(answer.headers.get('location')!, target);
    }
    throw new Error('too many steps before the callback');
  }
}
