import SQLite from 'better-sqlite3';
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { AuditLog } from '../src/audit';
import { SessionService } from '../src/auth/sessions';
import { migrate, openDatabase } from '../src/db/connect';
import { UserAdministration } from '../src/users/administration';
import { userSearchKey } from '../src/users/searchKey';
import { UserService } from '../src/users/service';
import { UserStore } from '../src/users/store';

/**
 * The administrators' list of users at 100,000 accounts, in a real SQLite file (the
 * users are written by one bulk insert, in seconds). Pages are cut by name (keyset),
 * so a page deep in the list answers as fast as the first. Times are printed, not
 * asserted (the machine is shared); the answers are checked.
 */
describe('the list of users at 100,000 accounts', () => {
  const COUNT = 100_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-admin-scale-'));
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
  const SCHOOLS = ['Lycée Victor Hugo', 'Collège Jean Moulin', 'Lycée Arago'];

  beforeAll(async () => {
    await migrate(db);
    const started = Date.now();
    const raw = new SQLite(file);
    const user = raw.prepare(
      'INSERT INTO users (id, name, display_name, password_hash, created_at, search_key) VALUES (?, ?, ?, NULL, ?, ?)'
    );
    const role = raw.prepare(
      'INSERT INTO user_roles (user_id, role, granted_by) VALUES (?, ?, ?)'
    );
    const member = raw.prepare(
      'INSERT INTO establishment_users (establishment_id, user_id, created_at) VALUES (?, ?, ?)'
    );
    const now = new Date().toISOString();
    const schools = SCHOOLS.map(school => {
      const id = randomUUID();
      raw
        .prepare(
          'INSERT INTO establishments (id, name, uai, source_id, created_at) VALUES (?, ?, NULL, NULL, ?)'
        )
        .run(id, school, now);
      return id;
    });
    raw.transaction(() => {
      for (let i = 0; i < COUNT; i++) {
        const id = randomUUID();
        const displayName = `Élève ${i}`;
        user.run(
          id,
          name(i),
          displayName,
          now,
          userSearchKey(name(i), displayName)
        );
        role.run(id, i % 25 === 0 ? 'teacher' : 'learner', 'local');
        // Every account in one school, every tenth in a second one too.
        member.run(schools[i % 2], id, now);
        if (i % 10 === 0) {
          member.run(schools[2], id, now);
        }
      }
    })();
    raw.close();
    console.log(`100k users inserted in ${Date.now() - started} ms`);
  }, 120_000);
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

  it('answers the first page, a page deep in the list, a search and a role filter', async () => {
    const first = await timed('first page', () =>
      administration.list({ limit: 50 })
    );
    expect(first.total).toBe(COUNT);
    expect(first.users.map(u => u.name)).toEqual(
      Array.from({ length: 50 }, (_, i) => name(i))
    );
    expect(first.next).toBe(name(49));
    // Each row's schools, from one query for the page, in name order.
    expect(first.users[0].establishments).toEqual([
      'Lycée Arago',
      'Lycée Victor Hugo'
    ]);
    expect(first.users[1].establishments).toEqual(['Collège Jean Moulin']);

    const deep = await timed('page after eleve089999', () =>
      administration.list({ after: name(89_999), limit: 50 })
    );
    expect(deep.users[0].name).toBe(name(90_000));
    expect(deep.users[1].establishments).toEqual(['Collège Jean Moulin']);
    expect(deep.previous).toBe(name(90_000));
    const back = await timed('page before eleve090000', () =>
      administration.list({ before: name(90_000), limit: 50 })
    );
    expect(back.users[49].name).toBe(name(89_999));

    const search = await timed('search « 4242 »', () =>
      administration.list({ query: '4242', limit: 50 })
    );
    // eleve004242, eleve042420…042429, eleve014242… : every one contains 4242.
    expect(search.users.every(u => u.name.includes('4242'))).toBe(true);
    expect(search.total).toBeGreaterThan(0);

    const teachers = await timed('role teacher, deep page', () =>
      administration.list({ role: 'teacher', after: name(50_000), limit: 50 })
    );
    expect(teachers.total).toBe(COUNT / 25);
    expect(teachers.users[0].name).toBe(name(50_000 + 25));
  });
});
