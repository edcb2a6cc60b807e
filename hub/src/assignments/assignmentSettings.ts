import { HttpError } from '../http/errors';
import { checkExtraFiles } from './extraFiles';

/**
 * What a teacher sets on an assignment (all optional when changing one).
 */
export interface IAssignmentSettings {
  title: string;
  instructions: string;
  classIds: string[];
  shareCode: boolean;
  opensAt: string | null;
  dueAt: string | null;
  latePolicy: 'accept' | 'refuse';
  multipleSubmissions: boolean;
  /**
   * Grade submissions by running the notebooks' nbgrader tests. Learners then get the
   * notebooks without solutions nor hidden tests.
   */
  autograde: boolean;
  /**
   * The files pupils may hand in beyond the assignment's own, as patterns (`*.png`,
   * `rapport.pdf`); none when left out.
   */
  extraFiles?: string[];
}

/** The longest title, in characters. */
const TITLE_MAX = 200;
/** The longest instructions, in characters. */
const INSTRUCTIONS_MAX = 10_000;

/**
 * Check an assignment's settings: a title, not too long texts, someone to give it to,
 * dates in order, and extra files named as paths of its folder.
 *
 * @throws {HttpError} 400 `invalid_assignment`, saying what to change.
 */
export function checkSettings(settings: IAssignmentSettings): void {
  const problem = (message: string) =>
    new HttpError(400, 'invalid_assignment', message);
  if (!settings.title.trim()) {
    throw problem('Donnez un titre au devoir.');
  }
  if (settings.title.length > TITLE_MAX) {
    throw problem(`Le titre est trop long (${TITLE_MAX} caractères au plus).`);
  }
  if (settings.instructions.length > INSTRUCTIONS_MAX) {
    throw problem(
      `La consigne est trop longue (${INSTRUCTIONS_MAX} caractères au plus).`
    );
  }
  if (!settings.classIds.length && !settings.shareCode) {
    throw problem(
      'Choisissez au moins une classe, ou un code de partage à donner aux élèves.'
    );
  }
  if (
    settings.opensAt &&
    settings.dueAt &&
    settings.dueAt <= settings.opensAt
  ) {
    throw problem('La date limite doit suivre la date d’ouverture.');
  }
  checkExtraFiles(settings.extraFiles ?? []);
}
