import type { TranslationBundle } from '@jupyterlab/translation';

import { HubApiError } from './errors';
import { hubErrorTemplate } from './generated/hubErrors';

/**
 * What to tell the user of a hub error, in JupyterLab's language: the message of its
 * code (`generated/hubErrors.ts`, from the hub's table) filled with the hub's `params`;
 * the hub's own message for a code the browser does not know, one the hub tells with
 * several messages, or params that do not fit (a hub of another version).
 */
export function hubErrorMessage(
  trans: TranslationBundle,
  error: HubApiError
): string {
  return hubErrorTemplate(trans, error.code, error.params) ?? error.message;
}
