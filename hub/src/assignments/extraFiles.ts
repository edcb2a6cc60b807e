import { DomainError, IMessage, trans } from '../errors';

/** The most patterns of extra files an assignment declares. */
export const EXTRA_FILES_MAX = 50;
/** The longest pattern, in characters. */
const PATTERN_MAX = 200;

/**
 * Check the patterns of the extra files a teacher allows in submissions: paths
 * relative to the assignment's folder, where `*` stands for any characters of one
 * name and `?` for one (`*.png`, `images/*.jpg`, `rapport.pdf`).
 *
 * @throws {DomainError} 400 `invalid_assignment`, naming the pattern to change.
 */
export function checkExtraFiles(patterns: readonly string[]): void {
  const problem = (message: IMessage) =>
    new DomainError('invalid_assignment', message);
  if (patterns.length > EXTRA_FILES_MAX) {
    throw problem(
      trans.__('Too many extra files allowed (%1 at most).', EXTRA_FILES_MAX)
    );
  }
  for (const pattern of patterns) {
    const parts = pattern.split('/');
    if (
      !pattern ||
      pattern.length > PATTERN_MAX ||
      // eslint-disable-next-line no-control-regex
      /[\u0000-\u001f\u007f\\]/.test(pattern) ||
      parts.some(part => !part || part === '.' || part === '..')
    ) {
      throw problem(
        trans.__(
          "Extra file “%1”: give a file name relative to the assignment's folder, for example “*.png” or “images/figure.png”.",
          pattern
        )
      );
    }
  }
}

/**
 * Refuse a submission carrying a file the assignment does not allow: only its own
 * files (the paths handed out) and those its extra patterns match may be handed in.
 * A pupil's module (`numpy.py`) beside their notebook would otherwise travel with it.
 *
 * @throws {DomainError} 422 `file_not_allowed`, naming the files refused.
 */
export function refuseUndeclaredFiles(
  paths: readonly string[],
  own: readonly string[],
  patterns: readonly string[]
): void {
  const known = new Set(own);
  const allowed = patterns.map(Private.toRegExp);
  const refused = paths.filter(
    path => !known.has(path) && !allowed.some(pattern => pattern.test(path))
  );
  if (!refused.length) {
    return;
  }
  const named = refused
    .slice(0, 5)
    .map(path => `« ${path} »`)
    .join(', ');
  const more =
    refused.length > 5 ? trans.__(' and %1 others', refused.length - 5) : '';
  const declared = patterns.length
    ? trans.__(', and the extra files it allows (%1)', patterns.join(', '))
    : '';
  throw new DomainError(
    'file_not_allowed',
    trans.__(
      '%1: %2%3. This assignment accepts only its own files%4. Remove them from the assignment folder, or ask your teacher to allow them. Nothing was handed in.',
      trans._n('File refused', 'Files refused', refused.length),
      named,
      more,
      declared
    )
  );
}

/**
 * The declared extra patterns of an assignment's row.
 */
export function extraFilesOf(row: { extra_files: string }): string[] {
  const parsed: unknown = JSON.parse(row.extra_files);
  return Array.isArray(parsed)
    ? parsed.filter((p): p is string => typeof p === 'string')
    : [];
}

namespace Private {
  /**
   * A pattern as a regular expression on whole paths; as in a shell, a wildcard at
   * the start of a name matches no hidden file (`*` is not `.env`).
   */
  export function toRegExp(pattern: string): RegExp {
    const body = pattern
      .split('/')
      .map(
        part =>
          (/^[*?]/.test(part) ? '(?!\\.)' : '') +
          part
            .split('')
            .map(c =>
              c === '*'
                ? '[^/]*'
                : c === '?'
                  ? '[^/]'
                  : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')
            )
            .join('')
      )
      .join('/');
    return new RegExp(`^${body}$`);
  }
}
