/**
 * Failures as an environment stream's `error` event tells them.
 */
import { EnvironmentError } from '@candyce/environments';

import { DomainError, trans } from '../errors';
import { refusal } from '../http/errors';
import type { Language } from '../i18n';

/**
 * What a stream's `error` event carries: the engine's code (`not-found`, `conflict`,
 * `python-missing`…) and French message, or the hub's refusal in the reader's
 * language; anything else is an internal error, told without detail.
 */
export function streamError(
  error: unknown,
  language: Language
): {
  error: { code: string; message: string; params?: Array<string | number> };
} {
  if (error instanceof EnvironmentError) {
    return { error: { code: error.code, message: error.message } };
  }
  const told =
    refusal(error, language) ??
    refusal(
      new DomainError(
        'internal_error',
        trans.__('Internal server error: try again in a moment.')
      ),
      language
    )!;
  return {
    error: { code: told.code, message: told.message, params: told.params }
  };
}
