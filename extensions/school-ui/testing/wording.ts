import type { TranslationBundle } from '@jupyterlab/translation';
import { catalogue } from '@candyce/core/testing';

/** « vous » in any form: the pronoun, its possessives, an imperative (« récupérez »). */
export const VOUS = /\b(vous|votre|vos)\b|\b\p{L}+ez\b/iu;

/**
 * The singular messages without a context said in the files a pupil reads, as the
 * catalogue tool extracts them (`files` matches a `path:line`).
 */
export function pupilMessages(files: RegExp): string[] {
  return catalogue()
    .used.filter(
      m => !m.context && m.plural === undefined && files.test(m.where)
    )
    .map(m => m.msgid);
}

/**
 * What a school-mode bundle still says with « vous » among the messages of `files`
 * (placeholders filled with `%1`…`%6`, so that they read as in the catalogue): the
 * check every pupil-facing extension runs, expecting none.
 */
export function vousInSchoolMode(
  school: TranslationBundle,
  files: RegExp
): string[] {
  return pupilMessages(files)
    .map(msgid => school.__(msgid, '%1', '%2', '%3', '%4', '%5', '%6'))
    .filter(text => VOUS.test(text));
}
