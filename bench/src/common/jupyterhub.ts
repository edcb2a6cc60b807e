/**
 * JupyterHub for the benchmarks: a virtualenv in `bench/.venv` (made on demand, only
 * what is missing), and a hub with the LocalProcessSpawner, the DummyAuthenticator and
 * configurable-http-proxy, all on loopback in a temporary folder.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { chpCommand } from './chp';
import {
  freePort,
  hiddenFields,
  waitForHttp,
  WebClient,
  WebResponse
} from './http';
import { Launched, run } from './processes';

/**
 * The benchmarks' own Python environment: stock JupyterHub and JupyterLab.
 */
export const BENCH_VENV = path.resolve(__dirname, '..', '..', '.venv');

/**
 * What goes into it: JupyterHub 5 and the same JupyterLab as Candyce's environment.
 */
export const BENCH_REQUIREMENTS: Record<string, string> = {
  jupyterhub: '5.*',
  jupyterlab: '4.6.4',
  ipykernel: '*'
};

/**
 * Make `bench/.venv` if needed and install what it lacks (pip, from the configured
 * index). The Python that makes it is `BENCH_PYTHON`, or `python3`.
 *
 * @returns the versions installed, e.g. `{ jupyterhub: '5.3.0', … }`.
 */
export async function ensureBenchVenv(): Promise<Record<string, string>> {
  const python = path.join(BENCH_VENV, 'bin', 'python');
  if (!fs.existsSync(python)) {
    console.log(`Making ${BENCH_VENV} (once)…`);
    await run([
      process.env.BENCH_PYTHON ?? 'python3',
      '-m',
      'venv',
      BENCH_VENV
    ]);
  }
  let versions = await Private.installed(python);
  const missing = Object.entries(BENCH_REQUIREMENTS)
    .filter(([name, spec]) => !Private.satisfies(versions[name], spec))
    .map(([name, spec]) => (spec === '*' ? name : `${name}==${spec}`));
  if (missing.length) {
    console.log(`Installing ${missing.join(' ')} into ${BENCH_VENV}…`);
    await run([python, '-m', 'pip', 'install', '--quiet', ...missing]);
    versions = await Private.installed(python);
  }
  return versions;
}

/**
 * A running JupyterHub.
 */
export interface IJupyterHub {
  /** The public URL (configurable-http-proxy's). */
  readonly url: string;
  readonly process: Launched;
  /** An API token with the right to stop servers. */
  readonly apiToken: string;
  /** The folder of its database, secrets and the user's notebooks. */
  readonly dir: string;
  stop(): Promise<void>;
}

/**
 * Start JupyterHub as root: every user logs in with any password (DummyAuthenticator)
 * and is spawned as the local account of the same name (LocalProcessSpawner), so the
 * benchmarks log in as `root`, and the server runs `jupyterhub-singleuser --allow-root`
 * (JupyterLab, default URL `/lab`).
 */
