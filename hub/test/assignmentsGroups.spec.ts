import * as path from 'path';

import { openDatabase } from '../src/db/connect';
import { FakeSpawner } from './helpers/fakeSpawner';
import {
  freePortIn,
  IOriginUser,
  signInOrigins
} from './helpers/serverOriginCalls';
import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';
import { notebook } from './helpers/resources';

/**
 * Assignments handed out « par groupe » (issue 19, point 2), on a real hub (servers
 * on origins of their own, as group workspaces need), a real SQLite file and real
 * HTTP: in the class chosen by group each group workspace is one learner; a member
 * fetches and hands in for her group from its workspace (one submission naming who
 * handed in; from the hub she is sent there), the teacher's table shows one row per
 * group with its members, she marks and returns once, and every member reads the
 * feedback and is told. A pupil of the class in no group is refused, another group's
 * member never sees this group's work, and bad input (a group class the assignment is
 * not handed out to) changes nothing.
 */
describe('assignments handed out to groups', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  const as: Record<string, ISignedIn> = {};
  let classId: string;
  let groupId: string;
  let groupAccount: string;
  const ids: Record<string, string> = {};
  /** The members in the group's workspace (its origin). */
  const inWorkspace: Record<string, IOriginUser> = {};

  beforeAll(async () => {
    const port = await freePortIn(8600, 8699);
    hub = await startTestHub(
      { CANDYCE_PORT: String(port), CANDYCE_SERVER_ORIGINS: 'subdomain' },
      undefined,
      { spawner: new FakeSpawner() }
    );
    const users = await addUsers(
      hub,
      {
        prof: 'teacher',
        lea: 'learner',
        hugo: 'learner',
        seul: 'learner',
        zoe: 'learner'
      },
      {
        lea: 'Léa Martin',
        hugo: 'Hugo Bernard',
        seul: 'Sam Seul',
        zoe: 'Zoé Durand'
      }
    );
    for (const name of Object.keys(users)) {
      ids[name] = users[name].id;
      as[name] = await signIn(hub, name);
    }
    classId = (await hub.classes.create({ name: '2de B', level: '2de' })).id;
    await hub.classes.addMember(classId, ids.prof, 'teacher');
    for (const name of ['lea', 'hugo', 'seul', 'zoe']) {
      await hub.classes.addMember(classId, ids[name], 'learner');
    }
    const make = async (name: string, members: string[]) =>
      readJson(
        await as.prof.call('POST', `/classes/${classId}/groups`, {
          name,
          members
        })
      );
    const group = await make('Binôme Léa et Hugo', ['lea', 'hugo']);
    groupId = group.id;
    groupAccount = group.serverName;
    await make('Zoé toute seule', ['zoe']);
    await hub.registry.ensure(await hub.groups.account(groupId));
    for (const name of ['lea', 'hugo']) {
      inWorkspace[name] = await signInOrigins(
        hub.url,
        server => `http://${server}.localhost:${port}`,
        name
      );
      expect(await inWorkspace[name].enter(groupAccount)).toBe(303);
    }
  });
  afterAll(() => hub?.close());

  const work = notebook('# Le projet', 'x = 1');
  const b64 = (bytes: Buffer) => bytes.toString('base64');
  const create = async (body: Record<string, unknown>) => {
    const response = await as.prof.call('POST', '/assignments', {
      title: 'Projet en binôme',
      classIds: [classId],
      source: {
        home: {
          path: 'cours/projet.ipynb',
          files: [{ path: 'projet.ipynb', content: b64(work) }]
        }
      },
      ...body
    });
    return { status: response.status, body: await readJson(response) };
  };
  const teaching = async () =>
    (await readJson(await as.prof.call('GET', '/assignments'))).teaching.length;

  it('refuses a group class the assignment is not handed out to, and stores nothing', async () => {
    const before = await teaching();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ groupClassIds: ['une-autre-classe'] }, 400, 'invalid_assignment'],
      [
        { classIds: [], shareCode: true, groupClassIds: [classId] },
        400,
        'invalid_assignment'
      ],
      [{ groupClassIds: 'tous' }, 400, 'invalid_request']
    ];
    for (const [body, status, code] of cases) {
      const answer = await create(body);
      expect({
        body,
        status: answer.status,
        code: answer.body.error.code
      }).toEqual({
        body,
        status,
        code
      });
    }
    expect(await teaching()).toBe(before);
  });

  it('lets one member hand in for her group, and every member read the feedback', async () => {
    const created = await create({ groupClassIds: [classId] });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const url = `/assignments/${id}`;

    // « Mes devoirs » names the group; the teacher's table has one row per group.
    const learning = async (who: string) =>
      (await readJson(await as[who].call('GET', '/assignments'))).learning.find(
        (shown: { id: string }) => shown.id === id
      );
    expect((await learning('lea')).group).toEqual({
      id: groupId,
      name: 'Binôme Léa et Hugo',
      openUrl: `/hub/groupes/ouvrir/${groupAccount}`
    });
    const rows = async () =>
      (await readJson(await as.prof.call('GET', `${url}/progress`))).rows;
    expect(
      (await rows()).map(
        (row: { learner: { displayName: string }; members: unknown }) => [
          row.learner.displayName,
          row.members
        ]
      )
    ).toEqual([
      [
        'Binôme Léa et Hugo',
        [
          { name: 'hugo', displayName: 'Hugo Bernard' },
          { name: 'lea', displayName: 'Léa Martin' }
        ]
      ],
      ['Zoé toute seule', [{ name: 'zoe', displayName: 'Zoé Durand' }]]
    ]);

    // A pupil of the class in no group may neither fetch nor hand in.
    const alone = await as.seul.call('POST', `${url}/fetch`);
    expect(alone.status).toBe(403);
    expect((await readJson(alone)).error).toMatchObject({
      code: 'not_in_group',
      message: expect.stringMatching(/aucun groupe/)
    });
    const files = [
      {
        path: 'projet.ipynb',
        content: b64(notebook('# Le projet', 'x = 2'))
      }
    ];
    const submit = (who: string, requestId: string) =>
      as[who].call('POST', `${url}/submissions`, { requestId, files });
    expect(
      (await submit('seul', '00000000-0000-4000-8000-000000000001')).status
    ).toBe(403);

    // From the hub, Léa is sent to the group's workspace: nothing is recorded.
    const fromHub = await as.lea.call('POST', `${url}/fetch`);
    expect(fromHub.status).toBe(409);
    expect((await readJson(fromHub)).error.code).toBe(
      'group_assignment_elsewhere'
    );
    expect(
      (await submit('lea', '00000000-0000-4000-8000-000000000003')).status
    ).toBe(409);
    expect((await learning('hugo')).fetchedAt).toBeNull();

    // Léa fetches for the group in its workspace: Hugo sees it fetched too.
    const api = `/hub/api/v1${url}`;
    const fetched = (
      await inWorkspace.lea.on(groupAccount, 'POST', `${api}/fetch`)
    ).json();
    expect(Buffer.from(fetched.files[0].content, 'base64')).toEqual(work);
    expect((await learning('hugo')).fetchedAt).not.toBeNull();

    // Hugo hands in there: one submission, the group's, naming him.
    const handedIn = await inWorkspace.hugo.on(
      groupAccount,
      'POST',
      `${api}/submissions`,
      { requestId: '00000000-0000-4000-8000-000000000002', files }
    );
    expect(handedIn.status).toBe(201);
    const mine = async (who: string) =>
      (await readJson(await as[who].call('GET', `${url}/submissions/mine`)))
        .submissions;
    expect(
      (await mine('lea')).map((s: { version: number }) => s.version)
    ).toEqual([1]);
    expect(await mine('zoe')).toEqual([]);
    const db = openDatabase(`sqlite:${path.join(hub.dataDir, 'candyce.db')}`);
    const submitters = await db
      .selectFrom('assignment_group_submitters')
      .innerJoin(
        'assignment_submissions',
        'assignment_submissions.id',
        'assignment_group_submitters.submission_id'
      )
      .select([
        'assignment_group_submitters.user_id',
        'assignment_submissions.user_id as learner_id'
      ])
      .where('assignment_submissions.assignment_id', '=', id)
      .execute();
    await db.destroy();
    const account = (await hub.users.getByName(groupAccount))!;
    expect(submitters).toEqual([{ user_id: ids.hugo, learner_id: account.id }]);
    expect((await rows()).map((row: { state: string }) => row.state)).toEqual([
      'submitted',
      'todo'
    ]);

    // The teacher marks and returns once, to the group.
    const feedbackUrl = `${url}/feedback/${groupAccount}`;
    const saved = await as.prof.call('PUT', feedbackUrl, {
      comment: 'Beau travail à deux.',
      grade: 16,
      maxGrade: 20,
      rubric: [],
      cells: []
    });
    expect(saved.status).toBe(200);
    expect((await as.lea.call('GET', `${url}/feedback/mine`)).status).toBe(404);
    const returned = await readJson(
      await as.prof.call('POST', `${url}/return`, { learners: [groupAccount] })
    );
    expect(returned).toEqual({ returned: [groupAccount] });

    // Both members read it and were told; Zoé's group neither.
    for (const who of ['lea', 'hugo']) {
      const feedback = await readJson(
        await as[who].call('GET', `${url}/feedback/mine`)
      );
      expect(feedback).toMatchObject({
        comment: 'Beau travail à deux.',
        grade: 16
      });
      expect((await learning(who)).state).toBe('returned');
      const news = await hub.events.recent(ids[who], 10);
      expect(news.map(event => event.kind)).toContain('assignment.returned');
    }
    expect((await as.zoe.call('GET', `${url}/feedback/mine`)).status).toBe(404);
    expect(
      (await hub.events.recent(ids.zoe, 10)).map(event => event.kind)
    ).not.toContain('assignment.returned');
    expect(groupId).toBeTruthy();
  });
});
