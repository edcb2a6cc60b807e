import * as net from 'net';
import * as path from 'path';
import WebSocket from 'ws';

import { sessionIdHash } from '../src/auth/sessions';
import { SERVER_COOKIE_KEY_FILE } from '../src/origins/gate';
import { ServerCookies } from '../src/origins/serverCookies';
import { Signer } from '../src/origins/signed';
import { addUsers, passwordOf, startTestHub, xsrfIn } from './hubHarness';
import { loopbackLookup, OriginBrowser } from './helpers/originBrowser';

/**
 * `serverOrigins: subdomain` with a real hub and real `jupyter lab` servers: each
 * server on `<name>.localhost:<port>`, entered with a one-time code handed over by the
 * hub, then with a cookie of its own origin; never with the hub's session.
 */
describe('servers on origins of their own', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let port: number;
  let hubOrigin: string;
  let eleve1Origin: string;
  let eleve2Origin: string;
  let browser: OriginBrowser;
  let hubXsrf: string;
  let shift = 0;

  const signIn = async (who: OriginBrowser, name: string) => {
    const form = await who.get(`${hubOrigin}/hub/login`);
    const login = await who.request('POST', `${hubOrigin}/hub/login`, {
      form: {
        _xsrf: xsrfIn(form.body),
        username: name,
        password: passwordOf(name),
        next: '/hub/home'
      }
    });
    expect(login.status).toBe(303);
    // Host-only: the hub's session is never sent to a server's origin.
    expect(login.setCookies.join('\n')).toMatch(/candyce-session=/);
    expect(login.setCookies.join('\n')).not.toMatch(/Domain=/i);
    return (await who.get(`${hubOrigin}/hub/api/v1/me`)).json().xsrfToken;
  };

  /** Enter a server from the hub: the hub's redirect, then the server's. */
  const enter = async (who: OriginBrowser, name: string) => {
    const handover = await who.navigate(`${hubOrigin}/user/${name}/lab`);
    expect(handover.status).toBe(303);
    const location = handover.headers.location!;
    const redeemed = await who.navigate(location);
    return { location, redeemed };
  };

  beforeAll(async () => {
    port = await freePort();
    hub = await startTestHub(
      { CANDYCE_PORT: String(port), CANDYCE_SERVER_ORIGINS: 'subdomain' },
      undefined,
      // The hub's clock, moved on by the tests of expiry.
      { now: () => new Date(Date.now() + shift) }
    );
    hubOrigin = `http://localhost:${port}`;
    eleve1Origin = `http://eleve1.localhost:${port}`;
    eleve2Origin = `http://eleve2.localhost:${port}`;
    const users = await addUsers(hub, { eleve1: 'learner', eleve2: 'learner' });
    await Promise.all([
      hub.registry.ensure(users.eleve1),
      hub.registry.ensure(users.eleve2)
    ]);
    browser = new OriginBrowser();
    hubXsrf = await signIn(browser, 'eleve1');
  }, 180_000);

  afterAll(async () => {
    await hub?.registry.stopAll();
    await hub?.close();
  });

  it('is reached at the hub’s own name, localhost', () => {
    expect(hub.url).toBe(hubOrigin);
  });

  it('hands the server’s origin over with a code, which becomes a cookie of that origin only', async () => {
    const { location, redeemed } = await enter(browser, 'eleve1');
    const url = new URL(location);
    expect(url.origin).toBe(eleve1Origin);
    expect(url.pathname).toBe('/candyce/enter');
    expect(url.searchParams.get('next')).toBe('/user/eleve1/lab');
    expect(redeemed.status).toBe(303);
    expect(redeemed.headers.location).toBe('/user/eleve1/lab');
    expect(redeemed.headers['referrer-policy']).toBe('no-referrer');
    const [cookie] = redeemed.setCookies;
    expect(cookie).toMatch(
      /^candyce-server=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=900$/
    );
    expect(cookie).not.toMatch(/Domain/i);
    // The hub's session stays on the hub's host: nothing of it on the server's.
    expect([...browser.cookiesOf(eleve1Origin).keys()]).toEqual([
      'candyce-server'
    ]);
    expect(browser.cookiesOf(hubOrigin).has('candyce-session')).toBe(true);
    expect(browser.cookiesOf(hubOrigin).has('candyce-server')).toBe(false);

    const lab = await browser.navigate(`${eleve1Origin}/user/eleve1/lab`);
    expect(lab.status).toBe(200);
    expect(lab.body).toContain('jupyter-config-data');
    // JupyterLab's links to hub pages take the hub's origin.
    expect(lab.body).toContain(`"candyceHubOrigin": "${hubOrigin}"`);
    const me = await browser.get(`${eleve1Origin}/user/eleve1/api/me`);
    expect(me.status).toBe(200);
    expect(me.json().identity.username).toBe('eleve1');
  });

  it('takes a code once, before it expires, on its own server’s origin only', async () => {
    const first = await browser.navigate(`${hubOrigin}/user/eleve1/lab`);
    const code = new URL(first.headers.location!).searchParams.get('code')!;
    // Shown to another server's origin: refused, and spent.
    const elsewhere = await new OriginBrowser().get(
      `${eleve2Origin}/candyce/enter?code=${encodeURIComponent(code)}`
    );
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.json().error.code).toBe('enter_code_invalid');
    expect(elsewhere.setCookies).toEqual([]);
    const spent = await new OriginBrowser().get(
      `${eleve1Origin}/candyce/enter?code=${encodeURIComponent(code)}`
    );
    expect(spent.status).toBe(403);

    // A good code works once; its replay is refused.
    const second = await browser.navigate(`${hubOrigin}/user/eleve1/lab`);
    const thief = new OriginBrowser();
    expect((await thief.get(second.headers.location!)).status).toBe(303);
    const replay = await new OriginBrowser().get(second.headers.location!);
    expect(replay.status).toBe(403);
    expect(replay.json().error.code).toBe('enter_code_invalid');
    // A forged or truncated code says the same, and a page explains it in French.
    const forged = await new OriginBrowser().navigate(
      `${eleve1Origin}/candyce/enter?code=${encodeURIComponent(code.slice(0, -2))}xx`
    );
    expect(forged.status).toBe(403);
    expect(forged.body).toContain(
      'Ce lien vers l’espace de travail n’est pas valide'
    );
  });

  it('never accepts the hub’s session cookie on a server’s origin', async () => {
    const session = browser.cookiesOf(hubOrigin).get('candyce-session')!;
    const cookie = `candyce-session=${session}`;
    const api = await browser.request(
      'GET',
      `${eleve1Origin}/user/eleve1/api/contents`,
      { cookie }
    );
    expect(api.status).toBe(401);
    expect(api.json().error.code).toBe('server_login_required');
    const hubApi = await browser.request(
      'GET',
      `${eleve1Origin}/hub/api/v1/me`,
      { cookie }
    );
    expect(hubApi.status).toBe(401);
    // A navigation is sent to the hub, which hands the origin over as it should.
    const page = await browser.request(
      'GET',
      `${eleve1Origin}/user/eleve1/lab`,
      {
        cookie,
        headers: { accept: 'text/html' }
      }
    );
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe(`${hubOrigin}/user/eleve1/lab`);
    const socket = await upgradeStatus(
      `${eleve1Origin}/user/eleve1/api/events/subscribe`,
      cookie,
      eleve1Origin
    );
    expect(socket).toBe(401);
  });

  it('keeps a server’s cookie to its own server', async () => {
    const serverCookie = `candyce-server=${browser.cookiesOf(eleve1Origin).get('candyce-server')}`;
    const other = await browser.request(
      'GET',
      `${eleve2Origin}/user/eleve2/api/contents`,
      {
        cookie: serverCookie
      }
    );
    expect(other.status).toBe(401);
    expect(other.json().error.code).toBe('server_login_required');
    const otherApi = await browser.request(
      'GET',
      `${eleve2Origin}/hub/api/v1/me`,
      {
        cookie: serverCookie
      }
    );
    expect(otherApi.status).toBe(401);
    // eleve1's server is not served on eleve2's origin either.
    const misplaced = await browser.request(
      'GET',
      `${eleve2Origin}/user/eleve1/api/contents`,
      {
        cookie: serverCookie
      }
    );
    expect(misplaced.status).toBe(404);
    expect(
      await upgradeStatus(
        `${eleve2Origin}/user/eleve2/api/events/subscribe`,
        serverCookie,
        eleve2Origin
      )
    ).toBe(401);
    // And on its own origin, a WebSocket of its own pages opens; one from elsewhere not.
    expect(
      await upgradeStatus(
        `${eleve1Origin}/user/eleve1/api/events/subscribe`,
        serverCookie,
        eleve1Origin
      )
    ).toBe(101);
    expect(
      await upgradeStatus(
        `${eleve1Origin}/user/eleve1/api/events/subscribe`,
        serverCookie,
        eleve2Origin
      )
    ).toBe(403);
  });

  it('answers the hub’s API on the server’s origin as its owner, with an anti-CSRF token of that origin', async () => {
    const me = await browser.get(`${eleve1Origin}/hub/api/v1/me`);
    expect(me.status).toBe(200);
    const { name, xsrfToken } = me.json();
    expect(name).toBe('eleve1');
    expect(xsrfToken).not.toBe(hubXsrf);
    const withHubToken = await browser.request(
      'PATCH',
      `${eleve1Origin}/hub/api/v1/me`,
      {
        json: { language: 'en' },
        headers: { 'x-candyce-xsrf': hubXsrf, origin: eleve1Origin }
      }
    );
    expect(withHubToken.status).toBe(403);
    expect(withHubToken.json().error.code).toBe('xsrf');
    const changed = await browser.request(
      'PATCH',
      `${eleve1Origin}/hub/api/v1/me`,
      {
        json: { language: 'fr' },
        headers: { 'x-candyce-xsrf': xsrfToken, origin: eleve1Origin }
      }
    );
    expect(changed.status).toBe(200);
    const credential = await browser.request(
      'POST',
      `${eleve1Origin}/hub/lrs/credential`,
      {
        json: {},
        headers: { 'x-candyce-xsrf': xsrfToken, origin: eleve1Origin }
      }
    );
    expect(credential.status).toBe(201);
    expect(credential.json().endpoint).toBe(`${eleve1Origin}/xapi/`);
  });

  it('answers the hub’s API on a server’s origin to nobody but its owner', async () => {
    // A grant of eleve1's server to eleve2 (as a shared workspace would make one),
    // signed with the hub's own key: eleve2 must still not act on the hub from there.
    const visitor = new OriginBrowser();
    await signIn(visitor, 'eleve2');
    const eleve2 = (await hub.users.getByName('eleve2'))!;
    const cookies = new ServerCookies(
      Signer.persistent(
        path.join(hub.dataDir, 'secrets'),
        SERVER_COOKIE_KEY_FILE
      ),
      'candyce-server',
      false
    );
    const cookie = `candyce-server=${cookies.make({
      userId: eleve2.id,
      serverName: 'eleve1',
      sessionHash: sessionIdHash(
        visitor.cookiesOf(hubOrigin).get('candyce-session')!
      )
    })}`;
    const api = await visitor.request('GET', `${eleve1Origin}/hub/api/v1/me`, {
      cookie
    });
    expect(api.status).toBe(403);
    expect(api.json().error.code).toBe('server_origin_forbidden');
    // Nor does the server let eleve2 in: entering it is its owner's alone, today.
    const server = await visitor.request(
      'GET',
      `${eleve1Origin}/user/eleve1/api/contents`,
      { cookie }
    );
    expect(server.status).toBe(401);
  });

  it('serves no hub page on a server’s origin, and no server on the hub’s', async () => {
    const home = await browser.navigate(`${eleve1Origin}/hub/home`);
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe(`${hubOrigin}/hub/home`);
    const logout = await browser.request('POST', `${eleve1Origin}/hub/logout`, {
      form: { _xsrf: hubXsrf }
    });
    expect(logout.status).toBe(421);
    expect(logout.json().error.code).toBe('wrong_origin');
    // The server's cookie, shown to the hub's origin, is nobody there.
    const stray = await browser.request('GET', `${hubOrigin}/hub/api/v1/me`, {
      cookie: `candyce-server=${browser.cookiesOf(eleve1Origin).get('candyce-server')}`
    });
    expect(stray.status).toBe(401);
    const post = await browser.request(
      'POST',
      `${hubOrigin}/user/eleve1/api/contents`,
      {
        json: {}
      }
    );
    expect(post.status).toBe(421);
    expect(
      await upgradeStatus(
        `${hubOrigin}/user/eleve1/api/events/subscribe`,
        browser.cookieHeader(hubOrigin),
        hubOrigin
      )
    ).toBe(421);
    // Another user's server: the hub refuses to hand it over.
    const intrusion = await browser.navigate(`${hubOrigin}/user/eleve2/lab`);
    expect(intrusion.status).toBe(403);
  });

  it('sends a browser that comes by 127.0.0.1 to the hub’s own name', async () => {
    const byAddress = `http://127.0.0.1:${port}`;
    const login = await browser.navigate(
      `${byAddress}/hub/login?next=%2Fhub%2Fhome`
    );
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe(
      `${hubOrigin}/hub/login?next=%2Fhub%2Fhome`
    );
    const lab = await browser.navigate(`${byAddress}/user/eleve1/lab`);
    expect(lab.status).toBe(303);
    expect(lab.headers.location).toBe(`${hubOrigin}/user/eleve1/lab`);
    // A script's call is answered where it is (no cookie of the hub's there).
    const api = await browser.get(`${byAddress}/hub/api/v1/me`);
    expect(api.status).toBe(401);
  });

  it('lists who may enter a server, with their names and colours, to those who may', async () => {
    const expected = {
      server: 'eleve1',
      people: [
        {
          name: 'eleve1',
          displayName: (await hub.users.getByName('eleve1'))!.displayName,
          color: expect.stringMatching(/^#[0-9a-f]{6}$/),
          reason: 'owner'
        }
      ]
    };
    const fromHub = await browser.get(
      `${hubOrigin}/hub/api/v1/users/eleve1/server/people`
    );
    expect(fromHub.status).toBe(200);
    expect(fromHub.json()).toEqual(expected);
    // As JupyterLab asks it, on the server's own origin.
    await enter(browser, 'eleve1');
    const fromServer = await browser.get(
      `${eleve1Origin}/hub/api/v1/users/eleve1/server/people`
    );
    expect(fromServer.status).toBe(200);
    expect(fromServer.json()).toEqual(fromHub.json());
    for (const name of ['eleve2', 'nobody']) {
      const refused = await browser.get(
        `${hubOrigin}/hub/api/v1/users/${name}/server/people`
      );
      expect(refused.status).toBe(403);
      expect(refused.json().error.code).toBe('forbidden');
    }
  });

  it('lets no page of a server read the hub’s session', async () => {
    // What a page of eleve1's server gets from `fetch('<hub>/hub/api/v1/me', { credentials: 'include' })`:
    // its Origin says where it comes from; the hub refuses it and allows no CORS read.
    const read = await browser.request('GET', `${hubOrigin}/hub/api/v1/me`, {
      headers: { origin: eleve1Origin, 'sec-fetch-site': 'same-site' }
    });
    expect(read.status).toBe(403);
    expect(read.json().error.code).toBe('server_origin_forbidden');
    expect(read.body).not.toContain(hubXsrf);
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
    expect(read.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('lets a code expire, and a server’s cookie too unless it is used', async () => {
    const late = await browser.navigate(`${hubOrigin}/user/eleve1/lab`);
    shift += 61_000;
    const expired = await new OriginBrowser().get(late.headers.location!);
    expect(expired.status).toBe(403);
    expect(expired.json().error.code).toBe('enter_code_invalid');

    const idle = new OriginBrowser();
    const { redeemed } = await enter(browser, 'eleve1');
    expect(redeemed.status).toBe(303);
    const first = browser.cookiesOf(eleve1Origin).get('candyce-server')!;
    idle.cookiesOf(eleve1Origin).set('candyce-server', first);
    // Before half its life, a request renews nothing; past it, the answer (here the
    // server's own) carries a new cookie.
    const early = await browser.get(`${eleve1Origin}/user/eleve1/api/me`);
    expect(early.setCookies).toEqual([]);
    shift += 8 * 60_000;
    // JupyterLab's page sets its own `_xsrf` cookie too (to a browser without one):
    // both reach the browser.
    browser.cookiesOf(eleve1Origin).delete('_xsrf');
    const renewing = await browser.navigate(`${eleve1Origin}/user/eleve1/lab`);
    expect(renewing.status).toBe(200);
    expect(renewing.setCookies).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^candyce-server=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=900$/
        ),
        expect.stringMatching(/^_xsrf=/)
      ])
    );
    const renewed = browser.cookiesOf(eleve1Origin).get('candyce-server')!;
    expect(renewed).not.toBe(first);
    // 15 minutes after the first: the unused cookie has expired, the renewed one not.
    shift += 8 * 60_000;
    expect((await idle.get(`${eleve1Origin}/user/eleve1/api/me`)).status).toBe(
      401
    );
    expect(
      (await browser.get(`${eleve1Origin}/user/eleve1/api/me`)).status
    ).toBe(200);
  });

  it('ends the server’s cookie with the hub session it came from', async () => {
    expect(
      (await browser.get(`${eleve1Origin}/user/eleve1/api/me`)).status
    ).toBe(200);
    const logout = await browser.request('POST', `${hubOrigin}/hub/logout`, {
      form: { _xsrf: hubXsrf }
    });
    expect(logout.status).toBe(303);
    const after = await browser.get(`${eleve1Origin}/user/eleve1/api/me`);
    expect(after.status).toBe(401);
  });
});

/** A port free now (the hub in subdomain mode needs a fixed one). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** The status a WebSocket upgrade gets (101 once open). */
function upgradeStatus(
  url: string,
  cookie: string,
  origin: string
): Promise<number> {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), {
    headers: { cookie, origin },
    lookup: loopbackLookup
  });
  return new Promise<number>(resolve => {
    socket.once('unexpected-response', (_request, response) =>
      resolve(response.statusCode ?? 0)
    );
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('error', () => resolve(-1));
  });
}
