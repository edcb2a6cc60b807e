import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import WebSocket from 'ws';

import { migrate, openDatabase } from '../src/db/connect';
import { ServerRegistry } from '../src/servers/registry';
import { FakeSpawner } from './helpers/fakeSpawner';
import {
  addUsers,
  Browser,
  readJson,
  ISignedIn,
  signIn,
  startTestHub,
  xsrfIn
} from './hubHarness';

/**
 * The lifecycle of users' servers: idle culling, activity through the proxy, and stop /
 * restart from the API and the home page.
 */

/** A clock the tests move by hand. */
class Clock {
  ms = Date.parse('2026-11-28T08:00:00Z');
  now = () => new Date(this.ms);
  advanceMinutes(minutes: number): void {
    this.ms += minutes * 60_000;
  }
}

describe('idle culling decisions (FAKE spawner: tests the decision, not the processes)', () => {
  const clock = new Clock();
  const spawner = new FakeSpawner(() => clock.ms);
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let ada: Browser;

  beforeAll(async () => {
    hub = await startTestHub(
      // The timer is off: the tests call the culler themselves.
      { CANDYCE_CULL_IDLE_MINUTES: '5', CANDYCE_CULL_INTERVAL_SECONDS: '0' },
      undefined,
      { spawner, now: clock.now }
    );
    await addUsers(hub, { ada: 'learner', bob: 'learner', eve: 'learner' });
    ada = (await signIn(hub, 'ada')).browser;
  });
  afterAll(async () => {
    await hub.registry.stopAll();
    await hub.close();
  });

  const user = async (name: string) => (await hub.users.getByName(name))!;

  it('stops the servers idle longer than the limit, and only those', async () => {
    await hub.registry.ensure(await user('ada'));
    await hub.registry.ensure(await user('bob'));
    clock.advanceMinutes(4);
    // A request through the proxy is activity (the fake server does not answer: 502).
    const request = await ada.get('/user/ada/api/status');
    await request.arrayBuffer();
    expect(request.status).toBe(502);
    clock.advanceMinutes(2);
    expect(await hub.culler.cullOnce()).toEqual([(await user('bob')).id]);
    expect(hub.registry.state(await user('bob')).kind).toBe('stopped');
    expect(hub.registry.state(await user('ada')).kind).toBe('running');
    expect(spawner.stopped).toEqual(['bob']);

    clock.advanceMinutes(4);
    expect(await hub.culler.cullOnce()).toEqual([(await user('ada')).id]);
    expect(hub.registry.list()).toEqual([]);
  });

  it('notices a server that exited on its own: the next page starts it again', async () => {
    const eve = await user('eve');
    const browser = (await signIn(hub, 'eve')).browser;
    const handle = await hub.registry.ensure(eve);
    // Alive but not answering: « ne répond pas », and it is kept.
    const busy = await browser.get('/user/eve/api/status');
    expect(busy.status).toBe(502);
    expect((await readJson(busy)).error.code).toBe('server_unreachable');
    expect(hub.registry.state(eve).kind).toBe('running');

    spawner.crash(handle.server);
    // A page goes to the progress page that starts it again…
    const page = await browser.request('GET', '/user/eve/lab/tree/tp.ipynb', {
      headers: { accept: 'text/html' }
    });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(
      `/hub/spawn?next=${encodeURIComponent('/user/eve/lab/tree/tp.ipynb')}`
    );
    expect(hub.registry.state(eve).kind).toBe('stopped');
    // …and it is forgotten at once, not left until the culler passes.
    expect(hub.registry.list().map(server => server.userId)).not.toContain(
      eve.id
    );
    await hub.registry.ensure(eve);
    expect(hub.registry.state(eve).kind).toBe('running');
    spawner.crash(hub.registry.running(eve)!.server);
    // An API call gets a clear JSON answer.
    const api = await browser.get('/user/eve/api/contents');
    expect(api.status).toBe(503);
    expect((await readJson(api)).error).toEqual({
      code: 'server_exited',
      message:
        'Votre espace de travail s’est arrêté : rechargez la page pour le redémarrer.'
    });
    await hub.registry.stop(eve);
  });

  it('never stops a server with an open WebSocket, and counts its closing as activity', async () => {
    const eve = await user('eve');
    await hub.registry.ensure(eve);
    const close = hub.registry.socketOpened(eve.id);
    clock.advanceMinutes(60);
    expect(await hub.culler.cullOnce()).toEqual([]);
    expect(hub.registry.list()[0].openSockets).toBe(1);
    clock.advanceMinutes(3);
    close();
    close(); // closing twice counts once
    expect(hub.registry.list()[0].openSockets).toBe(0);
    clock.advanceMinutes(4);
    expect(await hub.culler.cullOnce()).toEqual([]);
    clock.advanceMinutes(2);
    expect(await hub.culler.cullOnce()).toEqual([eve.id]);
  });
});