export async function startJupyterHub(): Promise<IJupyterHub> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jupyterhub-bench-'));
  const home = path.join(dir, 'home');
  fs.mkdirSync(home);
  const [port, hubPort, apiPort] = [
    await freePort(),
    await freePort(),
    await freePort()
  ];
  const apiToken = randomBytes(16).toString('hex');
  const jupyterDirs = Private.jupyterDirs(home);
  const config = `
c = get_config()  # noqa
c.JupyterHub.bind_url = 'http://127.0.0.1:${port}'
c.JupyterHub.hub_bind_url = 'http://127.0.0.1:${hubPort}'
c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:${apiPort}'
c.ConfigurableHTTPProxy.command = ${JSON.stringify([process.execPath, chpCommand()])}
c.JupyterHub.db_url = 'sqlite:///${dir}/jupyterhub.sqlite'
c.JupyterHub.cookie_secret_file = '${dir}/jupyterhub_cookie_secret'
c.JupyterHub.pid_file = '${dir}/jupyterhub.pid'
c.JupyterHub.authenticator_class = 'dummy'
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = 'localprocess'
c.Spawner.cmd = ['${path.join(BENCH_VENV, 'bin', 'jupyterhub-singleuser')}']
c.Spawner.args = ['--allow-root']
c.Spawner.default_url = '/lab'
c.Spawner.notebook_dir = '${home}'
c.Spawner.environment = ${JSON.stringify(jupyterDirs)}
c.JupyterHub.services = [{'name': 'bench', 'api_token': '${apiToken}'}]
c.JupyterHub.load_roles = [{'name': 'bench', 'scopes': ['admin:servers', 'admin:users'], 'services': ['bench']}]
c.JupyterHub.log_level = 'WARN'
`;
  fs.writeFileSync(path.join(dir, 'jupyterhub_config.py'), config);
  const jupyterhub = new Launched(
    [
      path.join(BENCH_VENV, 'bin', 'jupyterhub'),
      '-f',
      path.join(dir, 'jupyterhub_config.py')
    ],
    {
      cwd: dir,
      env: {
        PATH: `${path.join(BENCH_VENV, 'bin')}:${process.env.PATH}`,
        HOME: process.env.HOME
      }
    }
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/hub/login`, {
      stillRunning: () => !jupyterhub.hasExited,
      timeoutMs: 60000,
      intervalMs: 50
    });
  } catch (error) {
    await jupyterhub.stop();
    throw new Error(`JupyterHub did not start: ${error}\n${jupyterhub.output}`);
  }
  return {
    url,
    process: jupyterhub,
    apiToken,
    dir,
    stop: async () => {
      await jupyterhub.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

/**
 * Log into JupyterHub with its login form (any password).
 */
export async function loginJupyterHub(
  hub: IJupyterHub,
  name: string
): Promise<WebClient> {
  const client = new WebClient(hub.url);
  const page = await (await client.request('GET', '/hub/login')).text();
  const response = await client.request('POST', '/hub/login', {
    form: { ...hiddenFields(page), username: name, password: 'bench' }
  });
  await response.arrayBuffer();
  if (response.status !== 302) {
    throw new Error(`JupyterHub login as ${name} failed: ${response.status}`);
  }
  return client;
}

/**
 * Do what JupyterHub's pages ask a person or their script to do, for `WebClient.load`:
 * click « Launch server » on the « not running » page, and follow the spawn progress
 * events until `ready`, then reload (as `spawn_pending.html`'s script does).
 */
export async function actLikeJupyterHubPages(
  client: WebClient,
  response: WebResponse,
  url: string
): Promise<string | null> {
  if (!(response.headers.get('content-type') ?? '').includes('html')) {
    return null;
  }
  const html = await response.text();
  const launch = html.match(/<a\s+id="start"[^>]*href="([^"]+)"/);
  if (launch) {
    return launch[1].replace(/&amp;/g, '&');
  }
  const progress = html.match(/new EventSource\("([^"]+)"\)/);
  if (progress) {
    await Private.waitUntilReady(client, progress[1].replace(/&amp;/g, '&'));
    return url;
  }
  if (response.status !== 200) {
    throw new Error(`JupyterHub answered ${response.status} for ${url}`);
  }
  return null;
}

/**
 * Stop a user's server through the REST API and wait until it is gone.
 */
export async function stopJupyterHubServer(
  hub: IJupyterHub,
  name: string
): Promise<void> {
  const headers = { authorization: `token ${hub.apiToken}` };
  const response = await fetch(`${hub.url}/hub/api/users/${name}/server`, {
    method: 'DELETE',
    headers
  });
  await response.arrayBuffer();
  for (let i = 0; i < 600; i++) {
    const user = (await (
      await fetch(`${hub.url}/hub/api/users/${name}`, { headers })
    ).json()) as { servers?: Record<string, unknown> };
    if (Object.keys(user.servers ?? {}).length === 0) {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`JupyterHub did not stop ${name}'s server`);
}

namespace Private {
  /**
   * Jupyter's folders in `home`, as Candyce sets them, so that no server reads the
   * machine's own `~/.jupyter`.
   */
  export function jupyterDirs(home: string): Record<string, string> {
    const data = path.join(home, '.local', 'share', 'jupyter');
    return {
      JUPYTER_PLATFORM_DIRS: '1',
      JUPYTER_CONFIG_DIR: path.join(home, '.jupyter'),
      JUPYTER_DATA_DIR: data,
      JUPYTER_RUNTIME_DIR: path.join(data, 'runtime'),
      IPYTHONDIR: path.join(home, '.ipython')
    };
  }

  /**
   * Read the server-sent progress events until one says `ready` (or `failed`).
   */
  export async function waitUntilReady(
    client: WebClient,
    url: string
  ): Promise<void> {
    const response = await client.request('GET', url, {
      headers: { accept: 'text/event-stream' }
    });
    let buffer = '';
    response.message.setEncoding('utf8');
    for await (const chunk of response.message) {
      buffer += chunk as string;
      for (
        let end = buffer.indexOf('\n\n');
        end >= 0;
        end = buffer.indexOf('\n\n')
      ) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event
          .split('\n')
          .filter(line => line.startsWith('data:'))
          .map(line => line.slice(5).trim())
          .join('\n');
        if (!data) {
          continue;
        }
        const parsed = JSON.parse(data) as {
          ready?: boolean;
          failed?: boolean;
        };
        if (parsed.failed) {
          throw new Error(`JupyterHub spawn failed: ${data}`);
        }
        if (parsed.ready) {
          response.message.destroy();
          return;
        }
      }
    }
    throw new Error(
      `the progress stream ${url} ended before the server was ready`
    );
  }

  /**
   * Installed versions of the required packages (absent ones are left out).
   */
  export async function installed(
    python: string
  ): Promise<Record<string, string>> {
    const out = await run([
      python,
      '-c',
      `import importlib.metadata as m, json
found = {}
for name in ${JSON.stringify(Object.keys(BENCH_REQUIREMENTS))}:
    try:
        found[name] = m.version(name)
    except m.PackageNotFoundError:
        pass
print(json.dumps(found))`
    ]);
    return JSON.parse(out) as Record<string, string>;
  }

  /**
   * Whether `version` matches `spec` (`*`, `5.*` or an exact version).
   */
  export function satisfies(
    version: string | undefined,
    spec: string
  ): boolean {
    if (version === undefined) {
      return false;
    }
    if (spec === '*') {
      return true;
    }
    if (spec.endsWith('.*')) {
      return version.startsWith(spec.slice(0, -1));
    }
    return version === spec;
  }
}
