import { HubApiError, hubErrorMessage } from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';

/**
 * A message for the user from any failure: the hub's, in JupyterLab's language, when it
 * sent one — « Ce devoir n’accepte plus de rendu après la date limite. » — otherwise a
 * sentence of ours.
 */
export function errorMessage(
  reason: unknown,
  trans: TranslationBundle
): string {
  if (reason instanceof UserError) {
    return reason.message;
  }
  if (reason instanceof HubApiError) {
    if (reason.code === 'http_error' && reason.status === 403) {
      return trans.__('Your account is not allowed to do this.');
    }
    return hubErrorMessage(trans, reason);
  }
  if ((reason as { response?: unknown } | null)?.response instanceof Response) {
    // The Jupyter server refused to read or write a file of the home.
    return trans.__(
      'Your files could not be read or written: %1',
      (reason as Error).message
    );
  }
  return trans.__(
    'The Candyce platform cannot be reached right now. Check your connection and try again.'
  );
}

/**
 * A failure to explain to the user in our own words (its message is translated).
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
