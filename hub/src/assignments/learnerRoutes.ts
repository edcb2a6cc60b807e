import { Router } from 'express';

import { parseOr400 } from '../http/errors';
import { reach } from './routeAccess';
import { decodeFiles, encodeFiles, submitBody } from './routeBodies';
import type { IAssignmentRoutesDeps } from './routes';

/**
 * The learner's side of an assignment: fetching its files, handing in, reading their
 * submissions and feedback (`/assignments/:id/fetch`, `…/submissions`, `…/mine`), and
 * the files as handed out (`/assignments/:id/original`).
 */
export function addLearnerRoutes(
  router: Router,
  deps: IAssignmentRoutesDeps
): void {
  const { assignments, submissions, reviews, autograding } = deps;

  /** The files to put in the learner's home (the fetch is recorded). */
  router.post('/assignments/:id/fetch', async (request, response) => {
    const { user, row } = await reach(
      deps,
      request.params.id,
      response,
      'assignments:submit'
    );
    const { folder, files } = await assignments.handOut(row, user.id);
    response.json({ folder, files: encodeFiles(files) });
  });

  /** The files as handed out, for the owner or a learner to read. */
  router.get('/assignments/:id/original', async (request, response) => {
    const { row } = await reach(
      deps,
      request.params.id,
      response,
      'assignments:read'
    );
    const { files } = await assignments.handOut(row, null);
    response.json({ files: encodeFiles(files) });
  });

  router.post('/assignments/:id/submissions', async (request, response) => {
    const { user, row } = await reach(
      deps,
      request.params.id,
      response,
      'assignments:submit'
    );
    const body = parseOr400(submitBody, request.body);
    const { submission, created } = await submissions.submit(
      row,
      user.id,
      body.requestId,
      decodeFiles(body.files)
    );
    if (created) {
      // Graded in the background: the acknowledgement waits for nothing.
      autograding.submitted(row, user.id);
    }
    response.status(created ? 201 : 200).json(submission);
  });

  router.get('/assignments/:id/submissions/mine', async (request, response) => {
    const { user, row } = await reach(
      deps,
      request.params.id,
      response,
      'assignments:submit'
    );
    response.json({ submissions: await submissions.mine(row.id, user.id) });
  });

  /** Before `/feedback/:learner`: « mine » is not a learner. */
  router.get('/assignments/:id/feedback/mine', async (request, response) => {
    const { user, row } = await reach(
      deps,
      request.params.id,
      response,
      'assignments:submit'
    );
    response.json(await reviews.returnedTo(row, user.id));
  });
}
