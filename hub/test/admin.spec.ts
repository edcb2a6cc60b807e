import { FakeSpawner } from './helpers/fakeSpawner';
import { Browser, startTestHub } from './hubHarness';

/**
 * The admin page: users, classes and running servers, admins only. The hub is real; its
 * spawner is FAKE (the page shows servers, it does not need real ones). What was tried:
 * a learner on /hub/admin, a learner stopping someone else's server through the admin
 * form, stopping a stopped server, a form without the anti-CSRF field.
 */
describe('the admin page', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  const admin = new Browser('');
  const learner = new Browser('');

  const xsrfOf = async (browser: Browser, url: string) =>
    (await (await browser.get(url)).text()).match(
      /name="_xsrf" value="([^"]+)"/
    )![1];

  beforeAll(async () => {
    hub = await startTestHub({}, undefined, { spawner: new FakeSpawner() });
    for (const browser of [admin, learner]) {
      Object.assign(browser, { baseUrl: hub.url });
    }
    await hub.users.create({
      name: 'admin',
      displayName: 'Administration',
      roles: ['admin'],
      password: 'mot-de-passe-admin'
    });
    const ada = await hub.users.create({
      name: 'ada',
      displayName: 'Ada <Lovelace>',
      roles: ['learner'],
      password: 'analytical-engine'
    });
    const marie = await hub.users.create({
      name: 'm.curie',
      displayName: 'Marie Curie',
      roles: ['teacher', 'author']
    });
    const bob = await hub.users.create({
      name: 'bob',
      displayName: 'Bob',
      roles: ['learner']
    });
    const klass = await hub.classes.create({ name: '2de B', level: '2de' });
    await hub.classes.addMember(klass.id, marie.id, 'teacher');
    await hub.classes.addMember(klass.id, ada.id, 'learner');
    await hub.classes.addMember(klass.id, bob.id, 'learner');
    await hub.classes.create({ name: 'Club', level: null });
    await hub.registry.ensure(bob);
    expect((await admin.login('admin', 'mot-de-passe-admin')).status).toBe(303);
    expect((await learner.login('ada', 'analytical-engine')).status).toBe(303);
  });
  afterAll(async () => {
    await hub.registry.stopAll();
    await hub.close();
  });

  it('lists users, classes and running servers in French tables', async () => {
    const response = await admin.get('/hub/admin');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<h1>Administration</h1>');
    expect(html).toContain('<caption>4 utilisateurs</caption>');
    expect(html).toContain('<caption>2 classes</caption>');
    expect(html).toContain('<caption>1 espace démarré</caption>');
    expect(html).toContain('<th scope="col">Dernière activité</th>');
    // Display names are escaped; roles are in French.
    expect(html).toContain('Ada &lt;Lovelace&gt;');
    expect(html).toContain('auteur·rice, enseignant·e');
    // 2de B: 2 learners, 1 teacher.
    expect(html).toMatch(
      /<th scope="row">2de B<\/th>\s*<td>2de<\/td>\s*<td>2<\/td>\s*<td>1<\/td>/
    );
    expect(html).toContain('aria-label="Arrêter l’espace de bob"');
    expect(html).not.toContain('<script');
  });

  it('shows a French 403 page to a learner, and the login page to nobody', async () => {
    const response = await learner.get('/hub/admin');
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain('Accès refusé');
    expect(html).toContain(
      'Cette page est réservée aux administrateur·rices de la plateforme.'
    );
    const anonymous = await new Browser(hub.url).get('/hub/admin');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(
      '/hub/login?next=%2Fhub%2Fadmin'
    );
  });

  it('refuses a learner who stops someone else’s server', async () => {
    const xsrf = await xsrfOf(learner, '/hub/home');
    const response = await learner.request(
      'POST',
      '/hub/admin/servers/bob/stop',
      { form: { _xsrf: xsrf } }
    );
    expect(response.status).toBe(403);
    const bob = (await hub.users.getByName('bob'))!;
    expect(hub.registry.state(bob).kind).toBe('running');
  });

  it('refuses a form without the anti-CSRF field', async () => {
    const response = await admin.request(
      'POST',
      '/hub/admin/servers/bob/stop',
      { form: { _xsrf: 'pas-le-bon' } }
    );
    expect(response.status).toBe(403);
    const bob = (await hub.users.getByName('bob'))!;
    expect(hub.registry.state(bob).kind).toBe('running');
  });

  it('stops a server from the page, then says clearly it is already stopped', async () => {
    const xsrf = await xsrfOf(admin, '/hub/admin');
    const stop = await admin.request('POST', '/hub/admin/servers/bob/stop', {
      form: { _xsrf: xsrf }
    });
    expect(stop.status).toBe(303);
    expect(stop.headers.get('location')).toBe('/hub/admin?arrete=1');
    const after = await (await admin.get('/hub/admin?arrete=1')).text();
    expect(after).toContain('Espace arrêté.');
    expect(after).toContain('Aucun espace n’est démarré.');

    const again = await admin.request('POST', '/hub/admin/servers/bob/stop', {
      form: { _xsrf: xsrf }
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain(
      'Cet espace est déjà arrêté : il n’y a rien à arrêter.'
    );

    const unknown = await admin.request(
      'POST',
      '/hub/admin/servers/personne/stop',
      { form: { _xsrf: xsrf } }
    );
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Utilisateur inconnu.');
  });
});
