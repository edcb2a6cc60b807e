/**
 * Environments' human names: what a teacher reads in the launcher, the kernel picker,
 * the « Environnement » panel and the administration, instead of a hash. Standard
 * environments are named by `binder-configs/environment-names.json`; a teacher's after
 * the notebook it was made for, and its author may rename it.
 */
import * as path from 'path';

import { DomainError, frenchText, trans } from '../errors';

/** The longest name, in characters: a launcher tile and a kernel menu show ~40. */
export const MAX_NAME_LENGTH = 80;

/** What a name is computed from. */
export interface INamedEnvironment {
  name: string | null;
  python: string;
  createdAt: string;
}

/**
 * The name to show: the given one, else « Environnement Python 3.11 du 7 déc. 2026 »
 * (environments made before names, in the platform's language: kernel files have one).
 */
export function environmentName(record: INamedEnvironment): string {
  return (
    record.name ??
    frenchText(
      trans.__(
        'Python %1 environment of %2',
        record.python,
        Private.DAY.format(new Date(record.createdAt))
      )
    )
  );
}

/**
 * A name as typed, cleaned: spaces collapsed and trimmed.
 *
 * @throws {DomainError} 400 `invalid_environment_name` when it is empty, too long or
 *   holds control characters.
 */
export function checkEnvironmentName(raw: string): string {
  const name = raw.replace(/\s+/g, ' ').trim();
  if (
    !name ||
    name.length > MAX_NAME_LENGTH ||
    // Tabs and line breaks count as spaces; other control characters are refused.
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(raw)
  ) {
    throw new DomainError(
      'invalid_environment_name',
      trans.__(
        'An environment name has 1 to %1 characters, without control characters.',
        MAX_NAME_LENGTH
      )
    );
  }
  return name;
}

/**
 * A name from a notebook: its `metadata.title` when it has one, else its file name
 * made readable (`fonctions_affines-2de.ipynb` → « fonctions affines 2de »); null
 * when neither gives one.
 */
export function nameFromNotebook(
  notebookPath: string,
  metadata?: { title?: unknown } | null
): string | null {
  const candidates = [
    typeof metadata?.title === 'string' ? metadata.title : '',
    path.posix
      .basename(notebookPath)
      .replace(/\.ipynb$/i, '')
      .replace(/[_-]+/g, ' ')
  ];
  for (const candidate of candidates) {
    const name = candidate.replace(/\s+/g, ' ').trim();
    if (name) {
      return name.slice(0, MAX_NAME_LENGTH).trim();
    }
  }
  return null;
}

namespace Private {
  /** « 7 déc. 2026 », Metropolitan French time as the rest of the platform. */
  export const DAY = new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'medium',
    timeZone: 'Europe/Paris'
  });
}
