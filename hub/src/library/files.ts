import { DomainError, trans } from '../errors';
import type { IFile } from '../storage/files';
import { hasControlCharacters, withoutControlCharacters } from '../util/text';
import { readNotebook } from './notebooks';

/**
 * A file of a resource, as uploaded.
 */
export type IResourceFile = IFile;

/** What a resource may hold. */
export const FILE_LIMITS = {
  files: 200,
  fileBytes: 20 * 1024 * 1024,
  totalBytes: 50 * 1024 * 1024,
  pathLength: 200
} as const;

/**
 * The file that holds a resource's metadata in an exported folder (Binder-compatible
 * folders ignore it).
 */
export const METADATA_FILE = 'candyce-resource.json';

/**
 * The files of a version, checked: safe relative paths, sizes, at least one notebook,
 * and every notebook valid (nbformat 4 schema).
 *
 * @returns the files sorted by path, and the text of their notebooks for the index.
 * @throws {DomainError} 400 (`invalid_path`, `no_notebook`, `invalid_notebook`) or 413
 *   (`too_large`), in French, before anything is stored.
 */
export function checkFiles(files: readonly IResourceFile[]): {
  files: IResourceFile[];
  notebookText: string;
} {
  if (files.length > FILE_LIMITS.files) {
    throw new DomainError(
      'too_large',
      trans.__('Too many files: %1 at most per resource.', FILE_LIMITS.files)
    );
  }
  const seen = new Set<string>();
  let total = 0;
  for (const file of files) {
    Private.checkPath(file.path);
    if (seen.has(file.path.toLowerCase())) {
      throw new DomainError(
        'invalid_path',
        trans.__('Duplicate file: “%1”.', file.path)
      );
    }
    seen.add(file.path.toLowerCase());
    if (file.content.length > FILE_LIMITS.fileBytes) {
      throw new DomainError(
        'too_large',
        trans.__(
          '“%1” is too large (%2; %3 at most per file): clear large outputs before publishing.',
          file.path,
          Private.mb(file.content.length),
          Private.mb(FILE_LIMITS.fileBytes)
        )
      );
    }
    total += file.content.length;
  }
  if (total > FILE_LIMITS.totalBytes) {
    throw new DomainError(
      'too_large',
      trans.__(
        'The resource is too large (%1; %2 at most).',
        Private.mb(total),
        Private.mb(FILE_LIMITS.totalBytes)
      )
    );
  }
  const notebooks = files.filter(file => file.path.endsWith('.ipynb'));
  if (!notebooks.length) {
    throw new DomainError(
      'no_notebook',
      trans.__('A resource holds at least one notebook (.ipynb).')
    );
  }
  const texts = notebooks.map(
    file => readNotebook(file.content, file.path).text
  );
  return {
    files: [...files].sort((a, b) => (a.path < b.path ? -1 : 1)),
    notebookText: texts.join('\n')
  };
}

namespace Private {
  export function checkPath(path: string): void {
    const parts = path.split('/');
    if (
      !path ||
      path.length > FILE_LIMITS.pathLength ||
      hasControlCharacters(path) ||
      path.includes('\\') ||
      path.startsWith('/') ||
      parts.some(part => !part || part === '.' || part === '..') ||
      parts.some(part => part.startsWith('.')) ||
      path === METADATA_FILE
    ) {
      throw new DomainError(
        'invalid_path',
        trans.__(
          'File name refused: “%1” (a relative path without “..”, no hidden file, %2 characters at most).',
          withoutControlCharacters(path.slice(0, 80)),
          FILE_LIMITS.pathLength
        )
      );
    }
  }

  export function mb(bytes: number): string {
    return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} Mo`;
  }
}
