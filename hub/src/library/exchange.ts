import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import { DomainError, trans } from '../errors';
import { writeZip } from '../util/zip';
import { FILE_LIMITS, IResourceFile, METADATA_FILE } from './files';
import { IResourceMetadata } from './metadata';
import { extractEntry, shownName, zipEntries } from './zipReader';

/**
 * What the platform's default kernel offers, for the Binder files of an export.
 */
export interface IBaseEnvironment {
  /** Binder's `runtime.txt` line (`python-3.11`), or null when unknown. */
  runtime: string | null;
  /** Pinned requirements by the module notebooks import: `numpy` → `numpy==2.4.6`. */
  requirements: Record<string, string>;
}

/**
 * The key of `candyce-resource.json` that records what an export added to the
 * resource's files (path → SHA-256), so that importing the export gives back the
 * resource's own files and nothing else. Not part of the metadata.
 */
export const EXPORT_KEY = 'exportedFrom';

/** Files that make Binder build an environment of its own (then an export adds none). */
const BINDER_FILES = [
  'requirements.txt',
  'environment.yml',
  'environment.yaml',
  'runtime.txt',
  'Pipfile',
  'pyproject.toml',
  'setup.py',
  'install.R',
  'apt.txt',
  'postBuild',
  'Dockerfile'
];

/**
 * The default kernel's scientific stack (`requirements.in`): the module a notebook
 * imports and the distribution that provides it.
 */
const BASE_MODULES: Readonly<Record<string, string>> = {
  numpy: 'numpy',
  pandas: 'pandas',
  matplotlib: 'matplotlib',
  PIL: 'pillow'
};

/** Where the repository keeps the platform's Python lock file. */
const LOCK_FILE = path.join(__dirname, '..', '..', '..', 'requirements.lock');

/**
 * The platform's base environment: versions pinned by `requirements.lock` and the
 * Python of the Candyce environment (`<venvDir>/pyvenv.cfg`). What cannot be read is
 * left out (an export then lets Binder choose).
 */
