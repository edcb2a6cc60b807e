import { Gettext, nullTranslator } from '@jupyterlab/translation';
import type { TranslationBundle } from '@jupyterlab/translation';

import { SCHOOL_CONTEXT, schoolBundle } from '../src/wording';

/** A small French catalogue with a message, its school variant, and a neutral one. */
function bundle(): TranslationBundle {
  const gettext = new Gettext({ domain: 'candyce', locale: 'fr-FR' });
  gettext.loadJSON(
    {
      '': {
        domain: 'candyce',
        language: 'fr-FR',
        pluralForms: 'nplurals=2; plural=(n > 1);'
      },
      'Check %1.': ['Vérifiez %1.'],
      [`${SCHOOL_CONTEXT}\u0004Check %1.`]: ['Vérifie %1.'],
      'Run all': ['Tout exécuter'],
      '%1 file': ['%1 fichier', '%1 fichiers']
    },
    'candyce'
  );
  return gettext as unknown as TranslationBundle;
}

describe('schoolBundle', () => {
  it('says the school variant while school mode is on, the plain message otherwise', () => {
    let on = false;
    const trans = schoolBundle(bundle(), () => on);
    expect(trans.__('Check %1.', 'ton code')).toBe('Vérifiez ton code.');
    on = true;
    expect(trans.__('Check %1.', 'ton code')).toBe('Vérifie ton code.');
    expect(trans.gettext('Check %1.', 'ton code')).toBe('Vérifie ton code.');
    // No variant: the plain translation, never the English.
    expect(trans.__('Run all')).toBe('Tout exécuter');
    expect(trans._n('%1 file', '%1 files', 2)).toBe('2 fichiers');
    // Explicit contexts pass through.
    // eslint-disable-next-line jupyter/no-dynamic-translation
    expect(trans._p(SCHOOL_CONTEXT, 'Check %1.', 'x')).toBe('Vérifie x.');
  });

  it('stays in English without a catalogue', () => {
    const trans = schoolBundle(nullTranslator.load('candyce'), () => true);
    expect(trans.__('Check %1.', 'it')).toBe('Check it.');
    expect(trans._n('%1 file', '%1 files', 1)).toBe('1 file');
  });
});
