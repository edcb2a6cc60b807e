import { ICellResult, IGradingOutcome } from './autograder';
import { AutogradeStatus } from './views';

/** The rubric of feedback has 50 rows at most. */
const RUBRIC_MAX = 50;

/**
 * The limits of a grading run, which the messages quote.
 */
export interface IGradingLimits {
  timeoutSeconds: number;
  memoryMb: number;
}

/**
 * Where a grading stands, in French, for the teacher.
 */
export function autogradeMessage(
  status: AutogradeStatus,
  { timeoutSeconds, memoryMb }: IGradingLimits
): string {
  return {
    queued: 'En attente de correction automatique.',
    running: 'Correction automatique en cours.',
    done: 'Corrigé automatiquement.',
    timeout: `Temps dépassé (${timeoutSeconds} s) : les cellules arrêtées ou non exécutées comptent 0.`,
    memory: `Mémoire dépassée (${memoryMb} Mo au plus) : les cellules concernées comptent 0.`,
    failed:
      'Le notebook n’a pas pu être exécuté jusqu’au bout : voyez le journal. Les cellules non exécutées comptent 0.'
  }[status];
}

/**
 * The rubric proposed as feedback: one row per graded cell worth points; the teacher's
 * cells stay empty.
 */
export function autogradeRubric(
  cells: readonly ICellResult[]
): { criterion: string; points: number | null; max: number }[] {
  const paths = new Set(cells.map(cell => cell.path));
  return cells
    .filter(cell => cell.max > 0)
    .slice(0, RUBRIC_MAX)
    .map(cell => ({
      criterion: (paths.size > 1
        ? `${cell.path} : ${cell.gradeId}`
        : cell.gradeId
      ).slice(0, 200),
      points: cell.points,
      max: cell.max
    }));
}

/**
 * The comment proposed as feedback: what the run says, and why cells earned nothing.
 */
export function autogradeComment(
  outcome: IGradingOutcome,
  message: string
): string {
  const failures = outcome.cells
    .filter(cell => cell.reason)
    .map(cell => `- ${cell.gradeId} : ${cell.reason}`);
  return [message, ...failures].join('\n');
}
