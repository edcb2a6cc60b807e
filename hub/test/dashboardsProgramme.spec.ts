import * as fs from 'fs';
import { Kysely } from 'kysely';
import * as path from 'path';

import { databaseUrl, loadConfig } from '../src/config/load';
import { RGAA_FIGURES } from '../src/dashboards/accessibility';
import {
  ACTIVITY_TYPES,
  EXCEPTION_EXTENSION,
  VERBS
} from '../src/dashboards/vocabulary';
import { openDatabase } from '../src/db/connect';
import { IDatabase } from '../src/db/schema';
import { agentKey } from '../src/lrs/agents';
import {
  classWith,
  signInAll,
  teacherReusesResource
} from './helpers/dashboardSeed';
import { emitterOf, executed, joined, opened } from './helpers/dashboards';
import { findPostgres, ITestPostgres, startPostgres } from './helpers/postgres';
import { addUsers, ISignedIn, readJson, startTestHub } from './hubHarness';

/**
 * The programme's dashboard from statements posted through the LRS (weekly users by
 * role, level and discipline; establishments with real use; collaboration; library;
 * the RGAA figures), and the daily counts following the LRS: an administrator's
 * erasure (written to the audit log) and the retention purge leave no row of them.
 * On SQLite and on PostgreSQL.
 */
const found = findPostgres();
const describeWithPostgres = found ? describe : describe.skip;

const D1 = '2026-03-02';
const D2 = '2026-03-04';
const D3 = '2026-03-10';
const at = (day: string, time = '09:00:00') => `${day}T${time}.000Z`;
const PUPILS = ['u1', 'u2', 'u3', 'u4', 'u5'];
const DASHBOARD_TABLES = [
  'dashboard_daily',
  'dashboard_daily_errors',
  'dashboard_collaborations'
] as const;

function programmeWalk(env: () => Promise<Record<string, string>>) {
  return async () => {
    let now = new Date(at('2026-03-11', '12:00:00'));
    const given = await env();
    const hub = await startTestHub(
      { CANDYCE_LRS_RETENTION_DAYS: '30', ...given },
      undefined,
      { now: () => now }
    );
    const db: Kysely<IDatabase> = openDatabase(
      databaseUrl(loadConfig({ CANDYCE_DATA_DIR: hub.dataDir, ...given }))
    );
    try {
      const users = await addUsers(hub, {
        marie: 'teacher',
        insp: 'inspector',
        admin: 'admin',
        ...Object.fromEntries(PUPILS.map(name => [name, 'learner']))
      });
      const pasteur = await hub.classes.createEstablishment({
        name: 'Lycée Pasteur'
      });
      await hub.classes.createEstablishment({ name: 'Collège Curie' });
      await classWith(
        hub,
        { name: 'L1 maths', level: 'L1', establishmentId: pasteur.id },
        users.marie.id,
        PUPILS.map(name => users[name].id)
      );
      const signed = await signInAll(hub, [
        'marie',
        'insp',
        'admin',
        ...PUPILS
      ]);
      // Each pupil runs a cell on three days over two weeks; three join collaborations.
      const emitters = await Promise.all(
        PUPILS.map(name => emitterOf(signed[name], hub.url))
      );
      for (const emitter of emitters) {
        expect(
          await emitter.send([
            executed(at(D1)),
            executed(at(D2), 'ValueError'),
            executed(at(D3))
          ])
        ).toBe(200);
      }
      expect(
        await emitters[0].send([joined(at(D1), 's1'), joined(at(D2), 's1')])
      ).toBe(200);
      expect(await emitters[1].send([joined(at(D1), 's1')])).toBe(200);
      expect(await emitters[2].send([joined(at(D2), 's2')])).toBe(200);
      // Marie teaches mathematics, opens a notebook on D1, reuses a resource twice.
      await teacherReusesResource(signed.marie, hub.url, opened(at(D1)));

      const programme = async (who: ISignedIn, from: string, to: string) => {
        const response = await who.call(
          'GET',
          `/dashboards/programme?from=${from}&to=${to}`
        );
        expect(response.status).toBe(200);
        return readJson(response);
      };
      const figures = await programme(signed.insp, D1, '2026-03-11');
      expect(figures.weeklyUsers).toEqual([
        {
          week: '2026-03-02',
          role: 'learner',
          level: 'L1',
          discipline: null,
          users: 5
        },
        {
          week: '2026-03-02',
          role: 'teacher',
          level: 'L1',
          discipline: 'mathematiques',
          // Fewer than 5 people: hidden (smallCounts.ts).
          users: null
        },
        {
          week: '2026-03-09',
          role: 'learner',
          level: 'L1',
          discipline: null,
          users: 5
        }
      ]);
      expect(figures.establishments).toEqual([
        { name: 'Collège Curie', activeUsers: 0, withRealUse: false },
        { name: 'Lycée Pasteur', activeUsers: 6, withRealUse: true }
      ]);
      expect(figures.collaboration).toEqual({
        sessions: 2,
        users: null,
        groupWorkspaces: []
      });
      expect(figures.library).toEqual([
        { discipline: 'mathematiques', level: '2de', resources: 1, reuses: 2 }
      ]);
      expect(figures.accessibility).toEqual(rgaaFiguresOfTheDocs());
      // Two days each is not real use; nor a period before the uses of the library.
      const shorter = await programme(signed.admin, D1, D2);
      expect(shorter.establishments[1]).toEqual({
        name: 'Lycée Pasteur',
        activeUsers: 6,
        withRealUse: false
      });
      expect(shorter.library[0].reuses).toBe(0);

      // An administrator erases u1's traces for a family: logged, and no count left.
      const keyOf = (name: string) =>
        agentKey(hub.lrs.clients.pseudonym(users[name].id))!;
      expect(await rowsOf(db, keyOf('u1'))).toBeGreaterThan(0);
      const erased = await signed.admin.call('DELETE', '/users/u1/traces');
      expect(erased.status).toBe(200);
      const counts = await readJson(erased);
      expect(counts.statements).toBe(5);
      const log = await readJson(
        await signed.admin.call('GET', '/admin/audit?action=traces.erase')
      );
      expect(log.events).toEqual([
        expect.objectContaining({
          action: 'traces.erase',
          actor: 'admin',
          target: 'u1',
          details: { erased: counts }
        })
      ]);
      expect(await rowsOf(db, keyOf('u1'))).toBe(0);
      expect(await rowsOf(db, keyOf('u2'))).toBeGreaterThan(0);
      // Her own erasure is hers, not an administrator's action: not in the log.
      expect((await signed.u2.call('DELETE', '/me/traces')).status).toBe(200);
      expect(await rowsOf(db, keyOf('u2'))).toBe(0);
      expect(
        (
          await readJson(
            await signed.admin.call('GET', '/admin/audit?action=traces.erase')
          )
        ).events
      ).toHaveLength(1);
      const after = await programme(signed.insp, D1, '2026-03-11');
      expect(after.establishments[1].activeUsers).toBeNull();
      expect(after.collaboration).toEqual({
        sessions: 1,
        users: null,
        groupWorkspaces: []
      });

      // The retention limit: statements stored 30 days ago go, and their counts.
      now = new Date(at('2026-05-01'));
      expect((await hub.lrs.retention.run()).statements).toBeGreaterThan(0);
      for (const table of DASHBOARD_TABLES) {
        expect([
          table,
          (await db.selectFrom(table).selectAll().execute()).length
        ]).toEqual([table, 0]);
      }
    } finally {
      await db.destroy();
      await hub.close();
    }
  };
}

