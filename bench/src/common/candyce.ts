/**
 * A Candyce hub for the benchmarks: `node hub/lib/cli.js serve` in demo mode, in its own
 * process (so that it can be pinned to a CPU and measured), with a temporary data folder.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { IdentityKey } from '@candyce/hub/lib/identity/keys';
import { serverLabel } from '@candyce/hub/lib/origins/labels';
import { socketUrl } from '@candyce/hub/lib/spawner/address';

import {
  freePort,
  hiddenFields,
  WebClient,
  WebResponse,
  waitForHttp
} from './http';
import {
  commandLine,
  descendants,
  environment,
  Launched,
  rssBytes
} from './processes';

/**
 * The repository's root folder.
 */
export const REPO_DIR = path.resolve(__dirname, '..', '..', '..');

/**
 * The Candyce Python environment (made by `./candyce`'s set-up).
 */
export const CANDYCE_VENV = path.join(REPO_DIR, '.venv');

/**
 * A demo login of the hub.
 */
export interface ILogin {
  name: string;
  password: string;
  role: string;
}

/**
 * Where users' servers are served (the hub's `serverOrigins`): each at an origin of its
 * own, `<name>.localhost:<port>` (the default of a deployment), or under the hub's.
 */
export type OriginsMode = 'subdomain' | 'path';

/**
 * The modes a benchmark's `--origins subdomain,path` names (default: subdomain).
 *
 * @throws Error on another word.
 */
export function originsModes(argv: readonly string[]): OriginsMode[] {
  const at = argv.indexOf('--origins');
  const words = (at >= 0 ? (argv[at + 1] ?? '') : 'subdomain').split(',');
  for (const word of words) {
    if (word !== 'subdomain' && word !== 'path') {
      throw new Error(
        `--origins takes subdomain, path or subdomain,path, not "${word}"`
      );
    }
  }
  return [...new Set(words)] as OriginsMode[];
}

/**
 * A running Candyce hub.
 */
export interface ICandyceHub {
  /**
   * The hub's origin: `http://localhost:<port>` in subdomain mode (the host servers'
   * origins are made from, where its cookies belong), else `http://127.0.0.1:<port>`.
   */
  readonly url: string;
  readonly origins: OriginsMode;
  /** The origin of `name`'s server (the hub's own in path mode). */
  serverOrigin(name: string): string;
  /** The hub's Node process. */
  readonly process: Launched;
  readonly dataDir: string;
  /** `bubblewrap` or `none`. */
  readonly sandbox: string;
  /** Demo logins, by name (admin, eleve1…). */
  readonly logins: Map<string, ILogin>;
  /** Stop the hub, the servers it started, and remove its data. */
  stop(): Promise<void>;
}

/**
 * Start a hub in demo mode and wait until its login page answers.
 *
 * @param options.cpu - pin the hub (and so, at first, the servers it starts) to this CPU.
 * @param options.sandbox - `bubblewrap` (the default of a real deployment) or `none`.
 * @param options.env - more `CANDYCE_*` settings.
 */
