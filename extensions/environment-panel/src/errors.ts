import { HubApiError, hubErrorMessage } from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';

import { CancelledError, InterruptedError, StreamError } from './stream';

/**
 * A failure said to the user: what happened, in our words, and the hub's own (French)
 * explanation when it gave one (which package, which constraint).
 */
export interface IFailure {
  title: string;
  /** The hub's message, or empty. */
  detail: string;
}

/**
 * Explain any failure of an environment operation.
 */
export function describeFailure(
  reason: unknown,
  trans: TranslationBundle
): IFailure {
  if (reason instanceof CancelledError) {
    return { title: trans.__('Cancelled.'), detail: '' };
  }
  if (reason instanceof StreamError) {
    return {
      title: streamErrorTitle(reason.code, trans),
      detail: reason.message
    };
  }
  if (reason instanceof HubApiError) {
    if (reason.status === 403) {
      return {
        title: trans.__(
          'Your account cannot do this: only teachers change a notebook’s software.'
        ),
        detail:
          reason.code === 'http_error' ? '' : hubErrorMessage(trans, reason)
      };
    }
    if (reason.code === 'index_unreachable') {
      return {
        title: trans.__('The package index cannot be read right now.'),
        detail: hubErrorMessage(trans, reason)
      };
    }
    return {
      title: trans.__('The platform refused the request.'),
      detail: hubErrorMessage(trans, reason)
    };
  }
  if (reason instanceof InterruptedError) {
    return {
      title: trans.__(
        'The connection to the platform was cut before the end. Try again.'
      ),
      detail: ''
    };
  }
  if (reason instanceof UserError) {
    return { title: reason.message, detail: '' };
  }
  return {
    title: trans.__(
      'The Candyce platform cannot be reached right now. Check your connection and try again.'
    ),
    detail: ''
  };
}

/**
 * The failure as one sentence (for notifications).
 */
export function failureText(failure: IFailure): string {
  return failure.detail ? `${failure.title} ${failure.detail}` : failure.title;
}

/**
 * What an `error` event of a resolution or a build means, by its code.
 */
export function streamErrorTitle(
  code: string,
  trans: TranslationBundle
): string {
  switch (code) {
    case 'not-found':
      return trans.__('A requested package or version does not exist.');
    case 'conflict':
      return trans.__('These packages cannot be installed together.');
    case 'build-failed':
      return trans.__('A package could not be built.');
    case 'python-missing':
      return trans.__('This Python version is not available on the platform.');
    case 'invalid-list':
      return trans.__('The software list has an error.');
    case 'platform-mismatch':
      return trans.__('This environment was locked for another platform.');
    case 'hash-mismatch':
      return trans.__('A downloaded file does not match the lock.');
    case 'cancelled':
      return trans.__('Cancelled.');
    default:
      return trans.__('The operation failed.');
  }
}

/**
 * A failure to explain in our own words (its message is already translated).
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
