import { Throttle } from '../src/auth/rateLimit';
import { BrowserFrom } from './helpers/fromAddress';
import { Browser, readJson, startTestHub } from './hubHarness';

/**
 * Local accounts and sessions, end to end over HTTP against a real hub with a real
 * SQLite file. What was tried: right and wrong passwords, an unknown user, repeated
 * failures for one name from one address (that pair waits, growing delays; never a
 * lock-out: another address logs in, an unknown name answers alike), a login form
 * without its anti-CSRF value, API calls without a
 * session or without the anti-CSRF header, malformed and oversized JSON, a hub restart,
 * logout and logout everywhere, open redirects after login.
 */
describe('local accounts and sessions', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;

  beforeAll(async () => {
    hub = await startTestHub({ CANDYCE_LOGIN_MAX_FAILURES: '3' });
    await hub.users.create({
      name: 'ada',
      displayName: 'Ada Lovelace',
      roles: ['teacher'],
      password: 'analytical-engine'
    });
    await hub.users.create({
      name: 'bob',
      displayName: 'Bob',
      roles: ['learner'],
      password: 'correct-horse'
    });
  });
  afterAll(() => hub.close());

  it('logs in with the right password and answers /me', async () => {
    const browser = new Browser(hub.url);
    const response = await browser.login('ada', 'analytical-engine');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/hub/home');
    const cookie = browser.lastSetCookies.find(c =>
      c.startsWith('candyce-session=')
    )!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);

    const me = await browser.get('/hub/api/v1/me');
    expect(me.status).toBe(200);
    const body = await readJson(me);
    expect(body).toMatchObject({
      name: 'ada',
      displayName: 'Ada Lovelace',
      roles: ['teacher'],
      locale: 'fr_FR'
    });
    expect(body.xsrfToken).toMatch(/^[\w-]{20,}$/);

    const home = await (await browser.get('/hub/home')).text();
    expect(home).toContain('Bonjour, Ada Lovelace');
    expect(home).toContain('href="/user/ada/lab"');
  });

  it('gives a new session id at each login', async () => {
    // Session fixation: a cookie planted before login is never kept.
    const browser = new Browser(hub.url);
    browser.cookies.set('candyce-session', 'planted-by-an-attacker');
    await browser.login('bob', 'correct-horse');
    const token = browser.cookies.get('candyce-session');
    expect(token).not.toBe('planted-by-an-attacker');
    const other = new Browser(hub.url);
    await other.login('bob', 'correct-horse');
    expect(other.cookies.get('candyce-session')).not.toBe(token);
  });

  it('answers the same 401 for a wrong password and an unknown user', async () => {
    for (const [name, password] of [
      ['ada', 'wrong-password'],
      ['nobody', 'whatever-pass']
    ]) {
      const browser = new Browser(hub.url);
      const response = await browser.login(name, password);
      expect(response.status).toBe(401);
      expect(await response.text()).toContain(
        'Identifiant ou mot de passe incorrect.'
      );
      expect(browser.cookies.has('candyce-session')).toBe(false);
    }
  });

  it('tried: three wrong passwords for carol from one address, then her right password from there and from another address', async () => {
    await hub.users.create({
      name: 'carol',
      displayName: 'Carol',
      roles: ['learner'],
      password: 'carol-password'
    });
    const guesser = new BrowserFrom(hub.url, '127.0.0.3');
    for (let i = 0; i < 3; i++) {
      expect((await guesser.login('carol', 'bad-guess')).status).toBe(401);
    }
    // The guesser's address waits, even with the right password…
    const waiting = await guesser.login('carol', 'carol-password');
    expect(waiting.status).toBe(429);
    expect(await waiting.text()).toContain(
      'Trop d’échecs pour cet identifiant depuis cet appareil : réessayez dans 1 seconde.'
    );
    expect(guesser.cookies.has('candyce-session')).toBe(false);
    // …but Carol, from elsewhere, is not locked out of her account.
    const owner = new BrowserFrom(hub.url, '127.0.0.4');
    expect((await owner.login('carol', 'carol-password')).status).toBe(303);
    // The wait doubles at each further failure from the guesser's address.
    await new Promise(resolve => setTimeout(resolve, 1100));
    expect((await guesser.login('carol', 'bad-guess')).status).toBe(401);
    const longer = await guesser.login('carol', 'carol-password');
    expect(longer.status).toBe(429);
    expect(await longer.text()).toContain('réessayez dans 2 secondes.');
  });

  it('tried: the same wrong passwords for an existing name and for a name without account, from two addresses', async () => {
    await hub.users.create({
      name: 'dora',
      displayName: 'Dora',
      roles: ['learner'],
      password: 'dora-password'
    });
    const answers = async (name: string, from: string) => {
      const browser = new BrowserFrom(hub.url, from);
      const seen: [number, string][] = [];
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const response = await browser.login(name, `mauvais-${i}`);
        times.push(performance.now() - started);
        const html = await response.text();
        seen.push([
          response.status,
          html.match(/role="alert"[^>]*>([^<]*)</)![1]
        ]);
      }
      return { seen, first: times.slice(0, 3) };
    };
    const known = await answers('dora', '127.0.0.5');
    const unknown = await answers('personne', '127.0.0.6');
    expect(known.seen).toEqual(unknown.seen);
    expect(known.seen.map(([status]) => status)).toEqual([
      401, 401, 401, 429, 429
    ]);
    // An unknown name costs a password check too (a dummy hash): no faster answer.
    const total = (times: number[]) => times.reduce((a, b) => a + b, 0);
    expect(total(unknown.first)).toBeGreaterThan(total(known.first) / 3);
  });

  it('slows down password guessing from one address', async () => {
    const limited = await startTestHub({ CANDYCE_LOGIN_RATE_PER_MINUTE: '2' });
    const browser = new Browser(limited.url);
    expect((await browser.login('nobody', 'guess-one')).status).toBe(401);
    expect((await browser.login('nobody', 'guess-two')).status).toBe(401);
    const third = await browser.login('nobody', 'guess-three');
    expect(third.status).toBe(429);
    expect(await third.text()).toContain(
      'Trop de tentatives depuis cet appareil'
    );
    await limited.close();
  });

  it('refuses a login form without its anti-CSRF value', async () => {
    const browser = new Browser(hub.url);
    const response = await browser.request('POST', '/hub/login', {
      form: { username: 'ada', password: 'analytical-engine' }
    });
    expect(response.status).toBe(403);
    expect(browser.cookies.has('candyce-session')).toBe(false);
  });

  it('redirects only to paths of this site after login', async () => {
    const browser = new Browser(hub.url);
    const token = await browser.loginToken();
    const response = await browser.request('POST', '/hub/login', {
      form: {
        _xsrf: token,
        username: 'ada',
        password: 'analytical-engine',
        next: '//evil.example/steal'
      }
    });
    expect(response.headers.get('location')).toBe('/hub/home');
  });

  it('answers JSON errors for the API', async () => {
    const anonymous = new Browser(hub.url);
    const me = await anonymous.get('/hub/api/v1/me');
    expect(me.status).toBe(401);
    expect(await readJson(me)).toEqual({
      error: {
        code: 'unauthenticated',
        message: 'Connexion requise.',
        params: []
      }
    });
    const unknown = await anonymous.get('/hub/api/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect((await readJson(unknown)).error.code).toBe('not_found');

    const browser = new Browser(hub.url);
    await browser.login('ada', 'analytical-engine');
    const { xsrfToken } = await readJson(await browser.get('/hub/api/v1/me'));
    const noXsrf = await browser.request('POST', '/hub/api/v1/me', {
      json: {}
    });
    expect(noXsrf.status).toBe(403);
    expect((await readJson(noXsrf)).error.code).toBe('xsrf');
    const malformed = await browser.request('POST', '/hub/api/v1/me', {
      body: '{"oops":',
      headers: {
        'content-type': 'application/json',
        'x-candyce-xsrf': xsrfToken
      }
    });
    expect(malformed.status).toBe(400);
    expect((await readJson(malformed)).error.code).toBe('invalid_json');
    const huge = await browser.request('POST', '/hub/api/v1/me', {
      body: JSON.stringify({ data: 'x'.repeat(2 * 1024 * 1024) }),
      headers: {
        'content-type': 'application/json',
        'x-candyce-xsrf': xsrfToken
      }
    });
    expect(huge.status).toBe(413);
  });

  it('sends security headers on hub pages', async () => {
    const response = await new Browser(hub.url).get('/hub/login');
    expect(response.headers.get('content-security-policy')).toContain(
      "frame-ancestors 'none'"
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('strict-transport-security')).toBeNull();
    const html = await response.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<label for="username">Identifiant</label>');
  });

  it('logs out one session, or every session of the user', async () => {
    const phone = new Browser(hub.url);
    const laptop = new Browser(hub.url);
    const tablet = new Browser(hub.url);
    for (const device of [phone, laptop, tablet]) {
      await device.login('bob', 'correct-horse');
    }
    const xsrf = async (device: Browser) =>
      (await readJson(await device.get('/hub/api/v1/me'))).xsrfToken;

    await phone.request('POST', '/hub/logout', {
      form: { _xsrf: await xsrf(phone) }
    });
    expect((await phone.get('/hub/api/v1/me')).status).toBe(401);
    expect((await laptop.get('/hub/api/v1/me')).status).toBe(200);

    await laptop.request('POST', '/hub/logout', {
      form: { _xsrf: await xsrf(laptop), everywhere: '1' }
    });
    expect((await laptop.get('/hub/api/v1/me')).status).toBe(401);
    expect((await tablet.get('/hub/api/v1/me')).status).toBe(401);
  });
});

