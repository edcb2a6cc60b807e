/**
 * A software list as the panel edits it — rows of package name and version
 * constraint, and a Python version — read from and written back to the
 * Binder/repo2docker files the hub resolves (`requirements.txt`, `runtime.txt`…).
 */
import type { ISoftwareFile } from './api';

/**
 * One package of the list.
 */
export interface IPackageRow {
  /** The project name, with its extras if any: `numpy`, `pandas[excel]`. */
  name: string;
  /** What follows the name: `>=1.2`, `==2.0`, `>=1,<2; python_version<"3.12"`, or empty. */
  constraint: string;
}

/**
 * A software list being edited.
 */
export interface ISoftwareDraft {
  rows: IPackageRow[];
  /** `3.11`, or `null` when the list does not say (the hub's default then). */
  python: string | null;
  /**
   * Lines of `requirements.txt` that are not a plain requirement (`-r other.txt`…),
   * written back as they were: the hub judges them.
   */
  otherLines: string[];
  /** The other files (environment.yml, apt.txt, postBuild…), kept unchanged. */
  keptFiles: ISoftwareFile[];
  /** `''`, `binder/` or `.binder/`: where the list's files live, as in repo2docker. */
  folder: string;
}

/**
 * What is wrong with a row, if anything.
 */
export type RowProblem =
  'name-empty' | 'name-invalid' | 'name-duplicate' | 'constraint-invalid';

const NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?';
const EXTRAS = `\\[\\s*(?:${NAME}(?:\\s*,\\s*${NAME})*)?\\s*\\]`;
const CLAUSE = '(?:~=|===|==|!=|<=|>=|<|>)\\s*[A-Za-z0-9_.*+!-]+';
const SPEC = `${CLAUSE}(?:\\s*,\\s*${CLAUSE})*`;
// The same grammar as the engine's (environments/src/requirements.ts).
const NAME_RE = new RegExp(`^${NAME}(?:${EXTRAS})?$`);
const CONSTRAINT_RE = new RegExp(
  `^(?:\\(\\s*${SPEC}\\s*\\)|${SPEC})?\\s*(?:;\\s*\\S.*)?$`
);
const LINE_RE = new RegExp(`^(${NAME}\\s*(?:${EXTRAS})?)\\s*(.*)$`);

/**
 * An empty list.
 */
export function emptyDraft(): ISoftwareDraft {
  return { rows: [], python: null, otherLines: [], keptFiles: [], folder: '' };
}

/**
 * Read the files of a software list into rows.
 */
export function draftFromFiles(
  files: readonly ISoftwareFile[]
): ISoftwareDraft {
  const draft = emptyDraft();
  draft.folder = configFolder(files.map(f => f.path));
  for (const file of files) {
    const inFolder = file.path.startsWith(draft.folder)
      ? file.path.slice(draft.folder.length)
      : null;
    if (inFolder === 'requirements.txt') {
      const read = readRequirements(file.content);
      draft.rows = read.rows;
      draft.otherLines = read.otherLines;
      continue;
    }
    if (inFolder === 'runtime.txt') {
      const python = /^python-(\d+\.\d+)(?:\.\d+)?$/.exec(file.content.trim());
      if (python) {
        draft.python = python[1];
        continue;
      }
    }
    draft.keptFiles.push({ path: file.path, content: file.content });
  }
  return draft;
}

/**
 * Write a software list back as files: `requirements.txt` (when it has lines),
 * `runtime.txt` (when a Python is chosen) and the kept files.
 */
export function filesFromDraft(draft: ISoftwareDraft): ISoftwareFile[] {
  const files: ISoftwareFile[] = [];
  const lines = [
    ...draft.rows.map(row => requirementLine(row)),
    ...draft.otherLines
  ];
  if (lines.length) {
    files.push({
      path: `${draft.folder}requirements.txt`,
      content: lines.map(line => `${line}\n`).join('')
    });
  }
  if (draft.python) {
    files.push({
      path: `${draft.folder}runtime.txt`,
      content: `python-${draft.python}\n`
    });
  }
  // A kept file never doubles one written here (an R runtime.txt once Python is chosen).
  const written = new Set(files.map(f => f.path));
  return [...files, ...draft.keptFiles.filter(f => !written.has(f.path))];
}

/**
 * The `requirements.txt` line of a row: `numpy>=1.2`, `six`.
 */
export function requirementLine(row: IPackageRow): string {
  const name = row.name.trim().replace(/\s+/g, '');
  const constraint = row.constraint.trim();
  if (!constraint) {
    return name;
  }
  return constraint.startsWith(';')
    ? `${name} ${constraint}`
    : `${name}${constraint}`;
}

/**
 * Read `requirements.txt` into rows and the lines that are not plain requirements.
 */
export function readRequirements(text: string): {
  rows: IPackageRow[];
  otherLines: string[];
} {
  const rows: IPackageRow[] = [];
  const otherLines: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    while (line.endsWith('\\') && i + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++i];
    }
    // Hashes of an exported list are dropped, as the engine does: the lock has them.
    const clean = line
      .replace(/(^|\s)#.*$/, '')
      .replace(/\s+--hash(?:=|\s+)\S+/g, '')
      .trim();
    if (!clean) {
      continue;
    }
    const match = LINE_RE.exec(clean);
    if (match && CONSTRAINT_RE.test(match[2])) {
      rows.push({
        name: match[1].replace(/\s+/g, ''),
        constraint: match[2].trim()
      });
    } else {
      otherLines.push(clean);
    }
  }
  return { rows, otherLines };
}

/**
 * The PEP 503 normal form of a name (extras left out), to compare names.
 */
export function normalizeName(name: string): string {
  return name
    .replace(/\[.*$/, '')
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}

/**
 * Whether a version constraint is one the hub accepts (empty is: any version).
 */
export function isValidConstraint(constraint: string): boolean {
  return CONSTRAINT_RE.test(constraint.trim());
}

/**
 * The problems of each row (same order as the rows; `null` when the row is fine).
 */
export function rowProblems(
  rows: readonly IPackageRow[]
): (RowProblem | null)[] {
  const seen = new Set<string>();
  return rows.map(row => {
    const name = row.name.trim();
    if (!name) {
      return 'name-empty';
    }
    if (!NAME_RE.test(name.replace(/\s+/g, ''))) {
      return 'name-invalid';
    }
    const key = normalizeName(name);
    if (seen.has(key)) {
      return 'name-duplicate';
    }
    seen.add(key);
    return isValidConstraint(row.constraint) ? null : 'constraint-invalid';
  });
}

/**
 * Add a package to the rows, unless it is already there.
 *
 * @returns the new rows and the index of the package's row.
 */
export function addPackage(
  rows: readonly IPackageRow[],
  name: string
): { rows: IPackageRow[]; index: number; added: boolean } {
  const key = normalizeName(name);
  const index = rows.findIndex(row => normalizeName(row.name) === key);
  if (index >= 0) {
    return { rows: [...rows], index, added: false };
  }
  return {
    rows: [...rows, { name: name.trim(), constraint: '' }],
    index: rows.length,
    added: true
  };
}

/**
 * `.binder/` or `binder/` when the list has such a folder, else `''` (the folder
 * repo2docker reads first).
 */
function configFolder(paths: string[]): string {
  for (const folder of ['.binder/', 'binder/']) {
    if (paths.some(path => path.startsWith(folder))) {
      return folder;
    }
  }
  return '';
}
