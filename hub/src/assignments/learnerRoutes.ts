import { IRoute, route } from '../http/declared';
import { requireGroupWorkspace } from './groupLearners';
import { assignmentOf, loadAssignment } from './routeAccess';
import { decodeFiles, encodeFiles, submitBody } from './routeBodies';
import type { IAssignmentRoutesDeps } from './routeDeps';

/**
 * The learner's side of an assignment: fetching its files, handing in, reading their
 * submissions and feedback (`/assignments/:id/fetch`, `…/submissions`, `…/mine`), and
 * the files as handed out (`/assignments/:id/original`). An assignment handed out « par
 * groupe » is fetched and handed in from the group's workspace only, as the group's
 * account (`requireGroupWorkspace`); its members read its submissions and feedback
 * from anywhere.
 */
export function learnerRoutes(deps: IAssignmentRoutesDeps): IRoute[] {
  const { assignments, submissions, reviews, autograding } = deps;
  const assignmentRow = loadAssignment(deps);
  return [
    /** The files to put in the learner's home (the fetch is recorded). */
    route({
      method: 'POST',
      path: '/assignments/:id/fetch',
      right: 'assignments:submit',
      object: assignmentOf,
      load: assignmentRow,
      handle: async ({ user, loaded: row, response }) => {
        const acting = await assignments.actingFor(row.id, user.id);
        requireGroupWorkspace(acting, user.id);
        const { folder, files } = await assignments.handOut(
          row,
          acting.learnerId
        );
        response.json({ folder, files: encodeFiles(files) });
      }
    }),

    /** The files as handed out, for the owner or a learner to read. */
    route({
      method: 'GET',
      path: '/assignments/:id/original',
      right: 'assignments:read',
      object: assignmentOf,
      load: assignmentRow,
      handle: async ({ loaded: row, response }) => {
        const { files } = await assignments.handOut(row, null);
        response.json({ files: encodeFiles(files) });
      }
    }),

    route({
      method: 'POST',
      path: '/assignments/:id/submissions',
      right: 'assignments:submit',
      object: assignmentOf,
      load: assignmentRow,
      body: submitBody,
      handle: async ({ user, auth, loaded: row, body, response }) => {
        const acting = await assignments.actingFor(row.id, user.id);
        requireGroupWorkspace(acting, user.id);
        const { learnerId } = acting;
        const { submission, created } = await submissions.submit(
          row,
          learnerId,
          body.requestId,
          decodeFiles(body.files),
          // A group's hand-in names the member in the workspace who handed it in.
          acting.group ? (auth?.visitor?.id ?? null) : null
        );
        if (created) {
          // Graded in the background: the acknowledgement waits for nothing.
          autograding.submitted(row, learnerId);
        }
        response.status(created ? 201 : 200).json(submission);
      }
    }),

    route({
      method: 'GET',
      path: '/assignments/:id/submissions/mine',
      right: 'assignments:submit',
      object: assignmentOf,
      load: assignmentRow,
      handle: async ({ user, loaded: row, response }) => {
        const { learnerId } = await assignments.actingFor(row.id, user.id);
        response.json({
          submissions: await submissions.mine(row.id, learnerId)
        });
      }
    }),

    route({
      method: 'GET',
      path: '/assignments/:id/feedback/mine',
      right: 'assignments:submit',
      object: assignmentOf,
      load: assignmentRow,
      handle: async ({ user, loaded: row, response }) => {
        const { learnerId } = await assignments.actingFor(row.id, user.id);
        response.json(await reviews.returnedTo(row, learnerId));
      }
    })
  ];
}
