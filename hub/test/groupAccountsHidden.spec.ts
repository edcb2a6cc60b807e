import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';
import { FakeSpawner } from './helpers/fakeSpawner';

/**
 * Group workspace accounts are not people (issue 19, point 2): the `users` row a group's
 * server runs as (`groupe-<hex>`, no role) is in no list or count of people — the
 * platform administrator's list, search and pages, an establishment administrator's
 * list, the users service's lists and count that the dashboards and the class pages
 * read — while every real user still is. A real hub over HTTP on a SQLite file.
 */
describe('group workspace accounts in the lists of people', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  const as: Record<string, ISignedIn> = {};
  const people = [
    'eleve.a',
    'eleve.b',
    'eleve.c',
    'prof.v',
    'proviseur',
    'root'
  ];
  let account: { id: string; name: string; displayName: string };
  let lea: { id: string };

  beforeAll(async () => {
    hub = await startTestHub({}, undefined, { spawner: new FakeSpawner() });
    const users = await addUsers(
      hub,
      {
        root: 'admin',
        proviseur: 'teacher',
        'prof.v': 'teacher',
        'eleve.a': 'learner',
        'eleve.b': 'learner',
        'eleve.c': 'learner'
      },
      { 'eleve.a': 'Léa Martin', 'eleve.b': 'Hugo Bernard' }
    );
    const voltaire = await hub.classes.createEstablishment({
      name: 'Lycée Voltaire'
    });
    const klass = await hub.classes.create({
      name: '2de V',
      level: '2de',
      establishmentId: voltaire.id
    });
    await hub.classes.addMember(klass.id, users['prof.v'].id, 'teacher');
    for (const name of ['eleve.a', 'eleve.b', 'eleve.c']) {
      await hub.classes.addMember(klass.id, users[name].id, 'learner');
    }
    lea = users['eleve.a'];
    for (const name of ['root', 'prof.v']) {
      as[name] = await signIn(hub, name);
    }
    const made = await as['prof.v'].call(
      'POST',
      `/classes/${klass.id}/groups`,
      {
        name: 'Les chercheurs',
        members: ['eleve.a', 'eleve.b']
      }
    );
    expect(made.status).toBe(201);
    const group = await readJson(made);
    account = await hub.groups.account(group.id);
    expect(account.name).toMatch(/^groupe-[0-9a-f]{10}$/);
    expect(account.displayName).toBe('Les chercheurs');
    // Attached to the establishment as a person would be (an import, a future rule):
    // the establishment administrator's list must still leave it out.
    await hub.establishments.attach(account.id, voltaire.id);
    expect(
      (
        await as.root.call('POST', '/admin/administrators', {
          user: 'proviseur',
          establishmentId: voltaire.id
        })
      ).status
    ).toBe(201);
    as.proviseur = await signIn(hub, 'proviseur');
  });
  afterAll(async () => {
    await hub?.close();
  });

  const listed = async (who: string, query = '') => {
    const answer = await as[who].call('GET', `/admin/users${query}`);
    expect(answer.status).toBe(200);
    const page = await readJson(answer);
    return {
      names: page.users.map((user: { name: string }) => user.name),
      total: page.total
    };
  };

  it('leaves it out of the users service’s lists and count, keeping every person', async () => {
    // The account exists and its server still finds it by name.
    expect((await hub.users.getByName(account.name))?.id).toBe(account.id);
    expect((await hub.users.all()).map(user => user.name)).toEqual(people);
    expect(await hub.users.count()).toBe(people.length);
    const page = await hub.users.page({});
    expect(page.users.map(user => user.name)).toEqual(people);
    expect(page.total).toBe(people.length);
    for (const query of ['groupe', 'chercheurs', account.name]) {
      expect(await hub.users.page({ query })).toEqual({ users: [], total: 0 });
    }
    expect(
      (await hub.users.page({ query: 'Léa' })).users.map(user => user.name)
    ).toEqual(['eleve.a']);
  });

  it('leaves it out of the administrators’ lists and searches (API)', async () => {
    expect(await listed('root')).toEqual({
      names: people,
      total: people.length
    });
    for (const query of ['?q=groupe', '?q=chercheurs']) {
      expect(await listed('root', query)).toEqual({ names: [], total: 0 });
    }
    // The establishment's administrator: its people, not the attached group account.
    expect(await listed('proviseur')).toEqual({
      names: ['eleve.a', 'eleve.b', 'eleve.c', 'prof.v'],
      total: 4
    });
    expect(await listed('proviseur', '?q=chercheurs')).toEqual({
      names: [],
      total: 0
    });
  });

  it('leaves it out of the administration pages, which still list the people', async () => {
    for (const [who, url] of [
      ['root', '/hub/admin'],
      ['root', '/hub/admin/utilisateurs'],
      ['root', '/hub/admin/utilisateurs?q=chercheurs'],
      ['proviseur', '/hub/admin/utilisateurs']
    ]) {
      const answer = await as[who].browser.get(url);
      expect(answer.status).toBe(200);
      const page = await answer.text();
      expect(page).not.toContain(account.name);
      expect(page).not.toContain('Les chercheurs');
      if (!url.includes('?q=')) {
        expect(page).toContain('Léa Martin');
        expect(page).toContain('Hugo Bernard');
      }
    }
  });

  it('answers its address in the administration as an unknown user’s, pages and API, and changes nothing', async () => {
    const page = async (who: string, url: string) => {
      const answer = await as[who].browser.get(url);
      return { status: answer.status, text: await answer.text() };
    };
    const unknown = await page('root', '/hub/admin/utilisateurs/personne');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Aucun compte n’a ce nom d’utilisateur.');
    const group = await page('root', `/hub/admin/utilisateurs/${account.name}`);
    expect(group).toEqual(unknown);
    // The same for an establishment's administrator (its account is attached to their
    // school): an unknown user is refused as any other user not theirs.
    expect(
      await page('proviseur', `/hub/admin/utilisateurs/${account.name}`)
    ).toEqual(await page('proviseur', '/hub/admin/utilisateurs/personne'));

    // The page forms: refused as for an unknown user.
    for (const action of ['roles', 'desactiver', 'reinitialisation']) {
      const answer = await as.root.form(
        `/hub/admin/utilisateurs/${account.name}/${action}`,
        action === 'roles' ? { roles: ['teacher'] } : {}
      );
      expect(answer.status).toBe(404);
      expect(await answer.text()).toContain('Utilisateur inconnu.');
    }

    // The API: 404 `unknown_user`, as for a name nobody has.
    for (const name of [account.name, 'personne']) {
      for (const [method, url, body] of [
        ['GET', `/admin/users/${name}`],
        ['PATCH', `/admin/users/${name}`, { roles: ['teacher'] }],
        ['PATCH', `/admin/users/${name}`, { active: false }],
        ['POST', `/admin/users/${name}/password-reset`]
      ] as const) {
        const answer = await as.root.call(method, url, body);
        expect([name, method, url, answer.status]).toEqual([
          name,
          method,
          url,
          404
        ]);
        expect((await readJson(answer)).error.code).toBe('unknown_user');
      }
      // An establishment's administrator: refused as for any user not theirs.
      const scoped = await as.proviseur.call('GET', `/admin/users/${name}`);
      expect([name, scoped.status]).toEqual([name, 403]);
    }
    const after = await hub.users.getByName(account.name);
    expect(after).toMatchObject({ roles: [] });
    expect(after?.deactivatedAt).toBeUndefined();
    expect(await hub.administration.person(account.name)).toBeNull();
    // A person is still found, by the same routes.
    expect((await as.root.call('GET', '/admin/users/eleve.a')).status).toBe(
      200
    );
    expect((await page('root', '/hub/admin/utilisateurs/eleve.a')).status).toBe(
      200
    );
  });

  it('names a running group server by its workspace and class, and stops it', async () => {
    await hub.registry.ensure((await hub.users.get(account.id))!);
    await hub.registry.ensure((await hub.users.get(lea.id))!);
    const admin = await as.root.browser.get('/hub/admin');
    expect(admin.status).toBe(200);
    const text = await admin.text();
    const table = text.slice(
      text.indexOf('id="espaces"'),
      text.indexOf('</table>', text.indexOf('id="espaces"'))
    );
    const rows = [...table.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map(
      match => match[1]
    );
    expect(rows.sort()).toEqual([
      'Espace de groupe « Les chercheurs » (2de V)',
      'eleve.a'
    ]);
    expect(table).toContain(
      'aria-label="Arrêter l’espace de groupe « Les chercheurs » (2de V)"'
    );
    // The stop form still names the server by its account: administrators stop it.
    const stop = await as.root.form(`/hub/admin/servers/${account.name}/stop`);
    expect(stop.status).toBe(303);
    expect(hub.registry.list().map(server => server.userId)).toEqual([lea.id]);
    // The log names the stopped server's workspace, with no link to a user's page.
    const log = await (
      await as.root.browser.get('/hub/admin/journal?action=server.stop')
    ).text();
    expect(log).toContain('Espace de groupe « Les chercheurs » (2de V)');
    expect(log).not.toContain(`/hub/admin/utilisateurs/${account.name}`);
    // So does the workspace's creation, done to the workspace itself.
    const created = await (
      await as.root.browser.get('/hub/admin/journal?action=group.create')
    ).text();
    expect(created).toContain('Espace de groupe « Les chercheurs » (2de V)');
    expect(created).not.toContain('compte supprimé');
    await hub.registry.stop(lea);
  });
});
