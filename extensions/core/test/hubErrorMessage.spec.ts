import { nullTranslator } from '@jupyterlab/translation';

import { HubApiError } from '../src/errors';
import { hubErrorMessage } from '../src/hubErrorMessage';
import { frenchGettext } from '../testing';

describe('hubErrorMessage', () => {
  const english = { trans: nullTranslator.load('candyce') };
  const french = { trans: frenchGettext() };

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
