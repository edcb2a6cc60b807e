import type { TranslationBundle } from '@jupyterlab/translation';

import type { LatePolicy } from './api';

/**
 * The longest title the form accepts.
 */
export const TITLE_MAX = 200;

/**
 * The « Nouveau devoir » form's values, as typed.
 */
export interface IAssignmentValues {
  title: string;
  instructions: string;
  classIds: string[];
  /**
   * Those of the chosen classes handed out « par groupe »: each group workspace of the
   * class is one learner there (a class without workspaces is never in it).
   */
  groupClassIds: string[];
  shareCode: boolean;
  /** `<input type="datetime-local">` values (local time, `2026-12-02T18:00`), or `''`. */
  opensAt: string;
  dueAt: string;
  latePolicy: LatePolicy;
  multipleSubmissions: boolean;
  /** Grade the nbgrader test cells automatically. */
  autograde: boolean;
  /** Other files pupils may hand in: names or patterns separated by commas. */
  extraFiles: string;
}

/**
 * A field of the form that can be wrong, in the order the form shows them.
 */
export type AssignmentField = 'title' | 'classIds' | 'opensAt' | 'dueAt';

/**
 * The fields in the order of the form (the first error gets the focus).
 */
export const ASSIGNMENT_FIELDS: readonly AssignmentField[] = [
  'title',
  'classIds',
  'opensAt',
  'dueAt'
];

/**
 * The settings sent to the hub (everything but the source).
 */
export interface IAssignmentSettings {
  title: string;
  instructions: string;
  classIds: string[];
  /** Sent only when some class is handed out « par groupe ». */
  groupClassIds?: string[];
  shareCode: boolean;
  opensAt: string | null;
  dueAt: string | null;
  latePolicy: LatePolicy;
  multipleSubmissions: boolean;
  autograde: boolean;
  /** Sent only when some are given: by default, the assignment's own files only. */
  extraFiles?: string[];
}

/**
 * Empty values for a new assignment, its title taken from the notebook's name.
 */
export function emptyValues(title = ''): IAssignmentValues {
  return {
    title,
    instructions: '',
    classIds: [],
    groupClassIds: [],
    shareCode: false,
    opensAt: '',
    dueAt: '',
    latePolicy: 'accept',
    multipleSubmissions: false,
    autograde: false,
    extraFiles: ''
  };
}

/**
 * Check the form and say what is wrong with each field.
 *
 * @returns the settings to send, or the errors by field (in form order).
 */
export function validateAssignment(
  values: IAssignmentValues,
  trans: TranslationBundle
):
  | { settings: IAssignmentSettings; errors: null }
  | {
      settings: null;
      errors: Partial<Record<AssignmentField, string>>;
    } {
  const errors: Partial<Record<AssignmentField, string>> = {};
  const title = values.title.trim();
  if (!title) {
    errors.title = trans.__('Give the assignment a title.');
  } else if (title.length > TITLE_MAX) {
    errors.title = trans.__(
      'Give a title of %1 characters at most.',
      TITLE_MAX
    );
  }
  if (!values.classIds.length && !values.shareCode) {
    errors.classIds = trans.__(
      'Choose at least one class, or a share code: otherwise no pupil can receive this assignment.'
    );
  }
  const opensAt = localToIso(values.opensAt);
  const dueAt = localToIso(values.dueAt);
  if (opensAt === undefined) {
    errors.opensAt = trans.__('Give a complete date and time, or none.');
  }
  if (dueAt === undefined) {
    errors.dueAt = trans.__('Give a complete date and time, or none.');
  } else if (opensAt && dueAt && dueAt <= opensAt) {
    errors.dueAt = trans.__('The due date must come after the opening date.');
  }
  if (Object.keys(errors).length) {
    return { settings: null, errors };
  }
  const extraFiles = [
    ...new Set(
      (values.extraFiles ?? '')
        .split(',')
        .map(pattern => pattern.trim())
        .filter(Boolean)
    )
  ];
  const classIds = [...new Set(values.classIds)];
  // A class unticked after its « Par groupe » was chosen is not handed out at all.
  const groupClassIds = [...new Set(values.groupClassIds ?? [])].filter(id =>
    classIds.includes(id)
  );
  return {
    errors: null,
    settings: {
      title,
      instructions: values.instructions.trim(),
      classIds,
      ...(groupClassIds.length ? { groupClassIds } : {}),
      shareCode: values.shareCode,
      opensAt: opensAt ?? null,
      dueAt: dueAt ?? null,
      latePolicy: values.latePolicy,
      multipleSubmissions: values.multipleSubmissions,
      autograde: values.autograde,
      ...(extraFiles.length ? { extraFiles } : {})
    }
  };
}

/**
 * An ISO 8601 instant from a `datetime-local` value, read in the browser's time zone.
 *
 * @returns `null` for an empty value, `undefined` for one that is not a date.
 */
export function localToIso(value: string): string | null | undefined {
  const text = value.trim();
  if (!text) {
    return null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) {
    return undefined;
  }
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * A title from a notebook's path: its name without the extension.
 */
export function titleFromPath(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.ipynb$/i, '');
  return name.replace(/[_-]+/g, ' ').trim();
}