describe('activity writes (FAKE spawner)', () => {
  it('writes the last activity at most once per server per minute, and re-attaches with it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-lifecycle-'));
    const db = openDatabase(`sqlite:${path.join(dir, 'hub.db')}`);
    await migrate(db);
    const clock = new Clock();
    const spawner = new FakeSpawner(() => clock.ms);
    const registry = new ServerRegistry(
      db,
      spawner,
      { homesDir: path.join(dir, 'homes'), maxServers: 5 },
      clock.now
    );
    await db
      .insertInto('users')
      .values({
        id: 'u1',
        name: 'ada',
        display_name: 'Ada',
        password_hash: null,
        locked_until: null,
        created_at: clock.now().toISOString()
      })
      .execute();
    const ada = { id: 'u1', name: 'ada', displayName: 'Ada', roles: [] };
    await registry.ensure(ada);
    const written = async () =>
      (
        await db
          .selectFrom('servers')
          .select('last_activity_at')
          .executeTakeFirstOrThrow()
      ).last_activity_at;
    const started = await written();
    const settle = () => new Promise(resolve => setTimeout(resolve, 50));

    clock.advanceMinutes(0.5);
    registry.touch('u1');
    await settle();
    expect(await written()).toBe(started);
    expect(registry.list()[0].lastActivityAt).toBe(clock.ms);

    clock.advanceMinutes(0.6);
    registry.touch('u1');
    await settle();
    expect(await written()).toBe(clock.now().toISOString());

    // After a hub restart, a fresh registry keeps the recorded activity. (The fake
    // server answers nothing: the probe is taken as passed; reattach.spec.ts probes
    // real servers.)
    const again = new ServerRegistry(
      db,
      spawner,
      {
        homesDir: path.join(dir, 'homes'),
        maxServers: 5,
        probe: async () => true
      },
      clock.now
    );
    expect(
      await again.reattach(async id => (id === ada.id ? ada : null))
    ).toEqual({ servers: [{ userId: 'u1', outcome: 'attached' }], strays: 0 });
    expect(again.list()[0].lastActivityAt).toBe(clock.ms);
    await again.stopAll();
    await db.destroy();
  });
});

