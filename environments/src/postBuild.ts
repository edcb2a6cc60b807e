/**
 * A software list's `postBuild` script, run where it can do no harm: in the engine's
 * sandbox (sandbox.ts), with the environment being built as the only folder it can
 * change (seen at its final path, as in repo2docker's image), a throwaway `/tmp` and
 * home, no network, and a time limit. Its output goes to the build's log; a failure
 * fails the build with that output, in French.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { EnvironmentError } from './errors';
import type { ProgressCallback } from './progress';
import { run } from './process';
import { BWRAP, sandboxArguments, sandboxAvailable } from './sandbox';

/** How long a postBuild may run by default: 10 minutes. */
export const POSTBUILD_TIMEOUT_MS = 10 * 60 * 1000;

/** Where the script and its working folder are inside the sandbox. */
const WORK_DIR = '/tmp/depot';

/** The script's own home, thrown away with the sandbox. */
const HOME_DIR = '/tmp/home';

/** How a postBuild runs. */
export interface IPostBuildOptions {
  /** Its time limit, in milliseconds (default: `POSTBUILD_TIMEOUT_MS`). */
  postBuildTimeoutMs?: number;
}

/** What running a postBuild needs. */
export interface IRunPostBuildOptions extends IPostBuildOptions {
  /** The environment being built, on the host. */
  directory: string;
  /** Where the environment will be: the script sees it there. */
  finalPath: string;
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}

/**
 * Run `script` in the sandbox against the environment in `options.directory`.
 *
 * @throws EnvironmentError `build-failed` in French (the script failed, or ran too long),
 * `cancelled`
 */
export async function runPostBuild(
  script: string,
  options: IRunPostBuildOptions
): Promise<void> {
  if (!(await sandboxAvailable())) {
    throw new EnvironmentError(
      'build-failed',
      'Cet environnement exécute un script postBuild, qui ne s’exécute que dans un bac à sable (bubblewrap) : bubblewrap n’est pas utilisable sur ce serveur. Demandez à l’administrateur de l’installer, ou retirez postBuild de la liste de logiciels.'
    );
  }
  const limit = options.postBuildTimeoutMs ?? POSTBUILD_TIMEOUT_MS;
  const host = await fs.mkdtemp(path.join(os.tmpdir(), 'candyce-postbuild-'));
  const controller = new AbortController();
  const stop = () => controller.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, limit);
  const lines: string[] = [];
  try {
    await fs.writeFile(path.join(host, 'postBuild'), script, { mode: 0o755 });
    const argv = sandboxArguments(
      {
        readOnly: [await Private.pythonHome(options.directory)].filter(
          (dir): dir is string => dir !== null
        ),
        writable: [
          { from: options.directory, to: options.finalPath },
          { from: host, to: WORK_DIR }
        ],
        cwd: WORK_DIR
      },
      // sh runs a script without a shebang itself, as Docker's `RUN ./postBuild` does.
      ['/bin/sh', '-c', `mkdir -p ${HOME_DIR} && exec ./postBuild`]
    );
    options.onProgress?.({
      phase: 'install',
      message: 'Exécution de postBuild (sans réseau, dans un bac à sable)…',
      fraction: 0.82
    });
    const result = await run(BWRAP, argv, {
      env: Private.scriptEnvironment(options.finalPath),
      signal: controller.signal,
      onLine: line => {
        lines.push(line);
        options.onProgress?.({
          phase: 'install',
          message: 'Exécution de postBuild…',
          log: line
        });
      }
    }).catch(error => {
      if (timedOut) {
        throw new EnvironmentError(
          'build-failed',
          `Le script postBuild a dépassé sa limite de ${Private.duration(limit)} : il a été arrêté et l’environnement n’a pas été construit.${Private.tail(lines)}`,
          lines.join('\n')
        );
      }
      throw error;
    });
    if (result.code !== 0) {
      throw new EnvironmentError(
        'build-failed',
        `Le script postBuild a échoué (code de sortie ${result.code}) : l’environnement n’a pas été construit. Il s’exécute sans réseau (pip install ou téléchargements y échouent) et ne peut modifier que l’environnement (${options.finalPath}), son dossier de travail et /tmp.${Private.tail(lines)}`,
        result.stdout + result.stderr
      );
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', stop);
    await fs.rm(host, { recursive: true, force: true });
  }
}

namespace Private {
  /**
   * The Python installation the venv was made from (`home` of its pyvenv.cfg), which
   * its `bin/python` points to: shown read-only when it is not under /usr already.
   */
  export async function pythonHome(venv: string): Promise<string | null> {
    const config = await fs
      .readFile(path.join(venv, 'pyvenv.cfg'), 'utf8')
      .catch(() => '');
    const home = /^home\s*=\s*(.+)$/m.exec(config)?.[1].trim();
    if (!home) {
      return null;
    }
    const prefix = path.dirname(await fs.realpath(home).catch(() => home));
    return prefix === '/usr' || prefix.startsWith('/usr/') ? null : prefix;
  }

  /** The script's environment variables: nothing of the host's. */
  export function scriptEnvironment(finalPath: string): NodeJS.ProcessEnv {
    return {
      PATH: `${finalPath}/bin:/usr/local/bin:/usr/bin:/bin`,
      HOME: HOME_DIR,
      TMPDIR: '/tmp',
      VIRTUAL_ENV: finalPath,
      LANG: 'C.UTF-8',
      PIP_NO_INPUT: '1'
    };
  }

  /** The last lines of the output, to quote in the message. */
  export function tail(lines: readonly string[]): string {
    const last = lines.filter(line => line.trim()).slice(-8);
    return last.length
      ? `\nDernières lignes du script :\n${last.join('\n')}`
      : '';
  }

  /** « 2 s », « 10 min ». */
  export function duration(ms: number): string {
    return ms >= 60_000 && ms % 60_000 === 0
      ? `${ms / 60_000} min`
      : `${Math.round(ms / 1000)} s`;
  }
}
