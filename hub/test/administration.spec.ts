import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { AuditLog } from '../src/audit';
import { SessionService } from '../src/auth/sessions';
import { migrate, openDatabase } from '../src/db/connect';
import { UserAdministration } from '../src/users/administration';
import { UserService } from '../src/users/service';
import { UserStore } from '../src/users/store';
import { FakeSpawner } from './helpers/fakeSpawner';
import {
  addUsers,
  Browser,
  ISignedIn,
  passwordOf,
  signIn,
  startTestHub,
  xsrfIn
} from './hubHarness';

/**
 * The administration of users on the hub's pages (issue 21, point 5): a real hub with a
 * real SQLite file, its spawner FAKE (a user's page shows the state of a server, and
 * deactivating stops it: neither needs a real JupyterLab). Each action, then each
 * refusal, and for every refusal that nothing changed (the users, their roles, the
 * audit log). What was tried is said in each test's name.
 */
describe('the administration of users', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let admin: ISignedIn;
  let learner: ISignedIn;

  /** The number of events of the audit log, from its page. */
  async function auditRows(): Promise<string[]> {
    const html = await (await admin.browser.get('/hub/admin/journal')).text();
    return [...html.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map(m => m[1]);
  }

  beforeAll(async () => {
    hub = await startTestHub({}, undefined, { spawner: new FakeSpawner() });
    const { ada, 'm.curie': marie } = await addUsers(
      hub,
      { admin: 'admin', ada: 'learner', 'm.curie': 'teacher', bob: 'learner' },
      { ada: 'Ada Lovelace', 'm.curie': 'Marie Curie' }
    );
    const klass = await hub.classes.create({ name: '2de B', level: '2de' });
    await hub.classes.addMember(klass.id, marie.id, 'teacher');
    await hub.classes.addMember(klass.id, ada.id, 'learner');
    admin = await signIn(hub, 'admin');
    learner = await signIn(hub, 'ada');
  });
  afterAll(async () => {
    await hub.registry.stopAll();
    await hub.close();
  });

  it('creates a user from the form, records it, and refuses bad names, taken names, unknown roles and forms without the anti-CSRF field', async () => {
    const page = await admin.browser.get('/hub/admin/nouvel-utilisateur');
    expect(page.status).toBe(200);
    const created = await admin.form('/hub/admin/nouvel-utilisateur', {
      nom: 'j.verne',
      affichage: 'Jules Verne',
      roles: ['teacher', 'author']
    });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe(
      '/hub/admin/utilisateurs/j.verne?fait=cree'
    );
    const jules = (await hub.users.getByName('j.verne'))!;
    expect(jules.roles).toEqual(['author', 'teacher']);
    // No password: it cannot be used before a reset code.
    expect(await hub.users.hasPassword(jules.id)).toBe(false);
    expect(await auditRows()).toEqual(['Compte créé']);

    const before = await hub.users.count();
    const tries: [Record<string, string | string[]>, number, string][] = [
      [
        { nom: 'Jules Verne!', affichage: 'X', roles: 'learner' },
        400,
        'Nom d’utilisateur invalide'
      ],
      [
        { nom: 'j.verne', affichage: 'Autre', roles: 'learner' },
        409,
        'Ce nom d’utilisateur est déjà pris.'
      ],
      [
        { nom: 'roi', affichage: 'Roi', roles: 'king' },
        400,
        'Rôle inconnu : king.'
      ],
      [
        { nom: 'vide', affichage: '   ', roles: 'learner' },
        400,
        'Nom affiché invalide.'
      ]
    ];
    for (const [fields, status, message] of tries) {
      const refused = await admin.form('/hub/admin/nouvel-utilisateur', fields);
      expect({ fields, status: refused.status }).toEqual({ fields, status });
      const html = await refused.text();
      expect(html).toContain(message);
      // The form comes back with what was typed.
      expect(html).toContain(`value="${String(fields.affichage).trim()}"`);
    }
    const forged = await admin.browser.request(
      'POST',
      '/hub/admin/nouvel-utilisateur',
      { form: { nom: 'pirate', affichage: 'Pirate', roles: 'admin' } }
    );
    expect(forged.status).toBe(403);
    const byLearner = await learner.form('/hub/admin/nouvel-utilisateur', {
      nom: 'pirate',
      affichage: 'Pirate',
      roles: 'admin'
    });
    expect(byLearner.status).toBe(403);
    expect(await hub.users.count()).toBe(before);
    expect(await auditRows()).toEqual(['Compte créé']);
  });

  it('shows a user’s roles, classes and server, and changes roles; refuses one’s own account, unknown roles and learners', async () => {
    const ada = (await hub.users.getByName('ada'))!;
    await hub.registry.ensure(ada);
    const page = await admin.browser.get('/hub/admin/utilisateurs/ada');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h1>Ada Lovelace</h1>');
    expect(html).toMatch(
      /<a href="\/hub\/classes\/[^"]+">2de B<\/a> \(élève\)/
    );
    expect(html).toContain('démarré depuis');
    expect(html).toContain(
      '<input type="checkbox" id="role-learner" name="roles" value="learner" checked>'
    );
    expect(html).not.toContain('<script');

    const saved = await admin.form('/hub/admin/utilisateurs/ada/roles', {
      roles: ['learner', 'author']
    });
    expect(saved.status).toBe(303);
    expect((await hub.users.getByName('ada'))!.roles).toEqual([
      'author',
      'learner'
    ]);
    // Her open sessions end: they carried her old roles.
    expect((await learner.browser.get('/hub/home')).status).toBe(303);
    learner = await signIn(hub, 'ada');

    const refusals: [
      string,
      Record<string, string | string[]>,
      number,
      string
    ][] = [
      ['admin', { roles: ['learner'] }, 409, 'votre propre compte'],
      [
        'ada',
        { roles: ['learner', 'empress'] },
        400,
        'Rôle inconnu : empress.'
      ],
      ['personne', { roles: ['learner'] }, 404, 'Utilisateur inconnu.']
    ];
    for (const [name, fields, status, message] of refusals) {
      const refused = await admin.form(
        `/hub/admin/utilisateurs/${name}/roles`,
        fields
      );
      expect({ name, status: refused.status }).toEqual({ name, status });
      expect(await refused.text()).toContain(message);
    }
    const byLearner = await learner.form('/hub/admin/utilisateurs/bob/roles', {
      roles: ['admin']
    });
    expect(byLearner.status).toBe(403);
    expect((await hub.users.getByName('ada'))!.roles).toEqual([
      'author',
      'learner'
    ]);
    expect((await hub.users.getByName('admin'))!.roles).toEqual(['admin']);
    expect((await hub.users.getByName('bob'))!.roles).toEqual(['learner']);
    expect(await auditRows()).toEqual(['Rôles modifiés', 'Compte créé']);
  });

  it('deactivates an account: its session ends, its server stops, and it cannot log in by password nor class code until reactivated', async () => {
    const klass = await hub.classes.create({ name: 'CM2 A', level: 'CM2' });
    const {
      pupils: [pupil]
    } = await hub.classCodes.createPupils(klass.id, ['Léa Martin']);
    const lea = (await hub.users.getByName(pupil.name))!;
    await hub.registry.ensure(lea);
    const codeLogin = async () => {
      const browser = new Browser(hub.url);
      const page = await browser.get(`/hub/classes/${klass.id}/login`);
      const response = await browser.request(
        'POST',
        `/hub/classes/${klass.id}/login`,
        {
          form: { _xsrf: xsrfIn(await page.text()), code: pupil.code }
        }
      );
      return { status: response.status, html: await response.text() };
    };
    expect((await codeLogin()).status).toBe(303);

    const bobBefore = await signIn(hub, 'bob');
    const done = await admin.form('/hub/admin/utilisateurs/bob/desactiver');
    expect(done.status).toBe(303);
    expect((await bobBefore.browser.get('/hub/home')).status).toBe(303);
    const password = await new Browser(hub.url).login('bob', passwordOf('bob'));
    expect(password.status).toBe(403);
    expect(await password.text()).toContain('Ce compte a été désactivé');

    expect(
      (await admin.form(`/hub/admin/utilisateurs/${lea.name}/desactiver`))
        .status
    ).toBe(303);
    expect(hub.registry.state(lea).kind).toBe('stopped');
    const refused = await codeLogin();
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('Ce compte a été désactivé');

    // Deactivating twice, or oneself: refused, nothing recorded.
    const twice = await admin.form('/hub/admin/utilisateurs/bob/desactiver');
    expect(twice.status).toBe(409);
    expect(
      (await admin.form('/hub/admin/utilisateurs/admin/desactiver')).status
    ).toBe(409);
    expect((await admin.browser.get('/hub/home')).status).toBe(200);

    const list = await (
      await admin.browser.get('/hub/admin/utilisateurs?etat=desactives')
    ).text();
    expect(
      [...list.matchAll(/<th scope="row"><a href="[^"]+">([^<]+)<\/a>/g)].map(
        m => m[1]
      )
    ).toEqual(['bob', lea.name]);

    expect(
      (await admin.form('/hub/admin/utilisateurs/bob/reactiver')).status
    ).toBe(303);
    expect(
      (await new Browser(hub.url).login('bob', passwordOf('bob'))).status
    ).toBe(303);
    expect(
      (await admin.form('/hub/admin/utilisateurs/bob/reactiver')).status
    ).toBe(409);
    expect((await auditRows()).slice(0, 3)).toEqual([
      'Compte réactivé',
      'Compte désactivé',
      'Compte désactivé'
    ]);
  });

  it('issues a reset code shown once, which sets a new password once; refuses a wrong code, a reused one and two different passwords', async () => {
    const issued = await admin.form(
      '/hub/admin/utilisateurs/m.curie/reinitialisation'
    );
    expect(issued.status).toBe(200);
    expect(issued.headers.get('cache-control')).toBe('no-store');
    const html = await issued.text();
    const code = html.match(
      /<code class="cdc-code">([a-z2-7]{24})<\/code>/
    )![1];
    expect(html).toContain(`/hub/mot-de-passe?code=${code}`);
    // Never again: not on the user's page, not in the log.
    expect(
      await (await admin.browser.get('/hub/admin/utilisateurs/m.curie')).text()
    ).not.toContain(code);
    expect(
      await (await admin.browser.get('/hub/admin/journal')).text()
    ).not.toContain(code);

    const browser = new Browser(hub.url);
    const use = async (fields: Record<string, string>) => {
      const page = await browser.get(`/hub/mot-de-passe?code=${fields.code}`);
      expect(page.status).toBe(200);
      const response = await browser.request('POST', '/hub/mot-de-passe', {
        form: { _xsrf: xsrfIn(await page.text()), ...fields }
      });
      return { status: response.status, html: await response.text() };
    };
    const mismatch = await use({
      code,
      password: 'nouveau-secret',
      confirmation: 'autre-secret'
    });
    expect(mismatch.status).toBe(400);
    const wrong = await use({
      code: 'a'.repeat(24),
      password: 'nouveau-secret',
      confirmation: 'nouveau-secret'
    });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain(
      'Ce code de réinitialisation ne fonctionne pas'
    );
    const short = await use({ code, password: 'court', confirmation: 'court' });
    expect(short.status).toBe(400);
    // None of these changed the password.
    expect(
      (await new Browser(hub.url).login('m.curie', passwordOf('m.curie')))
        .status
    ).toBe(303);

    const ok = await use({
      code,
      password: 'nouveau-secret',
      confirmation: 'nouveau-secret'
    });
    expect(ok.status).toBe(200);
    expect(ok.html).toContain(
      'Marie Curie, votre nouveau mot de passe est enregistré.'
    );
    expect(
      (await new Browser(hub.url).login('m.curie', 'nouveau-secret')).status
    ).toBe(303);
    expect(
      (await new Browser(hub.url).login('m.curie', passwordOf('m.curie')))
        .status
    ).toBe(401);
    const again = await use({
      code,
      password: 'encore-autre',
      confirmation: 'encore-autre'
    });
    expect(again.status).toBe(400);
    expect(
      (await new Browser(hub.url).login('m.curie', 'nouveau-secret')).status
    ).toBe(303);
  });

  it('lists users by pages of 50 with links to the next and previous ones, filtered by letters and role', async () => {
    for (let i = 1; i <= 120; i++) {
      await hub.users.create({
        name: `eleve${String(i).padStart(3, '0')}`,
        displayName: `Élève ${i}`,
        roles: ['learner']
      });
    }
    const rowsOf = (html: string) =>
      [
        ...html.matchAll(/<th scope="row"><a href="[^"]+">([^<]+)<\/a><\/th>/g)
      ].map(m => m[1]);
    const get = async (query: string) =>
      (await admin.browser.get(`/hub/admin/utilisateurs${query}`)).text();
    const first = await get('?q=ELEVE');
    expect(first).toContain('<caption>120 utilisateurs</caption>');
    expect(rowsOf(first)).toHaveLength(50);
    expect(rowsOf(first)[0]).toBe('eleve001');
    expect(first).toContain(
      'href="/hub/admin/utilisateurs?q=ELEVE&amp;apres=eleve050" rel="next"'
    );
    expect(first).not.toContain('rel="prev"');
    const second = await get('?q=ELEVE&apres=eleve050');
    expect(rowsOf(second)[0]).toBe('eleve051');
    expect(second).toContain('avant=eleve051" rel="prev"');
    const back = await get('?q=ELEVE&avant=eleve051');
    expect(rowsOf(back)).toEqual(rowsOf(first));
    const last = await get('?q=ELEVE&apres=eleve100');
    expect(rowsOf(last)).toHaveLength(20);
    expect(last).not.toContain('rel="next"');
    expect(rowsOf(await get('?role=teacher'))).toEqual(['j.verne', 'm.curie']);
    // A bad role or state is no filter; nothing found says so.
    expect(await get('?role=roi&q=zzz')).toContain(
      'Aucun utilisateur ne correspond à ces filtres.'
    );
  });

  it('shows the audit log by pages, filtered by action; refuses a forged page link and learners', async () => {
    const all = await (await admin.browser.get('/hub/admin/journal')).text();
    expect(all).toContain(
      '<caption>Toutes les actions, les plus récentes d’abord</caption>'
    );
    expect(all).toContain('href="/hub/admin/utilisateurs/bob">Compte bob</a>');
    expect(all).not.toContain('rel="next"');
    const roles = await (
      await admin.browser.get('/hub/admin/journal?action=user.roles')
    ).text();
    expect(
      [...roles.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map(m => m[1])
    ).toEqual(['Rôles modifiés']);
    expect(roles).toContain('élève → auteur·rice, élève');
    const forged = await admin.browser.get(
      '/hub/admin/journal?avant=pas-un-curseur'
    );
    expect(forged.status).toBe(400);
    expect((await learner.browser.get('/hub/admin/journal')).status).toBe(403);
  });
});

