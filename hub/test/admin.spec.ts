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

  it('finds users by a few letters, accents and case aside, and shows long lists by pages', async () => {
    for (let i = 1; i <= 120; i++) {
      await hub.users.create({
        name: `eleve-${String(i).padStart(3, '0')}`,
        displayName: `Élève ${i}`,
        roles: ['learner']
      });
    }
    const html = async (query: string) => {
      const response = await admin.browser.get(`/hub/admin${query}`);
      expect(response.status).toBe(200);
      return response.text();
    };
    const rowsOf = (page: string) =>
      [
        ...page
          .split('<h2 id="utilisateurs">')[1]
          .split('<h2 id="classes">')[0]
          .matchAll(/<tr>\n<th scope="row"><a href="[^"]+">([^<]+)<\/a><\/th>/g)
      ].map(match => match[1]);

    const first = await html('');
    expect(first).toContain(
      '<caption>124 utilisateurs, page 1 sur 3</caption>'
    );
    expect(rowsOf(first)).toHaveLength(50);
    expect(rowsOf(first)[0]).toBe('ada');
    expect(first).toContain(
      '<a href="/hub/admin?page=2#utilisateurs" rel="next">Page suivante</a>'
    );
    expect(first).not.toContain('Page précédente');
    expect(first).toContain(
      'role="search" aria-label="Rechercher des utilisateurs"'
    );

    const last = await html('?page=3');
    expect(last).toContain('page 3 sur 3</caption>');
    const tail = Array.from(
      { length: 23 },
      (_, i) => `eleve-${String(98 + i).padStart(3, '0')}`
    );
    expect(rowsOf(last)).toEqual([...tail, 'm.curie']);
    expect(last).toContain('rel="prev">Page précédente</a>');
    expect(last).not.toContain('Page suivante');
    // Past the end: the last page; not a page number: the first.
    expect(await html('?page=99')).toContain('page 3 sur 3</caption>');
    for (const bad of ['abc', '-1', '0', '1.5', '1e3']) {
      expect(await html(`?page=${bad}`)).toContain('page 1 sur 3</caption>');
    }

    // Accents and case aside, in display names and identifiers.
    const love = await html('?utilisateur=LOVE');
    expect(love).toContain('<caption>1 utilisateur pour « LOVE »</caption>');
    expect(rowsOf(love)).toEqual(['ada']);
    const pupils = await html('?utilisateur=%C3%A9l%C3%A8ve&page=2');
    expect(pupils).toContain(
      '<caption>120 utilisateurs pour « élève », page 2 sur 3</caption>'
    );
    expect(pupils).toContain(
      'href="/hub/admin?utilisateur=%C3%A9l%C3%A8ve&amp;page=3#utilisateurs" rel="next"'
    );
    expect(pupils).toContain('value="élève"');
    // `%` and `_` are letters to find, not wildcards.
    for (const literal of ['%25', '_']) {
      expect(await html(`?utilisateur=${literal}`)).toContain(
        `Aucun utilisateur ne correspond à « ${decodeURIComponent(literal)} ».`
      );
    }
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