export function readBaseEnvironment(
  venvDir: string,
  lockFile = LOCK_FILE
): IBaseEnvironment {
  const read = (file: string) => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  const pinned = new Map<string, string>();
  for (const line of read(lockFile).split('\n')) {
    const match = /^([A-Za-z0-9._-]+)==([^\s;\\#]+)/.exec(line.trim());
    if (match) {
      pinned.set(match[1].toLowerCase(), `${match[1]}==${match[2]}`);
    }
  }
  const requirements: Record<string, string> = {};
  for (const [module, distribution] of Object.entries(BASE_MODULES)) {
    const line = pinned.get(distribution);
    if (line) {
      requirements[module] = line;
    }
  }
  const version = /^version(?:_info)?\s*=\s*(\d+)\.(\d+)/m.exec(
    read(path.join(venvDir, 'pyvenv.cfg'))
  );
  return {
    runtime: version ? `python-${version[1]}.${version[2]}` : null,
    requirements
  };
}

/**
 * A version of a resource as a Binder-compatible zip: its files, `candyce-resource.json`
 * and, when the resource brings no environment of its own, a `requirements.txt` of the
 * base packages its notebooks import and a `runtime.txt`; a French `README.md` unless
 * it has one. The same version always gives the same bytes (fixed dates, sorted paths).
 */
export function exportZip(
  resource: {
    id: string;
    version: number;
    metadata: IResourceMetadata;
    files: readonly IResourceFile[];
    licence: { label: string; url?: string };
  },
  environment: IBaseEnvironment
): Buffer {
  const own = new Set(resource.files.map(file => file.path));
  const added: IResourceFile[] = [];
  const hasEnvironment =
    BINDER_FILES.some(name => own.has(name)) ||
    [...own].some(file => file.startsWith('binder/'));
  if (!hasEnvironment) {
    added.push({
      path: 'requirements.txt',
      content: Buffer.from(Private.requirements(resource.files, environment))
    });
    if (environment.runtime) {
      added.push({
        path: 'runtime.txt',
        content: Buffer.from(`${environment.runtime}\n`)
      });
    }
  }
  if (!own.has('README.md')) {
    added.push({
      path: 'README.md',
      content: Buffer.from(Private.readme(resource))
    });
  }
  const description = {
    ...resource.metadata,
    [EXPORT_KEY]: {
      resource: resource.id,
      version: resource.version,
      added: Object.fromEntries(
        added.map(file => [file.path, Private.sha256(file.content)])
      )
    }
  };
  return writeZip([
    ...resource.files,
    ...added,
    {
      path: METADATA_FILE,
      content: Buffer.from(`${JSON.stringify(description, null, 2)}\n`)
    }
  ]);
}

/**
 * A resource from a zip made by {@link exportZip} or by hand: `candyce-resource.json`
 * at its root or in its single top folder, beside the resource's files. Files the
 * export added and that were not changed since are left out.
 *
 * Sizes are counted while inflating (declared sizes are not trusted): nothing beyond
 * the publishing limits is ever held in memory.
 *
 * @throws {DomainError} 400 `invalid_zip`, `invalid_path`, `invalid_metadata`; 413
 *   `too_large` — in French.
 */
export function readResourceZip(zip: Buffer): {
  metadata: unknown;
  files: IResourceFile[];
} {
  const entries = zipEntries(zip).filter(
    entry => !entry.name.endsWith('/') && !Private.isNoise(entry.name)
  );
  const seen = new Set<string>();
  for (const entry of entries) {
    Private.checkName(entry.name);
    if (seen.has(entry.name)) {
      throw new DomainError(
        'invalid_path',
        trans.__('Duplicate file in the zip: “%1”.', shownName(entry.name))
      );
    }
    seen.add(entry.name);
  }
  const prefix = Private.rootOf(entries.map(entry => entry.name));
  // The metadata file and what an export adds come on top of the resource's files.
  if (entries.length > FILE_LIMITS.files + 4) {
    throw new DomainError(
      'too_large',
      trans.__(
        'Too many files in the zip: %1 at most per resource.',
        FILE_LIMITS.files
      )
    );
  }
  let budget = FILE_LIMITS.totalBytes + 2 * Private.METADATA_MAX;
  let metadataText = '';
  const files: IResourceFile[] = [];
  for (const entry of entries) {
    const relative = entry.name.slice(prefix.length);
    const isMetadata = relative === METADATA_FILE;
    const content = extractEntry(
      zip,
      entry,
      isMetadata
        ? Private.METADATA_MAX
        : Math.min(FILE_LIMITS.fileBytes, budget)
    );
    budget -= content.length;
    if (isMetadata) {
      metadataText = content.toString('utf8');
    } else {
      files.push({ path: relative, content });
    }
  }
  let metadata: unknown;
  try {
    metadata = JSON.parse(metadataText);
  } catch {
    throw new DomainError(
      'invalid_metadata',
      trans.__('%1 is not valid JSON.', METADATA_FILE)
    );
  }
  if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new DomainError(
      'invalid_metadata',
      trans.__(
        '%1 must hold a JSON object (title, summary, licence…).',
        METADATA_FILE
      )
    );
  }
  const { [EXPORT_KEY]: exported, ...rest } = metadata as Record<
    string,
    unknown
  >;
  const added = Private.addedFiles(exported);
  return {
    metadata: rest,
    files: files.filter(
      file => added.get(file.path) !== Private.sha256(file.content)
    )
  };
}

namespace Private {
  /** The metadata file is small: 1 MB at most. */
  export const METADATA_MAX = 1024 * 1024;

  export function sha256(bytes: Buffer): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  /** Files that archivers and JupyterLab add by themselves, skipped on import. */
  export function isNoise(name: string): boolean {
    const parts = name.split('/');
    return (
      parts[0] === '__MACOSX' ||
      parts.includes('.ipynb_checkpoints') ||
      parts[parts.length - 1] === '.DS_Store'
    );
  }

  /**
   * Refuse paths that could leave the resource: absolute, with `..`, backslashes or
   * a drive letter.
   */
  export function checkName(name: string): void {
    const parts = name.split('/');
    if (
      !name ||
      name.includes('\\') ||
      name.startsWith('/') ||
      /^[A-Za-z]:/.test(name) ||
      parts.some(part => !part || part === '.' || part === '..') ||
      name.length > FILE_LIMITS.pathLength + 100
    ) {
      throw new DomainError(
        'invalid_path',
        trans.__(
          'Path refused in the zip: “%1” (relative paths only, without “..”, “\\” or a leading “/”).',
          shownName(name)
        )
      );
    }
  }

  /**
   * The folder that holds the metadata file: the root, or the single top folder.
   */
  export function rootOf(names: readonly string[]): string {
    if (names.includes(METADATA_FILE)) {
      return '';
    }
    const tops = new Set(names.map(name => name.split('/')[0]));
    const [top] = tops;
    if (
      tops.size === 1 &&
      names.every(name => name.includes('/')) &&
      names.includes(`${top}/${METADATA_FILE}`)
    ) {
      return `${top}/`;
    }
    throw new DomainError(
      'invalid_metadata',
      trans.__(
        'The zip has no %1 at its root (nor in a single folder): export the resource from the library, or add this metadata file.',
        METADATA_FILE
      )
    );
  }

  /** What an export added (path → SHA-256), from the metadata's {@link EXPORT_KEY}. */
  export function addedFiles(value: unknown): Map<string, string> {
    const added = (value as { added?: unknown } | undefined)?.added;
    const found = new Map<string, string>();
    if (added && typeof added === 'object' && !Array.isArray(added)) {
      for (const [file, hash] of Object.entries(added)) {
        if (typeof hash === 'string') {
          found.set(file, hash);
        }
      }
    }
    return found;
  }

  /**
   * `requirements.txt`: the base packages the notebooks import, pinned.
   */
  export function requirements(
    files: readonly IResourceFile[],
    environment: IBaseEnvironment
  ): string {
    const imported = new Set<string>();
    for (const file of files) {
      if (!file.path.endsWith('.ipynb')) {
        continue;
      }
      for (const module of importsOf(file.content)) {
        imported.add(module);
      }
    }
    const lines = Object.entries(environment.requirements)
      .filter(([module]) => imported.has(module))
      .map(([, line]) => line)
      .sort();
    return [
      '# Paquets de l’environnement de base de Candyce utilisés par les notebooks,',
      '# aux versions de la plateforme (pour mybinder.org).',
      ...lines,
      ''
    ].join('\n');
  }

  /** The top-level modules imported by the code cells of a notebook. */
  function importsOf(content: Buffer): string[] {
    let cells: { cell_type?: string; source?: string | string[] }[];
    try {
      cells = JSON.parse(content.toString('utf8')).cells ?? [];
    } catch {
      return [];
    }
    const modules: string[] = [];
    for (const cell of Array.isArray(cells) ? cells : []) {
      if (cell?.cell_type !== 'code') {
        continue;
      }
      const source = ([] as string[]).concat(cell.source ?? []).join('');
      for (const match of source.matchAll(
        /^\s*(?:import\s+([\w.]+(?:\s*,\s*[\w.]+)*)|from\s+([\w.]+)\s+import)/gm
      )) {
        for (const name of (match[1] ?? match[2]).split(',')) {
          modules.push(name.trim().split('.')[0]);
        }
      }
    }
    return modules;
  }

  /**
   * `README.md`, in French: title, summary, authors, licence, how to run it.
   */
  export function readme(resource: {
    metadata: IResourceMetadata;
    version: number;
    licence: { label: string; url?: string };
  }): string {
    const { metadata, licence } = resource;
    return [
      `# ${metadata.title}`,
      '',
      metadata.summary,
      '',
      `- Auteurs : ${metadata.authors.join(', ')}`,
      `- Licence : ${licence.url ? `[${licence.label}](${licence.url})` : licence.label}`,
      `- Version ${resource.version}, exportée de la bibliothèque Candyce`,
      '',
      '## Utiliser cette ressource',
      '',
      '- Sur mybinder.org : déposez ce dossier dans un dépôt public (GitHub, GitLab…), puis',
      '  donnez l’adresse du dépôt à https://mybinder.org ; les fichiers `requirements.txt`',
      '  et `runtime.txt` décrivent l’environnement Python.',
      `- Dans une bibliothèque Candyce : « Importer un zip », le fichier \`${METADATA_FILE}\``,
      '  garde les métadonnées.',
      ''
    ].join('\n');
  }
}
