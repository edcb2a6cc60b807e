import { randomUUID } from 'crypto';

import {
  askedHelp,
  emitterOf,
  executed,
  fetched,
  IEmitter,
  notebookFile,
  opened,
  voiding
} from './helpers/dashboards';
import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';

/**
 * The dashboards over a real hub (SQLite file, HTTP): every figure comes from
 * statements posted through the LRS API with the pupils' own credentials, and from
 * assignments fetched and handed in through the API. Rights, bad queries, choices.
 */
const D0 = '2026-02-20';
const D1 = '2026-03-02';
const D2 = '2026-03-04';
const TODAY = '2026-03-05';
const at = (day: string, time = '09:00:00') => `${day}T${time}.000Z`;

describe('dashboards', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let marie: ISignedIn, paul: ISignedIn, lea: ISignedIn, tom: ISignedIn;
  let admin: ISignedIn;
  let leaLrs: IEmitter, tomLrs: IEmitter;
  let classA: string, classB: string, assignmentA: string, assignmentB: string;
  const period = `from=${D1}&to=${TODAY}`;

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
        zoe: 'learner',
        admin: 'admin'
      },
      { lea: 'Léa Martin', tom: 'Tom Durand' }
    );
    // Adults (L1): optional traces are recorded unless they say no.
    const a = await hub.classes.create({ name: 'L1 info', level: 'L1' });
    const b = await hub.classes.create({ name: '4e B', level: '4e' });
    [classA, classB] = [a.id, b.id];
    await hub.classes.addMember(a.id, users.marie.id, 'teacher');
    await hub.classes.addMember(a.id, users.lea.id, 'learner');
    await hub.classes.addMember(a.id, users.tom.id, 'learner');
    await hub.classes.addMember(b.id, users.paul.id, 'teacher');
    await hub.classes.addMember(b.id, users.zoe.id, 'learner');
    [marie, paul, lea, tom, admin] = await Promise.all(
      ['marie', 'paul', 'lea', 'tom', 'admin'].map(name => signIn(hub, name))
    );
    [leaLrs, tomLrs] = await Promise.all(
      [lea, tom].map(user => emitterOf(user, hub.url))
    );
    const create = async (who: ISignedIn, classId: string, title: string) =>
      (
        await readJson(
          await who.call('POST', '/assignments', {
            title,
            classIds: [classId],
            source: {
              home: {
                path: 'cours/exercice.ipynb',
                files: [notebookFile('1/0')]
              }
            }
          })
        )
      ).id as string;
    assignmentA = await create(marie, classA, 'Les divisions');
    assignmentB = await create(paul, classB, 'Les fractions');

    // Léa: a notebook, three cells (one error) and help on D1, two cells (one
    // error) on D2; a cell outside the period; a cell she runs then voids.
    const voided = executed(at(D2, '10:00:00'), 'KeyError');
    expect(
      await leaLrs.send([
        opened(at(D1)),
        executed(at(D1, '09:01:00')),
        executed(at(D1, '09:02:00'), 'ZeroDivisionError'),
        executed(at(D1, '09:03:00')),
        askedHelp(at(D1, '09:04:00')),
        executed(at(D2, '08:00:00')),
        executed(at(D2, '08:30:00'), 'NameError'),
        executed(at(D0), 'TypeError'),
        voided,
        fetched(at(D1, '08:59:00'), assignmentA)
      ])
    ).toBe(200);
    expect(await leaLrs.send([voiding(voided.id as string)])).toBe(200);
    expect(
      await tomLrs.send([executed(at(D1, '14:00:00'), 'ZeroDivisionError')])
    ).toBe(200);
    for (const who of [lea, tom]) {
      expect(
        (await who.call('POST', `/assignments/${assignmentA}/fetch`)).status
      ).toBe(200);
    }
    const handIn = await lea.call(
      'POST',
      `/assignments/${assignmentA}/submissions`,
      { requestId: randomUUID(), files: [notebookFile('print(1 / 2)')] }
    );
    expect(handIn.status).toBe(201);
  }, 60_000);
  afterAll(() => hub.close());

  const get = async (who: ISignedIn, url: string) => {
    const response = await who.call('GET', url);
    return { status: response.status, body: await readJson(response) };
  };
  const dayOf = (
    rows: { day: string }[],
    day: string
  ): Record<string, unknown> | undefined => rows.find(row => row.day === day);

  it('gives a class’s teacher who started, cells run, errors, hand-ins and help, from the pupils’ statements', async () => {
    const { status, body } = await get(
      marie,
      `/dashboards/classes/${classA}?${period}`
    );
    expect(status).toBe(200);
    expect(body.class).toEqual({ id: classA, name: 'L1 info', level: 'L1' });
    expect(body.tracesPolicy).toEqual({
      policy: 'consent',
      isDefault: true,
      pupilsWithOptionalTraces: 2,
      missing: []
    });
    expect(body.assignments).toEqual([
      { id: assignmentA, title: 'Les divisions', dueAt: null }
    ]);
    expect(body.pupils).toEqual([
      {
        name: 'lea',
        displayName: 'Léa Martin',
        started: 1,
        cellsRun: 5,
        errors: 2,
        handedIn: 1,
        helpAsked: 1,
        // Live help requests are the hub's own records (help.spec.ts counts them).
        helpRequests: 0,
        lastActivity: at(D2, '08:30:00')
      },
      {
        name: 'tom',
        displayName: 'Tom Durand',
        started: 1,
        cellsRun: 1,
        errors: 1,
        handedIn: 0,
        helpAsked: 0,
        helpRequests: 0,
        lastActivity: at(D1, '14:00:00')
      }
    ]);
    // The voided KeyError and the TypeError before the period are not counted.
    expect(body.frequentErrors).toEqual([
      { name: 'ZeroDivisionError', count: 2 },
      { name: 'NameError', count: 1 }
    ]);
    expect(body.activity).toHaveLength(4);
    expect(dayOf(body.activity, D1)).toEqual({
      day: D1,
      activePupils: 2,
      cellsRun: 4
    });
    expect(dayOf(body.activity, D2)).toEqual({
      day: D2,
      activePupils: 1,
      cellsRun: 2
    });
    expect(dayOf(body.handIns, TODAY)).toEqual({ day: TODAY, count: 1 });
    expect(dayOf(body.handIns, D1)).toEqual({ day: D1, count: 0 });

    // One assignment: the same learners; another class's: refused.
    const one = await get(
      marie,
      `/dashboards/classes/${classA}?${period}&assignment=${assignmentA}`
    );
    expect(one.body.assignment).toBe(assignmentA);
    expect(
      one.body.pupils.map((p: { handedIn: number }) => p.handedIn)
    ).toEqual([1, 0]);
    const other = await get(
      marie,
      `/dashboards/classes/${classA}?${period}&assignment=${assignmentB}`
    );
    expect(other.status).toBe(400);
    expect(other.body.error.code).toBe('assignment_not_in_class');
  });

  it('shows as missing, never as zero, what optional traces would say when they are not collected', async () => {
    // Tom says no: his figures are not collected any more.
    expect(
      (await tom.call('PUT', '/me/privacy', { optionalTraces: false })).status
    ).toBe(200);
    let { body } = await get(marie, `/dashboards/classes/${classA}?${period}`);
    expect(body.tracesPolicy.pupilsWithOptionalTraces).toBe(1);
    expect(body.pupils[1]).toMatchObject({
      name: 'tom',
      cellsRun: null,
      errors: null,
      helpAsked: null,
      started: 1
    });
    expect(body.frequentErrors).toEqual([
      { name: 'NameError', count: 1 },
      { name: 'ZeroDivisionError', count: 1 }
    ]);
    expect(dayOf(body.activity, D1)).toEqual({
      day: D1,
      activePupils: 2,
      cellsRun: 3
    });
    // The teacher chooses « no optional trace » for the class: every such figure goes.
    expect(
      (
        await marie.call('PUT', `/classes/${classA}/trace-policy`, {
          policy: 'none'
        })
      ).status
    ).toBe(200);
    ({ body } = await get(marie, `/dashboards/classes/${classA}?${period}`));
    expect(body.tracesPolicy).toEqual({
      policy: 'none',
      isDefault: false,
      pupilsWithOptionalTraces: 0,
      missing: [
        'cellsRun',
        'errors',
        'helpAsked',
        'frequentErrors',
        'activity.cellsRun'
      ]
    });
    expect(body.pupils.map((p: { cellsRun: unknown }) => p.cellsRun)).toEqual([
      null,
      null
    ]);
    expect(body.frequentErrors).toEqual([]);
    expect(dayOf(body.activity, D1)).toEqual({
      day: D1,
      activePupils: 2,
      cellsRun: null
    });
    expect(body.pupils[0]).toMatchObject({ started: 1, handedIn: 1 });
    await marie.call('PUT', `/classes/${classA}/trace-policy`, {
      policy: 'consent'
    });
    await tom.call('PUT', '/me/privacy', { optionalTraces: true });
  });

  it('gives a pupil their own days and assignments, and nobody else’s', async () => {
    const mine = await get(lea, `/dashboards/me?${period}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      from: D1,
      to: TODAY,
      optionalTraces: true
    });
    expect(mine.body.activity.map((row: { day: string }) => row.day)).toEqual([
      D1,
      '2026-03-03',
      D2,
      TODAY
    ]);
    expect(dayOf(mine.body.activity, D1)).toEqual({
      day: D1,
      notebooksOpened: 1,
      cellsRun: 3,
      errors: 1
    });
    expect(dayOf(mine.body.activity, D2)).toEqual({
      day: D2,
      notebooksOpened: 0,
      cellsRun: 2,
      errors: 1
    });
    expect(mine.body.assignments).toEqual([
      expect.objectContaining({
        id: assignmentA,
        title: 'Les divisions',
        className: 'L1 info',
        state: 'handed-in',
        returnedAt: null,
        grade: null,
        hasFeedback: false
      })
    ]);
    expect(mine.body.assignments[0].handedInAt).toMatch(/^2026-03-05T12:00:00/);

    const toms = await get(tom, `/dashboards/me?${period}`);
    expect(dayOf(toms.body.activity, D1)).toEqual({
      day: D1,
      notebooksOpened: 0,
      cellsRun: 1,
      errors: 1
    });
    expect(dayOf(toms.body.activity, D2)).toMatchObject({ cellsRun: 0 });
    expect(toms.body.assignments[0]).toMatchObject({ state: 'started' });

    // Marked and returned: the grade and the feedback appear.
    expect(
      (
        await marie.call('PUT', `/assignments/${assignmentA}/feedback/lea`, {
          comment: 'Attention à la division par zéro.',
          grade: 14,
          maxGrade: 20,
          rubric: [],
          cells: []
        })
      ).status
    ).toBe(200);
    await marie.call('POST', `/assignments/${assignmentA}/return`, {
      learners: ['lea']
    });
    const returned = await get(lea, `/dashboards/me?${period}`);
    expect(returned.body.assignments[0]).toMatchObject({
      state: 'returned',
      grade: 14,
      maxGrade: 20,
      hasFeedback: true
    });

    // Without consent: not collected, not zero.
    await tom.call('PUT', '/me/privacy', { optionalTraces: false });
    const refused = await get(tom, `/dashboards/me?${period}`);
    expect(refused.body.optionalTraces).toBe(false);
    expect(dayOf(refused.body.activity, D1)).toEqual({
      day: D1,
      notebooksOpened: null,
      cellsRun: null,
      errors: null
    });
    await tom.call('PUT', '/me/privacy', { optionalTraces: true });
  });

  it('lets only the class’s teachers and administrators see a class’s dashboard', async () => {
    expect((await get(paul, `/dashboards/classes/${classA}`)).status).toBe(403);
    const pupil = await get(lea, `/dashboards/classes/${classA}`);
    expect(pupil.status).toBe(403);
    expect(pupil.body.error.code).toBe('forbidden');
    expect(
      (await get(admin, `/dashboards/classes/${classA}?${period}`)).status
    ).toBe(200);
    expect((await get(paul, `/dashboards/classes/${classB}`)).status).toBe(200);
    expect((await get(marie, '/dashboards/programme')).status).toBe(403);
    expect((await get(lea, '/dashboards/programme')).status).toBe(403);
  });

  it('refuses a bad period or parameter with 400 and its code', async () => {
    const cases: [string, string][] = [
      ['from=2026-02-30&to=2026-03-05', 'invalid_period'],
      ['from=2026-03-05&to=2026-03-01', 'invalid_period'],
      ['from=2025-01-01&to=2026-03-05', 'invalid_period'],
      ['from=5%20mars', 'invalid_period'],
      ['from=2026-03-01&from=2026-03-02', 'invalid_request'],
      ['period=week', 'invalid_request']
    ];
    for (const [query, code] of cases) {
      for (const url of [
        `/dashboards/me?${query}`,
        `/dashboards/classes/${classA}?${query}`,
        `/dashboards/programme?${query}`
      ]) {
        const answer = await get(admin, url);
        expect([url, answer.status, answer.body.error?.code]).toEqual([
          url,
          400,
          code
        ]);
        expect(answer.body.error.message).toEqual(expect.any(String));
      }
    }
    const byDefault = await get(lea, '/dashboards/me');
    expect(byDefault.body).toMatchObject({ from: '2026-02-04', to: TODAY });
    expect(byDefault.body.activity).toHaveLength(30);
  });

  it('puts the class’s trace policy and a link to its dashboard on the hub’s class page', async () => {
    const url = `/hub/classes/${classA}`;
    const page = await (await marie.browser.get(url)).text();
    const lab = `/user/marie/lab?candyce-dashboard=class:${classA}`;
    expect(page).toContain(`href="/hub/spawn?next=${encodeURIComponent(lab)}"`);
    expect(page).toContain('Tableau de bord de la classe');
    expect(page).toMatch(
      /<input type="radio" id="traces-consent" name="traces" value="consent"[^>]* checked>/
    );
    const policy = async () =>
      (
        await readJson(
          await marie.call('GET', `/classes/${classA}/trace-policy`)
        )
      ).policy;
    // A bad value: 400, said beside the choice, nothing changed.
    const bad = await marie.form(`${url}/trace-policy`, { traces: 'tout' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Choisissez ce qui est enregistré');
    expect(await policy()).toBe('consent');
    // A pupil, a teacher of another class: refused, nothing changed.
    for (const who of [lea, paul]) {
      expect(
        (await who.form(`${url}/trace-policy`, { traces: 'none' })).status
      ).toBe(403);
    }
    expect(await policy()).toBe('consent');
    const saved = await marie.form(`${url}/trace-policy`, { traces: 'none' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${url}?ok=traces`);
    expect(await policy()).toBe('none');
    const after = await (await marie.browser.get(`${url}?ok=traces`)).text();
    expect(after).toMatch(/value="none"[^>]* checked>/);
    // A teacher of another class sees no link to this one's dashboard.
    expect(await (await paul.browser.get(url)).text()).not.toContain(
      'candyce-dashboard'
    );
    await marie.form(`${url}/trace-policy`, { traces: 'consent' });
  });

  it('remembers each user’s dashboard choices, and refuses bad ones changing nothing', async () => {
    expect((await get(marie, '/me/dashboard-preferences')).body).toEqual({
      dashboards: {}
    });
    const choices = {
      dashboards: {
        me: { period: 'month', indicators: ['activity', 'assignments'] },
        class: {
          period: 'term',
          classId: classA,
          indicators: ['pupils', 'handIns']
        }
      }
    };
    const saved = await marie.call('PUT', '/me/dashboard-preferences', choices);
    expect(saved.status).toBe(200);
    expect(await readJson(saved)).toEqual(choices);
    expect((await get(marie, '/me/dashboard-preferences')).body).toEqual(
      choices
    );
    const bad: unknown[] = [
      { dashboards: { me: { period: 'day', indicators: [] } } },
      { dashboards: { me: { period: 'week', indicators: ['pupils'] } } },
      {
        dashboards: {
          me: { period: 'week', indicators: ['activity', 'activity'] }
        }
      },
      {
        dashboards: { me: { period: 'week', classId: classA, indicators: [] } }
      },
      {
        dashboards: {
          class: { period: 'week', classId: classB, indicators: [] }
        }
      },
      {
        dashboards: {
          class: { period: 'week', classId: 'nope', indicators: [] }
        }
      },
      { dashboards: { tableau: { period: 'week', indicators: [] } } },
      { dashboards: [] },
      {}
    ];
    for (const body of bad) {
      const answer = await marie.call('PUT', '/me/dashboard-preferences', body);
      expect([JSON.stringify(body), answer.status]).toEqual([
        JSON.stringify(body),
        400
      ]);
      expect((await readJson(answer)).error.code).toBe(
        'invalid_dashboard_preferences'
      );
    }
    const notJson = await marie.raw('PUT', '/me/dashboard-preferences', '{');
    expect(notJson.status).toBe(400);
    expect((await get(marie, '/me/dashboard-preferences')).body).toEqual(
      choices
    );
    // Each user's own.
    expect((await get(lea, '/me/dashboard-preferences')).body).toEqual({
      dashboards: {}
    });
  });
});
