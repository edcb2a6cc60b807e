import type { INotebookEnvironments } from '../environments/notebooks';
import { IFile } from '../storage/files';
import { ICellResult, INotebookToGrade } from './autograder';
import {
  forGrading,
  gradedCells,
  IGradedCell,
  parseNotebook
} from './nbgrader';

/**
 * The kernel a teacher's notebook is graded with: its pinned environment's (built when
 * it is not), or `python3`, the Candyce environment, for a notebook pinned to none.
 */
export type IGradingKernels = Pick<INotebookEnvironments, 'kernelFor'>;

/**
 * What grading one submission runs, and what it cannot run.
 */
export interface IGradingPlan {
  /** The learner's notebooks, prepared with the teacher's tests, and their kernels. */
  notebooks: INotebookToGrade[];
  /** The graded cells of the notebooks that cannot run, with why they earn nothing. */
  notRun: ICellResult[];
  /** `path : why` for each notebook whose environment could not be built. */
  unavailable: string[];
  /** The points all the graded cells are worth. */
  max: number;
}

/**
 * Plan the grading of a submission: each of the teacher's graded notebooks is run on
 * the learner's copy, in the kernel of its environment. A notebook missing from the
 * copy, unreadable, or whose environment cannot be built is not run: its cells earn
 * nothing (the teacher's cells wait for the teacher), and the others still run.
 *
 * @param sources - the teacher's notebooks, which give the tests.
 * @param copy - the learner's files.
 * @param signal - aborts the building of an environment.
 */
export async function planGrading(
  sources: readonly IFile[],
  copy: readonly IFile[],
  kernels: IGradingKernels,
  signal: AbortSignal
): Promise<IGradingPlan> {
  const byPath = new Map(copy.map(file => [file.path, file]));
  const notebooks: INotebookToGrade[] = [];
  const notRun: ICellResult[] = [];
  const unavailable: string[] = [];
  let max = 0;
  for (const source of sources) {
    const graded = gradedCells(
      parseNotebook(source.content, source.path),
      source.path
    );
    max += graded.reduce((sum, cell) => sum + cell.points, 0);
    const learnerCopy = byPath.get(source.path);
    if (!learnerCopy) {
      notRun.push(
        ...Private.unscored(source.path, graded, 'Notebook absent de la copie.')
      );
      continue;
    }
    let prepared: ReturnType<typeof forGrading>;
    try {
      prepared = forGrading(learnerCopy.content, source.content, source.path);
    } catch {
      notRun.push(
        ...Private.unscored(
          source.path,
          graded,
          'Notebook illisible dans la copie.'
        )
      );
      continue;
    }
    let kernel: string;
    try {
      kernel = await kernels.kernelFor(source, signal);
    } catch (error) {
      // Its environment cannot be built: its tests cannot run, the others can.
      const why = error instanceof Error ? error.message : String(error);
      unavailable.push(`${source.path} : ${why}`);
      notRun.push(
        ...Private.unscored(
          source.path,
          graded,
          'Non exécuté : l’environnement du notebook n’a pas pu être construit.',
          true
        )
      );
      continue;
    }
    notebooks.push({
      path: source.path,
      content: prepared.notebook,
      kernel,
      graded,
      missing: prepared.missing
    });
  }
  return { notebooks, notRun, unavailable, max };
}

namespace Private {
  /**
   * The cells of a graded notebook that is not run, each earning nothing for `reason`;
   * with `manualWait`, cells graded by hand wait for the teacher instead (the copy has
   * them, only the tests cannot run).
   */
  export function unscored(
    path: string,
    graded: readonly IGradedCell[],
    reason: string,
    manualWait = false
  ): ICellResult[] {
    return graded.map(cell => {
      const waits = manualWait && cell.kind === 'manual';
      return {
        path,
        gradeId: cell.gradeId,
        kind: cell.kind,
        points: waits ? null : 0,
        max: cell.points,
        reason: waits ? null : reason
      };
    });
  }
}
