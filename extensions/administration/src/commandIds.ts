/**
 * The administration's command ids.
 */
export namespace CommandIDs {
  /**
   * Open « Administration » in the main area: `{ focus? }`.
   */
  export const open = 'candyce-administration:open';
}
