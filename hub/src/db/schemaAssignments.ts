/**
 * The assignments module's tables (see schema.ts for the conventions they follow).
 */
/** Migration 0008: what a teacher hands out. Booleans are integers 0/1. */
export interface IAssignmentsTable {
  id: string;
  owner_id: string;
  title: string;
  instructions: string;
  folder: string;
  /** `library` or `home`. */
  source_kind: string;
  source_resource_id: string | null;
  source_version: number | null;
  source_path: string | null;
  share_code: string | null;
  opens_at: string | null;
  due_at: string | null;
  /** `accept` or `refuse`. */
  late_policy: string;
  multiple_submissions: number;
  /** Whether submissions are graded by running the nbgrader tests. */
  autograde: number;
  /**
   * Migration 0012: the patterns of the files pupils may hand in beyond the
   * assignment's own, as a JSON array (`[]`: none).
   */
  extra_files: string;
  created_at: string;
  updated_at: string;
}

export interface IAssignmentFilesTable {
  assignment_id: string;
  path: string;
  sha256: string;
  size: number;
}

export interface IAssignmentClassesTable {
  assignment_id: string;
  class_id: string;
}

export interface IAssignmentLearnersTable {
  assignment_id: string;
  user_id: string;
  joined_by_code: number;
  fetched_at: string | null;
  last_activity_at: string;
}

export interface IAssignmentSubmissionsTable {
  id: string;
  assignment_id: string;
  user_id: string;
  version: number;
  request_id: string;
  submitted_at: string;
  late: number;
}

export interface IAssignmentSubmissionFilesTable {
  submission_id: string;
  path: string;
  sha256: string;
  size: number;
}

export interface IAssignmentFeedbackTable {
  assignment_id: string;
  user_id: string;
  submission_version: number;
  comment: string;
  grade: number | null;
  max_grade: number | null;
  /** JSON: `{ criterion, points, max }[]`. */
  rubric: string;
  /** JSON: `{ path, cellId, comment }[]`. */
  cells: string;
  updated_at: string;
  returned_at: string | null;
  /** `teacher`, or `autograder` while it is the autograder's proposal. */
  filled_by: string;
}

/** The teacher's notebooks of an autograded assignment (solutions, hidden tests). */
export interface IAssignmentSourceFilesTable {
  assignment_id: string;
  path: string;
  sha256: string;
  size: number;
}

/** The latest grading run of each learner's latest submission. */
export interface IAssignmentAutogradesTable {
  assignment_id: string;
  user_id: string;
  submission_version: number;
  /** `queued`, `running`, `done`, `timeout`, `memory` or `failed`. */
  status: string;
  points: number | null;
  max_points: number;
  /** JSON: `ICellResult[]`. */
  results: string;
  log: string;
  queued_at: string;
  graded_at: string | null;
}
