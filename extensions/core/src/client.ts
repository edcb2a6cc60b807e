import { HubApiError, hubErrorParams, HubUnreachableError } from './errors';

/**
 * HTTP methods the hub API uses.
 */
export type HubMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The header that carries the anti-CSRF token on state-changing calls.
 */
export const XSRF_HEADER = 'X-Candyce-XSRF';

/**
 * A typed client for the Candyce hub API (`/hub/api/v1`).
 *
 * It calls the hub on the page's own origin with the hub session cookie; no token
 * ever lives in the browser beyond the anti-CSRF token the hub hands out.
 */
export class HubClient {
  constructor(options: HubClient.IOptions = {}) {
    this.baseUrl = (options.baseUrl ?? HubClient.DEFAULT_BASE_URL).replace(
      /\/+$/,
      ''
    );
    this._fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /**
   * The API root, without a trailing slash.
   */
  readonly baseUrl: string;

  /**
   * The anti-CSRF token sent with every state-changing call (given by `GET /me`).
   */
  xsrfToken: string | null = null;

  /**
   * GET a resource.
   */
  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  /**
   * POST a JSON body.
   */
  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  /**
   * PUT a JSON body.
   */
  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  /**
   * PATCH with a JSON body.
   */
  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  /**
   * DELETE a resource.
   */
  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  /**
   * Call the API and decode its JSON answer.
   *
   * @throws {HubApiError} when the hub answers with an error status.
   * @throws {HubUnreachableError} when the hub cannot be reached or does not answer JSON.
   */
  async request<T>(
    method: HubMethod,
    path: string,
    body?: unknown
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (method !== 'GET' && this.xsrfToken) {
      headers[XSRF_HEADER] = this.xsrfToken;
    }
    const url = `${this.baseUrl}/${path.replace(/^\/+/, '')}`;
    let response: Response;
    try {
      response = await this._fetch(url, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body)
      });
    } catch (reason) {
      throw new HubUnreachableError(`${method} ${url} failed`, reason);
    }
    if (response.status === 204) {
      return undefined as T;
    }
    const payload = await Private.readJson(response);
    if (response.ok) {
      if (payload === Private.NOT_JSON) {
        throw new HubUnreachableError(`${method} ${url} did not answer JSON`);
      }
      return payload as T;
    }
    throw Private.toApiError(response, payload);
  }

  private _fetch: HubClient.FetchFunction;
}

/**
 * The HubClient statics and options.
 */
export namespace HubClient {
  /**
   * Where the hub API lives on the platform's single origin.
   */
  export const DEFAULT_BASE_URL = '/hub/api/v1';

  /**
   * The subset of `fetch` the client uses (injectable for other transports).
   */
  export type FetchFunction = (
    input: string,
    init: RequestInit
  ) => Promise<Response>;

  /**
   * Options of the client.
   */
  export interface IOptions {
    /**
     * The API root; defaults to `/hub/api/v1` on the page's origin.
     */
    baseUrl?: string;
    /**
     * The fetch implementation; defaults to the browser's.
     */
    fetch?: FetchFunction;
  }
}

namespace Private {
  export const NOT_JSON = Symbol('not-json');

  export async function readJson(
    response: Response
  ): Promise<unknown | typeof NOT_JSON> {
    const type = response.headers.get('Content-Type') ?? '';
    if (!type.includes('json')) {
      return NOT_JSON;
    }
    try {
      return await response.json();
    } catch {
      return NOT_JSON;
    }
  }

  export function toApiError(response: Response, payload: unknown): Error {
    const error = (
      payload as {
        error?: { code?: unknown; message?: unknown; params?: unknown };
      }
    )?.error;
    if (
      payload !== NOT_JSON &&
      typeof error?.code === 'string' &&
      typeof error.message === 'string'
    ) {
      return new HubApiError(
        response.status,
        error.code,
        error.message,
        hubErrorParams(error.params)
      );
    }
    if (payload === NOT_JSON) {
      // Not the Candyce API (a plain Jupyter server answers 404 in HTML, for example).
      return new HubUnreachableError(
        `${response.url || 'hub'} answered ${response.status} without a Candyce error`
      );
    }
    return new HubApiError(
      response.status,
      'http_error',
      response.statusText || `HTTP ${response.status}`
    );
  }
}
