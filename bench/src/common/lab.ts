/**
 * `jupyter lab` alone, with no hub: the floor of every spawn, and the stock server the
 * memory benchmark compares Candyce's with.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { freePort, waitForHttp } from './http';
import { Launched } from './processes';

/**
 * A `jupyter lab` started by the benchmark.
 */
export interface ILab {
  /** `http://127.0.0.1:<port>/lab/` — the base URL. */
  readonly baseUrl: string;
  readonly token: string;
  readonly process: Launched;
  /** Its home (root dir), with Jupyter's folders in it. */
  readonly home: string;
  /** Milliseconds from launch to `<base>lab` answering 200 (probed every 20 ms). */
  readonly readyMs: number;
  stop(): Promise<void>;
}

/**
 * Start `<venv>/bin/jupyter lab` as Candyce's spawner would (same base URL shape, same
 * environment from scratch, `--allow-root`), with a token instead of the hub's identity
 * header, and wait until `/lab` answers.
 */
export async function startLab(
  venvDir: string,
  options: { cpu?: string; name?: string } = {}
): Promise<ILab> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-bench-'));
  const port = await freePort();
  const token = 'bench' + Math.random().toString(16).slice(2);
  const base = `/user/${options.name ?? 'floor'}/`;
  const data = path.join(home, '.local', 'share', 'jupyter');
  const launchedAt = performance.now();
  const lab = new Launched(
    [
      path.join(venvDir, 'bin', 'jupyter'),
      'lab',
      '--no-browser',
      '--allow-root',
      '--ServerApp.ip=127.0.0.1',
      `--ServerApp.port=${port}`,
      '--ServerApp.port_retries=0',
      `--ServerApp.base_url=${base}`,
      `--ServerApp.root_dir=${home}`,
      `--IdentityProvider.token=${token}`
    ],
    {
      cpu: options.cpu,
      cwd: home,
      env: {
        PATH: `${path.join(venvDir, 'bin')}:/usr/local/bin:/usr/bin:/bin`,
        LANG: 'C.UTF-8',
        HOME: home,
        JUPYTER_PLATFORM_DIRS: '1',
        JUPYTER_CONFIG_DIR: path.join(home, '.jupyter'),
        JUPYTER_DATA_DIR: data,
        JUPYTER_RUNTIME_DIR: path.join(data, 'runtime'),
        IPYTHONDIR: path.join(home, '.ipython')
      }
    }
  );
  const baseUrl = `http://127.0.0.1:${port}${base}`;
  try {
    await waitForHttp(`${baseUrl}lab?token=${token}`, {
      stillRunning: () => !lab.hasExited,
      intervalMs: 20
    });
  } catch (error) {
    await lab.stop();
    throw new Error(`jupyter lab did not start: ${error}\n${lab.output}`);
  }
  const readyMs = performance.now() - launchedAt;
  return {
    baseUrl,
    token,
    process: lab,
    home,
    readyMs,
    stop: async () => {
      await lab.stop();
      fs.rmSync(home, { recursive: true, force: true });
    }
  };
}
