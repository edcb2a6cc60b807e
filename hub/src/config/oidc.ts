import { z } from 'zod';

import { ROLES } from '../users/names';

/**
 * The claim presets a provider may start from (see `auth/oidc/presets.ts`).
 */
export const OIDC_PRESETS = [
  'educonnect',
  'education-recherche',
  'generic'
] as const;

/**
 * Whether an issuer may be reached over plain HTTP: only on loopback (tests, a
 * provider on the same machine). Everywhere else the issuer must be HTTPS.
 */
export function isLoopbackUrl(url: URL): boolean {
  return ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
}

/**
 * One OpenID Connect provider (a school SSO) users may log in with.
 */
export const OidcProviderSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, {
        message: 'lower-case letters, digits and dashes (it is part of URLs)'
      })
      .describe(
        'Identifier of the provider in the hub’s URLs: /hub/oidc/<id>/login and /hub/oidc/<id>/callback.'
      ),
    name: z
      .string()
      .min(1)
      .max(80)
      .describe(
        'Name shown on the login page (« Se connecter avec <name> »), in French.'
      ),
    issuer: z
      .url({ protocol: /^https?$/ })
      .refine(
        value => value.startsWith('https:') || isLoopbackUrl(new URL(value)),
        { message: 'must be https (http only for a loopback address)' }
      )
      .describe(
        'Issuer URL; its /.well-known/openid-configuration is read at the first login.'
      ),
    clientId: z
      .string()
      .min(1)
      .describe('Client id registered at the provider.'),
    clientSecret: z
      .string()
      .min(1)
      .describe('Client secret registered at the provider (never logged).'),
    scope: z
      .string()
      .regex(/(^| )openid( |$)/, { message: 'must include openid' })
      .default('openid profile email')
      .describe('Scopes asked for at login.'),
    preset: z
      .enum(OIDC_PRESETS)
      .default('generic')
      .describe(
        'Default rolesClaim and roleMapping: educonnect, education-recherche or generic (no roles).'
      ),
    rolesClaim: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Claim holding the user’s affiliations or profiles (overrides the preset’s).'
      ),
    roleMapping: z
      .record(z.string(), z.array(z.enum(ROLES)))
      .optional()
      .describe(
        'Claim value → hub roles (replaces the preset’s mapping). Unknown values give no role.'
      )
  })
  .strict();

/**
 * A configured OpenID Connect provider.
 */
export type OidcProviderConfig = z.infer<typeof OidcProviderSchema>;

/**
 * The `oidcProviders` key: a list, or its JSON text (from `CANDYCE_OIDC_PROVIDERS`).
 * Ids must be unique.
 */
export const OidcProvidersSchema = z
  .preprocess((value, context) => {
    if (typeof value !== 'string') {
      return value;
    }
    try {
      return JSON.parse(value);
    } catch (reason) {
      context.addIssue({
        code: 'custom',
        message: `not valid JSON (${(reason as Error).message})`
      });
      return z.NEVER;
    }
  }, z.array(OidcProviderSchema))
  .refine(
    providers => new Set(providers.map(p => p.id)).size === providers.length,
    { message: 'two providers have the same id' }
  );
