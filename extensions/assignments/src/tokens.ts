import { Token } from '@lumino/coreutils';

/**
 * The assignments token.
 */
export const IAssignments = new Token<IAssignments>(
  '@candyce/assignments:IAssignments',
  'The « Mes devoirs » and « Suivi des devoirs » panels: show them, or hand out a notebook.'
);

/**
 * The assignments panels, for other plugins (the library hands out its resources).
 */
export interface IAssignments {
  /**
   * Show the « Mes devoirs » panel.
   */
  openLearnerPanel(): void;
  /**
   * Show the « Suivi des devoirs » panel (teachers and administrators only).
   */
  openTeacherPanel(): void;
  /**
   * Open the « Nouveau devoir » form for a notebook of the user's home (`null`: the
   * form says to choose one).
   *
   * @returns whether an assignment was created.
   */
  assignNotebook(path: string | null): Promise<boolean>;
  /**
   * Open the « Nouveau devoir » form for a version of a library resource.
   *
   * @returns whether an assignment was created.
   */
  assignResource(resource: {
    resourceId: string;
    version: number;
    title: string;
  }): Promise<boolean>;
}
