/**
 * Notebooks in nbgrader's format, as its JupyterLab « Create Assignment » tool saves
 * them: sources as lists of lines, `metadata.nbgrader` with `schema_version` 3 and its
 * keys in the tool's order.
 */

/** A cell's nbgrader metadata as the tool writes it for each cell type. */
export const NBGRADER = {
  readonly: (id: string) => ({
    grade: false,
    grade_id: id,
    locked: true,
    schema_version: 3,
    solution: false,
    task: false
  }),
  solution: (id: string) => ({
    grade: false,
    grade_id: id,
    locked: false,
    schema_version: 3,
    solution: true,
    task: false
  }),
  tests: (id: string, points: number) => ({
    grade: true,
    grade_id: id,
    locked: true,
    points,
    schema_version: 3,
    solution: false,
    task: false
  }),
  manual: (id: string, points: number) => ({
    grade: true,
    grade_id: id,
    locked: false,
    points,
    schema_version: 3,
    solution: true,
    task: false
  })
};

/** The cells' text, by grade_id: what the teacher wrote. */
export const TEACHER = {
  consigne: '# Les carrés\n\nÉcrivez la fonction `carre`, puis expliquez.',
  carre:
    'def carre(x):\n    """Renvoie le carré de x."""\n    ### BEGIN SOLUTION\n    return x * x\n    ### END SOLUTION',
  'test-carre':
    'assert carre(3) == 9, "carre(3) devrait valoir 9"\n### BEGIN HIDDEN TESTS\nassert carre(-4) == 16, "carre(-4) devrait valoir 16"\n### END HIDDEN TESTS',
  explication: 'Un carré est toujours positif ou nul.',
  'test-carre-2': 'assert carre(2) == 4, "carre(2) devrait valoir 4"'
};

/** A cell as JupyterLab saves it. */
function cell(
  id: string,
  type: 'code' | 'markdown',
  source: string,
  nbgrader: object | null
): Record<string, unknown> {
  const lines = source
    .split('\n')
    .map((line, i, all) => (i < all.length - 1 ? `${line}\n` : line));
  return {
    cell_type: type,
    id,
    metadata: nbgrader ? { nbgrader } : {},
    source: lines,
    ...(type === 'code' ? { execution_count: null, outputs: [] } : {})
  };
}

/**
 * The teacher's notebook: a read-only statement, an autograded answer (`carre`), its
 * tests worth 2 points with a hidden test, an answer graded by hand worth 3 points,
 * and more tests worth 1 point. 6 points in all, 3 of them autograded.
 */
export function teacherNotebook(
  changes: Partial<Record<keyof typeof TEACHER, string | null>> = {}
): Buffer {
  const text = { ...TEACHER, ...changes };
  const cells = [
    ['c1', 'markdown', 'consigne', NBGRADER.readonly('consigne')],
    ['c2', 'code', 'carre', NBGRADER.solution('carre')],
    ['c3', 'code', 'test-carre', NBGRADER.tests('test-carre', 2)],
    ['c4', 'markdown', 'explication', NBGRADER.manual('explication', 3)],
    ['c5', 'code', 'test-carre-2', NBGRADER.tests('test-carre-2', 1)]
  ] as const;
  return notebookOf(
    cells
      .filter(([, , id]) => text[id] !== null)
      .map(([cellId, type, id, meta]) => cell(cellId, type, text[id]!, meta))
  );
}

/**
 * A learner's copy: the released notebook (as they fetched it) with some cells'
 * sources replaced, by grade_id, and some deleted (`null`).
 */
export function learnerCopy(
  released: Buffer,
  changes: Record<string, string | null>
): Buffer {
  const notebook = JSON.parse(released.toString('utf8'));
  notebook.cells = notebook.cells.flatMap(
    (entry: {
      metadata: { nbgrader?: { grade_id: string } };
      source: string;
    }) => {
      const id = entry.metadata.nbgrader?.grade_id ?? '';
      if (!(id in changes)) {
        return [entry];
      }
      return changes[id] === null ? [] : [{ ...entry, source: changes[id] }];
    }
  );
  return Buffer.from(JSON.stringify(notebook, null, 1));
}

/** A notebook (nbformat 4.5, Python 3 kernel) of these cells. */
export function notebookOf(cells: readonly object[]): Buffer {
  return Buffer.from(
    JSON.stringify(
      {
        cells,
        metadata: {
          kernelspec: {
            display_name: 'Python 3 (ipykernel)',
            language: 'python',
            name: 'python3'
          },
          language_info: { name: 'python' }
        },
        nbformat: 4,
        nbformat_minor: 5
      },
      null,
      1
    )
  );
}

/** One cell with these nbgrader metadata, for malformed notebooks. */
export function cellWith(
  id: string,
  type: 'code' | 'markdown',
  source: string,
  nbgrader: unknown
): Record<string, unknown> {
  return { ...cell(id, type, source, null), metadata: { nbgrader } };
}
