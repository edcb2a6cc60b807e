/**
 * nbgrader's notebook format, read and written without running anything: the cell
 * metadata its « Create Assignment » tools write (`metadata.nbgrader`, schema version
 * 3), the learners' version of a teacher's notebook (as `nbgrader generate_assignment`
 * makes it), and the notebook to grade from a submission.
 *
 * Cell kinds, as the JupyterLab tool writes them:
 * - autograded answer: `solution` (code, the pupil writes it);
 * - autograder tests: `grade` and `locked`, with `points` (code, run to grade);
 * - manually graded answer: `grade` and `solution`, with `points`;
 * - manually graded task: `task` and `locked`, with `points` (markdown);
 * - read-only: `locked`.
 */
import { DomainError, IMessage, trans } from '../errors';

/**
 * A notebook cell, as much of it as grading reads.
 */
export interface ICell {
  cell_type: string;
  id?: string;
  source: string | string[];
  metadata: { nbgrader?: unknown; [key: string]: unknown };
  outputs?: IOutput[];
  execution_count?: number | null;
  [key: string]: unknown;
}

/**
 * A code cell's output; `error` ones carry the exception's name and message.
 */
export interface IOutput {
  output_type: string;
  ename?: string;
  evalue?: string;
  [key: string]: unknown;
}

/**
 * A notebook (nbformat 4), as much of it as grading reads.
 */
export interface INotebook {
  cells: ICell[];
  [key: string]: unknown;
}

/**
 * A cell that earns points: `tests` ones are graded by running them, `manual` ones
 * (answers and tasks) by the teacher.
 */
export interface IGradedCell {
  gradeId: string;
  points: number;
  kind: 'tests' | 'manual';
}

/**
 * nbgrader's metadata of one cell, checked, with nbgrader's defaults.
 */
export interface INbgraderCell {
  gradeId: string;
  grade: boolean;
  solution: boolean;
  locked: boolean;
  task: boolean;
  points: number;
}

/** What learners write in place of a solution, in code and in text. */
export const CODE_STUB = '# VOTRE CODE ICI\nraise NotImplementedError()';
export const TEXT_STUB = 'VOTRE RÉPONSE ICI';

/**
 * Parse a notebook that has been checked against the nbformat schema.
 *
 * @throws {DomainError} 400 if it is not JSON with cells.
 */
export function parseNotebook(content: Buffer, path: string): INotebook {
  try {
    const notebook = JSON.parse(content.toString('utf8')) as INotebook;
    if (Array.isArray(notebook?.cells)) {
      return notebook;
    }
  } catch {
    // Answered below.
  }
  throw new DomainError(
    'invalid_notebook',
    trans.__('“%1” is not a readable notebook.', path)
  );
}

/**
 * The nbgrader metadata of a cell, or `null` when it has none or plays no part
 * (nothing is set).
 *
 * @throws {DomainError} 400 `invalid_nbgrader` for metadata nbgrader would refuse.
 */
export function readCell(cell: ICell, path: string): INbgraderCell | null {
  const raw = cell.metadata?.nbgrader;
  if (raw === undefined) {
    return null;
  }
  const problem = (what: IMessage) =>
    new DomainError(
      'invalid_nbgrader',
      trans.__(
        "“%1”: %2. Fix it with nbgrader's “Create Assignment” tool.",
        path,
        what
      )
    );
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw problem(trans.__('a cell has unreadable nbgrader metadata'));
  }
  const meta = raw as Record<string, unknown>;
  const flag = (key: string): boolean => {
    const value = meta[key] ?? false;
    if (typeof value !== 'boolean') {
      throw problem(trans.__('“%1” must be true or false', key));
    }
    return value;
  };
  const version = meta.schema_version;
  if (
    version !== undefined &&
    (typeof version !== 'number' || version > Private.SCHEMA_VERSION)
  ) {
    throw problem(
      trans.__(
        'unknown nbgrader metadata version (%1, %2 at most)',
        String(version),
        Private.SCHEMA_VERSION
      )
    );
  }
  const [grade, solution, locked, task] = [
    flag('grade'),
    flag('solution'),
    flag('locked'),
    flag('task')
  ];
  if (!grade && !solution && !locked && !task) {
    return null;
  }
  const gradeId = meta.grade_id;
  if (
    typeof gradeId !== 'string' ||
    !Private.GRADE_ID.test(gradeId) ||
    gradeId.length > Private.GRADE_ID_MAX
  ) {
    throw problem(
      trans.__(
        'an nbgrader cell has a missing or invalid id (grade_id)%1: letters, digits, “-” and “_” only',
        typeof gradeId === 'string'
          ? trans.__(' (“%1”)', gradeId.slice(0, 80))
          : ''
      )
    );
  }
  let points = 0;
  if (grade || task) {
    if (meta.points === undefined || meta.points === null) {
      throw problem(trans.__('cell “%1” is graded but has no points', gradeId));
    }
    points = Private.points(meta.points);
    if (!(points >= 0) || !Number.isFinite(points)) {
      throw problem(
        trans.__(
          'cell “%1” has an invalid number of points (%2)',
          gradeId,
          String(meta.points).slice(0, 40)
        )
      );
    }
  }
  const markdown = cell.cell_type === 'markdown';
  if (task && !markdown) {
    throw problem(trans.__('task “%1” must be a text cell', gradeId));
  }
  if (!task && markdown && grade !== solution) {
    throw problem(
      trans.__(
        'text cell “%1” must be both graded and an answer (“Manually graded answer”)',
        gradeId
      )
    );
  }
  return { gradeId, grade, solution, locked, task, points };
}

