/**
 * Building a lock into a virtualenv, in a directory that will later be renamed: the
 * venv is made and filled there, then the paths it records are rewritten to the final
 * one (scripts' shebangs, pyvenv.cfg) and the bytecode is compiled, the same way in
 * every environment so that identical modules share their .pyc files.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

import { EnvironmentError } from './errors';
import { lockToRequirements, writeLock, type ILock } from './lock';
import { sourceArguments, toolEnvironment, type IPackageSource } from './pip';
import { explainPipFailure } from './pipErrors';
import type { ProgressCallback } from './progress';
import { run } from './process';
import type { IPythonInfo } from './python';

/** Name of the lock file kept inside each environment. */
export const LOCK_FILE = 'candyce-lock.json';

/** What a build needs. */
export interface IBuildOptions extends IPackageSource {
  /** The base interpreter, already checked against the lock. */
  python: IPythonInfo;
  /** A Python that has pip, to run it (default: the base interpreter). */
  pip?: string;
  /** The uv executable; pip is used without it. */
  uv?: string;
  /** Cancels the build. */
  signal?: AbortSignal;
  /** Receives progress events. */
  onProgress?: ProgressCallback;
}

/**
 * Build `lock` into `directory` (which must not exist), for use at `finalPath`.
 *
 * @throws EnvironmentError in French; the caller removes `directory`
 */
export async function buildEnvironment(
  lock: ILock,
  directory: string,
  finalPath: string,
  options: IBuildOptions
): Promise<void> {
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
    const name =
      /^\s*(?:Collecting|Processing|Downloading|Downloaded)\s+(\S+)/.exec(
        line
      )?.[1];
    if (name && /^\s*(?:Collecting|Processing)/.test(line)) {
      seen = Math.min(seen + 1, total);
    }
    progress({
      phase: 'install',
      message: name
        ? `Installation : ${path.basename(name)}…`
        : Private.phaseMessage('install'),
      fraction: 0.05 + 0.75 * (seen / total),
      log: line
    });
  };
  // pip refuses an empty requirements file; an empty lock is a bare venv.
  if (lock.packages.length) {
    await Private.install(directory, requirements, options, onInstallLine);
  }
  await fs.rm(requirements);

  await Private.relocate(directory, finalPath);
  progress({
    phase: 'compile',
    message: Private.phaseMessage('compile'),
    fraction: 0.85
  });
  // Exit code ignored, like pip: a package's unreachable test files may not compile.
  // The bytecode is the same in every environment that has the same source, so that the
  // pool shares it too: hash-based (the environment is read-only, its sources never
  // change, so they need no check) and compiled under one fixed prefix — CPython puts
  // the real source path back into `co_filename` when it loads a .pyc, so tracebacks
  // still name the files of this environment.
  await run(
    python,
    [
      '-m',
      'compileall',
      '-q',
      '-j',
      '0',
      '--invalidation-mode',
      'unchecked-hash',
      '-s',
      directory,
      '-p',
      Private.BYTECODE_PREFIX,
      path.join(directory, 'lib')
    ],
    { env, signal: options.signal, onLine: log('compile') }
  );
  await writeLock(path.join(directory, LOCK_FILE), lock);
}

namespace Private {
  /** The path the bytecode of every environment is compiled under (see the build). */
  export const BYTECODE_PREFIX = '/candyce-environment';

  /** Install the lock's requirements file into the venv, with uv or pip. */
  export async function install(
    directory: string,
    requirements: string,
    options: IBuildOptions,
    onLine: (line: string) => void
  ): Promise<void> {
    const python = path.join(directory, 'bin', 'python');
    const env = toolEnvironment(options);
    const common = [
      '--no-deps',
      '--require-hashes',
      ...sourceArguments(options)
    ];
    const result = options.uv
      ? await run(
          options.uv,
          ['pip', 'install', '--python', python, ...common, '-r', requirements],
          { env, signal: options.signal, onLine }
        )
      : await run(
          options.pip ?? options.python.path,
          [
            '-m',
            'pip',
            '--python',
            python,
            'install',
            '--no-compile',
            ...common,
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
        return 'Création de l’environnement virtuel…';
      case 'install':
        return 'Installation des paquets…';
      case 'compile':
        return 'Compilation des modules…';
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
      await fs.writeFile(
        file,
        content.toString('utf8').split(directory).join(finalPath)
      );
    }
  }
}
