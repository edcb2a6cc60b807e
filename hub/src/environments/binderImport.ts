/**
 * The files of a Binder repository a teacher brings, checked before the engine reads
 * them: each path inside the repository, each file small enough, and each one a file
 * repo2docker reads (at the top, in `binder/` or `.binder/`) or, when the repository
 * installs itself (`setup.py`, `pyproject.toml`), a file of its own sources.
 */
import { KNOWN_FILES, type ISoftwareFile } from '@candyce/environments';
import * as path from 'path';

import { DomainError, trans } from '../errors';

/** The largest file a software list may hold, in bytes. */
export const MAX_SOFTWARE_FILE_BYTES = 100_000;

/** The files repo2docker reads, where it reads them. */
const CONFIG_NAMES = new Set<string>([
  ...KNOWN_FILES,
  'Pipfile.lock',
  'environment.yaml'
]);

/** The packaging files whose presence makes the repository install itself. */
const PACKAGING_FILES = ['setup.py', 'pyproject.toml'];

/** One path segment of a source file: no hidden files, no odd characters. */
const SOURCE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/;

/** A repository's files, sorted out. */
export interface IBinderFiles {
  /** What repo2docker reads: recorded with the environment. */
  config: ISoftwareFile[];
  /** The repository's own sources (its package), used to build its wheel only. */
  sources: ISoftwareFile[];
}

/**
 * Sort a repository's files into configuration and sources, refusing what cannot be
 * part of one.
 *
 * @throws {DomainError} 400 `invalid_path` (a path that leaves the repository, absolute,
 *   with `..` or a backslash), `software_file_too_large`, `unknown_file` (a file
 *   repo2docker does not read, a source file without setup.py/pyproject.toml, or the
 *   same path twice).
 */
export function sortBinderFiles(files: readonly ISoftwareFile[]): IBinderFiles {
  const seen = new Set<string>();
  const config: ISoftwareFile[] = [];
  const others: ISoftwareFile[] = [];
  for (const file of files) {
    const normalized = Private.checkPath(file.path);
    if (Buffer.byteLength(file.content, 'utf8') > MAX_SOFTWARE_FILE_BYTES) {
      throw new DomainError(
        'software_file_too_large',
        trans.__(
          'The file “%1” is too large for a software list (%2 KB at most).',
          Private.shown(file.path),
          MAX_SOFTWARE_FILE_BYTES / 1000
        )
      );
    }
    if (seen.has(normalized)) {
      throw Private.unknown(file.path);
    }
    seen.add(normalized);
    const entry = { path: normalized, content: file.content };
    (Private.isConfig(normalized) ? config : others).push(entry);
  }
  const installsItself = config.some(file =>
    PACKAGING_FILES.includes(file.path)
  );
  for (const file of others) {
    const segments = file.path.split('/');
    const isSource =
      installsItself &&
      !/^\.?binder$/.test(segments[0]) &&
      segments.every(segment => SOURCE_SEGMENT.test(segment));
    if (!isSource) {
      throw Private.unknown(file.path);
    }
  }
  return { config, sources: others };
}

namespace Private {
  /** The path, normalized, if it stays inside the repository. */
  export function checkPath(raw: string): string {
    const normalized = path.posix.normalize(raw);
    if (
      raw.includes('\\') ||
      raw.includes('\0') ||
      path.posix.isAbsolute(raw) ||
      raw.split('/').includes('..') ||
      normalized === '.' ||
      normalized.endsWith('/')
    ) {
      throw new DomainError(
        'invalid_path',
        trans.__(
          'Path refused in the repository: “%1” (a path inside the repository is expected, such as binder/requirements.txt, without “..”).',
          shown(raw)
        )
      );
    }
    return normalized;
  }

  /** Whether repo2docker reads this file (at the top, or in binder/ or .binder/). */
  export function isConfig(file: string): boolean {
    const match = /^(?:(\.?binder)\/)?([^/]+)$/.exec(file);
    // Other .txt files: what requirements.txt includes (`-r more.txt`, `-c …`).
    return (
      !!match && (CONFIG_NAMES.has(match[2]) || /^[\w.-]+\.txt$/.test(match[2]))
    );
  }

  export function unknown(file: string): DomainError {
    return new DomainError(
      'unknown_file',
      trans.__(
        'File refused in the software list: “%1”. Expected, once each: the files repo2docker reads (requirements.txt, runtime.txt, environment.yml, Pipfile, Pipfile.lock, setup.py, pyproject.toml, apt.txt, postBuild, start, install.R, Project.toml, default.nix, Dockerfile…), at the top or in binder/ or .binder/; other files only as the sources of a repository that has a setup.py or pyproject.toml.',
        shown(file)
      )
    );
  }

  /** A path as a message may quote it. */
  export function shown(file: string): string {
    // Control characters (a NUL, a newline) would garble the message: shown as « ? ».
    return [...file.slice(0, 100)]
      .map(char => (char.charCodeAt(0) < 32 ? '?' : char))
      .join('');
  }
}
