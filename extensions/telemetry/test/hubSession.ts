import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { HubProcess } from '../../../hub/test/helpers/hubProcess';

/**
 * A real hub for the emitter's tests: `hub/src/cli.ts serve` in a child process with a
 * fresh SQLite file and the demo accounts, and signed-in sessions over HTTP.
 */
export async function startDemoHub(): Promise<{
  hub: HubProcess;
  logins: { name: string; password: string; role: string }[];
  dataDir: string;
}> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-telemetry-'));
  const hub = await HubProcess.start({
    CANDYCE_PORT: '0',
    CANDYCE_DATA_DIR: dataDir,
    CANDYCE_DEMO: 'true',
    CANDYCE_VENV_DIR: path.resolve(__dirname, '..', '..', '..', '.venv')
  });
  const logins = JSON.parse(
    fs.readFileSync(path.join(dataDir, 'demo-logins.json'), 'utf8')
  );
  return { hub, logins, dataDir };
}

/** A user signed in with the login form; calls with its cookies and anti-CSRF token. */
export class HubSession {
  private constructor(readonly url: string) {}

  static async signIn(
    url: string,
    name: string,
    password: string
  ): Promise<HubSession> {
    const session = new HubSession(url);
    const page = await (await session.request('GET', '/hub/login')).text();
    const xsrf = page.match(/name="_xsrf" value="([^"]+)"/)![1];
    const login = await session.request('POST', '/hub/login', {
      form: { _xsrf: xsrf, username: name, password, next: '/hub/home' }
    });
    if (login.status !== 303) {
      throw new Error(`login of ${name} answered ${login.status}`);
    }
    const me = await (await session.request('GET', '/hub/api/v1/me')).json();
    session.xsrf = me.xsrfToken;
    return session;
  }

  xsrf = '';

  /** A JSON call with the session's anti-CSRF header, from the hub's own origin. */
  async call(method: string, url: string, json?: unknown): Promise<Response> {
    return this.request(method, url, {
      body: json === undefined ? undefined : JSON.stringify(json),
      headers: {
        'Content-Type': 'application/json',
        'X-Candyce-XSRF': this.xsrf,
        Origin: this.url
      }
    });
  }

  async request(
    method: string,
    url: string,
    options: {
      form?: Record<string, string>;
      body?: string;
      headers?: Record<string, string>;
    } = {}
  ): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this._cookies.size) {
      headers.cookie = [...this._cookies]
        .map(([k, v]) => `${k}=${v}`)
        .join('; ');
    }
    let body = options.body;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    const response = await fetch(this.url + url, {
      method,
      headers,
      body,
      redirect: 'manual'
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      this._cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  }

  private _cookies = new Map<string, string>();
}
