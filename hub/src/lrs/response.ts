/**
 * What a resource answers; the router sends it (with the headers every answer
 * carries).
 */
export interface IXapiResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON (any value but a Buffer), raw bytes, or nothing. */
  body?: unknown;
}

/** 204, nothing in the body. */
export const NO_CONTENT: IXapiResponse = { status: 204 };
