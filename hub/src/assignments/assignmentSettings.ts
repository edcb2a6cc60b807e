import { DomainError, IMessage, trans } from '../errors';
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
  /**
   * Those of `classIds` handed out « par groupe »: their group workspaces, not each
   * pupil, fetch and hand in (none when left out).
   */
  groupClassIds?: string[];
}

/** The longest title, in characters. */
const TITLE_MAX = 200;
/** The longest instructions, in characters. */
const INSTRUCTIONS_MAX = 10_000;

/**
 * Check an assignment's settings: a title, not too long texts, someone to give it to,
 * dates in order, and extra files named as paths of its folder.
 *
 * @throws {DomainError} 400 `invalid_assignment`, saying what to change.
 */
export function checkSettings(settings: IAssignmentSettings): void {
  const problem = (message: IMessage) =>
    new DomainError('invalid_assignment', message);
  if (!settings.title.trim()) {
    throw problem(trans.__('Give the assignment a title.'));
  }
  if (settings.title.length > TITLE_MAX) {
    throw problem(
      trans.__('The title is too long (%1 characters at most).', TITLE_MAX)
    );
  }
  if (settings.instructions.length > INSTRUCTIONS_MAX) {
    throw problem(
      trans.__(
        'The instructions are too long (%1 characters at most).',
        INSTRUCTIONS_MAX
      )
    );
  }
  if (!settings.classIds.length && !settings.shareCode) {
    throw problem(
      trans.__(
        'Choose at least one class, or a share code to give to the pupils.'
      )
    );
  }
  if (
    settings.opensAt &&
    settings.dueAt &&
    settings.dueAt <= settings.opensAt
  ) {
    throw problem(trans.__('The due date must follow the opening date.'));
  }
  if (
    (settings.groupClassIds ?? []).some(id => !settings.classIds.includes(id))
  ) {
    throw problem(
      trans.__(
        'Only a class the assignment is handed out to can have it by group.'
      )
    );
  }
  checkExtraFiles(settings.extraFiles ?? []);
}
