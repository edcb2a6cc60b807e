/**
 * The error a failed start rejects with.
 */

/**
 * Why a start failed.
 */
export type SpawnFailure = 'timeout' | 'exited' | 'launch';

/**
 * A start that failed. Its message is French and meant for the user; `details` (the last
 * lines the server wrote on stderr) is for the logs and the administrator.
 */
export class SpawnError extends Error {
  /**
   * @param message - a French sentence for the user.
   * @param failure - why the start failed.
   * @param details - the end of the server's stderr, possibly empty.
   */
  constructor(
    message: string,
    readonly failure: SpawnFailure,
    readonly details: string
  ) {
    super(message);
    this.name = 'SpawnError';
  }
}
