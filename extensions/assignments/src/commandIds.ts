/**
 * The assignments' command ids.
 */
export namespace CommandIDs {
  export const open = 'candyce-assignments:open';
  export const follow = 'candyce-assignments:follow';
  export const commentCell = 'candyce-assignments:comment-cell';
  /** In the file browser's context menu for notebooks. */
  export const assignNotebook = 'candyce:assign-notebook';
  /** The library's « Donner en devoir » (args: `resourceId`, `version`, `title`). */
  export const assignResource = 'candyce:assign-resource';
}
