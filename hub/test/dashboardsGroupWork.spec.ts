import {
  classWith,
  signInAll,
  teacherReusesResource
} from './helpers/dashboardSeed';
import {
  emitterOf,
  emitterOfAccount,
  executed,
  joined,
  opened
} from './helpers/dashboards';
import { addUsers, ISignedIn, readJson, startTestHub } from './hubHarness';

/**
 * The shared work of group workspaces and the users attached to an establishment
 * without a class, in the dashboards, over a real hub (SQLite file, HTTP): statements
 * posted through the LRS with the pupils' credentials and with the groups' accounts'
 * (the credential the hub gives a group's server).
 *
 * Lycée Pasteur: class « L1 info » (Marie; Léa, Tom, Inès), its groups « Binôme »
 * (Léa, Inès) and « Solo » (Tom, deleted after working); five staff attached to the
 * establishment without a class (s1…s5), and Marie attached too. Collège Curie: class
 * « L2 » (Paul; Zoé) and its group « Zoé ».
 */
const D1 = '2026-03-02';
const D2 = '2026-03-04';
const D3 = '2026-03-10';
const TODAY = '2026-03-11';
const at = (day: string, time = '09:00:00') => `${day}T${time}.000Z`;
const period = `from=${D1}&to=${TODAY}`;
const STAFF = ['s1', 's2', 's3', 's4', 's5'];

