import * as path from 'path';

import { openDatabase } from '../src/db/connect';
import { fetched } from './helpers/dashboards';
import { FakeSpawner } from './helpers/fakeSpawner';
import { publishBody } from './helpers/resources';
import { notebook } from './helpers/resources';
import {
  freePortIn,
  IOriginUser,
  signInOrigins
} from './helpers/serverOriginCalls';
import { XapiClient } from './helpers/xapi';
import { addUsers, startTestHub } from './hubHarness';

/**
 * Hub calls from a group workspace's origin (issue 19, point 2), on a real hub in
 * subdomain mode, a real SQLite file and real HTTP (servers are records: the hub's
 * answers are what is tried). Whoever is let in acts there as the group's account:
 * a member fetches and hands in the group's assignment (the hand-in names her), reads
 * `/me` as the group with herself as visitor, sends xAPI statements under the group's
 * pseudonym; a teacher visiting has none of her rights there. From her own server a
 * member is sent to the workspace (409) and nothing is recorded; an ordinary server
 * stays its owner's alone.
 */
describe('hub calls from a group workspace’s origin', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let hubOrigin: string;
  let port: number;
  let classId: string;
  let groupId: string;
  let serverName: string;
  let accountId: string;
  let assignmentId: string;
  let elsewhereId: string;
  const ids: Record<string, string> = {};
  const as: Record<string, IOriginUser> = {};
  const work = notebook('# Le projet', 'x = 1');
  const b64 = (bytes: Buffer) => bytes.toString('base64');
  const dbRows = async (
    table: 'assignment_learners' | 'assignment_submissions'
  ) => {
    const db = openDatabase(`sqlite:${path.join(hub.dataDir, 'candyce.db')}`);
    try {
      return await db
        .selectFrom(table)
        .select('user_id')
        .where('assignment_id', '=', assignmentId)
        .execute();
    } finally {
      await db.destroy();
    }
  };

  beforeAll(async () => {
    port = await freePortIn(8600, 8699);
    hub = await startTestHub(
      { CANDYCE_PORT: String(port), CANDYCE_SERVER_ORIGINS: 'subdomain' },
      undefined,
      { spawner: new FakeSpawner() }
    );
    hubOrigin = `http://localhost:${port}`;
    const users = await addUsers(
      hub,
      {
        prof: 'teacher',
        autreprof: 'teacher',
        lea: 'learner',
        hugo: 'learner',
        aide: 'learner'
      },
      {
        prof: 'Marie Curie',
        lea: 'Léa Martin',
        hugo: 'Hugo Bernard',
        aide: 'Inès Aide'
      }
    );
    for (const [name, user] of Object.entries(users)) {
      ids[name] = user.id;
    }
    const klass = await hub.classes.create({ name: '2de B', level: '2de' });
    classId = klass.id;
    await hub.classes.addMember(classId, ids.prof, 'teacher');
    for (const name of ['lea', 'hugo', 'aide']) {
      await hub.classes.addMember(classId, ids[name], 'learner');
    }
    const other = await hub.classes.create({ name: '1re C', level: '1re' });
    await hub.classes.addMember(other.id, ids.prof, 'teacher');
    const group = await hub.groups.create(users.prof, classId, {
      name: 'Binôme Léa et Hugo',
      memberNames: ['lea', 'hugo']
    });
    groupId = group.id;
    serverName = group.serverName;
    const account = await hub.groups.account(groupId);
    accountId = account.id;
    // The servers run (as records): the group's, Léa's own and the helped pupil's.
    for (const user of [account, users.lea, users.aide]) {
      await hub.registry.ensure(user);
    }
    const serverOrigin = (name: string) => `http://${name}.localhost:${port}`;
    for (const name of Object.keys(users)) {
      as[name] = await signInOrigins(hubOrigin, serverOrigin, name);
    }
    const create = async (body: Record<string, unknown>) =>
      (
        await as.prof.hub('POST', '/assignments', {
          title: 'Projet en binôme',
          source: {
            home: {
              path: 'cours/projet.ipynb',
              files: [{ path: 'projet.ipynb', content: b64(work) }]
            }
          },
          ...body
        })
      ).json();
    assignmentId = (
      await create({ classIds: [classId], groupClassIds: [classId] })
    ).id;
    elsewhereId = (await create({ classIds: [other.id] })).id;
    for (const name of ['lea', 'hugo', 'prof']) {
      expect(await as[name].enter(serverName)).toBe(303);
    }
    expect(await as.lea.enter('lea')).toBe(303);
  }, 60_000);

  afterAll(async () => {
    await hub?.registry.stopAll();
    await hub?.close();
  });

  const url = () => `/hub/api/v1/assignments/${assignmentId}`;
  const handIn = (who: string, server: string, requestId: string) =>
    as[who].on(server, 'POST', `${url()}/submissions`, {
      requestId,
      files: [
        { path: 'projet.ipynb', content: b64(notebook('# Le projet', 'x = 2')) }
      ]
    });

  it('sends a member working from her own server or the hub to the group’s workspace, and records nothing', async () => {
    for (const server of ['lea', null]) {
      const fetch = server
        ? await as.lea.on(server, 'POST', `${url()}/fetch`)
        : await as.lea.hub('POST', `/assignments/${assignmentId}/fetch`);
      expect(fetch.status).toBe(409);
      expect(fetch.json().error).toEqual({
        code: 'group_assignment_elsewhere',
        message:
          'Ce devoir se fait dans l’espace de groupe « Binôme Léa et Hugo » : ouvrez-le pour récupérer les fichiers et rendre le travail.',
        params: ['Binôme Léa et Hugo']
      });
    }
    const submit = await as.lea.hub(
      'POST',
      `/assignments/${assignmentId}/submissions`,
      {
        requestId: '00000000-0000-4000-8000-000000000001',
        files: [{ path: 'projet.ipynb', content: b64(work) }]
      }
    );
    expect(submit.status).toBe(409);
    expect(submit.json().error.code).toBe('group_assignment_elsewhere');
    expect(await dbRows('assignment_learners')).toEqual([]);
    expect(await dbRows('assignment_submissions')).toEqual([]);
    // Reading stays allowed there; « Mes devoirs » links to the workspace.
    const mine = await as.lea.on('lea', 'GET', `${url()}/submissions/mine`);
    expect(mine.status).toBe(200);
    expect(mine.json()).toEqual({ submissions: [] });
    const learning = (await as.lea.hub('GET', '/assignments')).json().learning;
    expect(
      learning.find((item: { id: string }) => item.id === assignmentId).group
    ).toEqual({
      id: groupId,
      name: 'Binôme Léa et Hugo',
      openUrl: `/hub/groupes/ouvrir/${serverName}`
    });
  });

  it('lets a member in the workspace act as the group: /me, « Mes devoirs », fetch, hand in', async () => {
    const me = await as.lea.on(serverName, 'GET', '/hub/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.json()).toMatchObject({
      name: serverName,
      displayName: 'Binôme Léa et Hugo',
      roles: [],
      group: {
        id: groupId,
        name: 'Binôme Léa et Hugo',
        classId,
        className: '2de B'
      },
      visitor: { name: 'lea', displayName: 'Léa Martin' }
    });
    const list = (
      await as.lea.on(serverName, 'GET', '/hub/api/v1/assignments')
    ).json();
    expect(list.teaching).toEqual([]);
    expect(
      list.learning.map((item: { id: string; group: unknown }) => [
        item.id,
        item.group
      ])
    ).toEqual([
      [
        assignmentId,
        {
          id: groupId,
          name: 'Binôme Léa et Hugo',
          openUrl: `/hub/groupes/ouvrir/${serverName}`
        }
      ]
    ]);
    // Told of it in the workspace's news.
    expect(
      (await hub.events.recent(accountId, 10)).map(event => event.kind)
    ).toContain('assignment.new');

    const fetch = await as.lea.on(serverName, 'POST', `${url()}/fetch`);
    expect(fetch.status).toBe(200);
    expect(Buffer.from(fetch.json().files[0].content, 'base64')).toEqual(work);
    expect(await dbRows('assignment_learners')).toEqual([
      { user_id: accountId }
    ]);
    const original = await as.lea.on(serverName, 'GET', `${url()}/original`);
    expect(original.status).toBe(200);

    const handedIn = await handIn(
      'lea',
      serverName,
      '00000000-0000-4000-8000-000000000002'
    );
    expect(handedIn.status).toBe(201);
    const db = openDatabase(`sqlite:${path.join(hub.dataDir, 'candyce.db')}`);
    const submitters = await db
      .selectFrom('assignment_group_submitters as s')
      .innerJoin('assignment_submissions as a', 'a.id', 's.submission_id')
      .select(['s.user_id', 'a.user_id as learner_id'])
      .where('a.assignment_id', '=', assignmentId)
      .execute();
    await db.destroy();
    expect(submitters).toEqual([{ user_id: ids.lea, learner_id: accountId }]);
    // Hugo reads it from the hub; the workspace too.
    for (const mine of [
      await as.hugo.hub('GET', `/assignments/${assignmentId}/submissions/mine`),
      await as.hugo.on(serverName, 'GET', `${url()}/submissions/mine`)
    ]) {
      expect(
        mine.json().submissions.map((s: { version: number }) => s.version)
      ).toEqual([1]);
    }

    // Returned: the workspace reads the feedback and is told.
    expect(
      (
        await as.prof.hub(
          'PUT',
          `/assignments/${assignmentId}/feedback/${serverName}`,
          {
            comment: 'Beau travail à deux.',
            grade: 16,
            maxGrade: 20,
            rubric: [],
            cells: []
          }
        )
      ).status
    ).toBe(200);
    expect(
      (
        await as.prof.hub('POST', `/assignments/${assignmentId}/return`, {
          learners: [serverName]
        })
      ).json()
    ).toEqual({ returned: [serverName] });
    const feedback = await as.hugo.on(
      serverName,
      'GET',
      `${url()}/feedback/mine`
    );
    expect(feedback.json()).toMatchObject({ comment: 'Beau travail à deux.' });
    expect(
      (await as.lea.on('lea', 'GET', `${url()}/feedback/mine`)).json()
    ).toMatchObject({ grade: 16 });
    expect(
      (await hub.events.recent(accountId, 10)).map(event => event.kind)
    ).toContain('assignment.returned');

    // The share dialog: its own server only.
    const people = await as.lea.on(
      serverName,
      'GET',
      `/hub/api/v1/users/${serverName}/server/people`
    );
    expect(
      people
        .json()
        .people.map((p: { name: string }) => p.name)
        .sort()
    ).toEqual(['hugo', 'lea', 'prof']);
    const elsewhere = await as.lea.on(
      serverName,
      'GET',
      '/hub/api/v1/users/lea/server/people'
    );
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.json().error.code).toBe('server_origin_forbidden');
  });

  it('gives a teacher visiting the workspace none of her rights there, and changes nothing', async () => {
    const me = (await as.prof.on(serverName, 'GET', '/hub/api/v1/me')).json();
    expect(me).toMatchObject({
      name: serverName,
      roles: [],
      visitor: { name: 'prof', displayName: 'Marie Curie' }
    });
    const resource = (
      await as.autreprof.hub('POST', '/library/resources', publishBody())
    ).json().id as string;
    const before = {
      classes: (await as.prof.hub('GET', '/classes')).json(),
      teaching: (await as.prof.hub('GET', '/assignments')).json().teaching,
      resource: (
        await as.prof.hub('GET', `/library/resources/${resource}`)
      ).json()
    };
    const api = '/hub/api/v1';
    const calls: [string, string, unknown?][] = [
      ['GET', `${api}/classes`],
      ['POST', `${api}/classes`, { name: 'Classe pirate' }],
      [
        'POST',
        `${api}/classes/${classId}/members`,
        { name: 'autreprof', membership: 'teacher' }
      ],
      ['GET', `${api}/admin/users`],
      [
        'POST',
        `${api}/admin/users`,
        { name: 'pirate', displayName: 'Pirate', roles: ['admin'] }
      ],
      ['PUT', `${api}/library/resources/${resource}/endorsements/peer`],
      ['GET', `${api}/help-requests`],
      ['POST', `${api}/help-requests`, { path: 'x.ipynb', access: 'write' }],
      ['POST', `${api}/assignments`, { title: 'Pirate' }],
      ['PATCH', `${api}/assignments/${assignmentId}`, { title: 'Pirate' }],
      ['GET', `${api}/assignments/${assignmentId}/progress`],
      ['GET', `${api}/dashboards/me`],
      ['PUT', `${api}/me/privacy`, { optionalTraces: true }],
      ['DELETE', `${api}/me/traces`],
      ['POST', `${api}/users/lea/server/stop`]
    ];
    for (const [method, path, json] of calls) {
      const answer = await as.prof.on(serverName, method, path, json);
      expect({
        method,
        path,
        status: answer.status,
        code: answer.json().error?.code
      }).toEqual({
        method,
        path,
        status: 403,
        code: 'server_origin_forbidden'
      });
    }
    // A path let through still needs the group's own right: another class's assignment.
    const foreign = await as.prof.on(
      serverName,
      'GET',
      `${api}/assignments/${elsewhereId}`
    );
    expect(foreign.status).toBe(403);
    expect(foreign.json().error.code).toBe('forbidden');
    expect({
      classes: (await as.prof.hub('GET', '/classes')).json(),
      teaching: (await as.prof.hub('GET', '/assignments')).json().teaching,
      resource: (
        await as.prof.hub('GET', `/library/resources/${resource}`)
      ).json()
    }).toEqual(before);
    expect(await hub.users.getByName('pirate')).toBeNull();
  });

  it('sends the workspace’s statements under the group’s pseudonym, never another actor', async () => {
    const answer = await as.hugo.on(serverName, 'POST', '/hub/lrs/credential');
    expect(answer.status).toBe(201);
    const credential = answer.json();
    const groupActor = hub.lrs.clients.pseudonym(accountId);
    expect(credential.actor).toEqual(groupActor);
    // A class of lycée, nobody said yes: essential statements only.
    expect(credential.consent).toEqual({ optional: false });
    const client = new XapiClient(hub.url, credential.key, credential.secret);
    const statement = fetched(new Date().toISOString(), assignmentId);
    const sent = await client.call('POST', '/statements', {
      json: [{ actor: groupActor, ...statement }]
    });
    expect(sent.status).toBe(200);
    const reader = await XapiClient.make(hub, 'read');
    const stored = await reader.call(
      'GET',
      `/statements?statementId=${statement.id as string}`
    );
    expect(stored.json.actor).toEqual(groupActor);
    const claimed = await client.call('POST', '/statements', {
      json: [
        {
          actor: hub.lrs.clients.pseudonym(ids.hugo),
          ...fetched(new Date().toISOString(), assignmentId)
        }
      ]
    });
    expect(claimed.status).toBe(403);
    expect(claimed.json.error?.code ?? claimed.text).toMatch(/forbidden_actor/);
  });

  it('records the workspace’s optional traces only when the class and every member allow them', async () => {
    const optional = async () =>
      (await as.lea.on(serverName, 'POST', '/hub/lrs/credential')).json()
        .consent.optional;
    expect(
      (
        await as.prof.hub('PUT', `/classes/${classId}/trace-policy`, {
          policy: 'consent'
        })
      ).status
    ).toBe(200);
    await as.lea.hub('PUT', '/me/privacy', { optionalTraces: true });
    expect(await optional()).toBe(false);
    await as.hugo.hub('PUT', '/me/privacy', { optionalTraces: true });
    expect(await optional()).toBe(true);
    await as.hugo.hub('PUT', '/me/privacy', { optionalTraces: false });
    expect(await optional()).toBe(false);
    await as.hugo.hub('PUT', '/me/privacy', { optionalTraces: true });
    await as.prof.hub('PUT', `/classes/${classId}/trace-policy`, {
      policy: 'none'
    });
    expect(await optional()).toBe(false);
  });

  it('keeps an ordinary server its owner’s alone: a helping teacher acts on nothing there', async () => {
    const aide = (await hub.users.getByName('aide'))!;
    const prof = (await hub.users.getByName('prof'))!;
    const asked = await hub.help.ask(aide, {
      path: 'exo.ipynb',
      access: 'write'
    });
    await hub.help.join(prof, asked.id);
    expect(await as.prof.enter('aide')).toBe(303);
    for (const path of [
      '/hub/api/v1/me',
      '/hub/api/v1/classes',
      '/hub/api/v1/assignments'
    ]) {
      const answer = await as.prof.on('aide', 'GET', path);
      expect({
        path,
        status: answer.status,
        code: answer.json().error.code
      }).toEqual({
        path,
        status: 403,
        code: 'server_origin_forbidden'
      });
    }
    const credential = await as.prof.on('aide', 'POST', '/hub/lrs/credential');
    expect(credential.status).toBe(403);
    // Its owner still calls the hub there, as herself.
    expect(await as.aide.enter('aide')).toBe(303);
    const own = await as.aide.on('aide', 'GET', '/hub/api/v1/me');
    expect(own.json()).toMatchObject({ name: 'aide' });
    expect(own.json().visitor).toBeUndefined();
  });
});
