/**
 * Failures as an environment stream's `error` event tells them.
 */
import { EnvironmentError } from '@candyce/environments';

import { HttpError } from '../http/errors';

/**
 * What a stream's `error` event carries: the engine's code (`not-found`, `conflict`,
 * `python-missing`…) and French message, or the hub's for its own refusals; anything
 * else is an internal error, told without detail.
 */
export function streamError(error: unknown): {
  error: { code: string; message: string };
} {
  if (error instanceof EnvironmentError || error instanceof HttpError) {
    return { error: { code: error.code, message: error.message } };
  }
  return {
    error: {
      code: 'internal_error',
      message: 'Erreur interne du serveur : réessayez dans un instant.'
    }
  };
}