describe('stop and restart through the API (FAKE spawner)', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let ada: ISignedIn;

  beforeAll(async () => {
    hub = await startTestHub({}, undefined, { spawner: new FakeSpawner() });
    await addUsers(hub, { ada: 'learner', bob: 'learner' });
    ada = await signIn(hub, 'ada');
  });
  afterAll(async () => {
    await hub.registry.stopAll();
    await hub.close();
  });

  const call = (method: string, name: string, token = ada.xsrf) =>
    ada.browser.request(method, `/hub/api/v1/users/${name}/server`, {
      headers: { 'X-Candyce-XSRF': token }
    });

  it('restarts, stops, and says clearly when there is nothing to stop', async () => {
    const restart = await call('POST', 'ada');
    expect(restart.status).toBe(202);
    expect((await readJson(restart)).name).toBe('ada');
    // 202 answers before the start is over: give it the time a busy machine needs.
    const adaUser = (await hub.users.getByName('ada'))!;
    for (
      let tries = 0;
      tries < 200 && hub.registry.state(adaUser).kind !== 'running';
      tries++
    ) {
      await new Promise(resolve => setTimeout(resolve, 25));
    }
    expect(hub.registry.state(adaUser).kind).toBe('running');

    expect((await call('DELETE', 'ada')).status).toBe(204);
    expect(hub.registry.state(adaUser).kind).toBe('stopped');

    const again = await call('DELETE', 'ada');
    expect(again.status).toBe(409);
    const { error } = await readJson(again);
    expect(error.code).toBe('server_not_running');
    expect(error.message).toBe(
      'Cet espace est déjà arrêté : il n’y a rien à arrêter.'
    );
  });

  it('refuses to stop or restart someone else’s server, existing or not', async () => {
    const bob = (await hub.users.getByName('bob'))!;
    await hub.registry.ensure(bob);
    for (const name of ['bob', 'personne']) {
      for (const method of ['DELETE', 'POST']) {
        const response = await call(method, name);
        expect(response.status).toBe(403);
        expect((await readJson(response)).error.code).toBe('forbidden');
      }
    }
    expect(hub.registry.state(bob).kind).toBe('running');
  });

  it('refuses a stop without the anti-CSRF header', async () => {
    const response = await call('DELETE', 'ada', 'pas-le-bon');
    expect(response.status).toBe(403);
    expect((await readJson(response)).error.code).toBe('xsrf');
  });

  it('shows the state on the home page and stops / restarts from its forms', async () => {
    const adaUser = (await hub.users.getByName('ada'))!;
    let home = await (await ada.browser.get('/hub/home')).text();
    expect(home).toContain('Votre espace est arrêté.');
    expect(home).not.toContain('Arrêter mon espace');
    await hub.registry.ensure(adaUser);
    home = await (await ada.browser.get('/hub/home')).text();
    expect(home).toContain('Votre espace est démarré.');
    expect(home).toContain('Arrêter mon espace');
    expect(home).toContain('Redémarrer mon espace');
    // The home page's forms carry the session's anti-CSRF token.
    expect(xsrfIn(home)).toBe(ada.xsrf);

    const restart = await ada.form('/hub/server/restart');
    expect(restart.status).toBe(303);
    expect(restart.headers.get('location')).toBe(
      '/hub/spawn?next=%2Fuser%2Fada%2Flab'
    );
    // The restart goes on after its answer: stop once it is over (else 409, starting).
    for (
      let tries = 0;
      tries < 200 && hub.registry.state(adaUser).kind !== 'running';
      tries++
    ) {
      await new Promise(resolve => setTimeout(resolve, 25));
    }
    const stop = await ada.form('/hub/server/stop');
    expect(stop.status).toBe(303);
    expect(hub.registry.state(adaUser).kind).toBe('stopped');

    const nothing = await ada.form('/hub/server/stop');
    expect(nothing.status).toBe(409);
    expect(await nothing.text()).toContain('Cet espace est déjà arrêté');

    const forged = await ada.form('/hub/server/restart', {
      _xsrf: 'pas-le-bon'
    });
    expect(forged.status).toBe(403);
    expect(hub.registry.state(adaUser).kind).toBe('stopped');
  });
});

