import { FakeSpawner } from './helpers/fakeSpawner';
import {
  addUsers,
  Browser,
  ISignedIn,
  signIn,
  startTestHub,
  xsrfIn
} from './hubHarness';

/**
 * The admin page: users, classes and running servers, admins only. The hub is real; its
 * spawner is FAKE (the page shows servers, it does not need real ones). What was tried:
 * a learner on /hub/admin, a learner stopping someone else's server through the admin
 * form, stopping a stopped server, a form without the anti-CSRF field.
 */
describe('the admin page', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let admin: ISignedIn;
  let learner: ISignedIn;

  beforeAll(async () => {
    hub = await startTestHub({}, undefined, { spawner: new FakeSpawner() });
    const {
      ada,
      'm.curie': marie,
      bob
    } = await addUsers(
      hub,
      {
        admin: 'admin',
        ada: 'learner',
        'm.curie': ['teacher', 'author'],
        bob: 'learner'
      },
      {
        admin: 'Administration',
        ada: 'Ada <Lovelace>',
        'm.curie': 'Marie Curie'
      }
    );
    const klass = await hub.classes.create({ name: '2de B', level: '2de' });
    await hub.classes.addMember(klass.id, marie.id, 'teacher');
    await hub.classes.addMember(klass.id, ada.id, 'learner');
    await hub.classes.addMember(klass.id, bob.id, 'learner');
    await hub.classes.create({ name: 'Club', level: null });
    await hub.registry.ensure(bob);
    admin = await signIn(hub, 'admin');
    learner = await signIn(hub, 'ada');
  });
  afterAll(async () => {
    await hub.registry.stopAll();
    await hub.close();
  });

  it('lists users, classes and running servers in French tables', async () => {
    const response = await admin.browser.get('/hub/admin');
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
    expect(xsrfIn(html)).toBe(admin.xsrf);
    expect(html).not.toContain('<script');
  });

  it('shows a French 403 page to a learner, and the login page to nobody', async () => {
    const response = await learner.browser.get('/hub/admin');
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
    // The learner's own home page gives them a valid anti-CSRF token.
    const home = await (await learner.browser.get('/hub/home')).text();
    expect(xsrfIn(home)).toBe(learner.xsrf);
    const response = await learner.form('/hub/admin/servers/bob/stop');
    expect(response.status).toBe(403);
    const bob = (await hub.users.getByName('bob'))!;
    expect(hub.registry.state(bob).kind).toBe('running');
  });

  it('refuses a form without the anti-CSRF field', async () => {
    const response = await admin.form('/hub/admin/servers/bob/stop', {
      _xsrf: 'pas-le-bon'
    });
    expect(response.status).toBe(403);
    const bob = (await hub.users.getByName('bob'))!;
    expect(hub.registry.state(bob).kind).toBe('running');
  });

  it('stops a server from the page, then says clearly it is already stopped', async () => {
    const stop = await admin.form('/hub/admin/servers/bob/stop');
    expect(stop.status).toBe(303);
    expect(stop.headers.get('location')).toBe('/hub/admin?arrete=1');
    const after = await (await admin.browser.get('/hub/admin?arrete=1')).text();
    expect(after).toContain('Espace arrêté.');
    expect(after).toContain('Aucun espace n’est démarré.');

    const again = await admin.form('/hub/admin/servers/bob/stop');
    expect(again.status).toBe(409);
    expect(await again.text()).toContain(
      'Cet espace est déjà arrêté : il n’y a rien à arrêter.'
    );

    const unknown = await admin.form('/hub/admin/servers/personne/stop');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Utilisateur inconnu.');
  });
});
