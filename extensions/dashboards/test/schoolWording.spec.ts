import { schoolBundle } from '@candyce/school-ui';
import {
  pupilMessages,
  VOUS,
  vousInSchoolMode
} from '@candyce/school-ui/testing';
import { frenchGettext } from '@candyce/core/testing';
import type { TranslationBundle } from '@jupyterlab/translation';

import { schoolMessages } from '../src/schoolMessages';

/** The files whose messages a pupil reads on « Mon tableau de bord ». */
const PUPIL_FILES =
  /extensions\/dashboards\/src\/(meSections|sectionView|controls|period|format|sections)\.ts\b/;

describe('« Mon tableau de bord » in school mode', () => {
  const fr = frenchGettext();
  const school = schoolBundle(fr, () => true);

  it('has a « tu » variant for each of its school messages', () => {
    const plain: string[] = [];
    const recorder = {
      _p: (_context: string, msgid: string) => {
        plain.push(msgid);
        return msgid;
      }
    } as unknown as TranslationBundle;
    schoolMessages(recorder);
    expect(plain.length).toBeGreaterThan(0);
    for (const msgid of plain) {
      const variant = school.__(msgid, 'x');
      expect(variant).not.toMatch(VOUS);
      expect(variant).not.toBe(msgid);
    }
    expect(school.__('Your teacher left feedback on: %1.', 'Les listes')).toBe(
      'Ton professeur a laissé des commentaires sur : Les listes.'
    );
    expect(fr.__('Your teacher left feedback on: %1.', 'Les listes')).toBe(
      'Commentaires de votre enseignant·e sur : Les listes.'
    );
  });

  it('leaves no message a pupil reads with « vous » in school mode', () => {
    expect(pupilMessages(PUPIL_FILES).length).toBeGreaterThan(20);
    expect(vousInSchoolMode(school, PUPIL_FILES)).toEqual([]);
  });
});
