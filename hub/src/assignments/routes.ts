import express, { RequestHandler, Response, Router } from 'express';
import { z } from 'zod';

import { IAuthContext, requireAuth } from '../auth/middleware';
import { RateLimiter } from '../auth/rateLimit';
import { HttpError, parseOr400 } from '../http/errors';
import { IResourceFile } from '../library/files';
import { Policy } from '../policy';
import { Right } from '../policy/scopes';
import { IUser } from '../users/service';
import { AutogradingService } from './autograding';
import { gradesCsv } from './gradesCsv';
import { ReviewService } from './review';
import { AssignmentService, IAssignmentSettings } from './service';
import { IAssignmentRow } from './store';
import { SubmissionService } from './submissions';

/**
 * What the assignment routes need.
 */
export interface IAssignmentRoutesDeps {
  assignments: AssignmentService;
  submissions: SubmissionService;
  reviews: ReviewService;
  autograding: AutogradingService;
  policy: Policy;
  /** Share-code attempts per user (default: 10 a minute). */
  joinLimiter?: RateLimiter;
}

/** The largest request body: 50 MB of files, in base64, in JSON. */
const BODY_LIMIT_BYTES = 70 * 1024 * 1024;

/**
 * The body parser of assignment routes: work travels as JSON with base64 files (50 MB
 * of files at most, as in the library). Bodies of callers without a session are not
 * even read, nor is a body whose announced length is over the limit: it is refused at
 * once and the connection closed, instead of being read to the end and dropped.
 */
export function assignmentBodyParser(): RequestHandler {
  const parse = express.json({ limit: BODY_LIMIT_BYTES });
  return (request, response, next) => {
    if (!(response.locals.auth as IAuthContext | null)) {
      return next();
    }
    if (Number(request.headers['content-length'] ?? 0) > BODY_LIMIT_BYTES) {
      response.set('Connection', 'close');
      return next(
        new HttpError(
          413,
          'too_large',
          'Envoi trop volumineux : 50 Mo de fichiers au plus par devoir.'
        )
      );
    }
    parse(request, response, next);
  };
}

/**
 * The assignments API, `/hub/api/v1/assignments/…`: the teacher creates, follows,
 * annotates and returns; the learner joins, fetches, submits and reads feedback.
 */
