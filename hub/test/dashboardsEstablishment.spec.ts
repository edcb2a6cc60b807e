import { randomUUID } from 'crypto';
import { Kysely } from 'kysely';

import { databaseUrl, loadConfig } from '../src/config/load';
import { openDatabase } from '../src/db/connect';
import { IDatabase } from '../src/db/schema';
import {
  classWith,
  signInAll,
  teacherReusesResource
} from './helpers/dashboardSeed';
import { emitterOf, executed, joined } from './helpers/dashboards';
import { findPostgres, ITestPostgres, startPostgres } from './helpers/postgres';
import { addUsers, ISignedIn, readJson, startTestHub } from './hubHarness';

/**
 * An establishment's dashboard over a real hub (SQLite file, HTTP, statements posted
 * through the LRS with the pupils' own credentials): an establishment's administrator
 * sees the figures of theirs and of no other, an academy's administrator those of its
 * establishments, administrators and inspectors every one, anyone else gets 403;
 * counts of fewer than 5 people are hidden, and no name is ever answered.
 *
 * Pasteur (academy Créteil): class « L1 maths Dupont » with 6 pupils and Marie, all
 * active on 3 days; Curie (Lyon): 2 pupils, active. Hugo (Créteil): nobody. On SQLite
 * and on PostgreSQL.
 */
const found = findPostgres();
const describeWithPostgres = found ? describe : describe.skip;
const D1 = '2026-03-02';
const D2 = '2026-03-04';
const D3 = '2026-03-10';
const TODAY = '2026-03-11';
const at = (day: string) => `${day}T09:00:00.000Z`;
const PASTEUR_PUPILS = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
const CURIE_PUPILS = ['c1', 'c2'];
const period = `from=${D1}&to=${TODAY}`;

describe('establishment dashboards (SQLite)', () => {
  establishmentWalk(async () => ({}));
});

describeWithPostgres(
  `establishment dashboards on PostgreSQL ${found?.version ?? ''}`,
  () => {
    let pg: ITestPostgres;
    establishmentWalk(async () => {
      pg = await startPostgres(found!);
      return { CANDYCE_DATABASE_URL: await pg.createDatabase() };
    });
    afterAll(() => pg?.stop());
  }
);

