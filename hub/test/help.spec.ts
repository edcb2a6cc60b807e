import * as net from 'net';
import WebSocket from 'ws';

import { addUsers, passwordOf, startTestHub, xsrfIn } from './hubHarness';
import { loopbackLookup, OriginBrowser } from './helpers/originBrowser';

/**
 * Live help (issue 19, point 3) with a real hub in subdomain mode and the pupil's real
 * `jupyter lab`: a pupil asks, her teacher is told and joins (read-only here, as she
 * chose), anyone else is refused at the hub; the help ends when she closes it or when
 * it runs out, and the teacher is refused from then on, her WebSockets closed.
 */
describe('live help', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let hubOrigin: string;
  let pupilOrigin: string;
  let shift = 0;
  let classId: string;
  const browsers: Record<string, OriginBrowser> = {};
  const xsrf: Record<string, string> = {};

  const signIn = async (name: string) => {
    const who = new OriginBrowser();
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
    browsers[name] = who;
    xsrf[name] = (await who.get(`${hubOrigin}/hub/api/v1/me`)).json().xsrfToken;
  };

  /** A call of the hub's API, from the hub's origin, as `name`. */
  const api = (name: string, method: string, path: string, json?: unknown) =>
    browsers[name].request(method, `${hubOrigin}/hub/api/v1${path}`, {
      headers: { 'x-candyce-xsrf': xsrf[name], origin: hubOrigin },
      json
    });

  /** `name` opens a link to the pupil's server from the hub: the hand-over, followed. */
  const enter = async (name: string, url: string) => {
    let answer = await browsers[name].navigate(url);
    for (let hops = 0; answer.status === 303 && hops < 3; hops += 1) {
      url = new URL(answer.headers.location!, url).href;
      answer = await browsers[name].navigate(url);
    }
    return answer;
  };

  beforeAll(async () => {
    const port = await freePort();
    hub = await startTestHub(
      { CANDYCE_PORT: String(port), CANDYCE_SERVER_ORIGINS: 'subdomain' },
      undefined,
      // The hub's clock, moved on by the test of expiry.
      { now: () => new Date(Date.now() + shift) }
    );
    hubOrigin = `http://localhost:${port}`;
    pupilOrigin = `http://aide1.localhost:${port}`;
    const users = await addUsers(
      hub,
      {
        aide1: 'learner',
        aide2: 'learner',
        profa: 'teacher',
        profb: 'teacher',
        adminaide: 'admin'
      },
      { profa: 'Mme Arnaud', aide1: 'Inès Aide' }
    );
    const mine = await hub.classes.create({ name: '4e Aide' });
    const other = await hub.classes.create({ name: '3e Autre' });
    classId = mine.id;
    await hub.classes.addMember(mine.id, users.profa, 'teacher');
    await hub.classes.addMember(mine.id, users.aide1, 'learner');
    await hub.classes.addMember(mine.id, users.aide2, 'learner');
    await hub.classes.addMember(other.id, users.profb, 'teacher');
    await hub.registry.ensure(users.aide1);
    for (const name of ['aide1', 'aide2', 'profa', 'profb', 'adminaide']) {
      await signIn(name);
    }
  }, 180_000);

  afterAll(async () => {
    await hub?.registry.stopAll();
    await hub?.close();
  });

  it('refuses bad requests and changes nothing', async () => {
    for (const body of [
      { path: '../autre/secret.ipynb', access: 'read' },
      { path: '/etc/passwd', access: 'read' },
      { path: 'notes.txt', access: 'read' },
      { path: 'tp.ipynb', access: 'admin' },
      { path: 'tp.ipynb', access: 'read', message: 'x'.repeat(281) },
      { path: 'tp.ipynb', access: 'read', extra: true }
    ]) {
      const answer = await api('aide1', 'POST', '/help-requests', body);
      expect(answer.status).toBe(400);
      expect(answer.json().error.code).toMatch(/^invalid_(path|request)$/);
    }
    // A teacher does not ask her own teachers for help.
    expect(
      (
        await api('profa', 'POST', '/help-requests', {
          path: 'tp.ipynb',
          access: 'read'
        })
      ).status
    ).toBe(403);
    expect((await api('aide1', 'GET', '/me/help-request')).json()).toEqual({
      request: null
    });
    expect((await api('profa', 'GET', '/help-requests')).json()).toEqual({
      requests: []
    });
  });

  let requestId: string;

  it('tells the pupil’s teachers, and them only', async () => {
    const asked = await api('aide1', 'POST', '/help-requests', {
      path: 'Mes devoirs/tp 1.ipynb',
      access: 'read',
      message: 'Je bloque à la question 2'
    });
    expect(asked.status).toBe(201);
    requestId = asked.json().id;
    expect(asked.json()).toMatchObject({
      state: 'waiting',
      access: 'read',
      learnerName: 'aide1',
      helperDisplayName: null,
      joinUrl: `${hubOrigin}/user/aide1/lab/tree/Mes%20devoirs/tp%201.ipynb`
    });
    const news = await hub.events.recent(
      (await hub.users.getByName('profa'))!.id,
      10
    );
    expect(news.map(event => [event.kind, event.data])).toContainEqual([
      'help.request',
      {
        helpRequestId: requestId,
        learnerDisplayName: 'Inès Aide',
        className: '4e Aide',
        path: 'Mes devoirs/tp 1.ipynb'
      }
    ]);
    const other = await hub.events.recent(
      (await hub.users.getByName('profb'))!.id,
      10
    );
    expect(other.filter(event => event.kind === 'help.request')).toEqual([]);
    expect(
      (await api('profa', 'GET', '/help-requests')).json().requests
    ).toHaveLength(1);
    expect(
      (await api('profb', 'GET', '/help-requests')).json().requests
    ).toEqual([]);
    // One open request at a time.
    const again = await api('aide1', 'POST', '/help-requests', {
      path: 'autre.ipynb',
      access: 'write'
    });
    expect(again.status).toBe(409);
    expect(again.json().error.code).toBe('help_already_open');
  });

  it('refuses everyone but her teachers, at the hub', async () => {
    const byOtherTeacher = await api(
      'profb',
      'POST',
      `/help-requests/${requestId}/join`
    );
    expect(byOtherTeacher.status).toBe(403);
    expect(byOtherTeacher.json().error.code).toBe('help_forbidden');
    expect(byOtherTeacher.json().error.message).toMatch(/enseignant/);
    const byPupil = await api(
      'aide2',
      'POST',
      `/help-requests/${requestId}/join`
    );
    expect(byPupil.status).toBe(403);
    const notJoinedYet = await enter('profa', `${hubOrigin}/user/aide1/lab`);
    expect(notJoinedYet.status).toBe(403);
    for (const name of ['profb', 'aide2', 'adminaide']) {
      const refused = await enter(name, `${hubOrigin}/user/aide1/lab`);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatch(/pas le vôtre/);
    }
  });

  it('lets the teacher who joins look, and not write', async () => {
    const joined = await api(
      'profa',
      'POST',
      `/help-requests/${requestId}/join`
    );
    expect(joined.status).toBe(200);
    expect(joined.json()).toMatchObject({
      state: 'joined',
      helperDisplayName: 'Mme Arnaud'
    });
    const page = await enter('profa', joined.json().joinUrl);
    expect(page.status).toBe(200);
    const me = await browsers.profa.get(`${pupilOrigin}/user/aide1/api/me`);
    expect(me.status).toBe(200);
    expect(me.json().identity).toMatchObject({
      username: 'profa',
      display_name: 'Mme Arnaud'
    });
    const save = await browsers.profa.request(
      'PUT',
      `${pupilOrigin}/user/aide1/api/contents/ecrit-par-profa.ipynb`,
      {
        headers: { origin: pupilOrigin, 'x-xsrftoken': 'x' },
        cookie: `${browsers.profa.cookieHeader(pupilOrigin)}; _xsrf=x`,
        json: { type: 'notebook' }
      }
    );
    expect(save.status).toBe(403);
    const kernel = await browsers.profa.request(
      'POST',
      `${pupilOrigin}/user/aide1/api/kernels`,
      {
        headers: { origin: pupilOrigin, 'x-xsrftoken': 'x' },
        cookie: `${browsers.profa.cookieHeader(pupilOrigin)}; _xsrf=x`,
        json: { name: 'python3' }
      }
    );
    expect(kernel.status).toBe(403);
    // The pupil sees who helps her.
    expect(
      (await api('aide1', 'GET', '/me/help-request')).json().request
    ).toMatchObject({ state: 'joined', helperDisplayName: 'Mme Arnaud' });
    // Her share dialog lists the teacher who joined, beside herself.
    const people = await api('aide1', 'GET', '/users/aide1/server/people');
    expect(
      (people.json() as { people: { name: string; reason: string }[] }).people
    ).toEqual([
      expect.objectContaining({ name: 'aide1', reason: 'owner' }),
      expect.objectContaining({ name: 'profa', reason: 'help' })
    ]);
    // The teacher is still refused the hub's API from the pupil's origin.
    const fromThere = await browsers.profa.get(`${pupilOrigin}/hub/api/v1/me`);
    expect(fromThere.status).toBe(403);
  });

  /** A state-changing call of a Jupyter server's API, as its page makes it. */
  const jupyter = (
    name: string,
    method: string,
    path: string,
    json?: unknown
  ) =>
    browsers[name].request(method, `${pupilOrigin}/user/aide1${path}`, {
      headers: { origin: pupilOrigin, 'x-xsrftoken': 'x' },
      cookie: `${browsers[name].cookieHeader(pupilOrigin)}; _xsrf=x`,
      json
    });

  it('ends when the pupil closes it: the teacher is refused, her sockets closed', async () => {
    // The pupil, in her own server, has a notebook open (the control of the
    // refusals above: the same call, by the owner, is accepted).
    expect((await enter('aide1', `${hubOrigin}/user/aide1/lab`)).status).toBe(
      200
    );
    const made = await jupyter('aide1', 'PUT', '/api/contents/aide.ipynb', {
      type: 'notebook',
      format: 'json',
      content: { cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 }
    });
    expect(made.status).toBe(201);
    // The teacher who looks joins the notebook's collaboration room.
    const session = await jupyter(
      'profa',
      'PUT',
      '/api/collaboration/session/aide.ipynb',
      { format: 'json', type: 'notebook' }
    );
    expect(session.status).toBe(201);
    const { fileId, sessionId } = session.json();
    const socket = new WebSocket(
      `${pupilOrigin.replace(/^http/, 'ws')}/user/aide1/api/collaboration/room/json:notebook:${fileId}?sessionId=${sessionId}`,
      {
        headers: {
          cookie: browsers.profa.cookieHeader(pupilOrigin),
          origin: pupilOrigin
        },
        lookup: loopbackLookup
      }
    );
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`upgrade refused: ${response.statusCode}`))
      );
    });
    const closed = new Promise<void>(resolve =>
      socket.once('close', () => resolve())
    );
    const close = await api(
      'aide1',
      'POST',
      `/help-requests/${requestId}/close`
    );
    expect(close.status).toBe(200);
    expect(close.json().state).toBe('closed');
    await closed;
    const after = await browsers.profa.get(`${pupilOrigin}/user/aide1/api/me`);
    expect(after.status).toBe(401);
    const fromHub = await enter('profa', `${hubOrigin}/user/aide1/lab`);
    expect(fromHub.status).toBe(403);
    const rejoin = await api(
      'profa',
      'POST',
      `/help-requests/${requestId}/join`
    );
    expect(rejoin.status).toBe(409);
    expect(rejoin.json().error.code).toBe('help_closed');
  });

  it('ends when it runs out', async () => {
    const asked = await api('aide1', 'POST', '/help-requests', {
      path: 'tp2.ipynb',
      access: 'write'
    });
    expect(asked.status).toBe(201);
    const joined = await api(
      'profa',
      'POST',
      `/help-requests/${asked.json().id}/join`
    );
    expect((await enter('profa', joined.json().joinUrl)).status).toBe(200);
    expect(
      (await browsers.profa.get(`${pupilOrigin}/user/aide1/api/me`)).status
    ).toBe(200);
    shift = 46 * 60_000;
    try {
      const after = await browsers.profa.get(
        `${pupilOrigin}/user/aide1/api/me`
      );
      expect(after.status).toBe(401);
      expect((await api('aide1', 'GET', '/me/help-request')).json()).toEqual({
        request: null
      });
    } finally {
      shift = 0;
    }
  });

  it('counts who asked on the class dashboard, and audits ids only', async () => {
    const dashboard = await api(
      'profa',
      'GET',
      `/dashboards/classes/${classId}`
    );
    expect(dashboard.status).toBe(200);
    const pupils = dashboard.json().pupils as {
      name: string;
      helpRequests: number;
    }[];
    expect(pupils.find(p => p.name === 'aide1')!.helpRequests).toBe(2);
    expect(pupils.find(p => p.name === 'aide2')!.helpRequests).toBe(0);
    const audit = await api('adminaide', 'GET', '/admin/audit?limit=50');
    const help = (audit.json().events as { action: string; details: object }[])
      .filter(event => event.action.startsWith('help.'))
      .map(event => event.action);
    expect(help).toEqual(
      expect.arrayContaining(['help.open', 'help.join', 'help.close'])
    );
    expect(JSON.stringify(audit.json())).not.toMatch(/tp 1|tp2|question 2/);
  });
});

