import { HttpError } from '../http/errors';
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
 * @throws {HttpError} 400 (`invalid_path`, `no_notebook`, `invalid_notebook`) or 413
 *   (`too_large`), in French, before anything is stored.
 */
export function checkFiles(files: readonly IResourceFile[]): {
  files: IResourceFile[];
  notebookText: string;
} {
  if (files.length > FILE_LIMITS.files) {
    throw new HttpError(
      413,
      'too_large',
      `Trop de fichiers : ${FILE_LIMITS.files} au plus par ressource.`
    );
  }
  const seen = new Set<string>();
  let total = 0;
  for (const file of files) {
    Private.checkPath(file.path);
    if (seen.has(file.path.toLowerCase())) {
      throw new HttpError(
        400,
        'invalid_path',
        `Fichier en double : « ${file.path} ».`
      );
    }
    seen.add(file.path.toLowerCase());
    if (file.content.length > FILE_LIMITS.fileBytes) {
      throw new HttpError(
        413,
        'too_large',
        `« ${file.path} » est trop volumineux (${Private.mb(file.content.length)} ; ${Private.mb(FILE_LIMITS.fileBytes)} au plus par fichier) : effacez les sorties volumineuses avant de publier.`
      );
    }
    total += file.content.length;
  }
  if (total > FILE_LIMITS.totalBytes) {
    throw new HttpError(
      413,
      'too_large',
      `La ressource est trop volumineuse (${Private.mb(total)} ; ${Private.mb(FILE_LIMITS.totalBytes)} au plus).`
    );
  }
  const notebooks = files.filter(file => file.path.endsWith('.ipynb'));
  if (!notebooks.length) {
    throw new HttpError(
      400,
      'no_notebook',
      'Une ressource contient au moins un notebook (.ipynb).'
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
      throw new HttpError(
        400,
        'invalid_path',
        `Nom de fichier refusé : « ${withoutControlCharacters(path.slice(0, 80))} » (chemin relatif sans « .. », ni fichier caché, ${FILE_LIMITS.pathLength} caractères au plus).`
      );
    }
  }

  export function mb(bytes: number): string {
    return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} Mo`;
  }
}
