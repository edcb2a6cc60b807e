import { extraFilesOf } from './extraFiles';
import { formatShareCode } from './shareCodes';
import { IFeedbackRow } from './reviewStore';
import { IAssignmentRow, IFileRow, ISubmissionRow } from './store';

/**
 * Someone as the API shows them: their login name and the name people read.
 */
export interface IPerson {
  name: string;
  displayName: string;
}

/**
 * `todo` « à faire », `started` « en cours », `submitted` « rendu », `late` « en
 * retard », `returned` « corrigé ».
 */
export type LearnerState =
  'todo' | 'started' | 'submitted' | 'late' | 'returned';

/**
 * Where the grading of a submission stands: `queued` « en attente », `running` « en
 * cours », then `done` « corrigé », `timeout` « temps dépassé », `memory` « mémoire
 * dépassée » or `failed` « échec » (the notebook could not be run).
 */
export type AutogradeStatus =
  'queued' | 'running' | 'done' | 'timeout' | 'memory' | 'failed';

/**
 * An assignment as the API shows it (`Assignment` in openapi.yml).
 */
export interface IAssignment {
  id: string;
  title: string;
  instructions: string;
  owner: IPerson;
  classes: { id: string; name: string }[];
  shareCode: string | null;
  opensAt: string | null;
  dueAt: string | null;
  latePolicy: 'accept' | 'refuse';
  multipleSubmissions: boolean;
  /** Whether submissions are graded by running the nbgrader tests. */
  autograde: boolean;
  /** The patterns of the files pupils may hand in beyond the assignment's own. */
  extraFiles: string[];
  source:
    | { kind: 'library'; resourceId: string; version: number }
    | { kind: 'home'; path: string };
  folder: string;
  files: IFileRow[];
  createdAt: string;
}

/**
 * A submission as the API shows it.
 */
export interface ISubmission {
  version: number;
  submittedAt: string;
  late: boolean;
  files: IFileRow[];
}

/**
 * Feedback as the API shows it.
 */
export interface IFeedback {
  learner: IPerson;
  submissionVersion: number;
  comment: string;
  grade: number | null;
  maxGrade: number | null;
  rubric: { criterion: string; points: number | null; max: number }[];
  cells: { path: string; cellId: string; comment: string }[];
  updatedAt: string;
  returnedAt: string | null;
  /** True while it is the autograder's proposal, not yet saved by the teacher. */
  fromAutograder: boolean;
}

export function assignmentView(
  row: IAssignmentRow,
  owner: IPerson,
  classes: { id: string; name: string }[],
  files: IFileRow[]
): IAssignment {
  return {
    id: row.id,
    title: row.title,
    instructions: row.instructions,
    owner,
    classes,
    shareCode: row.share_code ? formatShareCode(row.share_code) : null,
    opensAt: row.opens_at,
    dueAt: row.due_at,
    latePolicy: row.late_policy === 'refuse' ? 'refuse' : 'accept',
    multipleSubmissions: row.multiple_submissions === 1,
    autograde: row.autograde === 1,
    extraFiles: extraFilesOf(row),
    source:
      row.source_kind === 'library'
        ? {
            kind: 'library',
            resourceId: row.source_resource_id ?? '',
            version: row.source_version ?? 0
          }
        : { kind: 'home', path: row.source_path ?? '' },
    folder: row.folder,
    files,
    createdAt: row.created_at
  };
}

export function submissionView(row: ISubmissionRow): ISubmission {
  return {
    version: row.version,
    submittedAt: row.submittedAt,
    late: row.late,
    files: row.files
  };
}

export function feedbackView(row: IFeedbackRow, learner: IPerson): IFeedback {
  return {
    learner,
    submissionVersion: row.submission_version,
    comment: row.comment,
    grade: row.grade,
    maxGrade: row.max_grade,
    rubric: JSON.parse(row.rubric),
    cells: JSON.parse(row.cells),
    updatedAt: row.updated_at,
    returnedAt: row.returned_at,
    fromAutograder: row.filled_by === 'autograder'
  };
}

/**
 * Where a learner stands: feedback returned first, then what they handed in, then the
 * due date.
 */
export function learnerState(
  row: IAssignmentRow,
  facts: {
    fetchedAt: string | null;
    latest: { late: boolean } | null;
    returnedAt: string | null;
  },
  now: Date
): LearnerState {
  if (facts.returnedAt) {
    return 'returned';
  }
  if (facts.latest) {
    return facts.latest.late ? 'late' : 'submitted';
  }
  if (row.due_at && now.toISOString() > row.due_at) {
    return 'late';
  }
  return facts.fetchedAt ? 'started' : 'todo';
}
