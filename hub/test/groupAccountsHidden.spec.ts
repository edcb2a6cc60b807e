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
});
