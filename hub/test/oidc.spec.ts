import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { OidcAccounts } from '../src/auth/oidc/accounts';
import { userNameFromClaims } from '../src/auth/oidc/claims';
import { PRESETS, rolePolicy, rolesFromClaims } from '../src/auth/oidc/presets';
import { IdentityStore } from '../src/auth/oidc/store';
import { ConfigError, loadConfig } from '../src/config/load';
import { migrate, openDatabase } from '../src/db/connect';
import { UserService } from '../src/users/service';
import { UserStore } from '../src/users/store';
import { TestProvider, WebClient } from './helpers/oidcHarness';
import { readJson, startTestHub } from './hubHarness';

const CLIENT_ID = 'candyce-hub';
const CLIENT_SECRET = 'secret-de-test-du-client-candyce';

const ACCOUNTS = {
  'eleve-1': {
    preferred_username: 'Léa.Martin',
    given_name: 'Léa',
    family_name: 'Martin',
    eduPersonAffiliation: ['student']
  },
  'prof-1': {
    name: 'Jean Dupont',
    email: 'jean.dupont@ac-test.fr',
    eduPersonAffiliation: ['teacher', 'valeur-inconnue']
  },
  intrus: { name: 'Intrus', preferred_username: 'intrus' }
};

/**
 * OpenID Connect login end to end: a real oidc-provider (child process, ES modules only)
 * on loopback with a client registered for the hub's callback, a real hub with
 * CANDYCE_OIDC_PROVIDERS, and a browser that follows the redirects and fills in the
 * provider's login and consent forms.
 *
 * For the token-level refusals (altered signature, expired token, other audience) a small
 * reverse proxy sits between hub and provider (the provider's issuer is the proxy's URL)
 * and rewrites the ID token the token endpoint returns. The test generates the
 * provider's signing key, so an expired or mis-addressed token is signed again with the
 * real key: only the claim under test is wrong. A control case re-signs a token without
 * changing it and must succeed, which shows the refusals come from the claims. Making
 * the provider itself issue such tokens was not possible without patching it.
 */
