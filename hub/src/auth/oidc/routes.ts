import { NextFunction, Request, Response, Router } from 'express';
import { AuthenticateOptions, Passport } from 'passport';

import { OidcProviderConfig } from '../../config/oidc';
import { messagePage, pageTrans } from '../../pages/render';
import { safeNext } from '../../pages/routes';
import { IUser } from '../../users/service';
import { CookieJar } from '../cookies';
import { SessionService } from '../sessions';
import { OidcAccounts } from './accounts';
import { FlowStore } from './flows';
import { rolePolicy } from './presets';
import { IOidcProfile, StrategyRegistry } from './strategies';

/**
 * What the OpenID Connect routes need.
 */
export interface IOidcDeps {
  providers: readonly OidcProviderConfig[];
  accounts: OidcAccounts;
  sessions: SessionService;
  cookies: CookieJar;
  /** The hub's public URL, if configured; else the callback URL is the request's origin. */
  publicUrl?: string;
  log: {
    info: (object: unknown, message: string) => void;
    warn: (object: unknown, message: string) => void;
  };
}

/** Where to go after the login, kept with the flow. */
const NEXT_KEY = 'candyce:next';

/**
 * `GET /oidc/:id/login` (redirect to the provider) and `GET /oidc/:id/callback`
 * (verify, find or create the user, open a hub session). Passport runs without its own
 * session: state, nonce and PKCE verifier live in a FlowStore entry.
 */
export function oidcRouter(deps: IOidcDeps): Router {
  const router = Router();
  const byId = new Map(deps.providers.map(p => [p.id, p]));
  const strategies = new StrategyRegistry();
  const flows = new FlowStore();
  const passport = new Passport();
  const flowCookie = deps.cookies.oidcFlowName;

  const callbackUrl = (request: Request, id: string): string =>
    `${deps.publicUrl?.replace(/\/$/, '') ?? `${request.protocol}://${request.get('host')}`}/hub/oidc/${encodeURIComponent(id)}/callback`;

  /** Run the provider's strategy; resolves with passport's outcome. */
  async function run(
    provider: OidcProviderConfig,
    request: Request,
    response: Response,
    next: NextFunction
  ): Promise<{ error?: unknown; profile?: IOidcProfile; info?: unknown }> {
    const strategy = await strategies.get(provider);
    return new Promise(resolve => {
      // A redirect (the login step) ends the response without calling back.
      response.once('finish', () => resolve({}));
      passport.authenticate(
        strategy,
        // openid-client's strategy reads callbackURL from the options.
        {
          session: false,
          callbackURL: callbackUrl(request, provider.id)
        } as AuthenticateOptions,
        (error: unknown, profile: IOidcProfile | false, info: unknown) =>
          resolve({ error, profile: profile || undefined, info })
      )(request, response, next);
    });
  }

  router.get('/oidc/:id/login', async (request, response, next) => {
    const provider = byId.get(request.params.id);
    if (!provider) {
      return next();
    }
    const flow = flows.open();
    flow.session[NEXT_KEY] = safeNext(request.query.next);
    Object.assign(request, { session: flow.session });
    deps.cookies.set(
      response,
      flowCookie,
      flow.id,
      Math.floor(flows.ttlMs / 1000)
    );
    try {
      // On success the strategy itself answers with the redirect.
      const { error } = await run(provider, request, response, next);
      if (error) {
        throw error;
      }
    } catch (error) {
      Private.logFailure(deps, provider, 'login', error);
      deps.cookies.clear(response, flowCookie);
      const trans = pageTrans(response);
      Private.errorPage(
        response,
        502,
        trans.__(
          'The login service « %1 » does not answer: try again in a moment.',
          provider.name
        )
      );
    }
  });

  router.get('/oidc/:id/callback', async (request, response, next) => {
    const provider = byId.get(request.params.id);
    if (!provider) {
      return next();
    }
    // Taken once: a replayed callback finds no flow.
    const session = flows.take(deps.cookies.read(request, flowCookie));
    deps.cookies.clear(response, flowCookie);
    const target = safeNext(session[NEXT_KEY]);
    Object.assign(request, { session });
    let user: IUser;
    try {
      if (request.query.error !== undefined) {
        // The provider said no (the user cancelled, or is not allowed).
        throw new Private.Refused('provider_error');
      }
      if (typeof request.query.code !== 'string') {
        // Without a code the strategy would start a new login instead.
        throw new Private.Refused('no_code');
      }
      const { error, profile, info } = await run(
        provider,
        request,
        response,
        next
      );
      if (error || !profile) {
        throw error ?? new Private.Refused(Private.describe(info));
      }
      user = await deps.accounts.findOrCreate(
        profile.issuer,
        profile.claims,
        rolePolicy(provider)
      );
    } catch (error) {
      Private.logFailure(deps, provider, 'callback', error);
      if (response.headersSent) {
        return;
      }
      const stale = !session[NEXT_KEY];
      const trans = pageTrans(response);
      return Private.errorPage(
        response,
        stale ? 400 : 401,
        stale
          ? trans.__(
              'This login request has expired or was already used: start again from the login page.'
            )
          : trans.__(
              'The login with « %1 » failed: your identity could not be checked.',
              provider.name
            )
      );
    }
    if (user.deactivatedAt) {
      return Private.errorPage(
        response,
        403,
        pageTrans(response).__(
          'This account has been deactivated: ask your establishment’s administrator.'
        )
      );
    }
    const { token } = await deps.sessions.create(user.id);
    deps.cookies.set(response, deps.cookies.sessionName, token);
    deps.log.info({ userId: user.id, provider: provider.id }, 'login');
    response.redirect(303, target);
  });

  return router;
}

namespace Private {
  /** A refusal that is not an exception of the library (provider error, no state…). */
  export class Refused extends Error {
    constructor(readonly code: string) {
      super(code);
      this.name = 'Refused';
    }
  }

  export function describe(info: unknown): string {
    const message = (info as { message?: unknown } | undefined)?.message;
    return typeof message === 'string' ? message.slice(0, 100) : 'refused';
  }

  /** Log why a login failed: the error's kind only, never tokens, claims or names. */
  export function logFailure(
    deps: IOidcDeps,
    provider: OidcProviderConfig,
    step: string,
    error: unknown
  ): void {
    const e = error as { name?: unknown; code?: unknown } | null;
    deps.log.warn(
      {
        provider: provider.id,
        step,
        error: String(e?.code ?? e?.name ?? 'unknown').slice(0, 100)
      },
      'OpenID Connect login refused'
    );
  }

  export function errorPage(
    response: Response,
    status: number,
    message: string
  ): void {
    const trans = pageTrans(response);
    messagePage(response, status, trans.__('Login not possible'), message, {
      href: '/hub/login',
      text: trans.__('Back to the login page')
    });
  }
}
