/**
 * What the environment routes and notebooks may send: software list files and locks,
 * checked before the engine sees them.
 */
import {
  describeProblem,
  parseSoftwareList,
  type ILock,
  type IParseOptions,
  type ISoftwareFile,
  type ISoftwareList
} from '@candyce/environments';
import * as path from 'path';
import { z } from 'zod';

import { DomainError, trans } from '../errors';
import { sortBinderFiles } from './binderImport';

/** An environment id: SHA-256 of a lock, hex. */
export const ENVIRONMENT_ID = /^[0-9a-f]{64}$/;

/**
 * A software list: the files of a Binder repository, and the sources of a repository
 * that installs itself. Sizes and paths are judged by `sortBinderFiles`, with their own
 * codes; these bounds only keep a body from being absurd.
 */
export const softwareFiles = z
  .array(
    z
      .object({
        path: z.string().min(1).max(300),
        content: z.string().max(1_000_000)
      })
      .strict()
  )
  .max(300);

/** The configuration folders a repository has, even empty (repo2docker's `binder_dir`). */
export const binderFolders = z.array(z.enum(['binder', '.binder'])).max(2);

/** A lock as the engine writes it (`lockVersion` 1), nothing more. */
export const lockSchema: z.ZodType<ILock> = z
  .object({
    lockVersion: z.literal(1),
    python: z
      .object({
        implementation: z.string().min(1).max(40),
        version: z.string().regex(/^\d+\.\d+$/)
      })
      .strict(),
    platform: z
      .object({
        system: z.string().min(1).max(40),
        machine: z.string().min(1).max(40),
        tag: z.string().max(200)
      })
      .strict(),
    postBuild: z.string().max(100_000).optional(),
    conda: z
      .object({
        channels: z.array(z.string().min(1).max(500)).max(20),
        packages: z
          .array(
            z
              .object({
                name: z.string().min(1).max(200),
                version: z.string().min(1).max(100),
                build: z.string().max(200),
                url: z.string().min(1).max(1000),
                sha256: z.string().regex(/^[0-9a-f]{64}$/)
              })
              .strict()
          )
          .max(2000)
      })
      .strict()
      .optional(),
    packages: z
      .array(
        z
          .object({
            name: z.string().min(1).max(200),
            version: z.string().min(1).max(100),
            file: z.string().min(1).max(300),
            sha256: z.string().regex(/^[0-9a-f]{64}$/)
          })
          .strict()
      )
      .max(2000)
  })
  .strict();

/**
 * A software list checked and read with repo2docker's rules, as `candyce-env lock`
 * reads a folder: the repository's files sorted out (`sortBinderFiles`), then no
 * problem that prevents resolving it.
 *
 * @param options.sandbox - whether builds here run postBuild in their sandbox
 * @param options.folders - the repository's `binder/`, `.binder/` folders, even empty
 * @throws {DomainError} 400 `invalid_path`, `software_file_too_large`, `unknown_file`
 *   (see `sortBinderFiles`), or `invalid_list` (the list's problems, in French, with
 *   their lines).
 */
export function checkSoftwareList(
  files: readonly ISoftwareFile[],
  options: IParseOptions = {}
): {
  files: ISoftwareFile[];
  sources: ISoftwareFile[];
  list: ISoftwareList;
} {
  const { config, sources } = sortBinderFiles(files);
  const list = parseSoftwareList(config, options);
  if (list.problems.length) {
    throw new DomainError(
      'invalid_list',
      trans.__(
        'The software list cannot be resolved: %1',
        list.problems.map(describeProblem).join(' ; ')
      )
    );
  }
  return { files: config, sources, list };
}

/**
 * The files of a software list kept only for image builds (repo2docker): `apt.txt`,
 * `start`, `postBuild` when the build did not run it, and an `environment.yml` that
 * names conda packages or channels.
 */
export function imageOnlyFiles(
  files: readonly ISoftwareFile[],
  list: ISoftwareList
): string[] {
  // Conda packages solved here (the deployment's channels) are not image-only.
  const conda =
    list.conda === undefined &&
    (list.imageOnly.condaPackages.length > 0 ||
      list.imageOnly.condaChannels.length > 0);
  return files
    .map(file => file.path)
    .filter(file => {
      const base = path.posix.basename(file);
      return (
        base === 'apt.txt' ||
        base === 'start' ||
        (base === 'postBuild' && list.postBuild === undefined) ||
        (conda && /^environment\.ya?ml$/.test(base))
      );
    });
}