describe('OpenID Connect login', () => {
  const provider = new TestProvider();
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let session = '';

  beforeAll(async () => {
    await provider.listen();
    hub = await startTestHub({
      CANDYCE_OIDC_PROVIDERS: JSON.stringify([
        {
          id: 'educonnect',
          name: 'EduConnect',
          issuer: provider.url,
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          preset: 'educonnect'
        }
      ])
    });
    session = 'candyce-session';
    await provider.start(
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${hub.url}/hub/oidc/educonnect/callback`],
        token_endpoint_auth_method: 'client_secret_post'
      },
      ACCOUNTS
    );
  });
  afterEach(() => {
    provider.rewriteIdToken = null;
  });
  afterAll(async () => {
    await hub?.close();
    await provider.close();
  });

  /** Log in through the provider; the callback's answer. */
  async function login(
    browser: WebClient,
    account: string,
    next = ''
  ): Promise<Response> {
    const callback = await browser.toCallback(
      hub.url,
      `/hub/oidc/educonnect/login${next}`,
      account
    );
    return browser.request(callback.href);
  }

  async function me(browser: WebClient): Promise<Response> {
    return browser.request(`${hub.url}/hub/api/v1/me`);
  }

  /** A refused callback: French error page, no session cookie, /me still 401. */
  async function expectRefused(
    browser: WebClient,
    response: Response,
    status: number
  ): Promise<void> {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toMatch(/Connexion impossible/);
    expect(browser.cookies(hub.url).has(session)).toBe(false);
    expect((await me(browser)).status).toBe(401);
  }

  it('offers each provider on the login page', async () => {
    const html = await (await fetch(`${hub.url}/hub/login`)).text();
    expect(html).toContain(
      '<a class="cdc-button" href="/hub/oidc/educonnect/login">Se connecter avec EduConnect</a>'
    );
    expect(html.indexOf('Se connecter avec EduConnect')).toBeLessThan(
      html.indexOf('action="/hub/login"')
    );
  });

  it('sends the browser to the provider with PKCE, state and nonce', async () => {
    const browser = new WebClient();
    const response = await browser.request(
      `${hub.url}/hub/oidc/educonnect/login`
    );
    expect(response.status).toBe(302);
    const target = new URL(response.headers.get('location')!);
    expect(target.origin).toBe(provider.url);
    expect(target.searchParams.get('code_challenge_method')).toBe('S256');
    expect(target.searchParams.get('state')).toBeTruthy();
    expect(target.searchParams.get('nonce')).toBeTruthy();
    expect(target.searchParams.get('redirect_uri')).toBe(
      `${hub.url}/hub/oidc/educonnect/callback`
    );
    const flowCookie = response.headers
      .getSetCookie()
      .find(c => c.startsWith('candyce-oidc='));
    expect(flowCookie).toMatch(/HttpOnly/);
    expect(flowCookie).toMatch(/SameSite=Lax/);
  });

  it('logs a pupil in as a learner with the mapped display name', async () => {
    const browser = new WebClient();
    const response = await login(browser, 'eleve-1', '?next=/hub/home%3Fx%3D1');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/hub/home?x=1');
    const body = await readJson(await me(browser));
    expect(body).toMatchObject({
      name: 'lea.martin',
      displayName: 'Léa Martin',
      roles: ['learner']
    });
  });

  it('gives a teacher the teacher role and ignores unknown values', async () => {
    const browser = new WebClient();
    expect((await login(browser, 'prof-1')).status).toBe(303);
    const body = await readJson(await me(browser));
    expect(body).toMatchObject({
      name: 'jean.dupont',
      displayName: 'Jean Dupont',
      roles: ['teacher']
    });
  });

  it('finds the same user at the next login', async () => {
    const first = new WebClient();
    expect((await login(first, 'prof-1')).status).toBe(303);
    const second = new WebClient();
    expect((await login(second, 'prof-1')).status).toBe(303);
    const a = await readJson(await me(first));
    const b = await readJson(await me(second));
    expect(b.name).toBe(a.name);
    expect(await hub.users.getByName('jean.dupont-2')).toBeNull();
  });

  it('refuses an ID token whose signature was altered', async () => {
    provider.rewriteIdToken = token => {
      const [header, payload, signature] = token.split('.');
      const flipped = signature[10] === 'A' ? 'B' : 'A';
      return `${header}.${payload}.${signature.slice(0, 10)}${flipped}${signature.slice(11)}`;
    };
    const browser = new WebClient();
    await expectRefused(browser, await login(browser, 'intrus'), 401);
  });

  it('accepts an ID token signed again unchanged (control of the next cases)', async () => {
    provider.rewriteIdToken = token => provider.resign(token, () => undefined);
    const browser = new WebClient();
    expect((await login(browser, 'eleve-1')).status).toBe(303);
  });

  it('refuses an expired ID token', async () => {
    provider.rewriteIdToken = token =>
      provider.resign(token, claims => {
        const now = Math.floor(Date.now() / 1000);
        claims.iat = now - 7200;
        claims.exp = now - 3600;
      });
    const browser = new WebClient();
    await expectRefused(browser, await login(browser, 'intrus'), 401);
  });

  it('refuses an ID token for another audience', async () => {
    provider.rewriteIdToken = token =>
      provider.resign(token, claims => {
        claims.aud = 'une-autre-application';
      });
    const browser = new WebClient();
    await expectRefused(browser, await login(browser, 'intrus'), 401);
  });

  it('refuses a replayed callback and an unknown state', async () => {
    const victim = new WebClient();
    const callback = await victim.toCallback(
      hub.url,
      '/hub/oidc/educonnect/login',
      'intrus'
    );
    expect((await victim.request(callback.href)).status).toBe(303);

    // The same browser again: its login is over, the flow is gone.
    const again = await victim.request(callback.href);
    expect(again.status).toBe(400);
    expect(again.headers.getSetCookie().join()).not.toContain(session);

    // Another browser, with a login of its own in progress: the state is not its own.
    const attacker = new WebClient();
    await attacker.request(`${hub.url}/hub/oidc/educonnect/login`);
    await expectRefused(attacker, await attacker.request(callback.href), 401);

    // A fresh callback with its state changed.
    const browser = new WebClient();
    const fresh = await browser.toCallback(
      hub.url,
      '/hub/oidc/educonnect/login',
      'intrus'
    );
    fresh.searchParams.set('state', 'etat-inconnu');
    await expectRefused(browser, await browser.request(fresh.href), 401);
  });

  it('refuses a login the user cancelled at the provider (access_denied)', async () => {
    const browser = new WebClient();
    const callback = await browser.toCallback(
      hub.url,
      '/hub/oidc/educonnect/login',
      'intrus',
      { abort: true }
    );
    expect(callback.searchParams.get('error')).toBe('access_denied');
    await expectRefused(browser, await browser.request(callback.href), 401);
  });
});

describe('OpenID Connect claims and identities', () => {
  it('maps claims to roles: unknown values ignored, admin only when configured', () => {
    const educonnect = PRESETS.educonnect;
    expect(
      rolesFromClaims(
        { eduPersonAffiliation: ['admin', 'teacher'] },
        educonnect
      )
    ).toEqual(['teacher']);
    // EduConnect: an account with no known profile is a learner.
    expect(rolesFromClaims({ eduPersonAffiliation: 42 }, educonnect)).toEqual([
      'learner'
    ]);
    // …but a recognised parent gets no role at all.
    expect(
      rolesFromClaims({ eduPersonAffiliation: ['parent', 'x'] }, educonnect)
    ).toEqual([]);
    const renater = PRESETS['education-recherche'];
    expect(rolesFromClaims({ eduPersonAffiliation: 'staff' }, renater)).toEqual(
      []
    );
    expect(
      rolesFromClaims({ eduPersonAffiliation: 'Faculty' }, renater)
    ).toEqual(['teacher']);
    const custom = rolePolicy({
      id: 'x',
      name: 'X',
      issuer: 'https://idp.example',
      clientId: 'c',
      clientSecret: 's',
      scope: 'openid',
      preset: 'generic',
      rolesClaim: 'groups',
      roleMapping: { 'DSI-Admins': ['admin'] }
    });
    expect(rolesFromClaims({ groups: ['dsi-admins'] }, custom)).toEqual([
      'admin'
    ]);
    expect(rolesFromClaims({ groups: ['autre'] }, custom)).toEqual([]);
  });

  it('derives valid user names from claims', () => {
    expect(userNameFromClaims({ preferred_username: 'Éloïse D’Arc' })).toBe(
      'eloise-d-arc'
    );
    expect(userNameFromClaims({ email: '..X@ac.fr' })).toBe('x');
    expect(userNameFromClaims({ preferred_username: '***' })).toBe(
      'utilisateur'
    );
  });

  it('keeps the same subject at two issuers apart, with distinct names', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-oidc-'));
    const db = openDatabase(`sqlite:${path.join(dir, 'candyce.db')}`);
    try {
      await migrate(db);
      const users = new UserService(new UserStore(db), {
        maxFailures: 5,
        lockMinutes: 15
      });
      const accounts = new OidcAccounts(users, new IdentityStore(db));
      const claims = { sub: '1234', preferred_username: 'camille' };
      const policy = PRESETS.generic;
      const a = await accounts.findOrCreate(
        'https://a.example',
        claims,
        policy
      );
      const b = await accounts.findOrCreate(
        'https://b.example',
        claims,
        policy
      );
      const again = await accounts.findOrCreate(
        'https://a.example',
        claims,
        policy
      );
      expect(a.name).toBe('camille');
      expect(b.name).toBe('camille-2');
      expect(again.id).toBe(a.id);
    } finally {
      await db.destroy();
    }
  });

  it('explains a CANDYCE_OIDC_PROVIDERS that is not JSON', () => {
    expect(() => loadConfig({ CANDYCE_OIDC_PROVIDERS: '[{' })).toThrow(
      ConfigError
    );
    expect(() => loadConfig({ CANDYCE_OIDC_PROVIDERS: '[{' })).toThrow(
      /oidcProviders: not valid JSON/
    );
    expect(() =>
      loadConfig({
        CANDYCE_OIDC_PROVIDERS: JSON.stringify([
          {
            id: 'a',
            name: 'A',
            issuer: 'http://idp.example',
            clientId: 'c',
            clientSecret: 's'
          }
        ])
      })
    ).toThrow(/must be https/);
  });
});
