/**
 * The engine's one error type: a French message for the person who asked, a code for
 * the caller (the hub maps it to an HTTP status), and the tools' raw output for logs.
 */

/** Why an engine operation failed. */
export type EnvironmentErrorCode =
  /** The software list has problems (malformed line, refused option, bad YAML…). */
  | 'invalid-list'
  /** A requested package (or version) does not exist in the package index. */
  | 'not-found'
  /** The requested packages cannot be installed together. */
  | 'conflict'
  /** A package had to be built from source and its build failed. */
  | 'build-failed'
  /** The Python version asked for is not installed on this server. */
  | 'python-missing'
  /** The lock was resolved for another platform or Python. */
  | 'platform-mismatch'
  /** A downloaded file does not match the hash recorded in the lock. */
  | 'hash-mismatch'
  /** The operation was cancelled through its AbortSignal. */
  | 'cancelled'
  /** Any other failure of pip, uv or Python. */
  | 'tool-failed';

/** An engine failure, with a French message that can be shown as is. */
export class EnvironmentError extends Error {
  /**
   * @param code - why it failed, for the caller
   * @param message - a French sentence for the user (which package, which constraint)
   * @param details - the tools' raw output, for logs; never shown as the message
   */
  constructor(
    readonly code: EnvironmentErrorCode,
    message: string,
    readonly details = ''
  ) {
    super(message);
    this.name = 'EnvironmentError';
  }
}

/** The error thrown when an AbortSignal ends an operation. */
export function cancelledError(): EnvironmentError {
  return new EnvironmentError('cancelled', 'Opération annulée.');
}