/**
 * Every graded cell of a notebook, in order.
 *
 * @throws {DomainError} 400 `invalid_nbgrader` (bad metadata, the same grade_id twice).
 */
export function gradedCells(notebook: INotebook, path: string): IGradedCell[] {
  const seen = new Set<string>();
  const graded: IGradedCell[] = [];
  for (const cell of notebook.cells) {
    const meta = readCell(cell, path);
    if (!meta) {
      continue;
    }
    if (seen.has(meta.gradeId)) {
      throw new DomainError(
        'invalid_nbgrader',
        trans.__(
          '“%1”: two cells have the same nbgrader id “%2”. Each nbgrader cell needs its own.',
          path,
          meta.gradeId
        )
      );
    }
    seen.add(meta.gradeId);
    if (meta.grade || meta.task) {
      graded.push({
        gradeId: meta.gradeId,
        points: meta.points,
        kind: Private.isTests(cell, meta) ? 'tests' : 'manual'
      });
    }
  }
  return graded;
}

/**
 * The learners' version of a teacher's notebook, as nbgrader's `generate_assignment`
 * makes it: solutions replaced by a stub, hidden tests removed, outputs cleared, locked
 * cells made read-only in JupyterLab.
 *
 * @returns the notebook, its graded cells and their total points, and whether it has
 *   nbgrader cells at all.
 * @throws {DomainError} 400 `invalid_nbgrader`: bad metadata, an unterminated or nested
 *   region, a solution outside a solution cell, hidden tests outside a tests cell.
 */
export function release(
  source: Buffer,
  path: string
): {
  notebook: Buffer;
  graded: IGradedCell[];
  total: number;
  usesNbgrader: boolean;
} {
  const notebook = parseNotebook(source, path);
  const graded = gradedCells(notebook, path);
  let usesNbgrader = false;
  const cells = notebook.cells.map(original => {
    const cell = Private.cleared(original);
    const meta = readCell(cell, path);
    usesNbgrader ||= meta !== null;
    const text = Private.text(cell.source);
    const solution = Private.regions(text, 'SOLUTION', path);
    const hidden = Private.regions(text, 'HIDDEN TESTS', path);
    if (solution.found && !meta?.solution) {
      throw Private.misplaced(
        path,
        trans.__('A solution (### BEGIN SOLUTION)'),
        meta
      );
    }
    if (hidden.found && !(meta && Private.isTests(cell, meta))) {
      throw Private.misplaced(
        path,
        trans.__('Hidden tests (### BEGIN HIDDEN TESTS)'),
        meta
      );
    }
    if (meta?.solution) {
      const stub = cell.cell_type === 'code' ? CODE_STUB : TEXT_STUB;
      cell.source = solution.found ? solution.replace(stub) : stub;
    } else if (hidden.found) {
      cell.source = hidden.replace(null);
    }
    if (meta?.locked || (meta && Private.isTests(cell, meta))) {
      cell.metadata = { ...cell.metadata, editable: false, deletable: false };
    }
    return cell;
  });
  return {
    notebook: Private.serialize({ ...notebook, cells }),
    graded,
    total: graded.reduce((sum, cell) => sum + cell.points, 0),
    usesNbgrader
  };
}

/**
 * The notebook to grade: the learner's, with every tests cell and every locked cell
 * taken from the teacher's notebook (hidden tests included), matched by grade_id, so
 * that no test can be edited or deleted away. A tests or locked cell the learner
 * deleted is put back after the cell that precedes it in the teacher's notebook.
 * Outputs and execution counts are cleared: only what runs now counts.
 *
 * @returns the notebook, and the grade_ids of graded answers missing from the copy.
 */
