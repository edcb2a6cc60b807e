import { Request, Response, Router } from 'express';

import { parseOr400 } from '../http/errors';
import { gradesCsv } from './gradesCsv';
import { reach } from './routeAccess';
import { encodeFiles, feedbackBody, returnBody } from './routeBodies';
import type { IAssignmentRoutesDeps } from './routes';

/**
 * The teacher's side of an assignment: following learners, reading their work,
 * feedback, autograding, returning and the grades (`/assignments/:id/progress`,
 * `…/submissions/:learner/latest`, `…/feedback/:learner`, `…/autograde/:learner`,
 * `…/return`, `…/grades.csv`).
 */
export function addReviewRoutes(
  router: Router,
  deps: IAssignmentRoutesDeps
): void {
  const { reviews, autograding } = deps;
  // Every route here is the teacher's: `assignments:write` on the assignment.
  const taught = async (request: Request<{ id: string }>, response: Response) =>
    (await reach(deps, request.params.id, response, 'assignments:write')).row;

  router.get('/assignments/:id/progress', async (request, response) => {
    const row = await taught(request, response);
    response.json({ rows: await reviews.progress(row) });
  });

  router.get(
    '/assignments/:id/submissions/:learner/latest',
    async (request, response) => {
      const row = await taught(request, response);
      const { submission, files } = await reviews.latest(
        row,
        request.params.learner
      );
      response.json({ submission, files: encodeFiles(files) });
    }
  );

  router.get(
    '/assignments/:id/feedback/:learner',
    async (request, response) => {
      const row = await taught(request, response);
      response.json(await reviews.feedback(row, request.params.learner));
    }
  );

  router.put(
    '/assignments/:id/feedback/:learner',
    async (request, response) => {
      const row = await taught(request, response);
      const body = parseOr400(feedbackBody, request.body);
      response.json(
        await reviews.saveFeedback(row, request.params.learner, {
          comment: body.comment,
          grade: body.grade,
          maxGrade: body.maxGrade,
          rubric: body.rubric ?? [],
          cells: body.cells ?? []
        })
      );
    }
  );

  /** The autograder's results on a learner's latest submission. */
  router.get(
    '/assignments/:id/autograde/:learner',
    async (request, response) => {
      const row = await taught(request, response);
      response.json(await autograding.get(row, request.params.learner));
    }
  );

  /** Grade a learner's latest submission again. */
  router.post(
    '/assignments/:id/autograde/:learner',
    async (request, response) => {
      const row = await taught(request, response);
      response
        .status(202)
        .json(await autograding.rerun(row, request.params.learner));
    }
  );

  /** « Rendre les copies »: to some learners, or to all who have feedback. */
  router.post('/assignments/:id/return', async (request, response) => {
    const row = await taught(request, response);
    const body = parseOr400(returnBody, request.body ?? {});
    response.json({
      returned: await reviews.giveBack(row, body.learners ?? null)
    });
  });

  router.get('/assignments/:id/grades.csv', async (request, response) => {
    const row = await taught(request, response);
    response
      .status(200)
      .set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`notes-${row.folder.split('/').pop()}.csv`)}`,
        'Cache-Control': 'no-store'
      })
      .send(gradesCsv(await reviews.progress(row)));
  });
}
