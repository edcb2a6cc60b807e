/**
 * What finds a user from a few letters of their name: the display name and the
 * identifier, without accents nor case (« lea » finds « Léa Martin »). Stored with the
 * user (`users.search_key`), so that lists search in SQL instead of reading every
 * account, alike on SQLite and PostgreSQL (neither folds accents by itself).
 */

/** Text without accents, in lower case. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The stored search key of a user. */
export function userSearchKey(name: string, displayName: string): string {
  return `${foldText(displayName)} ${name.toLowerCase()}`;
}

/**
 * A `LIKE` pattern (with `ESCAPE '!'`: a backslash would be read differently by SQLite
 * and PostgreSQL) for keys that contain `query`, folded; `null` when the query is blank.
 */
export function containsPattern(query: string): string | null {
  const folded = foldText(query.trim());
  return folded ? `%${folded.replace(/[!%_]/g, char => `!${char}`)}%` : null;
}
