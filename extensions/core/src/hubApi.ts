import type { HubClient } from './client';
import type { components, paths } from './generated/hubApi';

/**
 * A schema of the hub API contract (`hub/openapi.yml`), by its name there:
 * `HubSchema<'Assignment'>`.
 */
export type HubSchema<K extends keyof components['schemas']> =
  components['schemas'][K];

/**
 * A path of the contract, as written there: `'/classes/{id}'`.
 */
export type HubPath = keyof paths;

/**
 * The methods the typed API calls with.
 */
export type HubVerb = 'get' | 'put' | 'post' | 'patch' | 'delete';

/**
 * The paths of the contract that take a method.
 */
export type HubPathOf<M extends HubVerb> = {
  [P in HubPath]: paths[P][M] extends Private.IOperation ? P : never;
}[HubPath];

/**
 * The operation of the contract for a method and a path.
 */
export type HubOperation<
  M extends HubVerb,
  P extends HubPathOf<M>
> = paths[P][M] & Private.IOperation;

/**
 * The JSON a successful call answers (`void` for 204), as the contract says.
 */
export type HubAnswer<M extends HubVerb, P extends HubPathOf<M>> = Private.Json<
  Private.Success<HubOperation<M, P>['responses']>
>;

/**
 * The JSON body an operation takes.
 */
export type HubBody<M extends HubVerb, P extends HubPathOf<M>> = Private.BodyOf<
  HubOperation<M, P>
>;

/**
 * What a call gives beyond its path: the path's parameters, the query, the body; each
 * typed by the contract, and required when the contract requires it.
 */
export type HubCallOptions<
  M extends HubVerb,
  P extends HubPathOf<M>
> = Private.Options<HubOperation<M, P>>;

/**
 * The hub API typed by its contract, `hub/openapi.yml`, over a {@link HubClient}
 * (its errors, its anti-CSRF token and its `fetch`):
 *
 * ```ts
 * const api = new HubApi(client);
 * const { classes } = await api.get('/classes');
 * await api.put('/assignments/{id}/feedback/{learner}', {
 *   params: { id, learner },
 *   body: draft
 * });
 * ```
 *
 * A path, a method, a parameter or a body the contract does not have fails to compile,
 * and answers have the contract's types: what an extension reads of an answer is what
 * `hub/test/openapi.spec.ts` checks the hub answers.
 */
export class HubApi {
  constructor(readonly client: HubClient) {}

  /**
   * GET a path of the contract.
   */
  get<P extends HubPathOf<'get'>>(
    path: P,
    ...[options]: Private.Args<HubCallOptions<'get', P>>
  ): Promise<HubAnswer<'get', P>> {
    return this._call('GET', path, options);
  }

  /**
   * POST to a path of the contract.
   */
  post<P extends HubPathOf<'post'>>(
    path: P,
    ...[options]: Private.Args<HubCallOptions<'post', P>>
  ): Promise<HubAnswer<'post', P>> {
    return this._call('POST', path, options);
  }

  /**
   * PUT to a path of the contract.
   */
  put<P extends HubPathOf<'put'>>(
    path: P,
    ...[options]: Private.Args<HubCallOptions<'put', P>>
  ): Promise<HubAnswer<'put', P>> {
    return this._call('PUT', path, options);
  }

  /**
   * PATCH a path of the contract.
   */
  patch<P extends HubPathOf<'patch'>>(
    path: P,
    ...[options]: Private.Args<HubCallOptions<'patch', P>>
  ): Promise<HubAnswer<'patch', P>> {
    return this._call('PATCH', path, options);
  }

  /**
   * DELETE a path of the contract.
   */
  delete<P extends HubPathOf<'delete'>>(
    path: P,
    ...[options]: Private.Args<HubCallOptions<'delete', P>>
  ): Promise<HubAnswer<'delete', P>> {
    return this._call('DELETE', path, options);
  }

  /**
   * The full URL of a path of the contract, for what the browser fetches itself (a
   * download, a stream).
   */
  url<P extends HubPath>(
    path: P,
    ...[options]: Private.Args<Private.UrlOptions<P>>
  ): string {
    return `${this.client.baseUrl}${Private.resolve(path, options as Private.IAnyOptions)}`;
  }

