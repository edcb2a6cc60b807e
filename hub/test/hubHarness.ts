import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import pino from 'pino';

import { loadConfig } from '../src/config/load';
import { IHub, IHubOverrides, startHub } from '../src/main';

/**
 * A real hub on loopback with a real SQLite file in a temporary data folder.
 */
export async function startTestHub(
  env: Record<string, string> = {},
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-hub-')),
  overrides: IHubOverrides = {}
): Promise<IHub & { dataDir: string }> {
  const config = loadConfig({
    CANDYCE_PORT: '0',
    CANDYCE_DATA_DIR: dataDir,
    // The repository's Candyce environment, made by ./candyce's set-up.
    CANDYCE_VENV_DIR: path.resolve(__dirname, '..', '..', '.venv'),
    ...env
  });
  const hub = await startHub(config, pino({ level: 'silent' }), overrides);
  return Object.assign(hub, { dataDir });
}

/**
 * A browser-like client: keeps cookies, does not follow redirects.
 */
export class Browser {
  constructor(readonly baseUrl: string) {}

  cookies = new Map<string, string>();
  lastSetCookies: string[] = [];

  async request(
    method: string,
    url: string,
    options: {
      form?: Record<string, string>;
      json?: unknown;
      body?: string;
      headers?: Record<string, string>;
    } = {}
  ): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) {
      headers.cookie = [...this.cookies]
        .map(([k, v]) => `${k}=${v}`)
        .join('; ');
    }
    let body: string | undefined = options.body;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const response = await fetch(this.baseUrl + url, {
      method,
      headers,
      body,
      redirect: 'manual'
    });
    this.lastSetCookies = response.headers.getSetCookie();
    for (const cookie of this.lastSetCookies) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (!value || /Expires=Thu, 01 Jan 1970/i.test(cookie)) {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
    return response;
  }

  get(url: string): Promise<Response> {
    return this.request('GET', url);
  }

  /** The value of the login form's hidden anti-CSRF field. */
  async loginToken(): Promise<string> {
    const html = await (await this.get('/hub/login')).text();
    const match = html.match(/name="_xsrf" value="([^"]+)"/);
    if (!match) {
      throw new Error('no _xsrf field on the login page');
    }
    return match[1];
  }

  async login(username: string, password: string): Promise<Response> {
    const token = await this.loginToken();
    return this.request('POST', '/hub/login', {
      form: { _xsrf: token, username, password, next: '/hub/home' }
    });
  }
}

/**
 * A response's JSON body, loosely typed for assertions.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function readJson(response: Response): Promise<any> {
  return response.json();
}
