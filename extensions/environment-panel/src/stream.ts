import {
  HubApiError,
  hubErrorParams,
  HubClient,
  HubUnreachableError,
  XSRF_HEADER
} from '@candyce/core';

import { readEventStream } from './sse';

/**
 * The hub ended a stream with `event: error`: the operation failed (its message is the
 * hub's, in French).
 */
export class StreamError extends Error {
  /**
   * @param code - the engine's code: `not-found`, `conflict`, `build-failed`,
   *   `python-missing`, `invalid-list`, `cancelled`, `tool-failed`…
   */
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message);
    this.name = 'StreamError';
  }
}

/**
 * The user cancelled: the request was closed, which stops the work on the hub.
 */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/**
 * The stream stopped before its result (the connection was cut).
 */
export class InterruptedError extends Error {
  constructor() {
    super('The stream ended before its result.');
    this.name = 'InterruptedError';
  }
}

/**
 * POST a JSON body to the hub and read the `text/event-stream` answer: `progress`
 * events, then one `result` or one `error`.
 *
 * The request is the one `HubClient` would make (same origin, the session cookie, the
 * anti-CSRF header), through `fetch` so that the body can be read as it streams.
 *
 * @returns the data of the `result` event.
 * @throws {HubApiError} when the hub refuses the request before streaming (400, 403, 404…).
 * @throws {StreamError} when the stream ends with an `error` event.
 * @throws {CancelledError} when `signal` aborts.
 * @throws {InterruptedError} or {HubUnreachableError} when the hub cannot be read.
 */
export async function postEventStream<T>(
  hub: Pick<HubClient, 'baseUrl' | 'xsrfToken'>,
  path: string,
  body: unknown,
  onProgress: (data: unknown) => void,
  signal?: AbortSignal,
  fetchFn: typeof fetch = (input, init) => fetch(input, init)
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'text/event-stream, application/json',
    'Content-Type': 'application/json'
  };
  if (hub.xsrfToken) {
    headers[XSRF_HEADER] = hub.xsrfToken;
  }
  const url = `${hub.baseUrl}/${path.replace(/^\/+/, '')}`;
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: JSON.stringify(body),
      signal
    });
  } catch (reason) {
    throw Private.failure(reason, signal, `POST ${url} failed`);
  }
  const type = response.headers.get('Content-Type') ?? '';
  if (!response.ok || !type.includes('text/event-stream')) {
    return Private.readJson<T>(response, url);
  }
  if (!response.body) {
    throw new InterruptedError();
  }
  let outcome: { result: T } | { error: StreamError } | null = null;
  try {
    await readEventStream(response.body, ({ event, data }) => {
      const payload = Private.parse(data);
      if (event === 'progress') {
        if (payload !== undefined) {
          onProgress(payload);
        }
        return true;
      }
      if (event === 'result') {
        outcome = { result: payload as T };
        return false;
      }
      if (event === 'error') {
        const error = (
          payload as { error?: { code?: unknown; message?: unknown } }
        )?.error;
        outcome = {
          error: new StreamError(
            typeof error?.code === 'string' ? error.code : 'unknown',
            typeof error?.message === 'string' ? error.message : ''
          )
        };
        return false;
      }
      // Other events (a keep-alive…) do not concern this call.
      return true;
    });
  } catch (reason) {
    throw Private.failure(reason, signal, `reading ${url} failed`);
  }
  const ended = outcome as { result: T } | { error: StreamError } | null;
  if (ended && 'result' in ended) {
    return ended.result;
  }
  if (ended) {
    throw ended.error.code === 'cancelled' ? new CancelledError() : ended.error;
  }
  if (signal?.aborted) {
    throw new CancelledError();
  }
  throw new InterruptedError();
}

namespace Private {
  export function parse(data: string): unknown {
    try {
      return JSON.parse(data);
    } catch {
      return undefined;
    }
  }

  export function failure(
    reason: unknown,
    signal: AbortSignal | undefined,
    what: string
  ): Error {
    if (signal?.aborted || (reason as Error | null)?.name === 'AbortError') {
      return new CancelledError();
    }
    return new HubUnreachableError(what, reason);
  }

  /**
   * A plain JSON answer: an error before any work, or (leniently) a result.
   */
  export async function readJson<T>(
    response: Response,
    url: string
  ): Promise<T> {
    let payload: unknown;
    try {
      payload = await response.json();
    } catch {
      throw new HubUnreachableError(
        `POST ${url} answered ${response.status} without JSON`
      );
    }
    if (response.ok) {
      return payload as T;
    }
    const error = (
      payload as {
        error?: { code?: unknown; message?: unknown; params?: unknown };
      }
    )?.error;
    if (typeof error?.code === 'string' && typeof error.message === 'string') {
      throw new HubApiError(
        response.status,
        error.code,
        error.message,
        hubErrorParams(error.params)
      );
    }
    throw new HubApiError(
      response.status,
      'http_error',
      response.statusText || `HTTP ${response.status}`
    );
  }
}
