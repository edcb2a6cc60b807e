import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

import { OidcAccounts } from '../src/auth/oidc/accounts';
import { PRESETS } from '../src/auth/oidc/presets';
import { IdentityStore } from '../src/auth/oidc/store';
import { ConfigError, loadConfig } from '../src/config/load';
import { giveHomeTo } from '../src/servers/homeOwner';
import { withAccountPaths } from '../src/spawner/accountPaths';
import { buildSandboxArgv } from '../src/spawner/sandbox';
import { migrate, openDatabase } from '../src/db/connect';
import { UserService } from '../src/users/service';
import { UserStore } from '../src/users/store';
import {
  addUsers,
  Browser,
  readJson,
  signIn,
  startTestHub,
  xsrfIn
} from './hubHarness';

/**
 * What the hub believes of a request, and what it leaves behind (issue 16, points 4 and
 * 8), against real hubs over HTTP on loopback with real SQLite files.
 *
 * Tried: 130 logins with a forged `X-Forwarded-For` from loopback, with and without a
 * configured proxy; `trustedProxies` values good and bad; state-changing API calls and
 * forms (logout, login, a class's form) with a valid anti-CSRF token from a foreign
 * `Origin`, `Origin: null`, another port, `Sec-Fetch-Site: cross-site`/`same-site`,
 * and from the hub's own origins (its host, `publicUrl`); a logout without or with a
 * wrong token; the cache headers of `/me`, other API answers and pages; the modes of a
 * new and of an old data folder, database, WAL and shared memory, and a real sandboxed
 * server started under such a folder; display names with each bidirectional override
 * and isolate character through class codes, a OneRoster import, SSO claims and the
 * users service.
 */
const BIDI = [
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069'
];

const IS_ROOT = process.getuid?.() === 0;
const HAS_BWRAP = fs.existsSync('/usr/bin/bwrap');
const itWithSandbox = IS_ROOT && HAS_BWRAP ? it : it.skip;

describe('the client address behind forwarding headers (trustedProxies)', () => {
  /** Wrong logins, each claiming another client address; their statuses. */
  async function forgedLogins(url: string, count: number): Promise<number[]> {
    const browser = new Browser(url);
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      const token = await browser.loginToken();
      const response = await browser.request('POST', '/hub/login', {
        // Another unknown account each time: only the per-address limit is at stake.
        form: { _xsrf: token, username: `personne-${i}`, password: 'essai' },
        headers: { 'X-Forwarded-For': `203.0.113.${i % 250}` }
      });
      statuses.push(response.status);
    }
    return statuses;
  }

  it('tried: 130 logins with a forged X-Forwarded-For from loopback, no proxy configured: limited after 10', async () => {
    const hub = await startTestHub({ CANDYCE_LOGIN_RATE_PER_MINUTE: '10' });
    try {
      const statuses = await forgedLogins(hub.url, 130);
      expect(statuses.slice(0, 10).every(status => status === 401)).toBe(true);
      expect(statuses.slice(10).every(status => status === 429)).toBe(true);
    } finally {
      await hub.close();
    }
  }, 120_000);

  it('tried: 30 such logins through a configured proxy (loopback trusted): each client address counts apart, none limited', async () => {
    const hub = await startTestHub({
      CANDYCE_LOGIN_RATE_PER_MINUTE: '10',
      CANDYCE_TRUSTED_PROXIES: 'loopback'
    });
    try {
      // Each unknown name that gets through costs a password hash: 30 are enough.
      const statuses = await forgedLogins(hub.url, 30);
      expect(statuses).toHaveLength(30);
      expect(statuses.filter(status => status === 429)).toEqual([]);
    } finally {
      await hub.close();
    }
  }, 120_000);

  it('tried: trustedProxies unset, as a list, from CANDYCE_TRUSTED_PROXIES as JSON or commas, and bad values', () => {
    const load = (value?: string) =>
      loadConfig(value === undefined ? {} : { CANDYCE_TRUSTED_PROXIES: value })
        .trustedProxies;
    expect(load()).toEqual([]);
    expect(load('loopback, 10.0.0.0/8')).toEqual(['loopback', '10.0.0.0/8']);
    expect(load('["192.0.2.7", "2001:db8::/32"]')).toEqual([
      '192.0.2.7',
      '2001:db8::/32'
    ]);
    for (const bad of [
      'nginx',
      '10.0.0.0/33',
      '10.0.0/8',
      '::1/129',
      '1.2.3.4/'
    ]) {
      expect(() => load(bad)).toThrow(ConfigError);
      expect(() => load(bad)).toThrow(/trustedProxies/);
    }
  });
});

