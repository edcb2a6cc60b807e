import * as fs from 'fs';
import * as path from 'path';

import { FakeSpawner } from './helpers/fakeSpawner';
import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';

/**
 * Group workspaces (issue 19, point 2) in path mode, with a real hub, a real SQLite
 * file and real HTTP: who creates, changes and deletes them, what bad input changes
 * (nothing), who is told, and that path mode opens none. Entering one on its own
 * origin, with real `jupyter lab` servers: `groupsOrigins.spec.ts`.
 */
describe('group workspaces', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let a: { id: string };
  let b: { id: string };
  const as: Record<string, ISignedIn> = {};

  beforeAll(async () => {
    hub = await startTestHub({}, undefined, { spawner: new FakeSpawner() });
    const users = await addUsers(
      hub,
      {
        prof: 'teacher',
        autre: 'teacher',
        eleve1: 'learner',
        eleve2: 'learner',
        eleve3: 'learner',
        eleve4: 'learner',
        admin: 'admin'
      },
      { eleve1: 'Léa Martin', eleve2: 'Hugo Bernard' }
    );
    a = await hub.classes.create({ name: '4e A', level: '4e' });
    b = await hub.classes.create({ name: '4e B', level: '4e' });
    await hub.classes.addMember(a.id, users.prof.id, 'teacher');
    await hub.classes.addMember(b.id, users.autre.id, 'teacher');
    for (const name of ['eleve1', 'eleve2', 'eleve3']) {
      await hub.classes.addMember(a.id, users[name].id, 'learner');
    }
    await hub.classes.addMember(b.id, users.eleve4.id, 'learner');
    for (const name of Object.keys(users)) {
      as[name] = await signIn(hub, name);
    }
  });
  afterAll(() => hub?.close());

  const create = (who: string, body: unknown, classId = a.id) =>
    as[who].call('POST', `/classes/${classId}/groups`, body);
  const countOf = async () => ({
    groups: (
      await hub.groups.ofClass(a.id, (await hub.users.getByName('prof'))!)
    ).length,
    users: (await hub.users.all()).length
  });

  it('lets a teacher of the class create one; its members are told', async () => {
    const response = await create('prof', {
      name: 'Les chercheurs',
      members: ['eleve1', 'eleve2']
    });
    expect(response.status).toBe(201);
    const group = await readJson(response);
    expect(group).toMatchObject({
      classId: a.id,
      className: '4e A',
      name: 'Les chercheurs',
      manages: true,
      members: [
        { name: 'eleve2', displayName: 'Hugo Bernard' },
        { name: 'eleve1', displayName: 'Léa Martin' }
      ]
    });
    expect(group.serverName).toMatch(/^groupe-[0-9a-f]{10}$/);
    const eleve1 = (await hub.users.getByName('eleve1'))!;
    const news = await hub.events.recent(eleve1.id, 5);
    expect(news[0]).toMatchObject({
      kind: 'group.invitation',
      data: {
        groupId: group.id,
        groupName: 'Les chercheurs',
        className: '4e A',
        invitedByDisplayName: 'Compte prof'
      }
    });
    const eleve3 = (await hub.users.getByName('eleve3'))!;
    expect(
      (await hub.events.recent(eleve3.id, 5)).filter(
        event => event.kind === 'group.invitation'
      )
    ).toEqual([]);
    // Its members see it, and so does the teacher; another pupil does not.
    const mine = async (who: string) =>
      (await readJson(await as[who].call('GET', '/groups'))).groups.map(
        (shown: { id: string }) => shown.id
      );
    expect(await mine('eleve1')).toEqual([group.id]);
    expect(await mine('prof')).toEqual([group.id]);
    expect(await mine('eleve3')).toEqual([]);
    expect(await mine('autre')).toEqual([]);
  });

  it('refuses bad input with its reason, and changes nothing', async () => {
    const before = await countOf();
    const cases: [unknown, number, string][] = [
      [{ name: '   ', members: ['eleve1'] }, 400, 'invalid_group_name'],
      [
        { name: 'x'.repeat(61), members: ['eleve1'] },
        400,
        'invalid_group_name'
      ],
      [{ name: 'Vide', members: [] }, 400, 'invalid_group_members'],
      [
        { name: 'Intrus', members: ['eleve1', 'eleve4'] },
        400,
        'invalid_group_members'
      ],
      [{ name: 'Professeur', members: ['prof'] }, 400, 'invalid_group_members'],
      [
        { name: 'Les chercheurs', members: ['eleve3'] },
        409,
        'group_name_taken'
      ],
      [{ name: 'Sans membres' }, 400, 'invalid_request'],
      [
        { name: 'En trop', members: ['eleve1'], extra: 1 },
        400,
        'invalid_request'
      ]
    ];
    for (const [body, status, code] of cases) {
      const response = await create('prof', body);
      expect([response.status, (await readJson(response)).error.code]).toEqual([
        status,
        code
      ]);
    }
    const intruder = await readJson(
      await create('prof', { name: 'Intrus', members: ['eleve4'] })
    );
    expect(intruder.error.message).toBe(
      '« eleve4 » n’est pas un élève de cette classe.'
    );
    expect(await countOf()).toEqual(before);
  });

  it('lets pupils create one only where their class allows it', async () => {
    const closed = await create('eleve3', {
      name: 'Nous',
      members: ['eleve2']
    });
    expect(closed.status).toBe(403);
    expect((await readJson(closed)).error.code).toBe('group_creation_closed');
    // Other callers are refused by the right on the class.
    expect(
      (await create('autre', { name: 'X', members: ['eleve1'] })).status
    ).toBe(403);
    expect(
      (await create('eleve4', { name: 'X', members: ['eleve1'] })).status
    ).toBe(403);

    // The class page's checkbox opens it.
    const page = await as.prof.browser.get(`/hub/classes/${a.id}`);
    const body = await page.text();
    expect(body).toContain('Espaces de groupe');
    expect(body).toContain('Les chercheurs');
    const on = await as.prof.form(`/hub/classes/${a.id}/groupes/reglage`, {
      'eleves-creent': 'oui'
    });
    expect(on.status).toBe(303);
    // A pupil cannot turn it on.
    expect(
      (
        await as.eleve3.form(`/hub/classes/${a.id}/groupes/reglage`, {
          'eleves-creent': 'oui'
        })
      ).status
    ).toBe(403);
    const made = await create('eleve3', { name: 'Nous', members: ['eleve2'] });
    expect(made.status).toBe(201);
    const group = await readJson(made);
    expect(group.manages).toBe(false);
    expect(group.members.map((m: { name: string }) => m.name).sort()).toEqual([
      'eleve2',
      'eleve3'
    ]);
    // The pupil's home page offers it and lists the group.
    const home = await (await as.eleve3.browser.get('/hub/home')).text();
    expect(home).toContain('Mes espaces de groupe');
    expect(home).toContain('Créer un espace de groupe dans 4e A');
    // … but they do not manage it.
    expect(
      (
        await as.eleve3.call('PUT', `/groups/${group.id}/members`, {
          members: ['eleve3']
        })
      ).status
    ).toBe(403);
    expect((await as.eleve3.call('DELETE', `/groups/${group.id}`)).status).toBe(
      403
    );
    await as.prof.form(`/hub/classes/${a.id}/groupes/reglage`, {});
    expect(await hub.groups.learnersCreate(a.id)).toBe(false);
  });

  it('lets the class’s teachers change members and delete, keeping the files', async () => {
    const group = await readJson(
      await create('prof', { name: 'Binôme', members: ['eleve1'] })
    );
    // Not a teacher of this class: refused, nothing changed.
    expect(
      (
        await as.autre.call('PUT', `/groups/${group.id}/members`, {
          members: ['eleve2']
        })
      ).status
    ).toBe(403);
    expect((await as.autre.call('DELETE', `/groups/${group.id}`)).status).toBe(
      403
    );
    const bad = await as.prof.call('PUT', `/groups/${group.id}/members`, {
      members: ['eleve4']
    });
    expect(bad.status).toBe(400);
    const changed = await as.prof.call('PUT', `/groups/${group.id}/members`, {
      members: ['eleve1', 'eleve3']
    });
    expect(changed.status).toBe(200);
    expect(
      (await readJson(changed)).members.map((m: { name: string }) => m.name)
      // By display name: « Compte eleve3 », « Léa Martin ».
    ).toEqual(['eleve3', 'eleve1']);
    const eleve3 = (await hub.users.getByName('eleve3'))!;
    expect((await hub.events.recent(eleve3.id, 1))[0]).toMatchObject({
      kind: 'group.invitation',
      data: { groupName: 'Binôme' }
    });

    // A file written in the group's home stays once the workspace is deleted.
    const home = path.join(hub.dataDir, 'homes', group.serverName);
    fs.mkdirSync(home, { recursive: true });
    fs.writeFileSync(path.join(home, 'travail.ipynb'), '{}');
    const confirm = await as.prof.browser.get(
      `/hub/groupes/${group.id}/supprimer`
    );
    expect(await confirm.text()).toContain('Ses fichiers ne sont pas effacés');
    const removed = await as.prof.form(`/hub/groupes/${group.id}/supprimer`);
    expect(removed.status).toBe(303);
    expect(fs.readFileSync(path.join(home, 'travail.ipynb'), 'utf8')).toBe(
      '{}'
    );
    expect((await as.prof.call('DELETE', `/groups/${group.id}`)).status).toBe(
      403
    );
    const mine = (await readJson(await as.eleve1.call('GET', '/groups')))
      .groups;
    expect(mine.map((g: { id: string }) => g.id)).not.toContain(group.id);

    const events = await readJson(
      await as.admin.call('GET', '/admin/audit?limit=20')
    );
    const actions = events.events
      .filter((event: { action: string }) => event.action.startsWith('group.'))
      .map((event: { action: string; details: { members?: number } }) => [
        event.action,
        event.details.members ?? null
      ]);
    expect(actions.slice(0, 3)).toEqual([
      ['group.delete', null],
      ['group.members', 2],
      ['group.create', 1]
    ]);
  });

  it('answers the class page’s form with its errors, and creates nothing', async () => {
    const before = await countOf();
    const answer = await as.prof.form(`/hub/classes/${a.id}/groupes`, {
      'nom-groupe': '',
      membres: ['eleve1']
    });
    expect(answer.status).toBe(400);
    const page = await answer.text();
    expect(page).toContain('role="alert"');
    expect(page).toContain('Donnez au groupe un nom de 1 à 60 caractères.');
    expect(await countOf()).toEqual(before);
    const made = await as.prof.form(`/hub/classes/${a.id}/groupes`, {
      'nom-groupe': 'Trio',
      membres: ['eleve1', 'eleve2', 'eleve3']
    });
    expect(made.status).toBe(303);
    expect((await countOf()).groups).toBe(before.groups + 1);
  });

  it('opens none in path mode: a French refusal at the hub and at the proxy', async () => {
    const group = (await readJson(await as.eleve1.call('GET', '/groups')))
      .groups[0];
    const page = await as.eleve1.browser.request(
      'GET',
      `/hub/groupes/ouvrir/${group.serverName}`,
      { headers: { accept: 'text/html' } }
    );
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('CANDYCE_SERVER_ORIGINS=subdomain');
    // Nothing was started for it.
    expect(hub.registry.running(await hub.groups.account(group.id))).toBeNull();
    const proxied = await as.eleve1.browser.get(
      `/user/${group.serverName}/api/me`
    );
    expect(proxied.status).toBe(409);
    expect((await readJson(proxied)).error.code).toBe(
      'group_needs_server_origins'
    );
    // Not a member: the usual refusal, which says nothing of the mode.
    const other = await as.eleve4.browser.get(
      `/user/${group.serverName}/api/me`
    );
    expect(other.status).toBe(403);
    const refused = await as.eleve4.browser.request(
      'GET',
      `/hub/groupes/ouvrir/${group.serverName}`,
      { headers: { accept: 'text/html' } }
    );
    expect(refused.status).toBe(404);
  });
});