describe('sessions across a hub restart', () => {
  it('keeps users logged in', async () => {
    const first = await startTestHub();
    await first.users.create({
      name: 'ada',
      displayName: 'Ada',
      roles: ['teacher'],
      password: 'analytical-engine'
    });
    const browser = new Browser(first.url);
    await browser.login('ada', 'analytical-engine');
    await first.close();

    const second = await startTestHub({}, first.dataDir);
    const again = new Browser(second.url);
    again.cookies = browser.cookies;
    expect((await again.get('/hub/api/v1/me')).status).toBe(200);
    await second.close();
  });
});

/**
 * The throttle behind both logins, on a clock of its own. What was tried: a dozen
 * failures of one key (waits of 1, 2, 4… seconds up to the cap), another key meanwhile,
 * a success, and a day without failure.
 */
describe('login throttle', () => {
  it('tried: twelve failures of one key, another key, a success and a quiet day', () => {
    let now = 0;
    const throttle = new Throttle(
      { freeFailures: 3, firstDelayMs: 1000, maxDelayMs: 60_000 },
      () => now
    );
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      now += throttle.wait('a');
      throttle.fail('a');
      waits.push(throttle.wait('a'));
    }
    expect(waits).toEqual([
      0, 0, 1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000,
      60_000
    ]);
    expect(throttle.wait('b')).toBe(0);
    throttle.clear('a');
    expect(throttle.wait('a')).toBe(0);
    for (let i = 0; i < 5; i++) {
      now += throttle.wait('b');
      throttle.fail('b');
    }
    now += 24 * 3_600_000;
    expect(throttle.wait('b')).toBe(0);
    throttle.fail('b');
    expect(throttle.wait('b')).toBe(0);
  });
});
