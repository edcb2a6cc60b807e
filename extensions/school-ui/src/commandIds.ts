/**
 * The school mode's commands.
 */
export namespace CommandIDs {
  /** Run the active cell and go to the next one (« ▶ Exécuter »). */
  export const run = 'candyce-school:run';
  /** Run every cell of the notebook (« Tout exécuter »). */
  export const runAll = 'candyce-school:run-all';
  /** Hand in the assignment of the notebook (« Rendre mon travail »). */
  export const handIn = 'candyce-school:hand-in';
  /** A teacher looks at what her pupils see (« Voir comme un élève »). */
  export const preview = 'candyce-school:preview';
  /** Back to the full JupyterLab (« Revenir à JupyterLab complet »). */
  export const leave = 'candyce-school:leave';
  /** A teacher chooses her classes' school mode (« Mode école des classes… »). */
  export const classModes = 'candyce-school:class-modes';
}
