import type { Selectable } from 'kysely';

import type { IAssignmentsTable } from '../db/schema';

/**
 * The rows the assignment stores share: a leaf module, so that `store.ts` and the
 * stores it gathers (`learnerStore.ts`, `submissionStore.ts`) do not import each other.
 */

/** An assignment as stored. */
export type IAssignmentRow = Selectable<IAssignmentsTable>;

/**
 * A file of an assignment or of a submission: its content is in the blob store.
 */
export interface IFileRow {
  path: string;
  sha256: string;
  size: number;
}
