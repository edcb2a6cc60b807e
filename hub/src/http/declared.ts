/**
 * Routes as data: each feature declares its API routes (method, path, the right they
 * need and the object it applies to, the body's schema, the handler) and
 * {@link mountRoutes} enforces the declarations, the same way for every route.
 */
import { Request, Response, Router } from 'express';
import { z } from 'zod';

import type { IAuthContext } from '../auth/authContext';
import type { ITarget, Policy, Reach, Right } from '../policy';
import type { IUser } from '../users/service';
import { parseOr400 } from './errors';
import { DomainError, trans } from '../errors';

/**
 * A request as declared routes see it: path parameters are strings.
 */
export type RouteRequest = Request<Record<string, string>>;

/**
 * The HTTP methods routes are declared with.
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * What a route needs of its caller:
 * - a right of the policy (`classes:write`), checked on the route's object;
 * - `signedIn`: a session, and no right beyond it;
 * - `null`: nothing (anonymous callers welcome);
 * - a function of the request, for a right that depends on it (called once the caller
 *   is known; it may throw, e.g. a 404 for an unknown kind).
 */
export type Access =
  | Right
  | 'signedIn'
  | null
  | ((request: RouteRequest) => Right | Promise<Right>);

/**
 * What a handler receives once the declaration has been enforced.
 */
export interface IRouteContext<B = unknown, Q = unknown, L = unknown> {
  /** The caller; reading it without a session throws the usual 401. */
  readonly user: IUser;
  /** The caller, or null for an anonymous caller of a route that lets them in. */
  readonly caller: IUser | null;
  /** The caller's session context, or null. */
  readonly auth: IAuthContext | null;
  /** For routes that list (`object: 'reach'`): how far the right reaches. */
  readonly reach: Reach | null;
  readonly params: Record<string, string>;
  /** The body, checked against the declaration's schema. */
  readonly body: B;
  /** The query, checked against the declaration's schema. */
  readonly query: Q;
  /** What the declaration's `load` found (the object, once the right is granted). */
  readonly loaded: L;
  readonly request: RouteRequest;
  readonly response: Response;
}

/**
 * One API route, declared.
 */
export interface IRoute<B = unknown, Q = unknown, L = unknown> {
  method: Method;
  /** Express path template, under `/hub/api/v1`. */
  path: string;
  /** The right the route needs (see {@link Access}). */
  right: Access;
  /**
   * What the right applies to: a target found from the request (possibly by a look-up:
   * it may throw a 404 of its own), or `'reach'` for routes that list objects and
   * filter by how far the right reaches. Without it the right is asked without an
   * object (an `:own` scope alone then answers 403).
   */
  object?:
    | 'reach'
    | ((request: RouteRequest, user: IUser) => ITarget | Promise<ITarget>);
  /**
   * The object itself, found once the right is granted and before the body is read
   * (a 404 for an unknown object comes before a 400 for a bad body).
   */
  load?: (request: RouteRequest) => L | Promise<L>;
  /** Whether callers without a session may call the route anyway (public library). */
  anonymous?: () => boolean;
  /** The body's schema: a body that fails it answers 400 `invalid_request`. */
  body?: z.ZodType<B>;
  /** Check an absent body as `{}` (routes whose body is all optional). */
  bodyOptional?: boolean;
  /** The query's schema: a query that fails it answers 400 `invalid_request`. */
  query?: z.ZodType<Q>;
  handle(context: IRouteContext<B, Q, L>): void | Promise<void>;
}

/**
 * A route declaration, with its body and query types inferred from its schemas.
 */
export function route<B = undefined, Q = undefined, L = undefined>(
  declaration: IRoute<B, Q, L>
): IRoute {
  return declaration as unknown as IRoute;
}

/**
 * Mount `routes` on a new router, each behind the one check of its declaration, in an
 * order that does not depend on the list's: a literal segment is tried before a
 * parameter (`/assignments/join` before `/assignments/:id`).
 *
 * For each request: the caller (401 without a session, unless the route lets anonymous
 * callers in), the right on the route's object (the policy's answer: a refusal and a
 * missing object answer alike), the body and the query (400), then the handler.
 */
export function mountRoutes(policy: Policy, routes: readonly IRoute[]): Router {
  const router = Router();
  for (const declared of sortRoutes(routes)) {
    const method = declared.method.toLowerCase() as Lowercase<Method>;
    router[method](declared.path, async (request, response) => {
      await Private.enforce(
        policy,
        declared,
        request as RouteRequest,
        response
      );
    });
  }
  return router;
}

/**
 * Routes in the order Express must try them (see {@link mountRoutes}).
 */
export function sortRoutes(routes: readonly IRoute[]): IRoute[] {
  const key = (path: string) =>
    path
      .split('/')
      .map(segment =>
        segment.startsWith('*')
          ? '2'
          : segment.startsWith(':')
            ? '1'
            : `0${segment}`
      );
  return [...routes].sort((a, b) => {
    const [left, right] = [key(a.path), key(b.path)];
    for (let i = 0; i < Math.min(left.length, right.length); i++) {
      if (left[i] !== right[i]) {
        return left[i] < right[i] ? -1 : 1;
      }
    }
    return left.length - right.length;
  });
}

namespace Private {
  export async function enforce(
    policy: Policy,
    declared: IRoute,
    request: RouteRequest,
    response: Response
  ): Promise<void> {
    const auth = response.locals.auth as IAuthContext | null;
    const user = auth?.user ?? null;
    let reach: Reach | null = null;
    if (declared.right !== null && !(user === null && declared.anonymous?.())) {
      if (!user) {
        throw unauthenticated();
      }
      if (declared.right !== 'signedIn') {
        const right =
          typeof declared.right === 'function'
            ? await declared.right(request)
            : declared.right;
        if (declared.object === 'reach') {
          reach = await policy.requireScopedReach(user, right);
        } else {
          reach = await policy.require(
            user,
            right,
            declared.object ? await declared.object(request, user) : {}
          );
        }
      }
    }
    const loaded = declared.load ? await declared.load(request) : undefined;
    const body = declared.body
      ? parseOr400(
          declared.body,
          declared.bodyOptional ? (request.body ?? {}) : request.body
        )
      : request.body;
    const query = declared.query
      ? parseOr400(declared.query, request.query)
      : request.query;
    await declared.handle({
      get user(): IUser {
        if (!user) {
          throw unauthenticated();
        }
        return user;
      },
      caller: user,
      auth,
      reach,
      params: request.params,
      body,
      query,
      loaded,
      request,
      response
    });
  }

  export function unauthenticated(): DomainError {
    return new DomainError('unauthenticated', trans.__('Sign-in required.'));
  }
}
