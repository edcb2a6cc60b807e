import { isLoopbackUrl, OidcProviderConfig } from '../../config/oidc';
import { IStrategy, loadOpenidClient } from './esm';

/**
 * What the strategy's verify step hands on: the verified issuer and the claims (ID
 * token claims, completed by userinfo).
 */
export interface IOidcProfile {
  issuer: string;
  claims: Record<string, unknown>;
}

/**
 * The passport strategies of the providers, made at first use: discovery reads the
 * provider's metadata then, so the hub starts even when a provider is down, and a failed
 * discovery is retried at the next login.
 */
export class StrategyRegistry {
  private readonly _pending = new Map<string, Promise<IStrategy>>();

  /** The strategy of a provider. */
  get(provider: OidcProviderConfig): Promise<IStrategy> {
    let strategy = this._pending.get(provider.id);
    if (!strategy) {
      strategy = Private.create(provider);
      strategy.catch(() => this._pending.delete(provider.id));
      this._pending.set(provider.id, strategy);
    }
    return strategy;
  }
}

namespace Private {
  export async function create(
    provider: OidcProviderConfig
  ): Promise<IStrategy> {
    const { client, passport } = loadOpenidClient();
    const issuer = new URL(provider.issuer);
    // Plain HTTP only for a loopback issuer (the configuration refuses it elsewhere).
    const insecure =
      issuer.protocol === 'http:' && isLoopbackUrl(issuer)
        ? [client.allowInsecureRequests]
        : [];
    const config = await client.discovery(
      issuer,
      provider.clientId,
      provider.clientSecret,
      undefined,
      {
        // By default openid-client trusts an ID token from the token endpoint on the
        // strength of TLS alone (OIDC Core 3.1.3.7 allows it) and skips its signature;
        // we check it against the provider's JWKS as well.
        execute: [client.enableNonRepudiationChecks, ...insecure],
        timeout: 10
      }
    );

    /**
     * openid-client's strategy sends only PKCE when the provider supports it; we also
     * send `state` and `nonce`, which the strategy then stores and checks.
     */
    class CandyceStrategy extends passport.Strategy {
      override authorizationRequestParams(
        request: unknown,
        options: unknown
      ): URLSearchParams {
        const params = new URLSearchParams(
          super.authorizationRequestParams(request, options)
        );
        params.set('state', client.randomState());
        params.set('nonce', client.randomNonce());
        return params;
      }
    }

    return new CandyceStrategy(
      { config, scope: provider.scope, name: provider.id },
      async (tokens, verified) => {
        try {
          const claims = tokens.claims();
          if (!claims) {
            return verified(null, false, { message: 'no ID token' });
          }
          let merged: Record<string, unknown> = { ...claims };
          if (config.serverMetadata().userinfo_endpoint) {
            // Checks that userinfo's `sub` is the ID token's.
            const info = await client.fetchUserInfo(
              config,
              tokens.access_token,
              claims.sub
            );
            merged = { ...info, ...claims };
          }
          const profile: IOidcProfile = { issuer: claims.iss, claims: merged };
          verified(null, profile);
        } catch (error) {
          verified(error as Error);
        }
      }
    );
  }
}
