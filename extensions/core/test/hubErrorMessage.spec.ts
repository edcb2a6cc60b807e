import { execFileSync } from 'child_process';
import * as path from 'path';
import { Gettext, nullTranslator } from '@jupyterlab/translation';
import type { TranslationBundle } from '@jupyterlab/translation';

import { HubApiError } from '../src/errors';
import { hubErrorMessage } from '../src/hubErrorMessage';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * The `candyce` domain in French, as JupyterLab loads it: the repository's `.po`
 * compiled by `scripts/i18n.mjs`.
 */
function frenchBundle(): TranslationBundle {
  const script = `
    import fs from 'node:fs';
    import { parsePo, toJupyterLabJson } from ${JSON.stringify(path.join(ROOT, 'scripts', 'i18n.mjs'))};
    const po = ${JSON.stringify(path.join(ROOT, 'locales', 'fr_FR', 'LC_MESSAGES', 'candyce.po'))};
    process.stdout.write(JSON.stringify(toJupyterLabJson(parsePo(fs.readFileSync(po, 'utf8')), 'fr_FR')));
  `;
  const json = JSON.parse(
    execFileSync('node', ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024
    })
  );
  // JupyterLab's translation manager renames the header's `plural_forms` so.
  json[''].pluralForms = json[''].plural_forms;
  const gettext = new Gettext({ domain: 'candyce', locale: 'fr-FR' });
  gettext.loadJSON(json, 'candyce');
  return gettext as unknown as TranslationBundle;
}

describe('hubErrorMessage', () => {
  const english = { trans: nullTranslator.load('candyce') };
  const french = { trans: frenchBundle() };

  it('tells a hub error by its code in the interface’s language', () => {
    // The hub answered in French (the user's stored language), JupyterLab is English.
    const error = new HubApiError(
      404,
      'unknown_code',
      'Code de devoir inconnu ou expiré. Vérifiez-le auprès de votre enseignant.'
    );
    expect(hubErrorMessage(english.trans, error)).toBe(
      'Unknown or expired assignment code. Check it with your teacher.'
    );
    expect(hubErrorMessage(french.trans, error)).toBe(
      'Code de devoir inconnu ou expiré. Vérifiez-le auprès de votre enseignant.'
    );
  });

  it('fills the message with the hub’s params', () => {
    const error = new HubApiError(400, 'invalid_role', 'Rôle inconnu : chef.', [
      'chef'
    ]);
    expect(hubErrorMessage(english.trans, error)).toBe('Unknown role: chef.');
    expect(hubErrorMessage(french.trans, error)).toBe('Rôle inconnu : chef.');
  });

  it('shows the hub’s own message for codes it does not know or params that do not fit', () => {
    const unknown = new HubApiError(418, 'teapot', 'Je suis une théière.');
    expect(hubErrorMessage(english.trans, unknown)).toBe(
      'Je suis une théière.'
    );
    // `not_found` is told with several messages: only the hub knows which.
    const several = new HubApiError(
      404,
      'not_found',
      'Ce devoir n’existe pas.'
    );
    expect(hubErrorMessage(english.trans, several)).toBe(
      'Ce devoir n’existe pas.'
    );
    const older = new HubApiError(400, 'invalid_role', 'Rôle inconnu.');
    expect(hubErrorMessage(english.trans, older)).toBe('Rôle inconnu.');
  });
});