describe('idle culling of a real server (one real start)', () => {
  const clock = new Clock();
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let ada: Browser;

  beforeAll(async () => {
    hub = await startTestHub(
      { CANDYCE_CULL_IDLE_MINUTES: '1', CANDYCE_CULL_INTERVAL_SECONDS: '0' },
      undefined,
      { now: clock.now }
    );
    await addUsers(hub, { ada: 'learner' });
    ada = (await signIn(hub, 'ada')).browser;
  }, 120_000);
  afterAll(async () => {
    await hub.registry.stopAll();
    await hub.close();
  });

  it('keeps the server while a WebSocket is open, then stops it once idle', async () => {
    const adaUser = (await hub.users.getByName('ada'))!;
    await hub.registry.ensure(adaUser);
    const url = `${hub.url.replace('http', 'ws')}/user/ada/api/events/subscribe`;
    const cookie = [...ada.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const socket = new WebSocket(url, { headers: { cookie, origin: hub.url } });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    expect(hub.registry.list()[0].openSockets).toBe(1);

    clock.advanceMinutes(10);
    expect(await hub.culler.cullOnce()).toEqual([]);

    socket.close();
    const deadline = Date.now() + 5_000;
    while (hub.registry.list()[0].openSockets > 0 && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    expect(hub.registry.list()[0].openSockets).toBe(0);
    clock.advanceMinutes(2);
    expect(await hub.culler.cullOnce()).toEqual([adaUser.id]);
    expect(hub.registry.state(adaUser).kind).toBe('stopped');
  }, 120_000);
});

describe('the progress page (FAKE spawner held by the test)', () => {
  /** A spawner whose start ends only when the test says so. */
  class HeldSpawner extends FakeSpawner {
    private readonly _held: (() => void)[] = [];
    /** Let every start held so far go on. */
    release(): void {
      for (const resolve of this._held.splice(0)) {
        resolve();
      }
    }
    /** Resolves once a start is held (the hub calls the spawner asynchronously). */
    async holding(): Promise<void> {
      while (this._held.length === 0) {
        await new Promise(resolve => setTimeout(resolve, 10));
      }
    }
    override async start(
      ...args: Parameters<FakeSpawner['start']>
    ): ReturnType<FakeSpawner['start']> {
      await new Promise<void>(resolve => this._held.push(resolve));
      return super.start(...args);
    }
  }
  const spawner = new HeldSpawner();
  let hub: Awaited<ReturnType<typeof startTestHub>>;

  beforeAll(async () => {
    hub = await startTestHub({}, undefined, { spawner });
    await addUsers(hub, { ada: 'learner', jade: 'learner' });
  });
  afterAll(async () => {
    await hub.registry.stopAll();
    await hub.close();
  });

  it('answers at once, then holds each refresh until the server runs', async () => {
    const ada = (await signIn(hub, 'ada')).browser;
    const first = await ada.get('/hub/spawn?next=%2Fuser%2Fada%2Flab');
    expect(first.status).toBe(200);
    const refresh = first.headers.get('refresh') ?? '';
    expect(refresh).toBe('0; url=/hub/spawn?wait=1&next=%2Fuser%2Fada%2Flab');

    let answered = false;
    const held = ada.get(refresh.slice('0; url='.length)).then(response => {
      answered = true;
      return response;
    });
    // Still starting: the refresh waits (up to 3 s) instead of answering at once.
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(answered).toBe(false);
    await spawner.holding();
    spawner.release();
    const ready = await held;
    expect(ready.status).toBe(303);
    expect(ready.headers.get('location')).toBe('/user/ada/lab');
  });

  it('says « tu » to a pupil on her way to school mode (a class code’s landing), « vous » otherwise', async () => {
    const jade = (await signIn(hub, 'jade')).browser;
    const main = async (next: string) => {
      const page = await jade.get(
        `/hub/spawn?next=${encodeURIComponent(next)}`
      );
      expect(page.status).toBe(200);
      const text = await page.text();
      return text.slice(text.indexOf('<main'), text.indexOf('</main>'));
    };
    const school = await main('/user/jade/lab?mode=ecole');
    expect(school).toContain('Démarrage de ton espace de travail');
    expect(school).toContain('Préparation de ton espace');
    expect(school).not.toMatch(/\b(vous|votre|vos)\b/i);
    const full = await main('/user/jade/lab');
    expect(full).toContain('Démarrage de votre espace de travail');
    await spawner.holding();
    spawner.release();
  });
});