describe('dashboards: group workspaces’ work and users attached to an establishment', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let signed: Record<string, ISignedIn>;
  let classA: string, binome: string, pasteur: string, curie: string;

  const get = async (who: string, url: string) => {
    const response = await signed[who].call('GET', url);
    expect([url, response.status]).toEqual([url, 200]);
    return readJson(response);
  };
  const dayOf = (rows: { day: string }[], day: string) =>
    rows.find(row => row.day === day);

  beforeAll(async () => {
    hub = await startTestHub({}, undefined, {
      now: () => new Date(at(TODAY, '12:00:00'))
    });
    const users = await addUsers(hub, {
      marie: 'teacher',
      paul: 'teacher',
      insp: 'inspector',
      lea: 'learner',
      tom: 'learner',
      ines: 'learner',
      zoe: 'learner',
      ...Object.fromEntries(STAFF.map(name => [name, 'teacher']))
    });
    pasteur = (await hub.classes.createEstablishment({ name: 'Lycée Pasteur' }))
      .id;
    curie = (await hub.classes.createEstablishment({ name: 'Collège Curie' }))
      .id;
    // Adults (L1, L2): optional traces are recorded unless they say no.
    classA = (
      await classWith(
        hub,
        { name: 'L1 info', level: 'L1', establishmentId: pasteur },
        users.marie.id,
        [users.lea.id, users.tom.id, users.ines.id]
      )
    ).id;
    const classB = await classWith(
      hub,
      { name: 'L2', level: 'L2', establishmentId: curie },
      users.paul.id,
      [users.zoe.id]
    );
    for (const name of [...STAFF, 'marie']) {
      await hub.establishments.attach(users[name].id, pasteur);
    }
    signed = await signInAll(hub, Object.keys(users));
    const group = async (
      who: string,
      classId: string,
      name: string,
      members: string[]
    ) => {
      const made = await signed[who].call(
        'POST',
        `/classes/${classId}/groups`,
        {
          name,
          members
        }
      );
      expect(made.status).toBe(201);
      const id = (await readJson(made)).id as string;
      return {
        id,
        lrs: await emitterOfAccount(hub, (await hub.groups.account(id)).id)
      };
    };
    const pair = await group('marie', classA, 'Binôme', ['lea', 'ines']);
    const solo = await group('marie', classA, 'Solo', ['tom']);
    const zoe = await group('paul', classB.id, 'Zoé', ['zoe']);
    binome = pair.id;

    const send = async (
      emitter: { send: (s: Record<string, unknown>[]) => Promise<number> },
      statements: Record<string, unknown>[]
    ) => expect(await emitter.send(statements)).toBe(200);
    const own = async (name: string) => emitterOf(signed[name], hub.url);
    await send(await own('lea'), [
      executed(at(D1, '09:01:00')),
      executed(at(D1, '09:02:00'), 'ZeroDivisionError')
    ]);
    await send(await own('ines'), [executed(at(D1, '10:00:00'))]);
    await send(await own('tom'), [executed(at(D1, '11:00:00'))]);
    // The groups' shared servers, under their accounts.
    await send(pair.lrs, [
      opened(at(D1, '14:00:00')),
      executed(at(D1, '14:01:00')),
      executed(at(D1, '14:02:00')),
      executed(at(D1, '14:03:00'), 'NameError'),
      joined(at(D1, '14:04:00'), 'binome-live'),
      executed(at(D3, '15:00:00'))
    ]);
    await send(solo.lrs, [
      executed(at(D2, '08:00:00')),
      executed(at(D2, '08:01:00'))
    ]);
    await send(zoe.lrs, [executed(at(D3, '16:00:00'))]);
    expect(
      (await signed.marie.call('DELETE', `/groups/${solo.id}`)).status
    ).toBe(204);
    // The staff attached to Pasteur without a class: active, and in a collaboration.
    for (const name of STAFF) {
      await send(await own(name), [executed(at(D1)), joined(at(D1), 'staff')]);
    }
    await send(await own('marie'), [executed(at(D1))]);
    // s1 teaches mathematics and reuses a resource of the library twice.
    await teacherReusesResource(signed.s1, hub.url, executed(at(D2)));
  }, 120_000);

  afterAll(() => hub?.close());

  it('gives the chosen group’s shared work next to its members’ own figures', async () => {
    const one = await get(
      'marie',
      `/dashboards/classes/${classA}?${period}&group=${binome}`
    );
    expect(
      one.pupils.map((p: Record<string, unknown>) => [
        p.name,
        p.cellsRun,
        p.errors
      ])
    ).toEqual([
      ['ines', 1, 0],
      ['lea', 2, 1]
    ]);
    expect(one.groupWork).toEqual(
      expect.objectContaining({
        workspaces: 1,
        activeWorkspaces: 1,
        notebooksOpened: 1,
        cellsRun: 4,
        errors: 1,
        lastActivity: at(D3, '15:00:00')
      })
    );
    expect(dayOf(one.groupWork.days, D1)).toEqual({
      day: D1,
      activeWorkspaces: 1,
      cellsRun: 3
    });
    expect(dayOf(one.groupWork.days, D2)).toEqual({
      day: D2,
      activeWorkspaces: 0,
      cellsRun: 0
    });
    // The group's NameError is not one of its members' errors.
    expect(one.frequentErrors).toEqual([
      { name: 'ZeroDivisionError', count: 1 }
    ]);
    expect(dayOf(one.activity, D1)).toEqual({
      day: D1,
      activePupils: 2,
      cellsRun: 3
    });
  });

  it('gives the whole class the work in its group workspaces per day, deleted ones too, apart from the pupils’', async () => {
    const whole = await get('marie', `/dashboards/classes/${classA}?${period}`);
    expect(whole.pupils.map((p: { name: string }) => p.name)).toEqual([
      'ines',
      'lea',
      'tom'
    ]);
    expect(dayOf(whole.activity, D1)).toEqual({
      day: D1,
      activePupils: 3,
      cellsRun: 4
    });
    expect(dayOf(whole.activity, D2)).toEqual({
      day: D2,
      activePupils: 0,
      cellsRun: 0
    });
    expect(whole.groupWork).toEqual(
      expect.objectContaining({
        workspaces: 2,
        activeWorkspaces: 2,
        notebooksOpened: 1,
        cellsRun: 6,
        errors: 1
      })
    );
    expect(
      whole.groupWork.days.filter(
        (row: { activeWorkspaces: number }) => row.activeWorkspaces > 0
      )
    ).toEqual([
      { day: D1, activeWorkspaces: 1, cellsRun: 3 },
      { day: D2, activeWorkspaces: 1, cellsRun: 2 },
      { day: D3, activeWorkspaces: 1, cellsRun: 1 }
    ]);
  });

  it('counts group workspaces active per week in the programme’s collaboration, never their accounts as users', async () => {
    const figures = await get('insp', `/dashboards/programme?${period}`);
    // Sessions « staff » and « binome-live »; five people joined (not the group).
    expect(figures.collaboration).toEqual({
      sessions: 2,
      users: 5,
      groupWorkspaces: [
        { week: '2026-03-02', workspaces: 2, cellsRun: 5 },
        { week: '2026-03-09', workspaces: 2, cellsRun: 2 }
      ]
    });
    // Pasteur: Léa, Tom, Inès, Marie and the five staff attached without a class.
    expect(figures.establishments).toEqual([
      { name: 'Collège Curie', activeUsers: 0, withRealUse: false },
      { name: 'Lycée Pasteur', activeUsers: 9, withRealUse: false }
    ]);
    const learners = figures.weeklyUsers.filter(
      (row: { role: string }) => row.role === 'learner'
    );
    // Three pupils active (fewer than 5): the groups' accounts add nobody.
    expect(learners).toEqual([
      expect.objectContaining({ week: '2026-03-02', users: null })
    ]);
  });

  it('counts an establishment’s attached users once each, and its classes’ group workspaces', async () => {
    const figures = await get(
      'insp',
      `/dashboards/establishments/${pasteur}?${period}`
    );
    // Marie is both a teacher of a class and attached: one teacher, with s1…s5.
    expect(figures.weeklyTotals).toEqual([
      { week: '2026-03-02', role: 'learner', users: null },
      { week: '2026-03-02', role: 'teacher', users: 6 }
    ]);
    expect(figures.weeklyUsers).toEqual([
      {
        week: '2026-03-02',
        role: 'learner',
        level: 'L1',
        discipline: null,
        users: null
      },
      {
        week: '2026-03-02',
        role: 'teacher',
        level: null,
        discipline: null,
        users: null
      },
      {
        week: '2026-03-02',
        role: 'teacher',
        level: null,
        discipline: 'mathematiques',
        users: null
      },
      {
        week: '2026-03-02',
        role: 'teacher',
        level: 'L1',
        discipline: null,
        users: null
      }
    ]);
    expect(figures.classes).toEqual([
      { level: 'L1', classes: 1, withRealUse: 0, activeUsers: null }
    ]);
    expect(figures.collaboration).toEqual({
      sessions: 2,
      users: 5,
      groupWorkspaces: [
        { week: '2026-03-02', workspaces: 2, cellsRun: 5 },
        { week: '2026-03-09', workspaces: 1, cellsRun: 1 }
      ]
    });
    // s1 teaches there without a class: the resource they reused counts.
    expect(figures.library).toEqual([
      { discipline: 'mathematiques', level: '2de', resources: 1, reuses: 2 }
    ]);
    const small = await get(
      'insp',
      `/dashboards/establishments/${curie}?${period}`
    );
    expect(small.collaboration).toEqual({
      sessions: 0,
      users: 0,
      groupWorkspaces: [{ week: '2026-03-09', workspaces: 1, cellsRun: 1 }]
    });
  });

  it('says the groups’ optional figures are not collected once the class’s policy is « none »', async () => {
    const set = await signed.marie.call(
      'PUT',
      `/classes/${classA}/trace-policy`,
      {
        policy: 'none'
      }
    );
    expect(set.status).toBe(200);
    const whole = await get('marie', `/dashboards/classes/${classA}?${period}`);
    expect(whole.groupWork).toEqual(
      expect.objectContaining({
        workspaces: 2,
        activeWorkspaces: 2,
        notebooksOpened: null,
        cellsRun: null,
        errors: null
      })
    );
    expect(dayOf(whole.groupWork.days, D1)).toEqual({
      day: D1,
      activeWorkspaces: 1,
      cellsRun: null
    });
  });
});
