/**
 * Autograding through the API, as a teacher and their pupils use it.
 */
import { randomUUID } from 'crypto';

import { ISignedIn, readJson } from '../hubHarness';

/** The cells of a grading, as the API gives them. */
interface IGradedCells {
  cells: { gradeId: string; points: number | null; reason: string | null }[];
}

/** Hand in one notebook as a new submission (answered 201). */
export async function submitNotebook(
  pupil: ISignedIn,
  assignmentId: string,
  path: string,
  content: Buffer
): Promise<void> {
  const response = await pupil.call(
    'POST',
    `/assignments/${assignmentId}/submissions`,
    {
      requestId: randomUUID(),
      files: [{ path, content: content.toString('base64') }]
    }
  );
  expect(response.status).toBe(201);
}

/** A learner's grading, once it is neither queued nor running. */
export async function finishedGrading(
  teacher: ISignedIn,
  assignmentId: string,
  learner: string,
  timeoutMs = 120_000
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await teacher.call(
      'GET',
      `/assignments/${assignmentId}/autograde/${learner}`
    );
    expect(response.status).toBe(200);
    const body = await readJson(response);
    if (!['queued', 'running'].includes(body.status)) {
      return body;
    }
    if (Date.now() > deadline) {
      throw new Error(`${learner} not graded in time: ${JSON.stringify(body)}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

/** Points by grade_id. */
export function pointsOf(body: IGradedCells): Record<string, number | null> {
  return Object.fromEntries(
    body.cells.map(cell => [cell.gradeId, cell.points])
  );
}

/** Why a cell earned nothing. */
export function reasonOf(
  body: IGradedCells,
  gradeId: string
): string | null | undefined {
  return body.cells.find(cell => cell.gradeId === gradeId)?.reason;
}
