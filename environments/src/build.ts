/**
 * Building a lock into a virtualenv, in a directory that will later be renamed: the
 * venv is made and filled there, then the paths it records are rewritten to the final
 * one (scripts' shebangs, pyvenv.cfg) and the bytecode is compiled, the same way in
 * every environment so that identical modules share their .pyc files. With uv, files
 * are hard-linked from uv's cache, and what the nearest built environment already has
 * (its files, its bytecode) is linked from it instead of compiled again (reuse.ts).
 */
import fs from 'node:fs/promises';
import path from 'node:path';

import { installConda, type ICondaOptions } from './conda';
import { EnvironmentError } from './errors';
import { lockToRequirements, writeLock, type ILock } from './lock';
import { sourceArguments, toolEnvironment, type IPackageSource } from './pip';
import { explainPipFailure } from './pipErrors';
import { runPostBuild, type IPostBuildOptions } from './postBuild';
import type { ProgressCallback } from './progress';
import { run } from './process';
import type { IPythonInfo } from './python';
import { reuseNeighbour, type INeighbour } from './reuse';
import { uvInvocation } from './uv';

/** Name of the lock file kept inside each environment. */
export const LOCK_FILE = 'candyce-lock.json';

/** What a build needs. */
export interface IBuildOptions
  extends IPackageSource, IPostBuildOptions, ICondaOptions {
  /** The base interpreter, already checked against the lock. */
  python: IPythonInfo;
  /** A Python that has pip, to run it (default: the base interpreter). */
  pip?: string;
  /** The uv executable; pip is used without it. */
  uv?: string;
  /** uv's cache, on the store's file system: installing hard-links from it. */
  uvCacheDir?: string;
  /** The built environment nearest to this lock, whose files and bytecode are reused. */
  neighbour?: INeighbour | null;
  /** Cancels the build. */
  signal?: AbortSignal;
  /** Receives progress events. */
  onProgress?: ProgressCallback;
}

/**
 * Build `lock` into `directory` (which must not exist), for use at `finalPath`.
 *
 * @returns the files already in the pool (links to the neighbour's), not to hash again
 * @throws EnvironmentError in French; the caller removes `directory`
 */
export async function buildEnvironment(
  lock: ILock,
  directory: string,
  finalPath: string,
  options: IBuildOptions
): Promise<Set<string>> {
  const progress = options.onProgress ?? (() => undefined);
  const env = toolEnvironment(options);
  const log = (phase: 'venv' | 'install' | 'compile') => (line: string) =>
    progress({ phase, message: Private.phaseMessage(phase), log: line });

  progress({
    phase: 'venv',
    message: Private.phaseMessage('venv'),
    fraction: 0
  });
  const venv = options.uv
    ? await run(
        options.uv,
        ['venv', '--quiet', '--python', options.python.path, directory],
        { env, signal: options.signal, onLine: log('venv') }
      )
    : await run(
        options.python.path,
        ['-m', 'venv', '--without-pip', directory],
        { env, signal: options.signal, onLine: log('venv') }
      );
  if (venv.code !== 0) {
    throw new EnvironmentError(
      'tool-failed',
      'La création de l’environnement virtuel a échoué.',
      venv.stdout + venv.stderr
    );
  }

  const python = path.join(directory, 'bin', 'python');
  const requirements = path.join(directory, 'candyce-requirements.txt');
  await fs.writeFile(requirements, lockToRequirements(lock));
  const total = Math.max(lock.packages.length, 1);
  let seen = 0;
  const onInstallLine = (line: string) => {
    // pip: « Collecting x », « Processing x »; uv: « + x==1.0 » once installed.
    const name =
      /^\s*(?:Collecting|Processing|Downloading|Downloaded|\+)\s+(\S+)/.exec(
        line
      )?.[1];
    if (name && /^\s*(?:Collecting|Processing|\+)/.test(line)) {
      seen = Math.min(seen + 1, total);
    }
    progress({
      phase: 'install',
      message: name
        ? `Installation : ${path.basename(name).split('==')[0]}…`
        : Private.phaseMessage('install'),
      fraction: 0.05 + 0.4 * (seen / total),
      log: line
    });
  };
  // pip refuses an empty requirements file; an empty lock is a bare venv.
  if (lock.packages.length) {
    await Private.install(
      directory,
      requirements,
      options,
      onInstallLine,
      lock.postBuild !== undefined
    );
  }
  await fs.rm(requirements);
  if (lock.conda) {
    progress({ phase: 'install', message: 'Installation des paquets conda…' });
    await installConda(lock.conda, directory, finalPath, options);
  }

  await Private.relocate(directory, finalPath);
  if (lock.postBuild !== undefined) {
    await runPostBuild(lock.postBuild, {
      directory,
      finalPath,
      postBuildTimeoutMs: options.postBuildTimeoutMs,
      signal: options.signal,
      onProgress: progress
    });
  }
  // After postBuild: what it changed differs from the neighbour's, and is kept.
  const reused = options.neighbour
    ? await reuseNeighbour(
        directory,
        options.neighbour,
        Private.cacheTag(lock),
        {
          signal: options.signal,
          onProgress: progress
        }
      )
    : null;
  await Private.compile(
    python,
    directory,
    reused ? reused.toCompile : null,
    env,
    options.signal,
    progress
  );
  await writeLock(path.join(directory, LOCK_FILE), lock);
  return reused?.shared ?? new Set();
}

namespace Private {
  /** The path the bytecode of every environment is compiled under (see the build). */
  export const BYTECODE_PREFIX = '/candyce-environment';