describe('where state-changing requests come from (Origin, Sec-Fetch-Site)', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let local: { url: string };

  beforeAll(async () => {
    // The hub's URL is then publicUrl's: reach it at the port it was given.
    const port = await Private.freePort();
    local = { url: `http://127.0.0.1:${port}` };
    hub = await startTestHub({
      CANDYCE_PORT: String(port),
      CANDYCE_PUBLIC_URL: 'https://candyce.example'
    });
    await addUsers(hub, { marie: 'teacher' });
  });
  afterAll(() => hub.close());

  const classCount = async () => (await hub.classes.all()).length;

  it('tried: POST /classes with a valid anti-CSRF token from a foreign Origin, Origin null, another port, Sec-Fetch-Site cross-site or same-site: 403 foreign_origin, nothing created', async () => {
    const marie = await signIn(local, 'marie');
    const before = await classCount();
    const port = new URL(local.url).port;
    for (const headers of <Record<string, string>[]>[
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
      { Origin: `http://127.0.0.1:${Number(port) + 1}` },
      { Origin: 'http://candyce.example' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' }
    ]) {
      const response = await marie.browser.request(
        'POST',
        '/hub/api/v1/classes',
        {
          json: { name: '2de Piège' },
          headers: { 'X-Candyce-XSRF': marie.xsrf, ...headers }
        }
      );
      expect([headers, response.status]).toEqual([headers, 403]);
      expect((await readJson(response)).error.code).toBe('foreign_origin');
    }
    expect(await classCount()).toBe(before);
  });

  it("tried: the same call from the hub's own origins (its host, the same host over HTTPS, publicUrl), Sec-Fetch-Site same-origin, and with neither header (a script): accepted", async () => {
    const marie = await signIn(local, 'marie');
    const host = new URL(local.url).host;
    for (const headers of <Record<string, string>[]>[
      { Origin: local.url },
      { Origin: `https://${host}` },
      { Origin: 'https://candyce.example' },
      { 'Sec-Fetch-Site': 'same-origin' },
      {}
    ]) {
      const response = await marie.browser.request(
        'POST',
        '/hub/api/v1/classes',
        {
          json: { name: `2de ${JSON.stringify(headers)}` },
          headers: { 'X-Candyce-XSRF': marie.xsrf, ...headers }
        }
      );
      expect([headers, response.status]).toEqual([headers, 201]);
    }
  });

  it('tried: forms from a foreign Origin with their valid _xsrf (logout, a class form, the login form): a 403 page, nothing done', async () => {
    const marie = await signIn(local, 'marie');
    const foreign = { Origin: 'https://evil.example' };
    const post = (url: string, form: Record<string, string>) =>
      marie.browser.request('POST', url, { form, headers: foreign });

    const logout = await post('/hub/logout', { _xsrf: marie.xsrf });
    expect(logout.status).toBe(403);
    expect(await logout.text()).toContain('ne vient pas d’une page de Candyce');
    expect((await marie.browser.get('/hub/api/v1/me')).status).toBe(200);

    const before = await classCount();
    const create = await post('/hub/classes', {
      _xsrf: marie.xsrf,
      name: '2de Piège'
    });
    expect(create.status).toBe(403);
    expect(await classCount()).toBe(before);

    // Login CSRF: a foreign page logging the victim in as the attacker.
    const victim = new Browser(local.url);
    const token = await victim.loginToken();
    const login = await victim.request('POST', '/hub/login', {
      form: { _xsrf: token, username: 'marie', password: 'mot-de-passe-marie' },
      headers: { 'Sec-Fetch-Site': 'cross-site' }
    });
    expect(login.status).toBe(403);
    expect([...victim.cookies.keys()].join()).not.toMatch(/session/);
  });
});

describe('logout needs the anti-CSRF token', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;

  beforeAll(async () => {
    hub = await startTestHub();
    await addUsers(hub, { ada: 'learner' });
  });
  afterAll(() => hub.close());

  it('tried: POST /hub/logout without a token and with a wrong one: 403, the session and its cookie stay', async () => {
    const ada = await signIn(hub, 'ada');
    for (const form of <Record<string, string>[]>[
      {},
      { _xsrf: 'pas-le-bon-jeton' },
      { everywhere: '1' }
    ]) {
      const response = await ada.browser.request('POST', '/hub/logout', {
        form
      });
      expect([form, response.status]).toEqual([form, 403]);
      expect(ada.browser.cookies.has('candyce-session')).toBe(true);
      expect((await ada.browser.get('/hub/api/v1/me')).status).toBe(200);
    }
  });

  it("tried: the home page's logout form as a browser sends it: it carries the token and logs out", async () => {
    const ada = await signIn(hub, 'ada');
    const home = await (await ada.browser.get('/hub/home')).text();
    const form = home.match(
      /<form[^>]*action="\/hub\/logout"[^>]*>([\s\S]*?)<\/form>/
    );
    expect(form).not.toBeNull();
    const response = await ada.browser.request('POST', '/hub/logout', {
      form: { _xsrf: xsrfIn(form![1]) },
      headers: { Origin: hub.url }
    });
    expect(response.status).toBe(303);
    expect((await ada.browser.get('/hub/api/v1/me')).status).toBe(401);
  });
});