describe('live help in path mode', () => {
  it('answers that it needs servers on origins of their own', async () => {
    const hub = await startTestHub({ CANDYCE_SERVER_ORIGINS: 'path' });
    try {
      const users = await addUsers(hub, { seule: 'learner', profs: 'teacher' });
      const klass = await hub.classes.create({ name: '5e Chemin' });
      await hub.classes.addMember(klass.id, users.seule, 'learner');
      await hub.classes.addMember(klass.id, users.profs, 'teacher');
      const who = new OriginBrowser();
      const origin = hub.url;
      const form = await who.get(`${origin}/hub/login`);
      await who.request('POST', `${origin}/hub/login`, {
        form: {
          _xsrf: xsrfIn(form.body),
          username: 'seule',
          password: passwordOf('seule'),
          next: '/hub/home'
        }
      });
      const token = (await who.get(`${origin}/hub/api/v1/me`)).json().xsrfToken;
      const answer = await who.request(
        'POST',
        `${origin}/hub/api/v1/help-requests`,
        {
          headers: { 'x-candyce-xsrf': token, origin },
          json: { path: 'tp.ipynb', access: 'write' }
        }
      );
      expect(answer.status).toBe(409);
      expect(answer.json().error.code).toBe('help_needs_server_origins');
      expect(answer.json().error.message).toMatch(/sa propre adresse/);
      const news = await hub.events.recent(users.profs.id, 10);
      expect(news).toEqual([]);
    } finally {
      await hub.close();
    }
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
