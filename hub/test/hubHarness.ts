import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import pino, { Logger } from 'pino';

import { loadConfig } from '../src/config/load';
import { IHub, IHubOverrides, startHub } from '../src/main';
import { IUser } from '../src/users/service';

/**
 * A real hub on loopback with a real SQLite file in a temporary data folder (its logs
 * silenced, unless a logger is given).
 */
export async function startTestHub(
  env: Record<string, string> = {},
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-hub-')),
  overrides: IHubOverrides = {},
  log: Logger = pino({ level: 'silent' })
): Promise<IHub & { dataDir: string }> {
  const config = loadConfig({
    CANDYCE_PORT: '0',
    CANDYCE_DATA_DIR: dataDir,
    // The repository's Candyce environment, made by ./candyce's set-up.
    CANDYCE_VENV_DIR: path.resolve(__dirname, '..', '..', '.venv'),
    // A home image stays mounted while its server runs, which may outlive a test's hub
    // and its deleted folder: limits.spec.ts tries them, and undoes them.
    CANDYCE_USER_HOME_QUOTA_MB: '0',
    ...env
  });
  const hub = await startHub(config, log, overrides);
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
      body?: string | Uint8Array;
      headers?: Record<string, string>;
    } = {}
  ): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) {
      headers.cookie = [...this.cookies]
        .map(([k, v]) => `${k}=${v}`)
        .join('; ');
    }
    let body: string | Uint8Array | undefined = options.body;
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

  /** The value of a page's hidden anti-CSRF field (the login page's by default). */
  async loginToken(url = '/hub/login'): Promise<string> {
    return xsrfIn(await (await this.get(url)).text());
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

/**
 * The value of the first hidden anti-CSRF field `_xsrf` of a page.
 */
export function xsrfIn(html: string): string {
  const match = html.match(/name="_xsrf" value="([^"]+)"/);
  if (!match) {
    throw new Error('no _xsrf field on the page');
  }
  return match[1];
}

/**
 * The password the tests give a user.
 */
export function passwordOf(name: string): string {
  return `mot-de-passe-${name}`;
}

/**
 * Create users with their test password ({@link passwordOf}) and the display name
 * `Compte <name>` unless given: `{ ada: 'learner', marie: ['teacher', 'author'] }`.
 */
export async function addUsers(
  hub: Pick<IHub, 'users'>,
  users: Record<string, string | string[]>,
  displayNames: Record<string, string> = {}
): Promise<Record<string, IUser>> {
  const created: Record<string, IUser> = {};
  for (const [name, roles] of Object.entries(users)) {
    created[name] = await hub.users.create({
      name,
      displayName: displayNames[name] ?? `Compte ${name}`,
      roles: typeof roles === 'string' ? [roles] : roles,
      password: passwordOf(name)
    });
  }
  return created;
}

/**
 * A user signed in with the password form in a browser of their own, with what their
 * pages and API calls need.
 */
export interface ISignedIn {
  browser: Browser;
  /** The session's anti-CSRF token (header of API calls, `_xsrf` of forms). */
  xsrf: string;
  /** An API call under /hub/api/v1 with the anti-CSRF header and a JSON body. */
  call(method: string, url: string, json?: unknown): Promise<Response>;
  /** The same with a raw body sent as JSON (malformed JSON…). */
  raw(method: string, url: string, body: string): Promise<Response>;
  /** A page form sent with the session's `_xsrf` (unless the fields give one). */
  form(
    url: string,
    fields?: Record<string, string | string[]>
  ): Promise<Response>;
}

/**
 * Sign a user in (password {@link passwordOf} unless given) in a fresh browser.
 *
 * @throws when the login does not answer its redirect.
 */
export async function signIn(
  hub: Pick<IHub, 'url'>,
  name: string,
  password = passwordOf(name)
): Promise<ISignedIn> {
  const api = '/hub/api/v1';
  const browser = new Browser(hub.url);
  const login = await browser.login(name, password);
  if (login.status !== 303) {
    throw new Error(`login of ${name} answered ${login.status}`);
  }
  const { xsrfToken } = await readJson(await browser.get(`${api}/me`));
  return {
    browser,
    xsrf: xsrfToken,
    call: (method, url, json) =>
      browser.request(method, api + url, {
        json,
        headers: { 'X-Candyce-XSRF': xsrfToken }
      }),
    raw: (method, url, body) =>
      browser.request(method, api + url, {
        body,
        headers: {
          'X-Candyce-XSRF': xsrfToken,
          'content-type': 'application/json'
        }
      }),
    form: (url, fields = {}) => {
      const body = new URLSearchParams({ _xsrf: xsrfToken });
      for (const [key, value] of Object.entries(fields)) {
        body.delete(key);
        for (const item of typeof value === 'string' ? [value] : value) {
          body.append(key, item);
        }
      }
      return browser.request('POST', url, {
        body: body.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' }
      });
    }
  };
}
