/**
 * An error answered by the hub API: `{ "error": { "code", "message", "params" } }` with
 * an HTTP status. Show it with `hubErrorMessage`, which translates it by its code.
 */
export class HubApiError extends Error {
  /**
   * @param status - the HTTP status of the answer.
   * @param code - the hub's machine-readable error code (for example `not_found`).
   * @param message - the hub's human-readable message (in the language the hub knows
   *   for the user).
   * @param params - the values of the message's placeholders (`%1`, `%2`…).
   */
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly params: ReadonlyArray<string | number> = []
  ) {
    super(message);
    this.name = 'HubApiError';
  }
}

/**
 * The `params` of a hub error answer: its strings and numbers, nothing else.
 */
export function hubErrorParams(value: unknown): Array<string | number> {
  return Array.isArray(value)
    ? value.filter(
        (param): param is string | number =>
          typeof param === 'string' || typeof param === 'number'
      )
    : [];
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
