import * as net from 'net';

import { addUsers, passwordOf, startTestHub, xsrfIn } from './hubHarness';
import { OriginBrowser } from './helpers/originBrowser';

/**
 * A group workspace on its own origin (`serverOrigins: subdomain`), with a real hub and
 * a real `jupyter lab`: its members and its class's teacher enter it, each under their
 * own identity; another pupil and a teacher of another class are refused at the hub;
 * nobody acts on the hub as themselves from the workspace's origin (only as the group).
 */
describe('a group workspace on its own origin', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let hubOrigin: string;
  let groupOrigin: string;
  let serverName: string;
  const browsers = new Map<string, OriginBrowser>();

  const signIn = async (name: string) => {
    const browser = new OriginBrowser();
    const form = await browser.get(`${hubOrigin}/hub/login`);
    const login = await browser.request('POST', `${hubOrigin}/hub/login`, {
      form: {
        _xsrf: xsrfIn(form.body),
        username: name,
        password: passwordOf(name),
        next: '/hub/home'
      }
    });
    expect(login.status).toBe(303);
    browsers.set(name, browser);
  };

  /** The way a member takes: the group's page on the hub, then the hand-over. */
  const enter = async (name: string) => {
    const browser = browsers.get(name)!;
    const open = await browser.navigate(
      `${hubOrigin}/hub/groupes/ouvrir/${serverName}`
    );
    if (open.status !== 303) {
      return { status: open.status, body: open.body };
    }
    expect(open.headers.location).toBe(`/user/${serverName}/lab`);
    const handover = await browser.navigate(
      `${hubOrigin}${open.headers.location}`
    );
    if (handover.status !== 303) {
      return { status: handover.status, body: handover.body };
    }
    expect(new URL(handover.headers.location!).origin).toBe(groupOrigin);
    const redeemed = await browser.navigate(handover.headers.location!);
    expect(redeemed.status).toBe(303);
    const lab = await browser.navigate(`${groupOrigin}/user/${serverName}/lab`);
    return { status: lab.status, body: lab.body };
  };

  beforeAll(async () => {
    const port = await freePort();
    hub = await startTestHub({
      CANDYCE_PORT: String(port),
      CANDYCE_SERVER_ORIGINS: 'subdomain'
    });
    hubOrigin = `http://localhost:${port}`;
    const users = await addUsers(
      hub,
      {
        prof: 'teacher',
        autre: 'teacher',
        eleve1: 'learner',
        eleve2: 'learner',
        eleve3: 'learner'
      },
      { eleve1: 'Léa Martin', eleve2: 'Hugo Bernard', prof: 'Marie Curie' }
    );
    const a = await hub.classes.create({ name: '3e A', level: '3e' });
    const b = await hub.classes.create({ name: '3e B', level: '3e' });
    await hub.classes.addMember(a.id, users.prof.id, 'teacher');
    await hub.classes.addMember(b.id, users.autre.id, 'teacher');
    for (const name of ['eleve1', 'eleve2', 'eleve3']) {
      await hub.classes.addMember(a.id, users[name].id, 'learner');
    }
    const group = await hub.groups.create(users.prof, a.id, {
      name: 'Binôme',
      memberNames: ['eleve1', 'eleve2']
    });
    serverName = group.serverName;
    groupOrigin = `http://${serverName}.localhost:${port}`;
    for (const name of Object.keys(users)) {
      await signIn(name);
    }
  }, 60_000);

  afterAll(async () => {
    await hub?.registry.stopAll();
    await hub?.close();
  });

  it('lets each member in under their own name, on one server', async () => {
    const first = await enter('eleve1');
    expect(first.status).toBe(200);
    expect(first.body).toContain('jupyter-config-data');
    const second = await enter('eleve2');
    expect(second.status).toBe(200);
    const me = async (name: string) =>
      (
        await browsers
          .get(name)!
          .get(`${groupOrigin}/user/${serverName}/api/me`)
      ).json().identity;
    expect(await me('eleve1')).toMatchObject({
      username: 'eleve1',
      display_name: 'Léa Martin'
    });
    expect(await me('eleve2')).toMatchObject({
      username: 'eleve2',
      display_name: 'Hugo Bernard'
    });
    // One server, the group's, for both.
    const account = await hub.groups.account(
      (await hub.groups.mine((await hub.users.getByName('eleve1'))!))[0].id
    );
    expect(hub.registry.running(account)).not.toBeNull();
    expect(
      hub.registry.running((await hub.users.getByName('eleve1'))!)
    ).toBeNull();
    // A file one writes, the other reads.
    const write = await browsers
      .get('eleve1')!
      .request(
        'PUT',
        `${groupOrigin}/user/${serverName}/api/contents/ensemble.txt`,
        {
          json: { type: 'file', format: 'text', content: 'écrit par Léa' },
          headers: {
            origin: groupOrigin,
            'X-XSRFToken':
              browsers.get('eleve1')!.cookiesOf(groupOrigin).get('_xsrf') ?? ''
          }
        }
      );
    expect([200, 201]).toContain(write.status);
    const read = await browsers
      .get('eleve2')!
      .get(
        `${groupOrigin}/user/${serverName}/api/contents/ensemble.txt?content=1`
      );
    expect(read.json().content).toBe('écrit par Léa');
  }, 120_000);

  it('lets the class’s teacher in', async () => {
    const entered = await enter('prof');
    expect(entered.status).toBe(200);
  }, 60_000);

  it('refuses another pupil and a teacher of another class at the hub, in French', async () => {
    for (const name of ['eleve3', 'autre']) {
      const browser = browsers.get(name)!;
      const open = await browser.navigate(
        `${hubOrigin}/hub/groupes/ouvrir/${serverName}`
      );
      expect(open.status).toBe(404);
      expect(open.body).toContain('Cet espace de groupe n’existe pas');
      const handover = await browser.navigate(
        `${hubOrigin}/user/${serverName}/lab`
      );
      expect(handover.status).toBe(403);
      expect(handover.body).toContain(
        'Cet espace de travail n’est pas le vôtre.'
      );
      // Nor straight on the group's origin.
      const direct = await browser.get(
        `${groupOrigin}/user/${serverName}/api/me`
      );
      expect(direct.status).toBe(401);
    }
  });

  it('never lets a member act on the hub as herself from the group’s origin', async () => {
    // There she calls as the group's account (groupOriginCalls.spec.ts tries the rest).
    const me = await browsers
      .get('eleve1')!
      .get(`${groupOrigin}/hub/api/v1/me`);
    expect(me.status).toBe(200);
    expect(me.json()).toMatchObject({
      name: serverName,
      roles: [],
      visitor: { name: 'eleve1', displayName: 'Léa Martin' }
    });
    const classes = await browsers
      .get('eleve1')!
      .get(`${groupOrigin}/hub/api/v1/classes`);
    expect(classes.status).toBe(403);
    expect(classes.json().error.code).toBe('server_origin_forbidden');
  });

  it('lists its members and the class’s teacher to whoever may enter', async () => {
    const people = `${hubOrigin}/hub/api/v1/users/${serverName}/server/people`;
    const answer = await browsers.get('eleve1')!.get(people);
    expect(answer.status).toBe(200);
    const listed = (
      answer.json() as { people: { name: string; reason: string }[] }
    ).people;
    expect(listed.map(person => [person.name, person.reason]).sort()).toEqual([
      ['eleve1', 'group'],
      ['eleve2', 'group'],
      ['prof', 'group']
    ]);
    // Another pupil of the class learns nothing of it.
    expect((await browsers.get('eleve3')!.get(people)).status).toBe(403);
  });

  it('shuts a removed member out', async () => {
    const prof = (await hub.users.getByName('prof'))!;
    const group = (await hub.groups.mine(prof))[0];
    await hub.groups.setMembers(prof, group.id, ['eleve1']);
    const after = await browsers
      .get('eleve2')!
      .get(`${groupOrigin}/user/${serverName}/api/me`);
    expect(after.status).toBe(401);
    expect(
      (
        await browsers
          .get('eleve1')!
          .get(`${groupOrigin}/user/${serverName}/api/me`)
      ).status
    ).toBe(200);
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