/** The walk, on the database `env` gives. */
function establishmentWalk(env: () => Promise<Record<string, string>>): void {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let db: Kysely<IDatabase>;
  const signed: Record<string, ISignedIn> = {};
  const ids: Record<string, string> = {};

  const get = async (who: string, url: string) => {
    const response = await signed[who].call('GET', url);
    return { status: response.status, json: await readJson(response) };
  };

  beforeAll(async () => {
    const given = await env();
    hub = await startTestHub(given, undefined, {
      now: () => new Date(`${TODAY}T12:00:00.000Z`)
    });
    db = openDatabase(
      databaseUrl(loadConfig({ CANDYCE_DATA_DIR: hub.dataDir, ...given }))
    );
    const users = await addUsers(
      hub,
      {
        admin: 'admin',
        insp: 'inspector',
        marie: 'teacher',
        paul: 'teacher',
        dirpasteur: 'teacher',
        rectorat: 'author',
        ...Object.fromEntries(
          [...PASTEUR_PUPILS, ...CURIE_PUPILS].map(name => [name, 'learner'])
        )
      },
      { p1: 'Léa Martin', c1: 'Tom Durand' }
    );
    for (const [name, establishment] of [
      ['pasteur', 'Lycée Pasteur'],
      ['curie', 'Collège Curie'],
      ['hugo', 'Lycée Hugo']
    ]) {
      ids[name] = (
        await hub.classes.createEstablishment({ name: establishment })
      ).id;
    }
    // Academies and grants (migration 0027): written as the administration does.
    for (const [name, academy] of [
      ['pasteur', 'Créteil'],
      ['curie', 'Lyon'],
      ['hugo', 'Créteil']
    ]) {
      await db
        .updateTable('establishments')
        .set({ academy })
        .where('id', '=', ids[name])
        .execute();
    }
    const grant = (userId: string, scope: Record<string, string>) =>
      db
        .insertInto('administrators')
        .values({
          id: randomUUID(),
          user_id: userId,
          establishment_id: null,
          academy: null,
          ...scope,
          granted_by: users.admin.id,
          granted_at: at(D1)
        })
        .execute();
    await grant(users.dirpasteur.id, { establishment_id: ids.pasteur });
    await grant(users.rectorat.id, { academy: 'Créteil' });

    await classWith(
      hub,
      { name: 'L1 maths Dupont', level: 'L1', establishmentId: ids.pasteur },
      users.marie.id,
      PASTEUR_PUPILS.map(name => users[name].id)
    );
    await classWith(
      hub,
      { name: 'L2 Curie', level: 'L2', establishmentId: ids.curie },
      users.paul.id,
      CURIE_PUPILS.map(name => users[name].id)
    );
    Object.assign(signed, await signInAll(hub, Object.keys(users)));
    for (const name of [...PASTEUR_PUPILS, ...CURIE_PUPILS]) {
      const emitter = await emitterOf(signed[name], hub.url);
      expect(
        await emitter.send([
          executed(at(D1)),
          executed(at(D2)),
          executed(at(D3))
        ])
      ).toBe(200);
      if (name !== 'p6') {
        expect(
          await emitter.send([
            joined(at(D2), name.startsWith('p') ? 's-pasteur' : 's-curie')
          ])
        ).toBe(200);
      }
    }
    // Marie teaches mathematics, runs a cell, and reuses a resource twice.
    await teacherReusesResource(signed.marie, hub.url, executed(at(D1)));
  }, 120_000);

  afterAll(async () => {
    await db?.destroy();
    await hub?.close();
  });

  it('lists the establishments each caller may see, none to the others', async () => {
    const names = async (who: string) => {
      const answer = await get(who, '/dashboards/establishments');
      expect([who, answer.status]).toEqual([who, 200]);
      return answer.json.establishments.map((e: { name: string }) => e.name);
    };
    expect(await names('dirpasteur')).toEqual(['Lycée Pasteur']);
    expect(await names('rectorat')).toEqual(['Lycée Hugo', 'Lycée Pasteur']);
    const every = ['Collège Curie', 'Lycée Hugo', 'Lycée Pasteur'];
    expect(await names('admin')).toEqual(every);
    expect(await names('insp')).toEqual(every);
    // Those who may see none get an empty list (JupyterLab asks: no refused call).
    expect(await names('marie')).toEqual([]);
    expect(await names('p1')).toEqual([]);
  });

  it('gives an administrator the figures of their establishment only, without names or small counts', async () => {
    const answer = await get(
      'dirpasteur',
      `/dashboards/establishments/${ids.pasteur}?${period}`
    );
    expect(answer.status).toBe(200);
    const figures = answer.json;
    expect(figures.establishment).toEqual({
      id: ids.pasteur,
      name: 'Lycée Pasteur'
    });
    // 6 pupils of Pasteur each week, not Curie's 2; Marie alone is hidden.
    expect(figures.weeklyTotals).toEqual([
      { week: '2026-03-02', role: 'learner', users: 6 },
      { week: '2026-03-02', role: 'teacher', users: null },
      { week: '2026-03-09', role: 'learner', users: 6 }
    ]);
    expect(figures.weeklyUsers).toEqual([
      {
        week: '2026-03-02',
        role: 'learner',
        level: 'L1',
        discipline: null,
        users: 6
      },
      {
        week: '2026-03-02',
        role: 'teacher',
        level: 'L1',
        discipline: 'mathematiques',
        users: null
      },
      {
        week: '2026-03-09',
        role: 'learner',
        level: 'L1',
        discipline: null,
        users: 6
      }
    ]);
    expect(figures.classes).toEqual([
      { level: 'L1', classes: 1, withRealUse: 1, activeUsers: 7 }
    ]);
    expect(figures.collaboration).toEqual({
      sessions: 1,
      users: 5,
      groupWorkspaces: []
    });
    expect(figures.library).toEqual([
      { discipline: 'mathematiques', level: '2de', resources: 1, reuses: 2 }
    ]);
    const text = JSON.stringify(figures);
    for (const name of [
      'Léa Martin',
      'p1',
      'marie',
      'Compte',
      'Dupont',
      'Curie'
    ]) {
      expect([name, text.includes(name)]).toEqual([name, false]);
    }
  });

  it('hides the counts of a small establishment, and the programme does too', async () => {
    const curie = await get(
      'admin',
      `/dashboards/establishments/${ids.curie}?${period}`
    );
    expect(curie.status).toBe(200);
    // Two pupils active each week (Paul was not): fewer than 5, hidden.
    expect(curie.json.weeklyTotals).toEqual([
      { week: '2026-03-02', role: 'learner', users: null },
      { week: '2026-03-09', role: 'learner', users: null }
    ]);
    expect(curie.json.classes).toEqual([
      { level: 'L2', classes: 1, withRealUse: 0, activeUsers: null }
    ]);
    expect(curie.json.collaboration).toEqual({
      sessions: 1,
      users: null,
      groupWorkspaces: []
    });
    expect(curie.json.library).toEqual([]);
    const hugo = await get(
      'rectorat',
      `/dashboards/establishments/${ids.hugo}?${period}`
    );
    expect(hugo.json).toEqual(
      expect.objectContaining({
        weeklyTotals: [],
        classes: [],
        collaboration: { sessions: 0, users: 0, groupWorkspaces: [] }
      })
    );
    const programme = await get('insp', `/dashboards/programme?${period}`);
    expect(programme.json.establishments).toEqual([
      { name: 'Collège Curie', activeUsers: null, withRealUse: false },
      { name: 'Lycée Hugo', activeUsers: 0, withRealUse: false },
      { name: 'Lycée Pasteur', activeUsers: 7, withRealUse: true }
    ]);
    expect(
      programme.json.weeklyUsers.filter(
        (row: { role: string }) => row.role === 'teacher'
      )
    ).toEqual([expect.objectContaining({ users: null })]);
  });

  it('answers 403 outside the caller’s scope, whether the establishment exists or not', async () => {
    const cases: [string, string, number][] = [
      ['dirpasteur', ids.curie, 403],
      ['dirpasteur', ids.hugo, 403],
      ['dirpasteur', 'inconnu', 403],
      ['rectorat', ids.curie, 403],
      ['rectorat', ids.pasteur, 200],
      ['insp', ids.curie, 200],
      ['marie', ids.pasteur, 403],
      ['p1', ids.pasteur, 403],
      ['admin', 'inconnu', 404]
    ];
    for (const [who, id, status] of cases) {
      const answer = await get(who, `/dashboards/establishments/${id}`);
      expect([who, id, answer.status]).toEqual([who, id, status]);
    }
    const anonymous = await fetch(
      `${hub.url}/hub/api/v1/dashboards/establishments/${ids.pasteur}`
    );
    expect(anonymous.status).toBe(401);
    const badPeriod = await get(
      'dirpasteur',
      `/dashboards/establishments/${ids.pasteur}?from=2026-03-12&to=${TODAY}`
    );
    expect([badPeriod.status, badPeriod.json.error.code]).toEqual([
      400,
      'invalid_period'
    ]);
  });

  it('remembers the establishment chosen, only among the caller’s', async () => {
    const url = '/me/dashboard-preferences';
    const choice = (establishmentId: string) => ({
      dashboards: {
        establishment: {
          period: 'term',
          establishmentId,
          indicators: ['classes', 'library']
        }
      }
    });
    const saved = await signed.rectorat.call('PUT', url, choice(ids.hugo));
    expect(saved.status).toBe(200);
    const refused = await signed.rectorat.call('PUT', url, choice(ids.curie));
    expect(refused.status).toBe(400);
    expect((await readJson(refused)).error.code).toBe(
      'invalid_dashboard_preferences'
    );
    expect((await get('rectorat', url)).json).toEqual(choice(ids.hugo));
    const teacher = await signed.marie.call('PUT', url, choice(ids.pasteur));
    expect(teacher.status).toBe(400);
    const unknownIndicator = await signed.rectorat.call('PUT', url, {
      dashboards: {
        establishment: { period: 'term', indicators: ['accessibility'] }
      }
    });
    expect(unknownIndicator.status).toBe(400);
    expect((await get('rectorat', url)).json).toEqual(choice(ids.hugo));
  });
}
