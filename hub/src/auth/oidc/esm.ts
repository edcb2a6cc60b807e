import type * as OpenidClient from 'openid-client';

/**
 * openid-client 6 is published as ES modules only, and the hub compiles to CommonJS.
 * Node ≥ 20.19 `require`s ES modules natively, so we load it with Node's own require
 * (`module.createRequire`, reached through `process.getBuiltinModule`) rather than the
 * `require` in scope: under jest the latter is jest's loader, which cannot load ES
 * modules without `--experimental-vm-modules`, and `import()` fails there the same way.
 * The client's types come from a type-only import, which costs nothing at run time. The
 * strategy's subpath (`openid-client/passport`) has no types under the hub's `node`
 * module resolution, so the part of it we use is declared here.
 */
export interface IOpenidClientModules {
  client: typeof OpenidClient;
  passport: { Strategy: IStrategyConstructor };
}

/** Tokens as openid-client hands them to the verify function. */
export type OidcTokens = OpenidClient.TokenEndpointResponse &
  OpenidClient.TokenEndpointResponseHelpers;

/** The verify function of openid-client's passport strategy. */
export type VerifyFunction = (
  tokens: OidcTokens,
  verified: (error: Error | null, user?: unknown, info?: unknown) => void
) => void;

/** openid-client's passport strategy (the members the hub uses). */
export interface IStrategy {
  name: string;
  authenticate(request: unknown, options?: unknown): void;
  authorizationRequestParams(
    request: unknown,
    options: unknown
  ): URLSearchParams | Record<string, string> | undefined;
}

/** The constructor of openid-client's passport strategy. */
export interface IStrategyConstructor {
  new (
    options: {
      config: OpenidClient.Configuration;
      scope?: string;
      name?: string;
    },
    verify: VerifyFunction
  ): IStrategy;
}

/**
 * openid-client and its passport strategy (loaded once, on first use).
 */
export function loadOpenidClient(): IOpenidClientModules {
  if (!Private.cache.modules) {
    const nodeRequire = process
      .getBuiltinModule('module')
      .createRequire(__filename);
    Private.cache.modules = {
      client: nodeRequire('openid-client'),
      passport: nodeRequire('openid-client/passport')
    };
  }
  return Private.cache.modules;
}

namespace Private {
  export const cache: { modules: IOpenidClientModules | null } = {
    modules: null
  };
}
