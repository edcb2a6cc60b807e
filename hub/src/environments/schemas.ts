/**
 * What the environment routes and notebooks may send: software list files and locks,
 * checked before the engine sees them.
 */
import {
  describeProblem,
  parseSoftwareList,
  type ILock,
  type ISoftwareFile,
  type ISoftwareList
} from '@candyce/environments';
import * as path from 'path';
import { z } from 'zod';

import { DomainError, trans } from '../errors';

/** The Binder files a software list is made of (repo2docker reads no others here). */
const LIST_FILE =
  /^(?:\.?binder\/)?(?:requirements\.txt|runtime\.txt|environment\.ya?ml|apt\.txt|postBuild)$/;

/** An environment id: SHA-256 of a lock, hex. */
export const ENVIRONMENT_ID = /^[0-9a-f]{64}$/;

/** A software list: a few small text files. */
export const softwareFiles = z
  .array(
    z
      .object({
        path: z.string().min(1).max(100),
        content: z.string().max(100_000)
      })
      .strict()
  )
  .max(10);

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
 * A software list checked and read: known file names, each once, and no problem that
 * prevents resolving it.
 *
 * @throws {DomainError} 400 `unknown_file` (a file repo2docker would not read here, or
 *   twice the same) or `invalid_list` (the list's problems, in French, with their lines).
 */
export function checkSoftwareList(files: readonly ISoftwareFile[]): {
  files: ISoftwareFile[];
  list: ISoftwareList;
} {
  const seen = new Set<string>();
  for (const file of files) {
    const normalized = path.posix.normalize(file.path);
    if (!LIST_FILE.test(normalized) || seen.has(normalized)) {
      throw new DomainError(
        'unknown_file',
        trans.__(
          'File refused in the software list: “%1” (expected, once each: requirements.txt, runtime.txt, environment.yml, apt.txt, postBuild, possibly in binder/).',
          file.path.slice(0, 100)
        )
      );
    }
    seen.add(normalized);
  }
  const list = parseSoftwareList([...files]);
  if (list.problems.length) {
    throw new DomainError(
      'invalid_list',
      trans.__(
        'The software list cannot be resolved: %1',
        list.problems.map(describeProblem).join(' ; ')
      )
    );
  }
  return { files: [...files], list };
}

/**
 * The files of a software list kept only for image builds (repo2docker): `apt.txt`,
 * `postBuild`, and an `environment.yml` that names conda packages or channels.
 */
export function imageOnlyFiles(
  files: readonly ISoftwareFile[],
  list: ISoftwareList
): string[] {
  const conda =
    list.imageOnly.condaPackages.length > 0 ||
    list.imageOnly.condaChannels.length > 0;
  return files
    .map(file => file.path)
    .filter(file => {
      const base = path.posix.basename(file);
      return (
        base === 'apt.txt' ||
        base === 'postBuild' ||
        (conda && /^environment\.ya?ml$/.test(base))
      );
    });
}
