/**
 * An error answered by the hub API: `{ "error": { "code", "message" } }` with an HTTP status.
 */
export class HubApiError extends Error {
  /**
   * @param status - the HTTP status of the answer.
   * @param code - the hub's machine-readable error code (for example `not_found`).
   * @param message - the hub's human-readable message (already localised by the hub).
   */
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message);
    this.name = 'HubApiError';
  }
}

/**
 * The hub could not be reached, or answered something that is not the Candyce API.
 */
export class HubUnreachableError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'HubUnreachableError';
  }
}
