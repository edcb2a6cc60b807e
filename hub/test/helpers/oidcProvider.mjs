/**
 * A real OpenID Connect provider (oidc-provider 9) for the hub's tests, run as a child
 * process: oidc-provider is published as ES modules only and jest (CommonJS, without
 * --experimental-vm-modules) cannot import it, while plain Node can.
 *
 * Environment: OIDC_ISSUER (its public URL, here the test's proxy), OIDC_CLIENT (JSON
 * client metadata), OIDC_JWK (JSON private signing key, so that the test can sign tokens
 * with the provider's own key), OIDC_ACCOUNTS_FILE (a JSON file: account id → claims,
 * read at each login so that the test can change an account's claims between logins).
 * Prints `listening <port>` on stdout once ready.
 */
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const issuer = process.env.OIDC_ISSUER;
const client = JSON.parse(process.env.OIDC_CLIENT);
const jwk = JSON.parse(process.env.OIDC_JWK);
const readAccounts = () =>
  JSON.parse(readFileSync(process.env.OIDC_ACCOUNTS_FILE, 'utf8'));

const provider = new Provider(issuer, {
  clients: [client],
  jwks: { keys: [jwk] },
  cookies: { keys: ['candyce-test-cookie-key'] },
  claims: {
    openid: ['sub'],
    profile: [
      'name',
      'given_name',
      'family_name',
      'preferred_username',
      'eduPersonAffiliation'
    ],
    email: ['email']
  },
  findAccount: (_ctx, id) => {
    const claims = readAccounts()[id];
    return claims
      ? { accountId: id, claims: () => ({ sub: id, ...claims }) }
      : undefined;
  },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true }
});
// Quiet: the test reads only the port line.
provider.on('server_error', (_ctx, error) => console.error(error));

const server = provider.listen(0, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
