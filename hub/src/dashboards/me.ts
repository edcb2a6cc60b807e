import { IUser } from '../users/service';
import { IDashboardDeps } from './deps';
import { daysOf, IPeriod } from './period';

/** Where a learner stands with an assignment, as their dashboard says it. */
export type MyAssignmentState =
  'not-started' | 'started' | 'handed-in' | 'returned';

export interface IMyDashboard {
  from: string;
  to: string;
  optionalTraces: boolean;
  activity: {
    day: string;
    notebooksOpened: number | null;
    cellsRun: number | null;
    errors: number | null;
  }[];
  assignments: {
    id: string;
    title: string;
    className: string | null;
    state: MyAssignmentState;
    dueAt: string | null;
    handedInAt: string | null;
    returnedAt: string | null;
    grade: number | null;
    maxGrade: number | null;
    hasFeedback: boolean;
  }[];
}

/**
 * A user's own dashboard: their days from their actor's counts (optional figures null
 * while the LRS does not record their optional traces: not collected is not zero),
 * and their assignments as the assignments service knows them.
 */
export async function myDashboard(
  deps: IDashboardDeps,
  user: IUser,
  period: IPeriod
): Promise<IMyDashboard> {
  const optional = await deps.optionalTraces(user);
  const rows = await deps.queries.daily([deps.actorKeyOf(user.id)], period);
  const byDay = new Map(rows.map(row => [row.day, row]));
  const counted = (value: number | undefined) =>
    optional ? (value ?? 0) : null;
  const activity = daysOf(period).map(day => {
    const row = byDay.get(day);
    return {
      day,
      notebooksOpened: counted(row?.notebooksOpened),
      cellsRun: counted(row?.cellsRun),
      errors: counted(row?.errors)
    };
  });
  const learning = new Set(
    (await deps.classes.forUser(user.id))
      .filter(klass => klass.membership === 'learner')
      .map(klass => klass.id)
  );
  const { learning: given } = await deps.assignments.list(user);
  const assignments = [];
  for (const assignment of given) {
    const handedInAt = assignment.lastSubmission?.submittedAt ?? null;
    const state: MyAssignmentState = assignment.returnedAt
      ? 'returned'
      : handedInAt
        ? 'handed-in'
        : assignment.fetchedAt
          ? 'started'
          : 'not-started';
    const feedback = assignment.returnedAt
      ? await deps.reviews.returnedTo(
          await deps.assignments.getOr404(assignment.id),
          user.id
        )
      : null;
    assignments.push({
      id: assignment.id,
      title: assignment.title,
      className:
        assignment.classes.find(klass => learning.has(klass.id))?.name ?? null,
      state,
      dueAt: assignment.dueAt,
      handedInAt,
      returnedAt: assignment.returnedAt,
      grade: feedback?.grade ?? null,
      maxGrade: feedback?.maxGrade ?? null,
      hasFeedback:
        feedback !== null &&
        (feedback.comment.trim() !== '' ||
          feedback.grade !== null ||
          feedback.rubric.length > 0 ||
          feedback.cells.length > 0)
    });
  }
  return { ...period, optionalTraces: optional, activity, assignments };
}
