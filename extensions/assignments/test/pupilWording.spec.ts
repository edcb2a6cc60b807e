import type { ISchoolMode } from '@candyce/school-ui';
import {
  pupilMessages,
  VOUS,
  vousInSchoolMode
} from '@candyce/school-ui/testing';
import { frenchGettext } from '@candyce/core/testing';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';

import { PupilWording } from '../src/pupilWording';
import { schoolMessages } from '../src/schoolMessages';

/** A school mode the test turns on and off. */
class Mode implements ISchoolMode {
  isOn = false;
  reasons = [];
  canLeave = false;
  changed = new Signal<ISchoolMode, void>(this);
  set(on: boolean): void {
    this.isOn = on;
    this.changed.emit();
  }
}

/** The files whose messages a pupil reads in « Mes devoirs ». */
const PUPIL_FILES =
  /extensions\/assignments\/src\/(learner\w*|handIn|errors|dialogs|labels)\.tsx?\b/;

describe('PupilWording', () => {
  const fr = frenchGettext();

  it('says « vous » without school mode, « tu » while it is on, and follows it', () => {
    const wording = new PupilWording(fr);
    const seen: number[] = [];
    wording.changed.connect(() => seen.push(1));
    const typeCode = 'Type the code your teacher gave you.';
    expect(wording.trans.__(typeCode)).toBe(
      'Saisissez le code donné par votre enseignant·e.'
    );
    const mode = new Mode();
    wording.follow(mode);
    expect(seen).toHaveLength(0);
    mode.set(true);
    expect(seen).toHaveLength(1);
    expect(wording.trans.__(typeCode)).toBe(
      'Tape le code que ton professeur t’a donné.'
    );
    // With parameters, and neutral messages unchanged.
    expect(
      wording.trans.__('« %1 » added to your assignments.', 'Fractions')
    ).toBe('« Fractions » est ajouté à tes devoirs.');
    expect(wording.trans.__('Hand in')).toBe('Rendre');
    expect(wording.trans._n('Sending %1 file…', 'Sending %1 files…', 3)).toBe(
      'Envoi de 3 fichiers…'
    );
    mode.set(false);
    expect(seen).toHaveLength(2);
    expect(wording.trans.__(typeCode)).toBe(
      'Saisissez le code donné par votre enseignant·e.'
    );
  });

  it('speaks at once when the mode it learns about is already on', () => {
    const wording = new PupilWording(fr);
    const seen: number[] = [];
    wording.changed.connect(() => seen.push(1));
    wording.follow(null);
    expect(seen).toHaveLength(0);
    const mode = new Mode();
    mode.isOn = true;
    wording.follow(mode);
    expect(seen).toHaveLength(1);
    expect(wording.trans.__('You have no assignment for now.')).toBe(
      'Tu n’as aucun devoir pour l’instant.'
    );
  });

  it('gives every school variant in French with « tu », different from the plain one', () => {
    const variants = schoolMessages(fr);
    expect(variants).toHaveLength(28);
    const plain = schoolMessages({
      _p: (_context: string, msgid: string) => fr.__(msgid)
    } as unknown as TranslationBundle);
    variants.forEach((variant, index) => {
      expect(variant).not.toMatch(VOUS);
      expect(variant).not.toBe(plain[index]);
      expect(variant).toMatch(
        /\b(tu|te|t’|ton|ta|tes)\b|\p{L}+-(le|la|les|en)\b|\b(tape|récupère|vérifie|réessaie|attends|garde|remplace|recharge)\b/iu
      );
    });
  });

  it('leaves no message of « Mes devoirs » with « vous » in school mode', () => {
    const wording = new PupilWording(fr);
    const mode = new Mode();
    mode.isOn = true;
    wording.follow(mode);
    expect(pupilMessages(PUPIL_FILES).length).toBeGreaterThan(40);
    expect(vousInSchoolMode(wording.trans, PUPIL_FILES)).toEqual([]);
  });
});
