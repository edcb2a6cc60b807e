/**
 * The assignments' command ids.
 */
export namespace CommandIDs {
  export const open = 'candyce-assignments:open';
  export const follow = 'candyce-assignments:follow';
  /** The follow-up of one assignment in the main area (args: `assignmentId`). */
  export const followAssignment = 'candyce-assignments:follow-assignment';
  export const commentCell = 'candyce-assignments:comment-cell';
  /** In the file browser's context menu for notebooks. */
  export const assignNotebook = 'candyce:assign-notebook';
  /**
   * « Donner en devoir » for a library resource (args: `resourceId`, `version`,
   * `title`); other extensions call `IAssignments.assignResource` instead.
   */
  export const assignResource = 'candyce:assign-resource';
  /** « Demander de l'aide » on the current notebook (pupils). */
  export const askHelp = 'candyce-assignments:ask-help';
  /** A teacher joins a pupil's help request (args: `id`). */
  export const joinHelp = 'candyce-assignments:join-help';
}
