/**
 * The dashboards' command ids.
 */
export namespace CommandIDs {
  /**
   * Open a dashboard: `{ kind: 'me' | 'class' | 'programme' | 'establishment',
   * classId?, focus? }`.
   */
  export const open = 'candyce-dashboards:open';
}
