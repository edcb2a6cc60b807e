/**
 * Ralph (PyPI `ralph-malph`), France Université Numérique's LRS, as the peer of the
 * LRS benchmarks: its API server (uvicorn, one process, as the hub is one) on its
 * file-system backend, the only one of its backends that runs on this
 * machine without a server of its own (Elasticsearch, MongoDB and ClickHouse are not
 * packaged here). Installed by the caller into a virtual environment outside the
 * repository, given by BENCH_RALPH_VENV:
 *
 *   python3 -m venv /tmp/ralph-venv
 *   /tmp/ralph-venv/bin/pip install 'ralph-malph[cli,lrs]' requests
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { freePort, waitForHttp } from './http';
import { Launched } from './processes';
import { basic } from './lrsHub';

/**
 * Ralph's API in uvicorn, as `ralph runserver` starts it but without its reloader. One
 * setting changed: Ralph 5.1's file-system LRS backend writes each POST in « create »
 * mode, which fails once its statements file exists, so that only the first POST of
 * its life is stored (« Statements bulk indexation failed » after it); it appends here.
 */
const SERVE = `import sys
import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
`;

export interface IRalph {
  /** The LRS's address: `<server>/xAPI`. */
  endpoint: string;
  authorization: string;
  /** The JSON-lines file its file-system backend stores statements in. */
  statementsFile: string;
  /** The authority it writes on statements (to write the file directly). */
  authority: Record<string, unknown>;
  version: string;
  stop(): Promise<void>;
}

/** Why Ralph cannot run from `venv`, or null if it can. */
export function ralphMissing(venv: string | undefined): string | null {
  if (!venv) {
    return 'BENCH_RALPH_VENV is not set';
  }
  const python = path.join(venv, 'bin', 'python');
  try {
    execFileSync(python, ['-c', 'import ralph.api, uvicorn, bcrypt'], {
      stdio: 'pipe',
      // Ralph picks its backend when its API is imported.
      env: { ...process.env, RALPH_RUNSERVER_BACKEND: 'fs' }
    });
    return null;
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? error);
    const last = stderr.trim().split('\n').pop();
    return `${python} cannot import ralph.api, uvicorn and bcrypt (${last})`;
  }
}

export async function startRalph(
  venv: string,
  options: { port?: number } = {}
): Promise<IRalph> {
  const python = path.join(venv, 'bin', 'python');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ralph-bench-'));
  const password = 'bench-secret';
  const hash = execFileSync(python, [
    '-c',
    'import bcrypt, sys; print(bcrypt.hashpw(sys.argv[1].encode(), bcrypt.gensalt()).decode())',
    password
  ])
    .toString()
    .trim();
  const authority = { mbox: 'mailto:bench@example.org', objectType: 'Agent' };
  fs.writeFileSync(
    path.join(dir, 'auth.json'),
    JSON.stringify([
      { agent: authority, scopes: ['all'], hash, username: 'bench' }
    ])
  );
  const version = execFileSync(python, [
    '-c',
    'import importlib.metadata as m; print(m.version("ralph-malph"))'
  ])
    .toString()
    .trim();
  const port = options.port ?? (await freePort());
  fs.writeFileSync(path.join(dir, 'serve.py'), SERVE);
  const server = new Launched([python, 'serve.py', String(port)], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      RALPH_APP_DIR: path.join(dir, 'app'),
      RALPH_AUTH_FILE: path.join(dir, 'auth.json'),
      RALPH_RUNSERVER_BACKEND: 'fs',
      RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH: path.join(dir, 'data')
    }
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/__heartbeat__`, {
      stillRunning: () => !server.hasExited,
      timeoutMs: 60000,
      intervalMs: 100
    });
  } catch (error) {
    await server.stop();
    throw new Error(`Ralph did not start: ${error}\n${server.output}`);
  }
  fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
  return {
    endpoint: `${url}/xAPI`,
    authorization: basic('bench', password),
    statementsFile: path.join(dir, 'data', 'fs_lrs.jsonl'),
    authority,
    version,
    async stop() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}
