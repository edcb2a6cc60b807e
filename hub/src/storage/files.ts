/**
 * A file as the hub receives, stores and hands it out (library resources, assignments,
 * submissions): its path and its bytes.
 */
export interface IFile {
  /** Relative path with `/` separators (`donnees/villes.csv`). */
  path: string;
  content: Buffer;
}
