import { IRoute, route } from '../http/declared';
import { gradesCsv } from './gradesCsv';
import { assignmentOf, loadAssignment } from './routeAccess';
import { encodeFiles, feedbackBody, returnBody } from './routeBodies';
import type { IAssignmentRoutesDeps } from './routeDeps';

/**
 * The teacher's side of an assignment: following learners, reading their work,
 * feedback, autograding, returning and the grades (`/assignments/:id/progress`,
 * `…/submissions/:learner/latest`, `…/feedback/:learner`, `…/autograde/:learner`,
 * `…/return`, `…/grades.csv`). Every route here is the teacher's:
 * `assignments:write` on the assignment.
 */
export function reviewRoutes(deps: IAssignmentRoutesDeps): IRoute[] {
  const { reviews, autograding } = deps;
  const taught = {
    right: 'assignments:write',
    object: assignmentOf,
    load: loadAssignment(deps)
  } as const;

  return [
    route({
      method: 'GET',
      path: '/assignments/:id/progress',
      ...taught,
      handle: async ({ loaded: row, response }) => {
        response.json({ rows: await reviews.progress(row) });
      }
    }),

    route({
      method: 'GET',
      path: '/assignments/:id/submissions/:learner/latest',
      ...taught,
      handle: async ({ loaded: row, params, response }) => {
        const { submission, files } = await reviews.latest(row, params.learner);
        response.json({ submission, files: encodeFiles(files) });
      }
    }),

    route({
      method: 'GET',
      path: '/assignments/:id/feedback/:learner',
      ...taught,
      handle: async ({ loaded: row, params, response }) => {
        response.json(await reviews.feedback(row, params.learner));
      }
    }),

    route({
      method: 'PUT',
      path: '/assignments/:id/feedback/:learner',
      ...taught,
      body: feedbackBody,
      handle: async ({ loaded: row, params, body, response }) => {
        response.json(
          await reviews.saveFeedback(row, params.learner, {
            comment: body.comment,
            grade: body.grade,
            maxGrade: body.maxGrade,
            rubric: body.rubric ?? [],
            cells: body.cells ?? []
          })
        );
      }
    }),

    /** The autograder's results on a learner's latest submission. */
    route({
      method: 'GET',
      path: '/assignments/:id/autograde/:learner',
      ...taught,
      handle: async ({ loaded: row, params, response }) => {
        response.json(await autograding.get(row, params.learner));
      }
    }),

    /** Grade a learner's latest submission again. */
    route({
      method: 'POST',
      path: '/assignments/:id/autograde/:learner',
      ...taught,
      handle: async ({ loaded: row, params, response }) => {
        response.status(202).json(await autograding.rerun(row, params.learner));
      }
    }),

    /** « Rendre les copies »: to some learners, or to all who have feedback. */
    route({
      method: 'POST',
      path: '/assignments/:id/return',
      ...taught,
      body: returnBody,
      bodyOptional: true,
      handle: async ({ loaded: row, body, response }) => {
        response.json({
          returned: await reviews.giveBack(row, body.learners ?? null)
        });
      }
    }),

    route({
      method: 'GET',
      path: '/assignments/:id/grades.csv',
      ...taught,
      handle: async ({ loaded: row, response }) => {
        response
          .status(200)
          .set({
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`notes-${row.folder.split('/').pop()}.csv`)}`,
            'Cache-Control': 'no-store'
          })
          .send(gradesCsv(await reviews.progress(row)));
      }
    })
  ];
}
