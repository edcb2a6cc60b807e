import { HubApiError, hubErrorMessage } from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';

/**
 * A message for the user from any failure: the hub's, in JupyterLab's language, when
 * it sent one, otherwise a sentence of ours.
 */
export function errorMessage(
  reason: unknown,
  trans: TranslationBundle
): string {
  if (reason instanceof HubApiError) {
    if (reason.status === 403) {
      return trans.__(
        'The library is for teachers: your account cannot use it.'
      );
    }
    return hubErrorMessage(trans, reason);
  }
  return trans.__(
    'The library cannot be reached right now. Check your connection and try again.'
  );
}
