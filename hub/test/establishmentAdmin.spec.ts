import SQLite from 'better-sqlite3';
import * as path from 'path';

import { IUser } from '../src/users/service';
import { FakeSpawner } from './helpers/fakeSpawner';
import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';

/**
 * Administrators of establishments and academies (issue 21, point 5), on a real hub
 * with a real SQLite file (its spawner FAKE: a user's page shows a server state, and
 * deactivating stops it). Each action allowed on the users of the caller's
 * establishments, refused with the right status and code on the others' with nothing
 * changed (roles, state, reset codes, the audit log), the rank limits, the global
 * administrators' grants and their audit, and the pages.
 *
 * The world: Voltaire and Molière (academy of Créteil), Hugo (Paris). `proviseur`
 * administers Voltaire, `recteur` the academy of Créteil. Voltaire has the class
 * « 2de V » (prof.v, eleve.v, and `chef`, an administrator) and `staff.v`, attached
 * directly; Molière has eleve.m; Hugo has eleve.h.
 */
describe('administrators of establishments and academies', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let root: ISignedIn;
  let proviseur: ISignedIn;
  let recteur: ISignedIn;
  let users: Record<string, IUser>;
  const ids = { voltaire: '', moliere: '', hugo: '' };

  /** What an action must leave alone when refused. */
  async function snapshot() {
    const db = new SQLite(path.join(hub.dataDir, 'candyce.db'), {
      readonly: true
    });
    const count = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number })
        .n;
    const state = {
      users: db
        .prepare(
          'SELECT name, deactivated_at, (SELECT group_concat(role) FROM user_roles WHERE user_id = users.id) AS roles FROM users ORDER BY name'
        )
        .all(),
      resets: count('password_resets'),
      audit: count('audit_events'),
      grants: count('administrators'),
      attached: count('establishment_users')
    };
    db.close();
    return state;
  }

  beforeAll(async () => {
    hub = await startTestHub({}, undefined, { spawner: new FakeSpawner() });
    users = await addUsers(hub, {
      root: 'admin',
      proviseur: 'teacher',
      recteur: 'inspector',
      chef: 'admin',
      'prof.v': 'teacher',
      'eleve.v': 'learner',
      'staff.v': 'teacher',
      'eleve.m': 'learner',
      'eleve.h': 'learner'
    });
    for (const [key, name, academy] of [
      ['voltaire', 'Lycée Voltaire', 'Créteil'],
      ['moliere', 'Collège Molière', 'Créteil'],
      ['hugo', 'Lycée Victor Hugo', 'Paris']
    ] as const) {
      ids[key] = (await hub.classes.createEstablishment({ name })).id;
      await hub.establishments.setAcademy(ids[key], academy);
    }
    const classes = {
      voltaire: await hub.classes.create({
        name: '2de V',
        level: '2de',
        establishmentId: ids.voltaire
      }),
      moliere: await hub.classes.create({
        name: '3e M',
        level: '3e',
        establishmentId: ids.moliere
      }),
      hugo: await hub.classes.create({
        name: '1re H',
        level: '1re',
        establishmentId: ids.hugo
      })
    };
    await hub.classes.addMember(
      classes.voltaire.id,
      users['prof.v'].id,
      'teacher'
    );
    await hub.classes.addMember(classes.voltaire.id, users.chef.id, 'teacher');
    await hub.classes.addMember(
      classes.voltaire.id,
      users['eleve.v'].id,
      'learner'
    );
    await hub.classes.addMember(
      classes.moliere.id,
      users['eleve.m'].id,
      'learner'
    );
    await hub.classes.addMember(
      classes.hugo.id,
      users['eleve.h'].id,
      'learner'
    );
    await hub.establishments.attach(users['staff.v'].id, ids.voltaire);
    root = await signIn(hub, 'root');
    const named = await root.call('POST', '/admin/administrators', {
      user: 'proviseur',
      establishmentId: ids.voltaire
    });
    expect(named.status).toBe(201);
    expect(
      (
        await root.call('POST', '/admin/administrators', {
          user: 'recteur',
          academy: 'Créteil'
        })
      ).status
    ).toBe(201);
    proviseur = await signIn(hub, 'proviseur');
    recteur = await signIn(hub, 'recteur');
  });
  afterAll(async () => {
    await hub.registry.stopAll();
    await hub.close();
  });

  const names = async (who: ISignedIn, query = '') => {
    const answer = await who.call('GET', `/admin/users${query}`);
    expect(answer.status).toBe(200);
    const page = await readJson(answer);
    return page.users.map((user: { name: string }) => user.name);
  };

  it('lists only the users of the establishments one administers, by class or attached, and pages them', async () => {
    expect(await names(proviseur)).toEqual([
      'chef',
      'eleve.v',
      'prof.v',
      'staff.v'
    ]);
    expect(await names(recteur)).toEqual([
      'chef',
      'eleve.m',
      'eleve.v',
      'prof.v',
      'staff.v'
    ]);
    expect(await names(root)).toHaveLength(9);
    const first = await readJson(
      await proviseur.call('GET', '/admin/users?limit=2')
    );
    expect(first).toMatchObject({ total: 4, next: 'eleve.v' });
    expect(await names(proviseur, '?limit=2&after=eleve.v')).toEqual([
      'prof.v',
      'staff.v'
    ]);
    expect(await names(proviseur, '?q=eleve')).toEqual(['eleve.v']);
    const establishments = await readJson(
      await recteur.call('GET', '/admin/establishments')
    );
    expect(establishments).toEqual({
      everything: false,
      establishments: [
        expect.objectContaining({
          name: 'Collège Molière',
          academy: 'Créteil'
        }),
        expect.objectContaining({ name: 'Lycée Voltaire', academy: 'Créteil' })
      ]
    });
  });

  it('gives each listed user their schools, by class or attached, and their last activity (server or session)', async () => {
    const entry = async (name: string) => {
      const page = await readJson(await root.call('GET', '/admin/users'));
      return page.users.find((user: { name: string }) => user.name === name);
    };
    expect(await entry('eleve.v')).toMatchObject({
      establishments: ['Lycée Voltaire'],
      lastActivity: null
    });
    expect((await entry('staff.v')).establishments).toEqual(['Lycée Voltaire']);
    expect((await entry('root')).establishments).toEqual([]);
    // Without a server, the last use of one's hub session: root is signed in now.
    const rootSeen = Date.parse((await entry('root')).lastActivity);
    expect(Date.now() - rootSeen).toBeLessThan(10 * 60_000);
    expect(rootSeen).toBeLessThanOrEqual(Date.now());
    await hub.registry.ensure(users['eleve.v']);
    try {
      const recorded = hub.registry
        .list()
        .find(server => server.userId === users['eleve.v'].id)!;
      const shown = new Date(recorded.lastActivityAt).toISOString();
      expect((await entry('eleve.v')).lastActivity).toBe(shown);
      expect((await entry('prof.v')).lastActivity).toBeNull();
      const detail = await readJson(
        await proviseur.call('GET', '/admin/users/eleve.v')
      );
      expect(detail).toMatchObject({ server: 'running', lastActivity: shown });
    } finally {
      await hub.registry.stop(users['eleve.v']);
    }
    expect(
      (await readJson(await proviseur.call('GET', '/admin/users/eleve.v')))
        .lastActivity
    ).toBeNull();
  });

  it('shows a user of one’s establishments with their classes and server, and refuses the others', async () => {
    const answer = await proviseur.call('GET', '/admin/users/eleve.v');
    expect(answer.status).toBe(200);
    expect(await readJson(answer)).toMatchObject({
      name: 'eleve.v',
      classes: [{ name: '2de V', membership: 'learner' }],
      establishments: [{ name: 'Lycée Voltaire' }],
      server: 'stopped'
    });
    for (const name of ['eleve.h', 'eleve.m', 'personne', 'root']) {
      const refused = await proviseur.call('GET', `/admin/users/${name}`);
      expect({ name, status: refused.status }).toEqual({ name, status: 403 });
      expect((await readJson(refused)).error.code).toBe('forbidden');
    }
  });

  it('creates, changes, resets, deactivates and reactivates the accounts of its establishments, each recorded', async () => {
    const created = await proviseur.call('POST', '/admin/users', {
      name: 'nouveau.v',
      displayName: 'Nouveau Voltaire',
      roles: ['learner'],
      establishmentId: ids.voltaire
    });
    expect(created.status).toBe(201);
    expect(await names(proviseur, '?q=nouveau')).toEqual(['nouveau.v']);
    const steps: [string, string, unknown, number][] = [
      ['PATCH', '/admin/users/nouveau.v', { roles: ['teacher'] }, 204],
      ['POST', '/admin/users/nouveau.v/password-reset', undefined, 201],
      ['PATCH', '/admin/users/nouveau.v', { active: false }, 204],
      ['PATCH', '/admin/users/nouveau.v', { active: true }, 204],
      ['PATCH', '/admin/users/eleve.v', { roles: ['learner', 'author'] }, 204]
    ];
    for (const [method, url, body, status] of steps) {
      const answer = await proviseur.call(method, url, body);
      expect({ url, body, status: answer.status }).toEqual({
        url,
        body,
        status
      });
    }
    expect((await hub.users.getByName('nouveau.v'))!.roles).toEqual([
      'teacher'
    ]);
    // The log as the proviseur reads it: the actions on their users only.
    const log = await readJson(await proviseur.call('GET', '/admin/audit'));
    expect(
      log.events.map((event: { action: string; target: string }) => [
        event.action,
        event.target
      ])
    ).toEqual([
      ['user.roles', 'eleve.v'],
      ['user.reactivate', 'nouveau.v'],
      ['user.deactivate', 'nouveau.v'],
      ['user.password_reset', 'nouveau.v'],
      ['user.roles', 'nouveau.v'],
      ['user.create', 'nouveau.v']
    ]);
    expect(log.events[5].details).toEqual({
      roles: ['learner'],
      attachedTo: ids.voltaire
    });
    // The academy's administrator reads the same; the grants made to the two
    // administrators are about accounts of no establishment, so in neither log.
    expect(
      (await readJson(await recteur.call('GET', '/admin/audit'))).events
    ).toEqual(log.events);
  });

  it('refuses every action on another establishment’s users, an unknown account and a creation elsewhere, changing nothing', async () => {
    const before = await snapshot();
    const tries: [string, string, unknown, number, string][] = [
      [
        'PATCH',
        '/admin/users/eleve.h',
        { roles: ['teacher'] },
        403,
        'forbidden'
      ],
      ['PATCH', '/admin/users/eleve.h', { active: false }, 403, 'forbidden'],
      ['PATCH', '/admin/users/eleve.m', { active: false }, 403, 'forbidden'],
      [
        'POST',
        '/admin/users/eleve.h/password-reset',
        undefined,
        403,
        'forbidden'
      ],
      ['PATCH', '/admin/users/personne', { active: false }, 403, 'forbidden'],
      [
        'POST',
        '/admin/users',
        {
          name: 'intrus',
          displayName: 'Intrus',
          roles: [],
          establishmentId: ids.hugo
        },
        403,
        'forbidden'
      ],
      [
        'POST',
        '/admin/users',
        { name: 'intrus', displayName: 'Intrus', roles: [] },
        400,
        'establishment_required'
      ],
      [
        'POST',
        '/admin/administrators',
        { user: 'eleve.v', establishmentId: ids.voltaire },
        403,
        'forbidden'
      ],
      [
        'PATCH',
        `/admin/establishments/${ids.voltaire}`,
        { academy: 'Paris' },
        403,
        'forbidden'
      ],
      ['GET', '/admin/administrators', undefined, 403, 'forbidden']
    ];
    for (const [method, url, body, status, code] of tries) {
      const answer = await proviseur.call(method, url, body);
      const error = await readJson(answer);
      expect({
        url,
        body,
        status: answer.status,
        code: error.error?.code
      }).toEqual({
        url,
        body,
        status,
        code
      });
    }
    // A learner of Voltaire administers nothing.
    const pupil = await signIn(hub, 'eleve.v');
    expect((await pupil.call('GET', '/admin/users')).status).toBe(403);
    expect((await pupil.call('GET', '/admin/audit')).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps to its rank: never an administrator’s role, never an account above its own', async () => {
    const before = await snapshot();
    const tries: [string, string, unknown, number, string][] = [
      [
        'PATCH',
        '/admin/users/eleve.v',
        { roles: ['admin'] },
        403,
        'role_above_own'
      ],
      ['PATCH', '/admin/users/chef', { active: false }, 403, 'role_above_own'],
      [
        'POST',
        '/admin/users/chef/password-reset',
        undefined,
        403,
        'role_above_own'
      ],
      [
        'POST',
        '/admin/users',
        {
          name: 'faux.admin',
          displayName: 'Faux',
          roles: ['admin'],
          establishmentId: ids.voltaire
        },
        403,
        'role_above_own'
      ],
      ['PATCH', '/admin/users/proviseur', { active: false }, 403, 'forbidden']
    ];
    for (const [method, url, body, status, code] of tries) {
      const answer = await proviseur.call(method, url, body);
      expect({
        url,
        status: answer.status,
        code: (await readJson(answer)).error?.code
      }).toEqual({ url, status, code });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lets global administrators alone grant and withdraw, with bad grants refused and every grant recorded', async () => {
    const before = await snapshot();
    const bad: [unknown, number, string][] = [
      [{ user: 'prof.v', academy: 'Atlantide' }, 404, 'unknown_academy'],
      [
        { user: 'prof.v', establishmentId: 'nulle-part' },
        404,
        'unknown_establishment'
      ],
      [{ user: 'personne', academy: 'Paris' }, 404, 'unknown_user'],
      [
        { user: 'prof.v', academy: 'Paris', establishmentId: ids.hugo },
        400,
        'invalid_request'
      ],
      [{ user: 'prof.v' }, 400, 'invalid_request'],
      [
        { user: 'proviseur', establishmentId: ids.voltaire },
        409,
        'administrator_exists'
      ]
    ];
    for (const [body, status, code] of bad) {
      const answer = await root.call('POST', '/admin/administrators', body);
      expect({
        body,
        status: answer.status,
        code: (await readJson(answer)).error?.code
      }).toEqual({ body, status, code });
    }
    expect(await snapshot()).toEqual(before);

    const granted = await readJson(
      await root.call('POST', '/admin/administrators', {
        user: 'prof.v',
        academy: 'Paris'
      })
    );
    const profV = await signIn(hub, 'prof.v');
    expect(await names(profV)).toEqual(['eleve.h']);
    expect(
      (await root.call('DELETE', `/admin/administrators/${granted.id}`)).status
    ).toBe(204);
    expect((await profV.call('GET', '/admin/users')).status).toBe(403);
    expect(
      (await root.call('DELETE', `/admin/administrators/${granted.id}`)).status
    ).toBe(404);
    const log = await readJson(
      await root.call('GET', '/admin/audit?action=administrator.revoke')
    );
    expect(log.events).toEqual([
      expect.objectContaining({
        actor: 'root',
        target: 'prof.v',
        details: { academy: 'Paris' }
      })
    ]);
  });

  it('gives an establishment’s administrator the pages of their users, with a note of their schools, and no more', async () => {
    const list = await (
      await proviseur.browser.get('/hub/admin/utilisateurs')
    ).text();
    expect(list).toContain(
      'Vous administrez les utilisateurs de l’établissement Lycée Voltaire.'
    );
    expect(list).toContain('>eleve.v</a>');
    expect(list).not.toContain('eleve.h');
    expect(list).not.toContain('href="/hub/admin"');
    const home = await (await proviseur.browser.get('/hub/home')).text();
    expect(home).toContain('href="/hub/admin/utilisateurs"');
    expect(
      (await proviseur.browser.get('/hub/admin/utilisateurs/eleve.v')).status
    ).toBe(200);
    for (const url of [
      '/hub/admin',
      '/hub/admin/administrateurs',
      '/hub/admin/utilisateurs/eleve.h'
    ]) {
      expect({
        url,
        status: (await proviseur.browser.get(url)).status
      }).toEqual({
        url,
        status: 403
      });
    }
    const before = await snapshot();
    expect(
      (await proviseur.form('/hub/admin/utilisateurs/eleve.h/desactiver'))
        .status
    ).toBe(403);
    const elsewhere = await proviseur.form('/hub/admin/nouvel-utilisateur', {
      nom: 'intrus',
      affichage: 'Intrus',
      etablissement: ids.hugo
    });
    expect(elsewhere.status).toBe(403);
    expect(await snapshot()).toEqual(before);
    const created = await proviseur.form('/hub/admin/nouvel-utilisateur', {
      nom: 'page.v',
      affichage: 'Page Voltaire',
      etablissement: ids.voltaire,
      roles: 'learner'
    });
    expect(created.status).toBe(303);
    expect(await names(proviseur, '?q=page')).toEqual(['page.v']);
    const log = await (
      await proviseur.browser.get('/hub/admin/journal')
    ).text();
    expect(log).toContain('Page Voltaire');
    expect(log).not.toContain('eleve.h');
  });

  it('groups the schools of the create form by academy', async () => {
    const form = async (who: ISignedIn) =>
      (await who.browser.get('/hub/admin/nouvel-utilisateur')).text();
    const groups = (page: string) =>
      [...page.matchAll(/<optgroup label="([^"]+)">(.*?)<\/optgroup>/gs)].map(
        ([, label, options]) => [
          label,
          [...options.matchAll(/<option value="[^"]*">([^<]+)</g)].map(
            ([, name]) => name
          )
        ]
      );
    expect(groups(await form(root))).toEqual([
      ['Académie de Créteil', ['Collège Molière', 'Lycée Voltaire']],
      ['Académie de Paris', ['Lycée Victor Hugo']]
    ]);
    expect(groups(await form(recteur))).toEqual([
      ['Académie de Créteil', ['Collège Molière', 'Lycée Voltaire']]
    ]);
  });

  it('names an administrator from the global administrators’ page, recorded', async () => {
    const page = await (
      await root.browser.get('/hub/admin/administrateurs')
    ).text();
    expect(page).toContain('Académie de Créteil (tous ses établissements)');
    const named = await root.form('/hub/admin/administrateurs', {
      utilisateur: 'staff.v',
      portee: `etablissement:${ids.voltaire}`
    });
    expect(named.status).toBe(303);
    const staff = await signIn(hub, 'staff.v');
    expect(await names(staff)).toContain('eleve.v');
    const refused = await root.form('/hub/admin/administrateurs', {
      utilisateur: 'staff.v',
      portee: 'ailleurs'
    });
    expect(refused.status).toBe(400);
    const log = await readJson(
      await root.call('GET', '/admin/audit?action=administrator.grant')
    );
    expect(log.events[0]).toMatchObject({
      actor: 'root',
      target: 'staff.v',
      details: { establishmentId: ids.voltaire }
    });
  });
});
