/**
 * The library's command ids.
 */
export namespace CommandIDs {
  export const open = 'candyce-library:open';
  export const searchEntry = 'candyce-library:search-entry';
  export const publish = 'candyce-library:publish';
}
