import * as fs from 'fs';
import { Migrator } from 'kysely';
import * as os from 'os';
import * as path from 'path';
import pino from 'pino';

import { OidcAccounts } from '../src/auth/oidc/accounts';
import { userNameFromClaims } from '../src/auth/oidc/claims';
import { PRESETS, rolePolicy, rolesFromClaims } from '../src/auth/oidc/presets';
import { IdentityStore } from '../src/auth/oidc/store';
import { ConfigError, loadConfig } from '../src/config/load';
import { migrate, MIGRATIONS, openDatabase } from '../src/db/connect';
import { IHub, startHub } from '../src/main';
import { findDescendants } from '../src/spawner/processes';
import { UserService } from '../src/users/service';
import { UserStore } from '../src/users/store';
import { TestProvider, WebClient } from './helpers/oidcHarness';
import { readJson } from './hubHarness';

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
  intrus: { name: 'Intrus', preferred_username: 'intrus' },
  'prof-2': { name: 'Camille Roux', eduPersonAffiliation: ['teacher'] }
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
 *
 * A second provider (`autre`, another issuer) knows accounts with the same ids, hence the
 * same `sub`. The hub's log lines are kept, to check what a login writes there.
 */
describe('OpenID Connect login', () => {
  const provider = new TestProvider();
  const other = new TestProvider();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-oidc-hub-'));
  const logs: Record<string, unknown>[] = [];
  let hub: IHub;
  let session = '';

  beforeAll(async () => {
    await provider.listen();
    await other.listen();
    const config = loadConfig({
      CANDYCE_PORT: '0',
      CANDYCE_DATA_DIR: dataDir,
      CANDYCE_VENV_DIR: path.resolve(__dirname, '..', '..', '.venv'),
      // No home images (mounts that outlive the hub): limits.spec.ts tries them.
      CANDYCE_USER_HOME_QUOTA_MB: '0',
      CANDYCE_OIDC_PROVIDERS: JSON.stringify([
        {
          id: 'educonnect',
          name: 'EduConnect',
          issuer: provider.url,
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          preset: 'educonnect'
        },
        {
          id: 'autre',
          name: 'Autre ENT',
          issuer: other.url,
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET
        }
      ])
    });
    hub = await startHub(
      config,
      pino({ level: 'info' }, { write: line => logs.push(JSON.parse(line)) })
    );
    session = 'candyce-session';
    for (const [idp, id] of [
      [provider, 'educonnect'],
      [other, 'autre']
    ] as const) {
      await idp.start(
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [`${hub.url}/hub/oidc/${id}/callback`],
          token_endpoint_auth_method: 'client_secret_post'
        },
        ACCOUNTS
      );
    }
  });
  afterEach(() => {
    provider.rewriteIdToken = null;
  });
  afterAll(async () => {
    // Servers outlive their hub: the one this spec starts must not outlive the spec.
    await hub?.registry.stopAll();
    await hub?.close();
    await provider.close();
    await other.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Log in through a provider (EduConnect by default); the callback's answer. */
  async function login(
    browser: WebClient,
    account: string,
    next = '',
    providerId = 'educonnect'
  ): Promise<Response> {
    const callback = await browser.toCallback(
      hub.url,
      `/hub/oidc/${providerId}/login${next}`,
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

  it('lands a pupil in a French, sandboxed Candyce JupyterLab of her own, and shows a teacher his classes (the issue’s « done when »)', async () => {
    const pupil = new WebClient();
    const html = { accept: 'text/html' };
    const landing = await login(pupil, 'eleve-1', '?next=/user/lea.martin/lab');
    expect(landing.headers.get('location')).toBe('/user/lea.martin/lab');
    const toStart = await pupil.request(`${hub.url}/user/lea.martin/lab`, {
      headers: html
    });
    expect(toStart.status).toBe(303);
    // The start page, refreshed as a browser does until the server answers.
    let next = new URL(toStart.headers.get('location')!, hub.url).href;
    for (let page = 0; page < 60 && !next.includes('/user/'); page++) {
      const progress = await pupil.request(next, { headers: html });
      if (progress.status === 303) {
        next = new URL(progress.headers.get('location')!, hub.url).href;
      } else {
        expect(await progress.text()).toContain(
          'Démarrage de votre espace de travail'
        );
        next = `${hub.url}/hub/spawn?wait=1&next=%2Fuser%2Flea.martin%2Flab`;
      }
    }
    expect(next).toBe(`${hub.url}/user/lea.martin/lab`);
    const lab = await pupil.request(next, { headers: html });
    expect(lab.status).toBe(200);
    expect(await lab.text()).toContain('jupyter-config-data');

    // French: the platform's settings choose fr_FR, and its language pack answers
    const translation = await pupil.request(
      `${hub.url}/user/lea.martin/lab/api/settings/@jupyterlab/translation-extension:plugin`
    );
    // (overrides.json sets the schema's default, which a user may change).
    const { schema } = await readJson(translation);
    expect(schema.properties.locale.default).toBe('fr_FR');
    const pack = await readJson(
      await pupil.request(
        `${hub.url}/user/lea.martin/lab/api/translations/fr_FR`
      )
    );
    expect(pack.message).toBe('');
    expect(Object.keys(pack.data)).toContain('jupyterlab');

    // Sandboxed: her server is a bubblewrap sandbox's, and (hub as root) runs as a uid
    // of her own.
    const lea = (await hub.users.getByName('lea.martin'))!;
    const keeper = hub.registry.running(lea)!.server.pid;
    const inside = findDescendants(keeper);
    expect(inside.map(info => info.comm)).toContain('bwrap');
    const jupyter = inside.find(info => info.comm.startsWith('jupyter'))!;
    const uid = Number(
      /^Uid:\s+(\d+)/m.exec(
        fs.readFileSync(`/proc/${jupyter.pid}/status`, 'utf8')
      )![1]
    );
    if (process.getuid?.() === 0) {
      expect(uid).toBeGreaterThanOrEqual(1_000_000);
    }

    // A teacher's home page lists the classes he teaches.
    const teacher = new WebClient();
    expect((await login(teacher, 'prof-1')).status).toBe(303);
    const jean = (await hub.users.getByName('jean.dupont'))!;
    const klass = await hub.classes.create({ name: '4e B', level: '4e' });
    await hub.classes.addMember(klass.id, jean, 'teacher');
    const home = await teacher.request(`${hub.url}/hub/home`);
    expect(home.status).toBe(200);
    expect(await home.text()).toMatch(
      /<h2>Mes classes<\/h2>[\s\S]*4e B<\/a> \(4e\) — enseignant·e/
    );
  }, 120_000);

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

  it('refuses an account an administrator deactivated, and ends the session it had', async () => {
    const before = new WebClient();
    expect((await login(before, 'prof-2')).status).toBe(303);
    const { name } = await readJson(await me(before));
    const admin = await hub.users.create({
      name: 'admin.sso',
      displayName: 'Admin',
      roles: ['admin']
    });
    await hub.administration.deactivate(admin, name);
    expect((await me(before)).status).toBe(401);
    const again = new WebClient();
    const refused = await login(again, 'prof-2');
    expect(refused.status).toBe(403);
    const html = await refused.text();
    expect(html).toContain('Ce compte a été désactivé');
    expect(again.cookies(hub.url).has(session)).toBe(false);
    await hub.administration.reactivate(admin, name);
    expect((await login(new WebClient(), 'prof-2')).status).toBe(303);
  });

  it('brings the roles the claims grant and the display name up to date at every login, and keeps a role granted locally', async () => {
    const hugo = {
      preferred_username: 'hugo.petit',
      name: 'Hugo Petit',
      eduPersonAffiliation: ['student']
    };
    provider.setAccount('eleve-2', hugo);
    const first = new WebClient();
    expect((await login(first, 'eleve-2')).status).toBe(303);
    expect(await readJson(await me(first))).toMatchObject({
      name: 'hugo.petit',
      displayName: 'Hugo Petit',
      roles: ['learner']
    });

    // At the provider, the pupil has become a teacher (and changed his name).
    provider.setAccount('eleve-2', {
      ...hugo,
      name: 'Hugo Petit-Durand',
      eduPersonAffiliation: ['teacher']
    });
    const second = new WebClient();
    expect((await login(second, 'eleve-2')).status).toBe(303);
    expect(await readJson(await me(second))).toMatchObject({
      name: 'hugo.petit',
      displayName: 'Hugo Petit-Durand',
      roles: ['teacher']
    });
    expect(await hub.users.getByName('hugo.petit-2')).toBeNull();

    // An administrator makes him an admin locally (candyce-hub grant-role); the
    // provider then says pupil again: the local role stays, teacher goes.
    await hub.users.grantRole('hugo.petit', 'admin');
    provider.setAccount('eleve-2', hugo);
    const third = new WebClient();
    expect((await login(third, 'eleve-2')).status).toBe(303);
    expect((await readJson(await me(third))).roles).toEqual([
      'admin',
      'learner'
    ]);
    // A role granted both ways stays when the claims drop it.
    await hub.users.grantRole('hugo.petit', 'learner');
    provider.setAccount('eleve-2', {
      ...hugo,
      eduPersonAffiliation: ['parent']
    });
    const fourth = new WebClient();
    expect((await login(fourth, 'eleve-2')).status).toBe(303);
    expect((await readJson(await me(fourth))).roles).toEqual([
      'admin',
      'learner'
    ]);
  });

  it('ignores role values the mapping does not know, with a log line that does not identify the pupil', async () => {
    provider.setAccount('eleve-3', {
      preferred_username: 'zoe.bernard',
      given_name: 'Zoé',
      family_name: 'Bernard',
      email: 'zoe.bernard@ac-test.fr',
      eduPersonAffiliation: ['student', 'delegue-3B']
    });
    logs.length = 0;
    const browser = new WebClient();
    expect((await login(browser, 'eleve-3')).status).toBe(303);
    const body = await readJson(await me(browser));
    expect(body).toMatchObject({ name: 'zoe.bernard', roles: ['learner'] });
    const user = (await hub.users.getByName('zoe.bernard'))!;

    const lines = logs.filter(
      line =>
        line.msg ===
        'OpenID Connect role claim values unknown to roleMapping were ignored'
    );
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        issuer: provider.url,
        claim: 'eduPersonAffiliation',
        ignored: 1
      })
    ]);
    const text = JSON.stringify(lines);
    for (const identifying of [
      'eleve-3',
      'zoe',
      'Zoé',
      'Bernard',
      'ac-test',
      'delegue',
      user.id
    ]) {
      expect(text).not.toContain(identifying);
    }
  });

  it('keeps the same subject at two providers apart: two users', async () => {
    const atEduconnect = new WebClient();
    expect((await login(atEduconnect, 'eleve-1')).status).toBe(303);
    const atOther = new WebClient();
    expect((await login(atOther, 'eleve-1', '', 'autre')).status).toBe(303);
    const a = await readJson(await me(atEduconnect));
    const b = await readJson(await me(atOther));
    expect(a).toMatchObject({ name: 'lea.martin', roles: ['learner'] });
    // The same claims, another issuer: another user (the generic preset gives no role).
    expect(b).toMatchObject({
      name: 'lea.martin-2',
      displayName: 'Léa Martin',
      roles: []
    });
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

  it('migration 0006 marks the roles of users with an identity as granted by SSO, the others as local', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-oidc-'));
    const db = openDatabase(`sqlite:${path.join(dir, 'candyce.db')}`);
    try {
      const migrator = new Migrator({
        db,
        provider: { getMigrations: async () => MIGRATIONS }
      });
      expect((await migrator.migrateTo('0005_class_codes')).error).toBe(
        undefined
      );
      const now = new Date().toISOString();
      for (const id of ['sso-user', 'local-user']) {
        await db
          .insertInto('users')
          .values({
            id,
            name: id,
            display_name: id,
            password_hash: null,
            locked_until: null,
            created_at: now
          })
          .execute();
      }
      await db
        .insertInto('user_roles')
        .values([
          { user_id: 'sso-user', role: 'teacher' },
          { user_id: 'local-user', role: 'admin' }
        ])
        .execute();
      await db
        .insertInto('identities')
        .values({
          issuer: 'https://a.example',
          subject: '1',
          user_id: 'sso-user',
          created_at: now
        })
        .execute();
      await migrate(db);
      const rows = await db
        .selectFrom('user_roles')
        .select(['user_id', 'role', 'granted_by'])
        .orderBy('user_id')
        .execute();
      expect(rows).toEqual([
        { user_id: 'local-user', role: 'admin', granted_by: 'local' },
        { user_id: 'sso-user', role: 'teacher', granted_by: 'sso' }
      ]);
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