export function assignmentsRouter(deps: IAssignmentRoutesDeps): Router {
  const { assignments, submissions, reviews, autograding, policy } = deps;
  const joinLimiter = deps.joinLimiter ?? new RateLimiter(10, 60_000);
  const router = Router();

  /** What the caller teaches and what they are given. */
  router.get('/assignments', async (_request, response) => {
    const { user } = requireAuth(response);
    response.json(await assignments.list(user));
  });

  router.post('/assignments', async (request, response) => {
    const { user } = requireAuth(response);
    await policy.require(user, 'assignments:create');
    const body = parseOr400(Private.createBody, request.body);
    await Private.requireClasses(policy, user, body.classIds ?? []);
    const created = await assignments.create(
      user,
      Private.newSettings(body),
      body.source.library
        ? { library: body.source.library }
        : {
            home: {
              path: body.source.home!.path,
              files: Private.decode(body.source.home!.files)
            }
          }
    );
    response.status(201).json(created);
  });

  /** Join with a share code (before `/:id` routes: « join » is not an id). */
  router.post('/assignments/join', async (request, response) => {
    const { user } = requireAuth(response);
    await policy.require(user, 'assignments:join');
    const body = parseOr400(Private.joinBody, request.body);
    if (!joinLimiter.take(user.id)) {
      throw new HttpError(
        429,
        'too_many_attempts',
        'Trop de codes essayés : attendez une minute avant de réessayer.'
      );
    }
    response.json(await assignments.join(user, body.code));
  });

  router.get('/assignments/:id', async (request, response) => {
    const { user, row } = await Private.reach(
      deps,
      request.params.id,
      response,
      'assignments:read'
    );
    response.json(
      (await Private.teaches(policy, user, row))
        ? await assignments.teacherView(row)
        : await assignments.learnerView(row, user.id)
    );
  });

  router.patch('/assignments/:id', async (request, response) => {
    const { user, row } = await Private.reach(
      deps,
      request.params.id,
      response,
      'assignments:write'
    );
    const body = parseOr400(Private.patchBody, request.body);
    if (body.classIds) {
      const current = new Set(await assignments.classIds(row.id));
      await Private.requireClasses(
        policy,
        user,
        body.classIds.filter(id => !current.has(id))
      );
    }
    const updated = await assignments.update(row, body);
    if (body.autograde && row.autograde !== 1) {
      // Turned back on: grade what was submitted meanwhile.
      autograding.resume(row.id);
    }
    response.json(updated);
  });

  /** The files to put in the learner's home (the fetch is recorded). */
  router.post('/assignments/:id/fetch', async (request, response) => {
    const { user, row } = await Private.reach(
      deps,
      request.params.id,
      response,
      'assignments:submit'
    );
    const { folder, files } = await assignments.handOut(row, user.id);
    response.json({ folder, files: Private.encode(files) });
  });

  /** The files as handed out, for the owner or a learner to read. */
  router.get('/assignments/:id/original', async (request, response) => {
    const { row } = await Private.reach(
      deps,
      request.params.id,
      response,
      'assignments:read'
    );
    const { files } = await assignments.handOut(row, null);
    response.json({ files: Private.encode(files) });
  });

  router.post('/assignments/:id/submissions', async (request, response) => {
    const { user, row } = await Private.reach(
      deps,
      request.params.id,
      response,
      'assignments:submit'
    );
    const body = parseOr400(Private.submitBody, request.body);
    const { submission, created } = await submissions.submit(
      row,
      user.id,
      body.requestId,
      Private.decode(body.files)
    );
    if (created) {
      // Graded in the background: the acknowledgement waits for nothing.
      autograding.submitted(row, user.id);
    }
    response.status(created ? 201 : 200).json(submission);
  });

  router.get('/assignments/:id/submissions/mine', async (request, response) => {
    const { user, row } = await Private.reach(
      deps,
      request.params.id,
      response,
      'assignments:submit'
    );
    response.json({ submissions: await submissions.mine(row.id, user.id) });
  });

  router.get('/assignments/:id/feedback/mine', async (request, response) => {
    const { user, row } = await Private.reach(
      deps,
      request.params.id,
      response,
      'assignments:submit'
    );
    response.json(await reviews.returnedTo(row, user.id));
  });

  router.get('/assignments/:id/progress', async (request, response) => {
    const { row } = await Private.reach(
      deps,
      request.params.id,
      response,
      'assignments:write'
    );
    response.json({ rows: await reviews.progress(row) });
  });

  router.get(
    '/assignments/:id/submissions/:learner/latest',
    async (request, response) => {
      const { row } = await Private.reach(
        deps,
        request.params.id,
        response,
        'assignments:write'
      );
      const { submission, files } = await reviews.latest(
        row,
        request.params.learner
      );
      response.json({ submission, files: Private.encode(files) });
    }
  );

  router.get(
    '/assignments/:id/feedback/:learner',
    async (request, response) => {
      const { row } = await Private.reach(
        deps,
        request.params.id,
        response,
        'assignments:write'
      );
      response.json(await reviews.feedback(row, request.params.learner));
    }
  );

  router.put(
    '/assignments/:id/feedback/:learner',
    async (request, response) => {
      const { row } = await Private.reach(
        deps,
        request.params.id,
        response,
        'assignments:write'
      );
      const body = parseOr400(Private.feedbackBody, request.body);
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
      const { row } = await Private.reach(
        deps,
        request.params.id,
        response,
        'assignments:write'
      );
      response.json(await autograding.get(row, request.params.learner));
    }
  );

  /** Grade a learner's latest submission again. */
  router.post(
    '/assignments/:id/autograde/:learner',
    async (request, response) => {
      const { row } = await Private.reach(
        deps,
        request.params.id,
        response,
        'assignments:write'
      );
      response
        .status(202)
        .json(await autograding.rerun(row, request.params.learner));
    }
  );

  /** « Rendre les copies »: to some learners, or to all who have feedback. */
  router.post('/assignments/:id/return', async (request, response) => {
    const { row } = await Private.reach(
      deps,
      request.params.id,
      response,
      'assignments:write'
    );
    const body = parseOr400(Private.returnBody, request.body ?? {});
    response.json({
      returned: await reviews.giveBack(row, body.learners ?? null)
    });
  });

  router.get('/assignments/:id/grades.csv', async (request, response) => {
    const { row } = await Private.reach(
      deps,
      request.params.id,
      response,
      'assignments:write'
    );
    response
      .status(200)
      .set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`notes-${row.folder.split('/').pop()}.csv`)}`,
        'Cache-Control': 'no-store'
      })
      .send(gradesCsv(await reviews.progress(row)));
  });

  return router;
}

namespace Private {
  /**
   * The caller and the assignment, once the caller holds `right` on it (see
   * {@link allowed}).
   */
  export async function reach(
    deps: IAssignmentRoutesDeps,
    id: string,
    response: Response,
    right: Right
  ): Promise<{ user: IUser; row: IAssignmentRow }> {
    const { user } = requireAuth(response);
    return { user, row: await allowed(deps, user, id, right) };
  }

  /**
   * The assignment, once the caller holds `right` on it. An unknown assignment and one
   * the caller may not see answer the same 403: rights do not reveal what exists.
   */
  export async function allowed(
    deps: IAssignmentRoutesDeps,
    user: IUser,
    id: string,
    right: Right
  ): Promise<IAssignmentRow> {
    await deps.policy.require(user, right, { assignmentId: id });
    return deps.assignments.getOr404(id);
  }

  /** Whether the caller reads the assignment as its teacher (owner or admin). */
  export function teaches(
    policy: Policy,
    user: IUser,
    row: IAssignmentRow
  ): Promise<boolean> {
    return policy.allows(user, 'assignments:write', { assignmentId: row.id });
  }

  /** A teacher hands out only to classes they teach (admins: to any). */
  export async function requireClasses(
    policy: Policy,
    user: IUser,
    classIds: readonly string[]
  ): Promise<void> {
    for (const classId of classIds) {
      await policy.require(user, 'classes:write', { classId });
    }
  }

  const file = z
    .object({
      path: z.string().max(400),
      content: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 attendu')
    })
    .strict();
  const files = z.array(file).max(1000);
  const instant = z.iso
    .datetime({ offset: true })
    .transform(value => new Date(value).toISOString());

  const settingsFields = {
    title: z.string().trim().min(1, 'titre vide').max(200),
    instructions: z.string().max(10_000),
    classIds: z.array(z.string().min(1).max(100)).max(50),
    shareCode: z.boolean(),
    opensAt: instant.nullable(),
    dueAt: instant.nullable(),
    latePolicy: z.enum(['accept', 'refuse']),
    multipleSubmissions: z.boolean(),
    autograde: z.boolean()
  };

  export const createBody = z
    .object({
      ...settingsFields,
      instructions: settingsFields.instructions.optional(),
      classIds: settingsFields.classIds.optional(),
      shareCode: settingsFields.shareCode.optional(),
      opensAt: settingsFields.opensAt.optional(),
      dueAt: settingsFields.dueAt.optional(),
      latePolicy: settingsFields.latePolicy.optional(),
      multipleSubmissions: settingsFields.multipleSubmissions.optional(),
      autograde: settingsFields.autograde.optional(),
      source: z
        .object({
          library: z
            .object({
              resourceId: z.string().min(1).max(100),
              version: z.number().int().min(1)
            })
            .strict()
            .optional(),
          home: z
            .object({ path: z.string().min(1).max(1000), files })
            .strict()
            .optional()
        })
        .strict()
        .refine(
          source =>
            (source.library === undefined) !== (source.home === undefined),
          'une source : « library » ou « home »'
        )
    })
    .strict();

  export const patchBody = z.object(settingsFields).partial().strict();

  /** The settings of a new assignment, with defaults for what it leaves out. */
  export function newSettings(
    body: z.infer<typeof createBody>
  ): IAssignmentSettings {
    return {
      title: body.title,
      instructions: body.instructions ?? '',
      classIds: body.classIds ?? [],
      shareCode: body.shareCode ?? false,
      opensAt: body.opensAt ?? null,
      dueAt: body.dueAt ?? null,
      latePolicy: body.latePolicy ?? 'accept',
      multipleSubmissions: body.multipleSubmissions ?? true,
      autograde: body.autograde ?? false
    };
  }

  export const joinBody = z.object({ code: z.string().max(40) }).strict();

  export const submitBody = z.object({ requestId: z.uuid(), files }).strict();

  export const feedbackBody = z
    .object({
      comment: z.string(),
      grade: z.number().min(0).max(10_000).nullable(),
      maxGrade: z.number().positive().max(10_000).nullable(),
      rubric: z
        .array(
          z
            .object({
              criterion: z.string().trim().min(1).max(200),
              points: z.number().min(0).max(10_000).nullable(),
              max: z.number().positive().max(10_000)
            })
            .strict()
        )
        .max(50)
        .optional(),
      cells: z
        .array(
          z
            .object({
              path: z.string().min(1).max(400),
              cellId: z.string().regex(/^[a-zA-Z0-9-_]{1,64}$/),
              comment: z.string().min(1)
            })
            .strict()
        )
        .max(1000)
        .optional()
    })
    .strict();

  export const returnBody = z
    .object({ learners: z.array(z.string().max(100)).max(1000).optional() })
    .strict();

  export function decode(
    list: readonly { path: string; content: string }[]
  ): IResourceFile[] {
    return list.map(entry => ({
      path: entry.path,
      content: Buffer.from(entry.content, 'base64')
    }));
  }

  export function encode(
    list: readonly IResourceFile[]
  ): { path: string; content: string }[] {
    return list.map(entry => ({
      path: entry.path,
      content: entry.content.toString('base64')
    }));
  }
}