  private _call<T>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    options?: object
  ): Promise<T> {
    // The types of `options` were checked by the public methods.
    const checked = (options ?? {}) as Private.IAnyOptions;
    return this.client.request<T>(
      method,
      Private.resolve(path, checked),
      checked.body
    );
  }
}

/**
 * The HubApi statics.
 */
export namespace HubApi {
  /**
   * A path of the contract with its parameters filled in and the query appended:
   * `HubApi.path('/classes/{id}', { params: { id: 'a b' } })` is `/classes/a%20b`.
   *
   * A parameter named `path` (a file's path) keeps its slashes.
   */
  export function path<P extends HubPath>(
    template: P,
    ...[options]: Private.Args<Private.UrlOptions<P>>
  ): string {
    return Private.resolve(template, options as Private.IAnyOptions);
  }
}

namespace Private {
  /**
   * What every operation of the generated contract has.
   */
  export interface IOperation {
    parameters: unknown;
    responses: unknown;
  }

  /**
   * The options of any call, once their types are checked.
   */
  export interface IAnyOptions {
    params?: Record<string, string | number>;
    query?: Record<string, unknown> | URLSearchParams;
    body?: unknown;
  }

  /**
   * The answers of the 2xx statuses.
   */
  export type Success<R> = R[Extract<keyof R, 200 | 201 | 202 | 204>];

  /**
   * The JSON of an answer; `void` when it has no content.
   */
  export type Json<R> = R extends { content: { 'application/json': infer T } }
    ? T
    : R extends { content?: never }
      ? void
      : never;

  /**
   * `T`, or `never` when it is absent (`undefined`) in the contract.
   */
  type Present<T> = [Exclude<T, undefined>] extends [never]
    ? never
    : Exclude<T, undefined>;

  type PathOf<O> = O extends { parameters: { path?: infer A } }
    ? Present<A>
    : never;

  type QueryOf<O> = O extends { parameters: { query?: infer Q } }
    ? Present<Q>
    : never;

  export type BodyOf<O> = O extends { requestBody?: infer B }
    ? JsonBody<Present<B>>
    : never;

  // Distributes, so that `never` (no body) stays `never`.
  type JsonBody<B> = B extends { content: { 'application/json': infer J } }
    ? J
    : never;

  type BodyRequired<O> = O extends { requestBody: unknown } ? true : false;

  type QueryRequired<O> = O extends { parameters: { query: unknown } }
    ? true
    : false;

  type ParamsPart<A> = [A] extends [never]
    ? { params?: undefined }
    : { params: A };

  // A query built elsewhere (URLSearchParams) is sent as it is.
  type QueryPart<Q, Required> = [Q] extends [never]
    ? { query?: undefined }
    : Required extends true
      ? { query: Q | URLSearchParams }
      : { query?: Q | URLSearchParams };

  type BodyPart<B, Required> = [B] extends [never]
    ? { body?: undefined }
    : Required extends true
      ? { body: B }
      : { body?: B };

  export type Options<O> = ParamsPart<PathOf<O>> &
    QueryPart<QueryOf<O>, QueryRequired<O>> &
    BodyPart<BodyOf<O>, BodyRequired<O>>;

  /**
   * The parameters of a path, whatever its methods.
   */
  export type UrlOptions<P extends HubPath> = ParamsPart<PathOf<paths[P]>> & {
    query?: Record<string, unknown> | URLSearchParams;
  };

  /**
   * The options argument: optional when nothing in it is required.
   */
  export type Args<T> = object extends T ? [options?: T] : [options: T];

  export function resolve(template: string, options: IAnyOptions = {}): string {
    const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = options.params?.[name];
      if (value === undefined) {
        throw new Error(`${template}: no value for {${name}}`);
      }
      return name === 'path'
        ? String(value).split('/').map(encodeURIComponent).join('/')
        : encodeURIComponent(String(value));
    });
    const query = queryString(options.query);
    return query ? `${filled}?${query}` : filled;
  }

  function queryString(query: IAnyOptions['query']): string {
    if (query instanceof URLSearchParams) {
      return query.toString();
    }
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query ?? {})) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item !== undefined && item !== null) {
          params.append(name, String(item));
        }
      }
    }
    return params.toString();
  }
}