describe('answers to a signed-in user are not cached', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;

  beforeAll(async () => {
    hub = await startTestHub();
    await addUsers(hub, { marie: 'teacher' });
  });
  afterAll(() => hub.close());

  it('tried: GET /me (it carries the anti-CSRF token), GET /classes, an API error and the home page of a signed-in user: Cache-Control no-store', async () => {
    const marie = await signIn(hub, 'marie');
    for (const url of [
      '/hub/api/v1/me',
      '/hub/api/v1/classes',
      '/hub/api/v1/classes/inconnue',
      '/hub/home'
    ]) {
      const response = await marie.browser.get(url);
      expect([url, response.headers.get('cache-control')]).toEqual([
        url,
        'no-store'
      ]);
    }
  });
});

describe('the data folder and the database file are private', () => {
  const mode = (file: string) => fs.statSync(file).mode & 0o777;

  it('tried: a hub started on a new data folder, then written to: folder 0700, database, WAL and shared memory 0600', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-modes-'));
    const dataDir = path.join(root, 'data');
    const hub = await startTestHub({}, dataDir);
    try {
      await addUsers(hub, { ada: 'learner' });
      const db = path.join(dataDir, 'candyce.db');
      expect(mode(dataDir)).toBe(0o700);
      for (const file of [db, `${db}-wal`, `${db}-shm`]) {
        expect([file, mode(file)]).toEqual([file, 0o600]);
      }
    } finally {
      await hub.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('tried: a data folder (0755), database and WAL (0644) left by an older hub: made 0700 and 0600 at start', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-modes-'));
    const dataDir = path.join(root, 'data');
    const first = await startTestHub({}, dataDir);
    await addUsers(first, { ada: 'learner' });
    await first.close();
    const db = path.join(dataDir, 'candyce.db');
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(db, 0o644);
    fs.writeFileSync(`${db}-wal`, '');
    fs.chmodSync(`${db}-wal`, 0o644);
    const hub = await startTestHub({}, dataDir);
    try {
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(db)).toBe(0o600);
      expect(mode(`${db}-wal`)).toBe(0o600);
      expect(await hub.users.getByName('ada')).not.toBeNull();
    } finally {
      await hub.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  itWithSandbox(
    "tried: a real bubblewrap sandbox dropped to its account, in a home under the hub's 0700 data folder: it enters and writes its home, runs the venv's Python, and sees nothing else of the data folder",
    async () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-modes-'));
      const dataDir = path.join(root, 'data');
      const hub = await startTestHub({}, dataDir);
      await hub.close();
      try {
        expect(mode(dataDir)).toBe(0o700);
        const home = path.join(dataDir, 'homes', 'ada');
        fs.mkdirSync(home, { recursive: true, mode: 0o700 });
        const account = { uid: 1_000_077, gid: 1_000_077 };
        await giveHomeTo(home, account);
        const venvDir = path.resolve(__dirname, '..', '..', '.venv');
        const argv = buildSandboxArgv(
          withAccountPaths({
            homeDir: home,
            dataDir,
            venvDir,
            envStoreDir: null,
            runAs: account
          }),
          [
            '/bin/sh',
            '-c',
            `id -u; pwd; echo bonjour > travail.txt && echo écrit; ${venvDir}/bin/python -c 'print("python")'; ls ${dataDir}; cat ${dataDir}/candyce.db 2>/dev/null || echo caché`
          ]
        );
        const result = spawnSync('bwrap', argv, { encoding: 'utf8', cwd: '/' });
        expect(result.stdout.trim().split('\n')).toEqual([
          '1000077',
          home,
          'écrit',
          'python',
          'homes',
          'caché'
        ]);
        expect(fs.statSync(path.join(home, 'travail.txt')).uid).toBe(1_000_077);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    }
  );

  itWithSandbox(
    "tried: a real sandboxed server (bubblewrap, as the user's own uid) started under a 0700 data folder: it answers through the hub's proxy",
    async () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-modes-'));
      const dataDir = path.join(root, 'data');
      fs.mkdirSync(dataDir, { mode: 0o755 });
      const hub = await startTestHub({}, dataDir);
      try {
        expect(mode(dataDir)).toBe(0o700);
        const { ada } = await addUsers(hub, { ada: 'learner' });
        const browser = (await signIn(hub, 'ada')).browser;
        await hub.registry.ensure(ada);
        const status = await browser.get('/user/ada/api/status');
        expect(status.status).toBe(200);
        // Her home is hers, though the data folder above it is closed to her uid.
        expect(fs.statSync(path.join(dataDir, 'homes', 'ada')).uid).not.toBe(0);
      } finally {
        await hub.registry.stopAll();
        await hub.close();
        // The home may still be unmounting (home quota images).
        fs.rmSync(root, {
          recursive: true,
          force: true,
          maxRetries: 10,
          retryDelay: 500
        });
      }
    },
    180_000
  );
});

describe('display names with bidirectional overrides and isolates', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;

  beforeAll(async () => {
    hub = await startTestHub();
    await addUsers(hub, { marie: 'teacher', admin: 'admin' });
  });
  afterAll(() => hub.close());

  it('tried: each of U+202A–U+202E and U+2066–U+2069 in a display name given to the users service: 400 invalid_display_name', async () => {
    for (const [i, mark] of BIDI.entries()) {
      await expect(
        hub.users.create({
          name: `bidi-${i}`,
          displayName: `Ana ${mark}nimda`,
          roles: ['learner']
        })
      ).rejects.toMatchObject({ status: 400, code: 'invalid_display_name' });
    }
    expect(await hub.users.getByName('bidi-0')).toBeNull();
  });

  it('tried: pupils created with class codes whose names carry each of them: 400, no account made', async () => {
    const marie = await signIn(hub, 'marie');
    const klass = await readJson(
      await marie.call('POST', '/classes', { name: '2de A' })
    );
    const before = await hub.users.count();
    for (const mark of BIDI) {
      const response = await marie.call('POST', `/classes/${klass.id}/codes`, {
        pupils: [{ displayName: `Léa ${mark}nimda` }]
      });
      expect(response.status).toBe(400);
      expect((await readJson(response)).error.code).toBe('invalid_pupils');
    }
    expect(await hub.users.count()).toBe(before);
    const plain = await marie.call('POST', `/classes/${klass.id}/codes`, {
      pupils: [{ displayName: 'Léa Martin' }]
    });
    expect(plain.status).toBe(201);
  });

  it('tried: a OneRoster users.csv whose given names carry them: those rows refused (reported), the others imported', async () => {
    const admin = await signIn(hub, 'admin');
    const rows = BIDI.map(
      (mark, i) => `u-${i},student,eleve-${i},Ana${mark}nimda,Martin`
    );
    const report = await readJson(
      await admin.call('POST', '/rosters/oneroster', {
        'users.csv': [
          'sourcedId,role,username,givenName,familyName',
          ...rows,
          'u-99,student,eleve-ok,Nina,Kader'
        ].join('\n')
      })
    );
    expect(report.created.users).toBe(1);
    expect(report.rejected).toHaveLength(BIDI.length);
    for (const rejected of report.rejected) {
      expect(rejected.reason).toBe('caractère de contrôle dans « givenName »');
    }
    expect(await hub.users.getByName('eleve-0')).toBeNull();
  });

  it('tried: SSO claims whose name carries them, at a first login and at a later one: the name claim is dropped (given and family names, else the user name, are used), the login goes on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-sso-'));
    const db = openDatabase(`sqlite:${path.join(dir, 'candyce.db')}`);
    await migrate(db);
    const users = new UserService(new UserStore(db), {
      maxFailures: 5,
      lockMinutes: 15
    });
    const accounts = new OidcAccounts(users, new IdentityStore(db));
    const policy = PRESETS.generic;
    try {
      for (const [i, mark] of BIDI.entries()) {
        const user = await accounts.findOrCreate(
          'https://sso.example',
          {
            sub: `bidi-${i}`,
            preferred_username: `sso-${i}`,
            name: `Admin${mark}istrateur`,
            given_name: 'Léa',
            family_name: 'Martin'
          },
          policy
        );
        expect(user.displayName).toBe('Léa Martin');
        const again = await accounts.findOrCreate(
          'https://sso.example',
          { sub: `bidi-${i}`, name: `${mark}Léa` },
          policy
        );
        expect(again.id).toBe(user.id);
        expect(again.displayName).toBe(`sso-${i}`);
      }
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

namespace Private {
  /** A port free on loopback a moment ago. */
  export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
      server.once('error', reject);
    });
  }
}