export function forGrading(
  submission: Buffer,
  source: Buffer,
  path: string
): { notebook: Buffer; missing: string[] } {
  const teacher = parseNotebook(source, path);
  const learner = parseNotebook(submission, path);
  const imposed = new Map<string, ICell>();
  const sourceIds: string[] = [];
  for (const cell of teacher.cells) {
    const meta = readCell(cell, path);
    if (!meta) {
      continue;
    }
    sourceIds.push(meta.gradeId);
    if (meta.locked || Private.isTests(cell, meta)) {
      imposed.set(meta.gradeId, cell);
    }
  }
  const cells: ICell[] = [];
  const present = new Set<string>();
  for (const cell of learner.cells) {
    const id = Private.claimedId(cell);
    const replacement = id === null ? undefined : imposed.get(id);
    if (id !== null && replacement && present.has(id)) {
      continue; // a copy of a test cell: the test runs once
    }
    if (id !== null) {
      present.add(id);
    }
    cells.push(Private.cleared(replacement ?? cell));
  }
  // Put back, in the teacher's order, the imposed cells the learner deleted.
  for (const [index, id] of sourceIds.entries()) {
    if (present.has(id) || !imposed.has(id)) {
      continue;
    }
    const before = sourceIds.slice(0, index).reverse();
    const anchor = before
      .map(earlier =>
        cells.findIndex(cell => Private.claimedId(cell) === earlier)
      )
      .find(at => at >= 0);
    cells.splice(
      anchor === undefined ? 0 : anchor + 1,
      0,
      Private.cleared(imposed.get(id)!)
    );
    present.add(id);
  }
  const missing = gradedCells(teacher, path)
    .filter(cell => cell.kind === 'manual' && !present.has(cell.gradeId))
    .map(cell => cell.gradeId);
  return {
    notebook: Private.serialize({ ...learner, cells }),
    missing
  };
}

namespace Private {
  export const SCHEMA_VERSION = 3;
  export const GRADE_ID = /^[a-zA-Z0-9_-]+$/;
  export const GRADE_ID_MAX = 100;

  /** Autograder tests: a graded code cell the learner does not write. */
  export function isTests(cell: ICell, meta: INbgraderCell): boolean {
    return meta.grade && !meta.solution && cell.cell_type === 'code';
  }

  /**
   * The grade_id a learner's cell claims, without checking the rest: a learner's
   * metadata is never trusted, only matched.
   */
  export function claimedId(cell: ICell): string | null {
    const meta = cell.metadata?.nbgrader as { grade_id?: unknown } | undefined;
    return typeof meta?.grade_id === 'string' ? meta.grade_id : null;
  }

  /** Points as nbgrader reads them (numbers, or numbers written as text). */
  export function points(value: unknown): number {
    if (typeof value === 'number') {
      return value;
    }
    return typeof value === 'string' && value.trim() !== ''
      ? Number(value)
      : NaN;
  }

  export function text(source: string | string[]): string {
    return Array.isArray(source) ? source.join('') : source;
  }

  /** A copy of a cell without outputs nor execution count. */
  export function cleared(cell: ICell): ICell {
    const copy: ICell = {
      ...cell,
      metadata: { ...cell.metadata },
      source: text(cell.source)
    };
    if (copy.cell_type === 'code') {
      copy.outputs = [];
      copy.execution_count = null;
    }
    return copy;
  }

  /**
   * The `### BEGIN <name>` … `### END <name>` regions of a cell, found line by line
   * as nbgrader finds them (the marker anywhere on its line).
   *
   * @throws {DomainError} 400 for a region never ended, or one inside another.
   */
  export function regions(
    source: string,
    name: string,
    path: string
  ): { found: boolean; replace: (stub: string | null) => string } {
    const lines = source.split('\n');
    const begin = `BEGIN ${name}`;
    const end = `END ${name}`;
    const unbalanced = () =>
      new DomainError(
        'invalid_nbgrader',
        trans.__(
          '“%1”: a “### %2” region is not closed by “### %3”, or holds another one.',
          path,
          begin,
          end
        )
      );
    let open = false;
    let found = false;
    for (const line of lines) {
      if (line.includes(begin)) {
        if (open) {
          throw unbalanced();
        }
        open = found = true;
      } else if (line.includes(end)) {
        if (!open) {
          throw unbalanced();
        }
        open = false;
      }
    }
    if (open) {
      throw unbalanced();
    }
    return {
      found,
      replace: stub => {
        const kept: string[] = [];
        let inside = false;
        for (const line of lines) {
          if (line.includes(begin)) {
            inside = true;
            const indent = /^\s*/.exec(line)![0];
            if (stub !== null) {
              kept.push(...stub.split('\n').map(part => indent + part));
            }
          } else if (line.includes(end)) {
            inside = false;
          } else if (!inside) {
            kept.push(line);
          }
        }
        return kept.join('\n');
      }
    };
  }

  export function misplaced(
    path: string,
    what: IMessage,
    meta: INbgraderCell | null
  ): DomainError {
    return new DomainError(
      'invalid_nbgrader',
      trans.__(
        '“%1”: %2 is in a cell%3 that is not of the right nbgrader type; it would be given as it is to the pupils.',
        path,
        what,
        meta ? trans.__(' “%1”', meta.gradeId) : ''
      )
    );
  }

  /** JSON as Jupyter writes it (one-space indent, final newline). */
  export function serialize(notebook: INotebook): Buffer {
    return Buffer.from(`${JSON.stringify(notebook, null, 1)}\n`);
  }
}
