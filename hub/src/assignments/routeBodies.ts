// The request bodies of the assignment routes, checked with zod, and the files they
// carry in base64.

import { z } from 'zod';

import { IFile } from '../storage/files';
import { IAssignmentSettings } from './assignmentSettings';

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
  autograde: z.boolean(),
  extraFiles: z.array(z.string().trim().max(200)).max(50)
};

/** A new assignment: its settings and where its files come from. */
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
    extraFiles: settingsFields.extraFiles.optional(),
    groupClassIds: settingsFields.classIds.optional(),
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

/** The settings to change. */
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
    autograde: body.autograde ?? false,
    extraFiles: body.extraFiles ?? [],
    groupClassIds: body.groupClassIds ?? []
  };
}

/** A share code to join with. */
export const joinBody = z.object({ code: z.string().max(40) }).strict();

/** A hand-in: its files, and the id the client retries it with. */
export const submitBody = z.object({ requestId: z.uuid(), files }).strict();

/** A teacher's feedback on a submission. */
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

/** The learners to give their feedback back to (default: all who have some). */
export const returnBody = z
  .object({ learners: z.array(z.string().max(100)).max(1000).optional() })
  .strict();

/** Files received in base64. */
export function decodeFiles(
  list: readonly { path: string; content: string }[]
): IFile[] {
  return list.map(entry => ({
    path: entry.path,
    content: Buffer.from(entry.content, 'base64')
  }));
}

/** Files to send in base64. */
export function encodeFiles(
  list: readonly IFile[]
): { path: string; content: string }[] {
  return list.map(entry => ({
    path: entry.path,
    content: entry.content.toString('base64')
  }));
}
