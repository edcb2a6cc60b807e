import SQLite from 'better-sqlite3';
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { AuditLog } from '../src/audit';
import { SessionService } from '../src/auth/sessions';
import { migrate, openDatabase } from '../src/db/connect';
import { administeredScope } from '../src/establishments/scope';
import { UserAdministration } from '../src/users/administration';
import { userSearchKey } from '../src/users/searchKey';
import { UserService } from '../src/users/service';
import { UserStore } from '../src/users/store';

/**
 * An establishment's administrator's list of users at 100,000 accounts in 200
 * establishments of 4 academies (classes of 25, a few staff attached directly), in a
 * real SQLite file. The answers are checked (the right users, in order, counted
 * right); the query plan must reach the establishment's users through the indexes of
 * migration 0027, not by reading every class membership. Times are printed, not
 * asserted (the machine is shared).
 */
describe('the list of an establishment’s users at 100,000 accounts', () => {
  const COUNT = 100_000;
  const ESTABLISHMENTS = 200;
  const CLASS_SIZE = 25;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-scope-scale-'));
  const file = path.join(dir, 'hub.sqlite');
  const db = openDatabase(`sqlite:${file}`);
  const usersOn = (on: typeof db) =>
    new UserService(new UserStore(on), { maxFailures: 5, lockMinutes: 1 });
  const administration = new UserAdministration({
    db,
    usersOn,
    sessions: new SessionService(db, { idleMinutes: 60, maxHours: 8 }),
    audit: new AuditLog(db),
    stopServer: async () => undefined
  });
  const name = (i: number) => `eleve${String(i).padStart(6, '0')}`;
  /** Users are dealt to establishments in turn: user i is in establishment i % 200. */
  const establishmentOf = (i: number) => `etab-${i % ESTABLISHMENTS}`;
  const academyOf = (e: number) =>
    ['Créteil', 'Paris', 'Versailles', 'Lyon'][e % 4];

  beforeAll(async () => {
    await migrate(db);
    const raw = new SQLite(file);
    const now = new Date().toISOString();
    const insert = {
      establishment: raw.prepare(
        'INSERT INTO establishments (id, name, created_at, academy) VALUES (?, ?, ?, ?)'
      ),
      klass: raw.prepare(
        'INSERT INTO classes (id, name, created_at, establishment_id) VALUES (?, ?, ?, ?)'
      ),
      user: raw.prepare(
        'INSERT INTO users (id, name, display_name, password_hash, created_at, search_key) VALUES (?, ?, ?, NULL, ?, ?)'
      ),
      member: raw.prepare(
        "INSERT INTO class_members (class_id, user_id, membership) VALUES (?, ?, 'learner')"
      ),
      attached: raw.prepare(
        'INSERT INTO establishment_users (establishment_id, user_id, created_at) VALUES (?, ?, ?)'
      )
    };
    raw.transaction(() => {
      for (let e = 0; e < ESTABLISHMENTS; e++) {
        insert.establishment.run(`etab-${e}`, `Lycée ${e}`, now, academyOf(e));
      }
      const open = new Map<string, { id: string; size: number }>();
      for (let i = 0; i < COUNT; i++) {
        const id = randomUUID();
        const displayName = `Élève ${i}`;
        insert.user.run(
          id,
          name(i),
          displayName,
          now,
          userSearchKey(name(i), displayName)
        );
        const establishment = establishmentOf(i);
        // One user in 50 is staff, attached directly rather than by a class.
        if (i % 50 === 0) {
          insert.attached.run(establishment, id, now);
          continue;
        }
        let klass = open.get(establishment);
        if (!klass || klass.size === CLASS_SIZE) {
          klass = { id: randomUUID(), size: 0 };
          insert.klass.run(klass.id, `Classe ${i}`, now, establishment);
          open.set(establishment, klass);
        }
        insert.member.run(klass.id, id);
        klass.size++;
      }
    })();
    raw.close();
  }, 180_000);
  afterAll(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
    const started = process.hrtime.bigint();
    const result = await work();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`${label}: ${ms.toFixed(1)} ms`);
    return result;
  }

  /** The names of establishment `e`'s users, in order. */
  const usersOf = (establishments: number[]) =>
    Array.from({ length: COUNT }, (_, i) => i)
      .filter(i => establishments.includes(i % ESTABLISHMENTS))
      .map(name);

  it('pages through one establishment’s users, searches them and counts them', async () => {
    const expected = usersOf([7]);
    const first = await timed('one establishment, first page', () =>
      administration.list({ limit: 50, establishmentIds: ['etab-7'] })
    );
    expect(first.total).toBe(expected.length);
    expect(first.users.map(user => user.name)).toEqual(expected.slice(0, 50));
    const deep = await timed(
      'one establishment, page after the 400th user',
      () =>
        administration.list({
          limit: 50,
          establishmentIds: ['etab-7'],
          after: expected[399]
        })
    );
    expect(deep.users.map(user => user.name)).toEqual(expected.slice(400, 450));
    const search = await timed('one establishment, a search', () =>
      administration.list({
        limit: 50,
        establishmentIds: ['etab-7'],
        query: 'eleve0012'
      })
    );
    expect(search.users.map(user => user.name)).toEqual(
      expected.filter(each => each.startsWith('eleve0012'))
    );
  });

  it('pages through an academy’s 50 establishments', async () => {
    const scope = await administeredScope(db, {
      id: 'nobody',
      roles: ['admin']
    });
    expect(scope?.everything).toBe(true);
    const ids = Array.from({ length: ESTABLISHMENTS }, (_, e) => e).filter(
      e => academyOf(e) === 'Créteil'
    );
    const expected = usersOf(ids);
    const page = await timed('an academy, page after the 20,000th user', () =>
      administration.list({
        limit: 50,
        establishmentIds: ids.map(e => `etab-${e}`),
        after: expected[19_999]
      })
    );
    expect(page.total).toBe(expected.length);
    expect(page.users.map(user => user.name)).toEqual(
      expected.slice(20_000, 20_050)
    );
  });

  it('reaches an establishment’s users through the indexes', () => {
    const raw = new SQLite(file, { readonly: true });
    const plan = raw
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id, name FROM users WHERE users.id IN (
           SELECT establishment_users.user_id FROM establishment_users
             WHERE establishment_users.establishment_id IN ('etab-7')
           UNION
           SELECT class_members.user_id FROM classes
             INNER JOIN class_members ON class_members.class_id = classes.id
             WHERE classes.establishment_id IN ('etab-7'))
         ORDER BY name LIMIT 51`
      )
      .all()
      .map(row => (row as { detail: string }).detail);
    raw.close();
    console.log(plan.join('\n'));
    expect(plan.join('\n')).toMatch(
      /classes USING COVERING INDEX classes_establishment/
    );
    expect(plan.join('\n')).not.toMatch(/SCAN class_members/);
    expect(plan.join('\n')).not.toMatch(/SCAN classes/);
  });
});
