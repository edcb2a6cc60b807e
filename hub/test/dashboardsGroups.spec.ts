import { randomUUID } from 'crypto';

import { emitterOf, executed, notebookFile } from './helpers/dashboards';
import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';

/**
 * A class's dashboard limited to one of its group workspaces, over a real hub (SQLite
 * file, HTTP): statements posted by the pupils through the LRS API, hand-ins through
 * the API, groups made through the groups API. Only the group's members count; a group
 * of another class, an unknown or deleted one is refused with its code.
 */
const D1 = '2026-03-02';
const TODAY = '2026-03-05';
const at = (day: string, time = '09:00:00') => `${day}T${time}.000Z`;
const period = `from=${D1}&to=${TODAY}`;

describe('dashboards of a group workspace', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let marie: ISignedIn, paul: ISignedIn, lea: ISignedIn, admin: ISignedIn;
  let classA: string, groupA: string, groupB: string, gone: string;

  beforeAll(async () => {
    hub = await startTestHub({}, undefined, {
      now: () => new Date(at(TODAY, '12:00:00'))
    });
    const users = await addUsers(
      hub,
      {
        marie: 'teacher',
        paul: 'teacher',
        lea: 'learner',
        tom: 'learner',
        ines: 'learner',
        zoe: 'learner',
        admin: 'admin'
      },
      { lea: 'Léa Martin', tom: 'Tom Durand', ines: 'Inès Bah' }
    );
    // Adults (L1): optional traces are recorded unless they say no.
    const a = await hub.classes.create({ name: 'L1 info', level: 'L1' });
    const b = await hub.classes.create({ name: 'L1 maths', level: 'L1' });
    classA = a.id;
    await hub.classes.addMember(a.id, users.marie.id, 'teacher');
    for (const pupil of ['lea', 'tom', 'ines']) {
      await hub.classes.addMember(a.id, users[pupil].id, 'learner');
    }
    await hub.classes.addMember(b.id, users.paul.id, 'teacher');
    await hub.classes.addMember(b.id, users.zoe.id, 'learner');
    let tom: ISignedIn, ines: ISignedIn;
    [marie, paul, lea, tom, ines, admin] = await Promise.all(
      ['marie', 'paul', 'lea', 'tom', 'ines', 'admin'].map(name =>
        signIn(hub, name)
      )
    );
    const group = async (
      who: ISignedIn,
      classId: string,
      name: string,
      members: string[]
    ) => {
      const made = await who.call('POST', `/classes/${classId}/groups`, {
        name,
        members
      });
      expect(made.status).toBe(201);
      return (await readJson(made)).id as string;
    };
    groupA = await group(marie, a.id, 'Binôme Léa et Inès', ['lea', 'ines']);
    gone = await group(marie, a.id, 'Trio supprimé', ['tom']);
    expect((await marie.call('DELETE', `/groups/${gone}`)).status).toBe(204);
    groupB = await group(paul, b.id, 'Groupe de Zoé', ['zoe']);

    const [leaLrs, tomLrs, inesLrs] = await Promise.all(
      [lea, tom, ines].map(user => emitterOf(user, hub.url))
    );
    expect(
      await leaLrs.send([
        executed(at(D1, '09:01:00')),
        executed(at(D1, '09:02:00'), 'ZeroDivisionError')
      ])
    ).toBe(200);
    expect(
      await inesLrs.send([executed(at(D1, '10:00:00'), 'NameError')])
    ).toBe(200);
    expect(
      await tomLrs.send([
        executed(at(D1, '14:00:00'), 'KeyError'),
        executed(at(D1, '14:01:00'), 'KeyError'),
        executed(at(D1, '14:02:00'))
      ])
    ).toBe(200);
    const assignment = await readJson(
      await marie.call('POST', '/assignments', {
        title: 'Les divisions',
        classIds: [a.id],
        source: {
          home: {
            path: 'cours/exercice.ipynb',
            files: [notebookFile('1/0')]
          }
        }
      })
    );
    for (const who of [lea, tom]) {
      expect(
        (await who.call('POST', `/assignments/${assignment.id}/fetch`)).status
      ).toBe(200);
      const handIn = await who.call(
        'POST',
        `/assignments/${assignment.id}/submissions`,
        { requestId: randomUUID(), files: [notebookFile('print(1 / 2)')] }
      );
      expect(handIn.status).toBe(201);
    }
  }, 60_000);
  afterAll(() => hub.close());

  const get = async (who: ISignedIn, url: string) => {
    const response = await who.call('GET', url);
    return { status: response.status, body: await readJson(response) };
  };
  const dayOf = (rows: { day: string }[], day: string) =>
    rows.find(row => row.day === day);

  it('gives the figures of the group’s members only, and lists the class’s live groups', async () => {
    const whole = await get(marie, `/dashboards/classes/${classA}?${period}`);
    expect(whole.status).toBe(200);
    expect(whole.body.group).toBeNull();
    expect(whole.body.groups).toEqual([
      { id: groupA, name: 'Binôme Léa et Inès' }
    ]);
    expect(whole.body.pupils.map((p: { name: string }) => p.name)).toEqual([
      'ines',
      'lea',
      'tom'
    ]);
    expect(dayOf(whole.body.handIns, TODAY)).toEqual({ day: TODAY, count: 2 });
    expect(dayOf(whole.body.activity, D1)).toEqual({
      day: D1,
      activePupils: 3,
      cellsRun: 6
    });

    const one = await get(
      marie,
      `/dashboards/classes/${classA}?${period}&group=${groupA}`
    );
    expect(one.status).toBe(200);
    expect(one.body.group).toBe(groupA);
    expect(
      one.body.pupils.map((p: Record<string, unknown>) => [
        p.name,
        p.started,
        p.cellsRun,
        p.errors,
        p.handedIn
      ])
    ).toEqual([
      ['ines', 0, 1, 1, 0],
      ['lea', 1, 2, 1, 1]
    ]);
    expect(one.body.tracesPolicy.pupilsWithOptionalTraces).toBe(2);
    // Tom's two KeyErrors are the class's most frequent, not the group's.
    expect(one.body.frequentErrors).toEqual([
      { name: 'NameError', count: 1 },
      { name: 'ZeroDivisionError', count: 1 }
    ]);
    expect(dayOf(one.body.handIns, TODAY)).toEqual({ day: TODAY, count: 1 });
    expect(dayOf(one.body.activity, D1)).toEqual({
      day: D1,
      activePupils: 2,
      cellsRun: 3
    });
    // Administrators see it too.
    const byAdmin = await get(
      admin,
      `/dashboards/classes/${classA}?${period}&group=${groupA}`
    );
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.pupils).toEqual(one.body.pupils);
  });

  it('refuses a group of another class, a deleted or unknown one, with 400 and its code', async () => {
    for (const group of [groupB, gone, 'nope', encodeURIComponent(' ')]) {
      const answer = await get(
        marie,
        `/dashboards/classes/${classA}?${period}&group=${group}`
      );
      expect([group, answer.status, answer.body.error.code]).toEqual([
        group,
        400,
        'group_not_in_class'
      ]);
      expect(answer.body.error.message).toEqual(expect.any(String));
    }
    const empty = await get(marie, `/dashboards/classes/${classA}?group=`);
    expect([empty.status, empty.body.error.code]).toEqual([
      400,
      'invalid_request'
    ]);
  });

  it('lets only the class’s teachers and administrators see a group’s figures', async () => {
    for (const who of [paul, lea]) {
      const answer = await get(
        who,
        `/dashboards/classes/${classA}?group=${groupA}`
      );
      expect([answer.status, answer.body.error.code]).toEqual([
        403,
        'forbidden'
      ]);
    }
  });

  it('remembers the group chosen with the other choices, and refuses a group not of the class', async () => {
    const choices = {
      dashboards: {
        class: {
          period: 'month',
          classId: classA,
          groupId: groupA,
          indicators: ['pupils', 'frequentErrors']
        }
      }
    };
    const saved = await marie.call('PUT', '/me/dashboard-preferences', choices);
    expect(saved.status).toBe(200);
    const bad = [
      { period: 'week', classId: classA, groupId: groupB, indicators: [] },
      { period: 'week', classId: classA, groupId: gone, indicators: [] },
      { period: 'week', classId: classA, groupId: 'nope', indicators: [] },
      { period: 'week', groupId: groupA, indicators: [] },
      { period: 'week', classId: classA, groupId: '', indicators: [] }
    ];
    for (const choice of bad) {
      const answer = await marie.call('PUT', '/me/dashboard-preferences', {
        dashboards: { class: choice }
      });
      expect([choice.groupId, answer.status]).toEqual([choice.groupId, 400]);
      expect((await readJson(answer)).error.code).toBe(
        'invalid_dashboard_preferences'
      );
    }
    // Another class's teacher may not keep this class's group either.
    const other = await paul.call('PUT', '/me/dashboard-preferences', choices);
    expect(other.status).toBe(400);
    expect((await get(marie, '/me/dashboard-preferences')).body).toEqual(
      choices
    );
    expect((await get(paul, '/me/dashboard-preferences')).body).toEqual({
      dashboards: {}
    });
  });
});
