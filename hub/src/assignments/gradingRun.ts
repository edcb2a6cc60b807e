import { IFile } from '../storage/files';
import { Autograder, IGradingOutcome } from './autograder';
import { IGradingKernels, planGrading } from './gradingPlan';

/**
 * What runs the notebooks: the sandboxed {@link Autograder}, or a stand-in in tests.
 */
export type IRunner = Pick<Autograder, 'grade'>;

/**
 * The files of a submission to grade, with the assignment's.
 */
export interface ISubmissionFiles {
  /** The teacher's notebooks, which give the tests. */
  sources: readonly IFile[];
  /** The files as handed out to learners. */
  handedOut: readonly IFile[];
  /** The learner's submitted files. */
  copy: readonly IFile[];
}

/**
 * Run the graded notebooks of a submission: the teacher's notebooks give the tests; a
 * graded notebook missing from the copy earns nothing. A notebook whose environment
 * cannot be built fails the run, said in the log, but the others are graded.
 *
 * @param signal - stops the run (the hub is closing).
 * @returns the outcome, its cells in the order of the teacher's notebooks, and the
 *   points all the graded cells are worth.
 */
export async function gradeSubmission(
  { sources, handedOut, copy }: ISubmissionFiles,
  runner: IRunner,
  kernels: IGradingKernels,
  signal: AbortSignal
): Promise<{ outcome: IGradingOutcome; max: number }> {
  const { notebooks, notRun, unavailable, max } = await planGrading(
    sources,
    copy,
    kernels,
    signal
  );
  // The learner's files, then the teacher's other files: data the tests read wins.
  const graded = new Set(notebooks.map(notebook => notebook.path));
  const files: IFile[] = [
    ...copy.filter(file => !graded.has(file.path)),
    ...handedOut.filter(file => !file.path.endsWith('.ipynb'))
  ];
  const outcome = notebooks.length
    ? await runner.grade(files, notebooks, signal)
    : { status: 'done' as const, cells: [], log: '' };
  const order = sources.map(source => source.path);
  return {
    outcome: {
      ...outcome,
      ...(unavailable.length
        ? {
            status: outcome.status === 'done' ? 'failed' : outcome.status,
            log: [
              ...unavailable.map(line => `Environnement indisponible, ${line}`),
              outcome.log
            ]
              .filter(Boolean)
              .join('\n')
          }
        : {}),
      cells: [...outcome.cells, ...notRun].sort(
        (a, b) => order.indexOf(a.path) - order.indexOf(b.path)
      )
    },
    max
  };
}
