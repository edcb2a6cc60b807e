/**
 * The repository itself as a wheel, for the lists that install it (repo2docker's
 * `pip install .`, or a Pipfile's `{path = "."}`): built once at lock time into a folder
 * beside the lock, so that the lock pins its file and hash like any other package and a
 * build finds it there (`findLinks`) without the repository's sources.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

import { EnvironmentError } from './errors';
import { sourceArguments, toolEnvironment, type IPackageSource } from './pip';
import { explainPipFailure } from './pipErrors';
import { run } from './process';
import type { IPythonInfo } from './python';

/** The folder, beside a lock, that holds the wheel of the repository it installs. */
export const REPOSITORY_WHEELS = '.candyce-wheels';

/**
 * Build the wheel of `repository.folder` into `repository.wheelDir` (emptied first) and
 * return its path.
 *
 * @throws EnvironmentError `build-failed` (in French) when the build fails
 */
export async function buildRepositoryWheel(
  python: IPythonInfo,
  repository: { folder: string; wheelDir: string },
  options: IPackageSource & { pip?: string; signal?: AbortSignal }
): Promise<string> {
  await fs.rm(repository.wheelDir, { recursive: true, force: true });
  await fs.mkdir(repository.wheelDir, { recursive: true });
  const pip = options.pip ?? python.path;
  const result = await run(
    pip,
    [
      '-m',
      'pip',
      ...(pip === python.path ? [] : ['--python', python.path]),
      'wheel',
      '--no-deps',
      '--wheel-dir',
      repository.wheelDir,
      ...sourceArguments(options),
      path.resolve(repository.folder)
    ],
    {
      // Fixed file dates, so that building the same sources gives the same wheel (and
      // the same lock) again, with the build backends that honour it.
      env: { ...toolEnvironment(options), SOURCE_DATE_EPOCH: '315532800' },
      signal: options.signal
    }
  );
  if (result.code !== 0) {
    const error = explainPipFailure(result.stdout + result.stderr);
    throw new EnvironmentError(
      'build-failed',
      `Le dépôt lui-même n’a pas pu être construit (pip install .) : ${error.message}`,
      error.details
    );
  }
  const wheels = (await fs.readdir(repository.wheelDir)).filter(name =>
    name.endsWith('.whl')
  );
  if (wheels.length !== 1) {
    throw new EnvironmentError(
      'build-failed',
      'La construction du dépôt lui-même n’a pas donné de paquet (wheel).',
      result.stdout + result.stderr
    );
  }
  return path.join(repository.wheelDir, wheels[0]);
}