export async function startCandyce(
  options: {
    cpu?: string;
    sandbox?: 'bubblewrap' | 'none';
    env?: Record<string, string>;
    /** Extra `node` options, e.g. `--cpu-prof` (default: `BENCH_HUB_NODE_ARGS`). */
    nodeArgs?: readonly string[];
    /**
     * A data folder the benchmark prepared, with its own accounts (no demo, no demo
     * logins); it is removed by `stop` all the same.
     */
    dataDir?: string;
    /** Its port (default: a free one). */
    port?: number;
    /** Where servers are served (default: path, as configurable-http-proxy's). */
    origins?: OriginsMode;
  } = {}
): Promise<ICandyceHub> {
  const hubCli = require.resolve('@candyce/hub/lib/cli.js');
  if (!fs.existsSync(path.join(CANDYCE_VENV, 'bin', 'jupyter'))) {
    throw new Error(
      `no ${CANDYCE_VENV}/bin/jupyter: run ./candyce start once to make the Candyce environment`
    );
  }
  const dataDir =
    options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-bench-'));
  const port = options.port ?? (await freePort());
  const sandbox = options.sandbox ?? 'bubblewrap';
  const origins = options.origins ?? 'path';
  const nodeArgs =
    options.nodeArgs ??
    (process.env.BENCH_HUB_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const hub = new Launched([process.execPath, ...nodeArgs, hubCli, 'serve'], {
    cpu: options.cpu,
    cwd: REPO_DIR,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CANDYCE_HOST: '127.0.0.1',
      CANDYCE_PORT: String(port),
      CANDYCE_DATA_DIR: dataDir,
      CANDYCE_VENV_DIR: CANDYCE_VENV,
      CANDYCE_DEMO: options.dataDir ? 'false' : 'true',
      CANDYCE_SANDBOX: sandbox,
      CANDYCE_LOG_LEVEL: 'warn',
      // The benchmarks log in again and again from one address.
      CANDYCE_LOGIN_RATE_PER_MINUTE: '100000',
      // Path: clients reach servers by path on 127.0.0.1, as configurable-http-proxy's
      // do. Subdomain: the hub is `localhost:<port>`, servers `<name>.localhost:<port>`.
      CANDYCE_SERVER_ORIGINS: origins,
      ...options.env
    }
  });
  const url =
    origins === 'subdomain'
      ? `http://localhost:${port}`
      : `http://127.0.0.1:${port}`;
  try {
    // On 127.0.0.1, which a script's call (not a navigation) may use in both modes.
    await waitForHttp(`http://127.0.0.1:${port}/hub/login`, {
      stillRunning: () => !hub.hasExited,
      timeoutMs: 30000,
      intervalMs: 50
    });
  } catch (error) {
    await hub.stop();
    throw new Error(`the hub did not start: ${error}\n${hub.output}`);
  }
  const logins = new Map<string, ILogin>();
  const demoLogins = path.join(dataDir, 'demo-logins.json');
  for (const login of fs.existsSync(demoLogins)
    ? (JSON.parse(fs.readFileSync(demoLogins, 'utf8')) as ILogin[])
    : []) {
    logins.set(login.name, login);
  }
  return {
    url,
    origins,
    serverOrigin: name =>
      origins === 'subdomain'
        ? `http://${serverLabel(name)}.localhost:${port}`
        : url,
    process: hub,
    dataDir,
    sandbox,
    logins,
    stop: async () => {
      await hub.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  };
}

/**
 * Log into the hub with the login form (its anti-CSRF field and cookie included).
 *
 * @returns a client holding the session cookie.
 */
export async function loginCandyce(
  hub: ICandyceHub,
  name: string
): Promise<WebClient> {
  const login = hub.logins.get(name);
  if (!login) {
    throw new Error(`no demo login ${name}`);
  }
  const client = new WebClient(hub.url);
  const page = await (await client.request('GET', '/hub/login')).text();
  const response = await client.request('POST', '/hub/login', {
    form: {
      ...hiddenFields(page),
      username: login.name,
      password: login.password,
      next: '/hub/home'
    }
  });
  await response.arrayBuffer();
  if (response.status !== 303 || !client.cookie('candyce-session')) {
    throw new Error(`login as ${name} failed: HTTP ${response.status}`);
  }
  return client;
}

/**
 * Open `name`'s JupyterLab as a browser does from the hub's home page: `GET
 * <hub>/user/<name>/lab` with the hub session; in subdomain mode the hub hands the
 * server's origin over (a one-time code, redeemed there for the server's cookie), then
 * the lab page sets JupyterLab's `_xsrf` cookie on that origin. The server must run.
 *
 * @returns the lab page's answer (200 once entered).
 * @throws Error when the browser does not end on the lab page.
 */
export async function enterServer(
  client: WebClient,
  hub: ICandyceHub,
  name: string
): Promise<WebResponse> {
  const lab = `${hub.serverOrigin(name)}/user/${encodeURIComponent(name)}/lab`;
  const { response, url } = await client.load(
    `${hub.url}/user/${encodeURIComponent(name)}/lab`
  );
  await response.arrayBuffer();
  if (response.status !== 200 || !url.startsWith(lab)) {
    throw new Error(
      `entering ${name}'s server: HTTP ${response.status} at ${url}`
    );
  }
  return response;
}

/**
 * Stop the caller's own server through the hub API (`DELETE
 * /hub/api/v1/users/<name>/server`), which returns once it has exited.
 */
export async function stopOwnServer(
  client: WebClient,
  name: string
): Promise<void> {
  const me = (await (await client.request('GET', '/hub/api/v1/me')).json()) as {
    xsrfToken: string;
  };
  const response = await client.request(
    'DELETE',
    `/hub/api/v1/users/${name}/server`,
    { headers: { 'x-candyce-xsrf': me.xsrfToken } }
  );
  await response.arrayBuffer();
  if (response.status !== 204 && response.status !== 409) {
    throw new Error(`stopping ${name}'s server: HTTP ${response.status}`);
  }
}

/**
 * A user server the hub started, found in the hub's process tree: the `jupyter lab`
 * process (inside its sandbox, if any) and its Unix socket (servers listen on no TCP
 * port).
 */
export interface IUserServer {
  /** The top process of the server (bwrap with a sandbox, else jupyter). */
  readonly rootPid: number;
  /** The `jupyter-lab` Python process. */
  readonly labPid: number;
  /** Its Unix socket (only root, or the server's account, may open it). */
  readonly socketPath: string;
  /** The same as a URL, `http+unix://…` (which CHP takes as a route's target). */
  readonly url: string;
}

/**
 * The hub's identity key (made at its first start in its data folder), to sign the
 * identity headers a request straight to a server needs.
 */
export function hubIdentityKey(hub: ICandyceHub): IdentityKey {
  return IdentityKey.loadOrCreate(path.join(hub.dataDir, 'secrets'));
}

/**
 * Find `name`'s server among the hub's descendants.
 *
 * @throws Error when it is not running.
 */
export function findUserServer(hub: ICandyceHub, name: string): IUserServer {
  const hubPid = hub.process.pid;
  const tree = descendants(hubPid);
  // `jupyter lab` execs `jupyter-lab`: the Python process has it as its script.
  const labPid = tree.find(
    pid =>
      environment(pid).get('CANDYCE_SERVER_USER') === name &&
      commandLine(pid)[1]?.endsWith('/jupyter-lab')
  );
  if (labPid === undefined) {
    throw new Error(`no running server for ${name} under hub ${hubPid}`);
  }
  const argv = commandLine(labPid);
  const sock = argv.find(arg => arg.startsWith('--ServerApp.sock='));
  const socketPath = sock?.slice(sock.indexOf('=') + 1) ?? '';
  // The top of its branch (bwrap with a sandbox): the hub's child it descends from.
  const rootPid =
    tree.find(pid => pid === labPid || descendants(pid).includes(labPid)) ??
    labPid;
  return {
    rootPid,
    labPid,
    socketPath,
    url: socketUrl(socketPath)
  };
}

/**
 * The hub's resident memory, in bytes.
 */
export function hubRss(hub: ICandyceHub): number {
  return rssBytes(hub.process.pid);
}