  /** The interpreter's bytecode tag (`cpython-311`), as `sys.implementation.cache_tag`. */
  export function cacheTag(lock: ILock): string {
    return `${lock.python.implementation}-${lock.python.version.replace('.', '')}`;
  }

  /**
   * Compile the modules of `lib/` (all, or only `files` when given), counting them for
   * the progress bar. Exit code ignored, like pip: a package's unreachable test files
   * may not compile. The bytecode is the same in every environment that has the same
   * source, so that the pool shares it too: hash-based (the environment is read-only,
   * its sources never change, so they need no check) and compiled under one fixed
   * prefix — CPython puts the real source path back into `co_filename` when it loads a
   * .pyc, so tracebacks still name the files of this environment.
   */
  export async function compile(
    python: string,
    directory: string,
    files: string[] | null,
    env: NodeJS.ProcessEnv,
    signal: AbortSignal | undefined,
    progress: ProgressCallback
  ): Promise<void> {
    const total = files?.length ?? 0;
    progress({
      phase: 'compile',
      message:
        files === null
          ? phaseMessage('compile')
          : `Préparation des modules Python (${total})…`,
      fraction: 0.6
    });
    if (files?.length === 0) {
      return;
    }
    let list: string | null = null;
    if (files) {
      list = path.join(directory, 'candyce-compile.txt');
      await fs.writeFile(list, files.map(file => file + '\n').join(''));
    }
    let done = 0;
    let shown = 0;
    await run(
      python,
      [
        '-m',
        'compileall',
        // Quiet on the whole tree (thousands of lines); one line per module otherwise.
        ...(list ? ['-i', list] : ['-q']),
        '-j',
        '0',
        '--invalidation-mode',
        'unchecked-hash',
        '-s',
        directory,
        '-p',
        BYTECODE_PREFIX,
        ...(list ? [] : [path.join(directory, 'lib')])
      ],
      {
        env,
        signal,
        onLine: line => {
          if (!line.startsWith('Compiling ')) {
            progress({
              phase: 'compile',
              message: phaseMessage('compile'),
              log: line
            });
            return;
          }
          done++;
          // A few dozen events, not one per module.
          if (done === total || done - shown >= Math.max(1, total / 40)) {
            shown = done;
            progress({
              phase: 'compile',
              message: `Préparation des modules Python (${done} sur ${total})…`,
              fraction: 0.6 + 0.2 * (done / Math.max(total, 1))
            });
          }
        }
      }
    );
    if (list) {
      await fs.rm(list);
    }
  }

  /** Install the lock's requirements file into the venv, with uv or pip. */
  export async function install(
    directory: string,
    requirements: string,
    options: IBuildOptions,
    onLine: (line: string) => void,
    postBuild: boolean
  ): Promise<void> {
    const python = path.join(directory, 'bin', 'python');
    const env = toolEnvironment(options);
    const common = ['--no-deps', '--require-hashes'];
    if (options.uv) {
      const uv = await uvInvocation(
        {
          ...options,
          uv: options.uv,
          cacheDir: options.uvCacheDir,
          pip: options.pip ?? options.python.path
        },
        false
      );
      // Hard links from uv's cache: a wheel unpacked once is never copied again. Copies
      // when a postBuild runs: it could write through a link into the cache.
      const result = await run(
        options.uv,
        [
          'pip',
          'install',
          '--python',
          python,
          '--link-mode',
          postBuild ? 'copy' : 'hardlink',
          ...common,
          ...uv.args,
          '-r',
          requirements
        ],
        { env: uv.env, signal: options.signal, onLine }
      );
      if (result.code !== 0) {
        throw explainPipFailure(result.stdout + result.stderr);
      }
      return;
    }
    const result = await run(
      options.pip ?? options.python.path,
      [
        '-m',
        'pip',
        '--python',
        python,
        'install',
        '--no-compile',
        ...common,
        ...sourceArguments(options),
        '-r',
        requirements
      ],
      { env, signal: options.signal, onLine }
    );
    if (result.code !== 0) {
      throw explainPipFailure(result.stdout + result.stderr);
    }
  }

  export function phaseMessage(phase: 'venv' | 'install' | 'compile'): string {
    switch (phase) {
      case 'venv':
        return 'Création de l’environnement…';
      case 'install':
        return 'Installation des logiciels…';
      case 'compile':
        return 'Préparation des modules Python…';
    }
  }

  /**
   * Rewrite the build directory's path into the final one where a venv records it:
   * scripts in `bin/` (shebangs, activate) and `pyvenv.cfg`. The final path is the
   * shorter one, so a shebang pip wrote within the kernel's length limit stays within it.
   */
  export async function relocate(
    directory: string,
    finalPath: string
  ): Promise<void> {
    const bin = path.join(directory, 'bin');
    const files = [
      path.join(directory, 'pyvenv.cfg'),
      ...(await fs.readdir(bin)).map(name => path.join(bin, name))
    ];
    const from = Buffer.from(directory);
    for (const file of files) {
      const stat = await fs.lstat(file);
      if (!stat.isFile()) {
        continue;
      }
      const content = await fs.readFile(file);
      if (content.includes(0) || !content.includes(from)) {
        continue;
      }
      // A new file renamed over the old one: never written through a hard link
      // (uv links files from its cache).
      const rewritten = `${file}.relocated`;
      await fs.writeFile(
        rewritten,
        content.toString('utf8').split(directory).join(finalPath),
        { mode: stat.mode & 0o7777 }
      );
      await fs.rename(rewritten, file);
    }
  }
}
