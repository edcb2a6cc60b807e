/**
 * The dashboards' command ids.
 */
export namespace CommandIDs {
  /** Open a dashboard: `{ kind: 'me' | 'class' | 'programme', classId?, focus? }`. */
  export const open = 'candyce-dashboards:open';
}