/**
 * The rules of the service itself, on a real SQLite file: ranks (nobody grants a role
 * above their own), codes that expire, the log's keyset pages.
 */
describe('UserAdministration', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-admin-'));
  const db = openDatabase(`sqlite:${path.join(dir, 'hub.sqlite')}`);
  let now = new Date('2026-12-07T08:00:00Z');
  const usersOn = (on: typeof db) =>
    new UserService(new UserStore(on), { maxFailures: 5, lockMinutes: 1 });
  const audit = new AuditLog(db, () => now);
  const stopped: string[] = [];
  const administration = new UserAdministration({
    db,
    usersOn,
    sessions: new SessionService(db, { idleMinutes: 60, maxHours: 8 }),
    audit,
    stopServer: async id => {
      stopped.push(id);
    },
    resetHours: 1,
    now: () => now
  });

  beforeAll(async () => {
    await migrate(db);
  });
  afterAll(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lets nobody grant a role above their own, nor act on an account above theirs', async () => {
    const users = usersOn(db);
    const boss = await users.create({
      name: 'chef',
      displayName: 'Chef',
      roles: ['admin']
    });
    const prof = await users.create({
      name: 'prof',
      displayName: 'Prof',
      roles: ['teacher']
    });
    await users.create({
      name: 'eleve',
      displayName: 'Élève',
      roles: ['learner']
    });
    // A teacher-ranked caller (a future establishment role would stand there).
    const teacherCaller = { id: prof.id, roles: prof.roles };
    await expect(
      administration.create(teacherCaller, {
        name: 'x',
        displayName: 'X',
        roles: ['admin']
      })
    ).rejects.toMatchObject({ code: 'role_above_own' });
    await expect(
      administration.setRoles(teacherCaller, 'eleve', ['admin'])
    ).rejects.toMatchObject({ code: 'role_above_own' });
    await expect(
      administration.deactivate(teacherCaller, 'chef')
    ).rejects.toMatchObject({ code: 'role_above_own' });
    await expect(
      administration.issueReset(teacherCaller, 'chef')
    ).rejects.toMatchObject({ code: 'role_above_own' });
    expect(await users.getByName('x')).toBeNull();
    expect((await users.getByName('eleve'))!.roles).toEqual(['learner']);
    expect((await audit.page()).events).toEqual([]);
    // Within their rank, it is done and recorded.
    await administration.setRoles(teacherCaller, 'eleve', [
      'learner',
      'author'
    ]);
    now = new Date(now.getTime() + 1000);
    await administration.deactivate({ id: boss.id, roles: boss.roles }, 'prof');
    expect(stopped).toEqual([prof.id]);
    expect((await audit.page()).events.map(e => e.action)).toEqual([
      'user.deactivate',
      'user.roles'
    ]);
  });

  it('makes codes that stop working after their expiry, and stores only their hash', async () => {
    const boss = (await usersOn(db).getByName('chef'))!;
    now = new Date('2026-12-07T08:00:00Z');
    const { code, expiresAt } = await administration.issueReset(boss, 'eleve');
    expect(expiresAt).toBe('2026-12-07T09:00:00.000Z');
    const stored = await db.selectFrom('password_resets').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(code);
    now = new Date('2026-12-07T09:00:01Z');
    await expect(
      administration.redeemReset(code, 'un-secret-long')
    ).rejects.toMatchObject({ code: 'invalid_reset_code' });
    now = new Date('2026-12-07T08:30:00Z');
    // A new code replaces the old one.
    const second = await administration.issueReset(boss, 'eleve');
    await expect(administration.checkReset(code)).rejects.toMatchObject({
      code: 'invalid_reset_code'
    });
    expect(
      (await administration.redeemReset(second.code, 'un-secret-long')).name
    ).toBe('eleve');
  });

  it('pages through the log newest first, by action, with cursors', async () => {
    const boss = (await usersOn(db).getByName('chef'))!;
    for (let i = 0; i < 7; i++) {
      now = new Date(now.getTime() + 1000);
      await administration.setRoles(
        boss,
        'eleve',
        i % 2 ? ['learner'] : ['learner', 'teacher']
      );
    }
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await audit.page({ action: 'user.roles', cursor, limit: 3 });
      pages.push(page.events.map(e => e.at));
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(pages.map(p => p.length)).toEqual([3, 3, 2]);
    const flat = pages.flat();
    expect([...flat].sort().reverse()).toEqual(flat);
    await expect(audit.page({ cursor: 'bad' })).rejects.toMatchObject({
      code: 'invalid_cursor'
    });
  });
});
