import * as fs from 'fs';
import * as path from 'path';
import WebSocket from 'ws';

import {
  addUsers,
  Browser,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';

const VENV_DIR = path.resolve(__dirname, '..', '..', '.venv');

/**
 * The whole path: log in at the hub, start one's own sandboxed JupyterLab behind the
 * progress page, reach it through the proxy (HTTP and WebSocket), and nobody else's.
 * What was tried: another user's server, no session, a forged identity header from the
 * browser, a WebSocket without a session.
 */
describe('a user server behind the proxy', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let ada: Browser;

  beforeAll(async () => {
    hub = await startTestHub();
    await addUsers(
      hub,
      { ada: 'learner', bob: 'learner' },
      { ada: 'Ada Lovelace' }
    );
    ada = (await signIn(hub, 'ada')).browser;
  }, 120_000);

  afterAll(async () => {
    await hub.registry.stopAll();
    await hub.close();
  });

  it('starts the server behind a French progress page, then opens JupyterLab', async () => {
    const first = await ada.request('GET', '/user/ada/lab', {
      headers: { accept: 'text/html' }
    });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(
      '/hub/spawn?next=%2Fuser%2Fada%2Flab'
    );

    // Follow the page as a browser does: its `Refresh` header, at once; each refresh is
    // held by the hub until the server runs (or a few seconds pass).
    let location: string | null = null;
    let url = '/hub/spawn?next=%2Fuser%2Fada%2Flab';
    let pages = 0;
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const progress = await ada.get(url);
      if (progress.status === 303) {
        location = progress.headers.get('location');
        break;
      }
      pages += 1;
      const html = await progress.text();
      expect(progress.status).toBe(200);
      expect(html).toContain('Démarrage de votre espace de travail');
      expect(html).toMatch(/<progress id="progression" max="100" value="\d+">/);
      expect(progress.headers.get('refresh')).toBe(
        '0; url=/hub/spawn?wait=1&next=%2Fuser%2Fada%2Flab'
      );
      url = '/hub/spawn?wait=1&next=%2Fuser%2Fada%2Flab';
    }
    expect(location).toBe('/user/ada/lab');
    expect(pages).toBeGreaterThan(0);

    const lab = await ada.request('GET', '/user/ada/lab', {
      headers: { accept: 'text/html' }
    });
    expect(lab.status).toBe(200);
    expect(await lab.text()).toContain('jupyter-config-data');
    // Reached on its Unix socket: the server listens on no TCP port.
    const adaUser = (await hub.users.getByName('ada'))!;
    expect(hub.registry.running(adaUser)!.server.url).toMatch(
      /^http\+unix:\/\//
    );

    // Extensions' hashed scripts are immutable behind the base URL too: a warm load
    // asks nothing again.
    const remoteEntry = fs
      .readdirSync(
        path.join(VENV_DIR, 'share/jupyter/labextensions/@candyce/core/static')
      )
      .find(name => /^remoteEntry\.[0-9a-f]+\.js$/.test(name));
    const asset = await ada.get(
      `/user/ada/lab/extensions/@candyce/core/static/${remoteEntry}`
    );
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    await asset.arrayBuffer();
  }, 120_000);

  it('tells JupyterLab who the user is, whatever the browser claims', async () => {
    const me = await ada.request('GET', '/user/ada/api/me', {
      headers: { 'x-candyce-identity': 'v1.forged.signature' }
    });
    expect(me.status).toBe(200);
    const { identity } = await readJson(me);
    expect(identity.username).toBe('ada');
    expect(identity.display_name).toBe('Ada Lovelace');
    expect(identity.color).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('keeps each user out of other users’ servers', async () => {
    const bob = (await signIn(hub, 'bob')).browser;
    // Twice: the second time the proxy has bob's session in its cache (its hot path,
    // before Express), and must refuse all the same. So for his own stopped server,
    // and for addresses naming no valid user.
    for (let attempt = 0; attempt < 2; attempt++) {
      const intrusion = await bob.get('/user/ada/api/contents');
      expect(intrusion.status).toBe(403);
      expect((await readJson(intrusion)).error.code).toBe('forbidden');
      const stopped = await bob.get('/user/bob/api/contents');
      expect(stopped.status).toBe(503);
      expect((await readJson(stopped)).error.code).toBe('server_not_running');
      for (const address of ['/user/..%2Fada/api', '/user/b%0Aob/api']) {
        expect((await bob.get(address)).status).toBe(404);
      }
    }

    const anonymous = new Browser(hub.url);
    expect((await anonymous.get('/user/ada/api/contents')).status).toBe(401);
    const page = await anonymous.request('GET', '/user/ada/lab', {
      headers: { accept: 'text/html' }
    });
    expect(page.headers.get('location')).toBe(
      '/hub/login?next=%2Fuser%2Fada%2Flab'
    );
  });

  it('proxies WebSockets only with the session', async () => {
    const url = `${hub.url.replace('http', 'ws')}/user/ada/api/events/subscribe`;
    const cookie = [...ada.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const opened = new WebSocket(url, { headers: { cookie, origin: hub.url } });
    await new Promise<void>((resolve, reject) => {
      opened.once('open', () => resolve());
      opened.once('error', reject);
    });
    opened.close();

    const refused = new WebSocket(url, { headers: { origin: hub.url } });
    const status = await new Promise<number>(resolve => {
      refused.once('unexpected-response', (_request, response) =>
        resolve(response.statusCode ?? 0)
      );
      refused.once('error', () => resolve(-1));
    });
    expect(status).toBe(401);
  });

  it('tried: a proxied page, API answer and remembered asset, and the proxy’s own answers (401, 403, 404, 503, hot path and Express, a refused WebSocket): each says Referrer-Policy: same-origin and X-Content-Type-Options: nosniff', async () => {
    const expectHeaders = (headers: Headers, what: string) => {
      expect([what, headers.get('referrer-policy')]).toEqual([
        what,
        'same-origin'
      ]);
      expect([what, headers.get('x-content-type-options')]).toEqual([
        what,
        'nosniff'
      ]);
    };
    const lab = await ada.request('GET', '/user/ada/lab', {
      headers: { accept: 'text/html' }
    });
    expect(lab.status).toBe(200);
    expectHeaders(lab.headers, 'lab page');
    await lab.arrayBuffer();
    const api = await ada.get('/user/ada/api/contents');
    expect(api.status).toBe(200);
    expectHeaders(api.headers, 'API');
    await api.arrayBuffer();
    const remoteEntry = fs
      .readdirSync(
        path.join(VENV_DIR, 'share/jupyter/labextensions/@candyce/core/static')
      )
      .find(name => /^remoteEntry\.[0-9a-f]+\.js$/.test(name));
    for (let i = 0; i < 2; i++) {
      // The second time from the proxy's memory of versioned assets.
      const asset = await ada.get(
        `/user/ada/lab/extensions/@candyce/core/static/${remoteEntry}`
      );
      expect(asset.status).toBe(200);
      expectHeaders(asset.headers, `asset ${i}`);
      await asset.arrayBuffer();
    }
    const bob = (await signIn(hub, 'bob')).browser;
    const anonymous = new Browser(hub.url);
    for (let attempt = 0; attempt < 2; attempt++) {
      for (const [browser, url, status] of [
        [bob, '/user/ada/api/contents', 403],
        [bob, '/user/bob/api/contents', 503],
        [bob, '/user/..%2Fada/api', 404],
        [anonymous, '/user/ada/api/contents', 401]
      ] as const) {
        const answer = await browser.get(url);
        expect(answer.status).toBe(status);
        expectHeaders(answer.headers, `${status} ${url}`);
        await answer.arrayBuffer();
      }
    }
    const refused = await new Promise<
      Record<string, string | string[] | undefined>
    >(resolve => {
      const socket = new WebSocket(
        `${hub.url.replace('http', 'ws')}/user/ada/api/events/subscribe`,
        { headers: { origin: hub.url } }
      );
      socket.once('unexpected-response', (_request, response) =>
        resolve(response.headers)
      );
      socket.once('error', () => resolve({}));
    });
    expect(refused['referrer-policy']).toBe('same-origin');
    expect(refused['x-content-type-options']).toBe('nosniff');
  });

  it('stops proxying a session the moment it is logged out, even one just used', async () => {
    // The proxy reuses resolved sessions for a moment (AuthCache): a logout must not
    // wait for that. Tried: one session logged out, then all of a user's sessions.
    const phone = (await signIn(hub, 'ada')).browser;
    const laptop = await signIn(hub, 'ada');
    const tablet = (await signIn(hub, 'ada')).browser;
    for (const device of [phone, laptop.browser, tablet]) {
      expect((await device.get('/user/ada/api/me')).status).toBe(200);
    }
    const phoneCookies = new Map(phone.cookies);
    const phoneXsrf = (await readJson(await phone.get('/hub/api/v1/me')))
      .xsrfToken;
    await phone.request('POST', '/hub/logout', { form: { _xsrf: phoneXsrf } });
    phone.cookies = phoneCookies; // a copy of the cookie kept after logout
    expect((await phone.get('/user/ada/api/me')).status).toBe(401);
    expect((await tablet.get('/user/ada/api/me')).status).toBe(200);

    const tabletCookie = [...tablet.cookies]
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    await laptop.form('/hub/logout', { everywhere: '1' });
    expect((await tablet.get('/user/ada/api/me')).status).toBe(401);
    const socket = new WebSocket(
      `${hub.url.replace('http', 'ws')}/user/ada/api/events/subscribe`,
      { headers: { cookie: tabletCookie, origin: hub.url } }
    );
    const status = await new Promise<number>(resolve => {
      socket.once('unexpected-response', (_request, response) =>
        resolve(response.statusCode ?? 0)
      );
      socket.once('open', () => resolve(101));
      socket.once('error', () => resolve(-1));
    });
    expect(status).toBe(401);
  });
});
