/**
 * configurable-http-proxy (npm, JupyterHub's default proxy) for the benchmarks.
 */
import { randomBytes } from 'crypto';

import { freePort, waitForHttp } from './http';
import { Launched } from './processes';

/**
 * A running configurable-http-proxy.
 */
export interface IChp {
  /** `http://127.0.0.1:<port>`, the public side. */
  readonly url: string;
  readonly process: Launched;
  /** Route `prefix` (e.g. `/user/ada`) to `target` (e.g. `http://127.0.0.1:1234`). */
  addRoute(prefix: string, target: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The path of the `configurable-http-proxy` command of this workspace.
 */
export function chpCommand(): string {
  return require.resolve('configurable-http-proxy/bin/configurable-http-proxy');
}

/**
 * Start configurable-http-proxy with its defaults (as JupyterHub runs it), pinned to
 * `cpu` if given.
 */
export async function startChp(options: { cpu?: string } = {}): Promise<IChp> {
  const port = await freePort();
  const apiPort = await freePort();
  const token = randomBytes(16).toString('hex');
  const chp = new Launched(
    [
      process.execPath,
      chpCommand(),
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--api-ip',
      '127.0.0.1',
      '--api-port',
      String(apiPort),
      '--log-level',
      'warn'
    ],
    {
      cpu: options.cpu,
      env: { ...process.env, CONFIGPROXY_AUTH_TOKEN: token }
    }
  );
  const api = `http://127.0.0.1:${apiPort}/api/routes`;
  await waitForHttp(api, {
    headers: { authorization: `token ${token}` },
    stillRunning: () => !chp.hasExited,
    timeoutMs: 30000
  });
  return {
    url: `http://127.0.0.1:${port}`,
    process: chp,
    addRoute: async (prefix, target) => {
      const response = await fetch(`${api}${prefix}`, {
        method: 'POST',
        headers: {
          authorization: `token ${token}`,
          'content-type': 'application/json'
        },
        body: JSON.stringify({ target })
      });
      if (response.status !== 201) {
        throw new Error(`CHP refused the route ${prefix}: ${response.status}`);
      }
    },
    stop: () => chp.stop()
  };
}