/** How many rows of the dashboards' counts name this actor. */
async function rowsOf(
  db: Kysely<IDatabase>,
  actorKey: string
): Promise<number> {
  let count = 0;
  for (const table of DASHBOARD_TABLES) {
    count += (
      await db
        .selectFrom(table)
        .select('actor_key')
        .where('actor_key', '=', actorKey)
        .execute()
    ).length;
  }
  return count;
}

/** The « Figures » table of docs/rgaa.md. */
function rgaaFiguresOfTheDocs() {
  const text = fs.readFileSync(
    path.join(__dirname, '..', '..', 'docs', 'rgaa.md'),
    'utf8'
  );
  const figure = (status: string) =>
    Number(
      new RegExp(`^\\|\\s*${status}\\s*\\|\\s*(\\d+)\\s*\\|`, 'm').exec(
        text
      )?.[1]
    );
  return {
    criteriaMet: figure('met'),
    criteriaNotMet: figure('not met'),
    criteriaNotApplicable: figure('not applicable')
  };
}

describe('the programme’s dashboard and the daily counts', () => {
  it('ships the RGAA figures of docs/rgaa.md and counts with the words of docs/xapi-profile.md', () => {
    expect(RGAA_FIGURES).toEqual(rgaaFiguresOfTheDocs());
    const profile = fs.readFileSync(
      path.join(__dirname, '..', '..', 'docs', 'xapi-profile.md'),
      'utf8'
    );
    const { voided, ...candyce } = VERBS;
    expect(voided).toBe('http://adlnet.gov/expapi/verbs/voided');
    for (const iri of [
      ...Object.values(candyce),
      ...Object.values(ACTIVITY_TYPES),
      EXCEPTION_EXTENSION
    ]) {
      expect([iri, profile.includes(`\`${iri}\``)]).toEqual([iri, true]);
    }
  });

  it(
    'gives weekly users, real use, collaboration, library and accessibility, and follows erasure and purge (SQLite)',
    programmeWalk(async () => ({})),
    90_000
  );
});

describeWithPostgres(
  `the programme’s dashboard on PostgreSQL ${found?.version ?? ''}`,
  () => {
    let pg: ITestPostgres;
    beforeAll(async () => {
      pg = await startPostgres(found!);
    });
    afterAll(() => pg?.stop());

    it(
      'gives the same figures and follows erasure and purge (PostgreSQL)',
      programmeWalk(async () => ({
        CANDYCE_DATABASE_URL: await pg.createDatabase()
      })),
      120_000
    );
  }
);
