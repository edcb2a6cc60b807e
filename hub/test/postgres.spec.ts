import { lockId, type ILock } from '@candyce/environments';
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import { Kysely, Migrator, NO_MIGRATIONS, sql } from 'kysely';
import * as os from 'os';
import * as path from 'path';
import pino from 'pino';

import { OidcAccounts } from '../src/auth/oidc/accounts';
import { PRESETS } from '../src/auth/oidc/presets';
import { IdentityStore } from '../src/auth/oidc/store';
import { ClassService } from '../src/classes/service';
import { ConfigError, loadConfig } from '../src/config/load';
import { MIGRATIONS, migrate, openDatabase } from '../src/db/connect';
import { IDatabase } from '../src/db/schema';
import { compareText } from '../src/db/portable';
import { readStandardEnvironments } from '../src/environments/standard';
import { EstablishmentAcademies } from '../src/establishments/academies';
import { startHub } from '../src/main';
import { RosterService } from '../src/rosters/service';
import { MAX_SERVER_UID, ServerAccounts } from '../src/servers/accounts';
import { UserService } from '../src/users/service';
import { UserStore } from '../src/users/store';
import { FakeSpawner } from './helpers/fakeSpawner';
import { learnerCopy, teacherNotebook } from './helpers/nbgrader';
import { findPostgres, ITestPostgres, startPostgres } from './helpers/postgres';
import { metadata, notebook, publishBody } from './helpers/resources';
import { Browser, readJson, startTestHub } from './hubHarness';

/**
 * The same migrations and the same hub on SQLite and on PostgreSQL (a throwaway cluster
 * from Debian's `postgresql` package, with a French ICU collation like a server in
 * France).
 *
 * One walk through the hub runs on each database and records what it sees: users
 * (creation, taken names, counts, throttled logins), sessions (login, logout, a hub
 * restart), classes (list order with mixed case and accents, memberships, counts, a NUL
 * character where an id is expected), class codes, a OneRoster import run twice,
 * OpenID Connect identities (two first logins at once with the same name), the servers
 * registry (FAKE spawner: the rows, not the processes), environments (locks carried by
 * notebooks, their references, a dry-run collection), and the foreign keys' cascades.
 * Both records must be equal.
 *
 * PostgreSQL alone runs queries at the same time: a name inserted by a concurrent
 * transaction (alone, and inside a roster import's transaction), connections the server
 * kills, and an unreachable or missing database at start.
 */
const found = findPostgres();
const describeWithPostgres = found ? describe : describe.skip;

const LOCKOUT = { maxFailures: 5, lockMinutes: 15 };

describeWithPostgres(`PostgreSQL ${found?.version ?? ''}`, () => {
  let pg: ITestPostgres;
  const dialects: [string, () => Promise<string>][] = [
    ['SQLite', async () => `sqlite:${path.join(tempDir(), 'candyce.db')}`],
    ['PostgreSQL', () => pg.createDatabase()]
  ];

  beforeAll(async () => {
    pg = await startPostgres(found!);
  });
  afterAll(() => pg?.stop());

  describe('migrations', () => {
    it.each(dialects)(
      'run on %s: all once, then none; down to nothing and up again',
      async (_name, makeUrl) => {
        const db = openDatabase(await makeUrl());
        try {
          const names = Object.keys(MIGRATIONS);
          expect(await migrate(db)).toEqual(names);
          expect(await migrate(db)).toEqual([]);
          const migrator = new Migrator({
            db,
            provider: { getMigrations: async () => MIGRATIONS }
          });
          const down = await migrator.migrateTo(NO_MIGRATIONS);
          expect(down.error).toBeUndefined();
          expect(down.results?.map(r => r.status)).toEqual(
            names.map(() => 'Success')
          );
          expect(await db.introspection.getTables()).toEqual([]);
          expect(await migrate(db)).toEqual(names);
        } finally {
          await db.destroy();
        }
      }
    );

    it('run once when two hubs start on one PostgreSQL database at once', async () => {
      const url = await pg.createDatabase();
      const hubs = [openDatabase(url), openDatabase(url)];
      try {
        const runs = await Promise.all(hubs.map(db => migrate(db)));
        expect(runs.flat()).toEqual(Object.keys(MIGRATIONS));
      } finally {
        await Promise.all(hubs.map(db => db.destroy()));
      }
    });

    it('make the same tables and columns on both', async () => {
      const shapes = [];
      for (const [, makeUrl] of dialects) {
        const url = await makeUrl();
        const db = openDatabase(url);
        try {
          await migrate(db);
          shapes.push(await shape(db, url));
        } finally {
          await db.destroy();
        }
      }
      // 30 with library_terms (0018_library_terms); + 6: the LRS's tables (0017_lrs);
      // + 1: class_school_mode (0016_class_school_mode); + 2: password_resets and
      // audit_events (0019_administration); + 3: privacy_choices, class_trace_policies
      // and lrs_erasures (0021_privacy); + 1: library_visits (0022_library_visits);
      // + 1: event_journal (0023_event_journal); + 4: dashboard_daily,
      // dashboard_daily_errors, dashboard_collaborations and dashboard_preferences
      // (0024_dashboards); + 3: group_workspaces, group_members and
      // class_group_settings (0025_group_workspaces); + 1: help_requests
      // (0026_help_requests); + 2: administrators and establishment_users
      // (0027_establishment_administrators); + 2: assignment_group_classes and
      // assignment_group_submitters (0028_group_assignments).
      expect(shapes[0].length).toBe(
        30 + 6 + 1 + 2 + 3 + 1 + 1 + 4 + 3 + 1 + 2 + 2
      );
      expect(shapes[1]).toEqual(shapes[0]);
    });
  });

  describe('the same walk through the hub (FAKE spawner: rows, not processes)', () => {
    const records = new Map<string, unknown[]>();

    // Autograding runs notebooks on the way: a few seconds each.
    it.each(dialects)(
      'on %s',
      async (name, makeUrl) => {
        records.set(name, await walk(await makeUrl()));
      },
      180_000
    );

    it('sees the same on SQLite and PostgreSQL', () => {
      expect(records.size).toBe(2);
      const [sqlite, postgres] = [...records.values()];
      expect(postgres).toEqual(sqlite);
    });
  });

  describe('concurrent writes (PostgreSQL only: SQLite runs one query at a time)', () => {
    let url: string;
    let db: Kysely<IDatabase>;
    beforeEach(async () => {
      url = await pg.createDatabase();
      db = openDatabase(url);
      await migrate(db);
    });
    afterEach(() => db.destroy());

    it('answers 409 name_taken for a name a concurrent transaction inserts', async () => {
      const users = new UserService(new UserStore(db), LOCKOUT);
      const other = await db.startTransaction().execute();
      await insertUser(other, 'jean');
      // Its check cannot see the uncommitted row: the insert waits for the other one.
      const attempt = users.create({
        name: 'jean',
        displayName: 'J',
        roles: []
      });
      attempt.catch(() => undefined);
      await waitForLockWait(db);
      await other.commit().execute();
      await expect(attempt).rejects.toMatchObject({
        status: 409,
        code: 'name_taken'
      });
      expect(await users.count()).toBe(1);
    });

    it('refuses that row in a roster import and imports the others', async () => {
      const rosters = new RosterService(
        work =>
          db.transaction().execute(trx =>
            work({
              users: new UserService(new UserStore(trx), LOCKOUT),
              classes: new ClassService(trx),
              academies: new EstablishmentAcademies(trx)
            })
          ),
        { info: () => undefined }
      );
      const other = await db.startTransaction().execute();
      await insertUser(other, 'jean');
      const report = rosters.importOneRoster(
        {
          'users.csv': [
            'sourcedId,status,enabledUser,orgSourcedIds,role,username,givenName,familyName',
            'u-1,active,true,org-1,student,jean,Jean,Dupont',
            'u-2,active,true,org-1,student,marie,Marie,Curie'
          ].join('\r\n')
        },
        {
          id: 'admin',
          roles: ['admin'],
          seesEveryone: true,
          managesEvery: true
        }
      );
      report.catch(() => undefined);
      await waitForLockWait(db);
      await other.commit().execute();
      expect(await report).toEqual({
        created: { establishments: 0, users: 1, classes: 0, enrollments: 0 },
        unchanged: { establishments: 0, users: 0, classes: 0, enrollments: 0 },
        updated: { establishments: 0, users: 0, classes: 0, enrollments: 0 },
        rejected: [
          {
            file: 'users.csv',
            line: 2,
            reason:
              'nom d’utilisateur déjà utilisé par un compte qui ne vient pas de cet annuaire'
          }
        ]
      });
      const users = new UserService(new UserStore(db), LOCKOUT);
      expect((await users.all()).map(user => user.name)).toEqual([
        'jean',
        'marie'
      ]);
    });

    it('gives ten servers starting at once ten different uids, above 2³¹ too (a bigint column)', async () => {
      const accounts = new ServerAccounts(db, 3_000_000_000);
      const ids = Array.from({ length: 10 }, (_, i) => `u-${i}`);
      const given = await Promise.all(ids.map(id => accounts.of(id)));
      const uids = given.map(account => account.uid).sort((a, b) => a - b);
      expect(uids).toEqual(ids.map((_, i) => 3_000_000_000 + i));
      expect(await Promise.all(ids.map(id => accounts.of(id)))).toEqual(given);

      // Tried: the range used up. The insert itself adds nothing past the last uid.
      await db
        .insertInto('server_accounts')
        .values({ user_id: 'u-last', uid: MAX_SERVER_UID })
        .execute();
      await expect(accounts.of('u-late')).rejects.toThrow(/No uid left/);
      expect(
        await db
          .selectFrom('server_accounts')
          .select('user_id')
          .where('user_id', '=', 'u-late')
          .execute()
      ).toEqual([]);
    });

    it('keeps serving when the server kills the hub’s connections', async () => {
      const hub = await startTestHub({ CANDYCE_DATABASE_URL: url });
      try {
        await hub.users.create({
          name: 'ada',
          displayName: 'Ada',
          roles: ['teacher'],
          password: 'analytical-engine'
        });
        const browser = new Browser(hub.url);
        expect((await browser.login('ada', 'analytical-engine')).status).toBe(
          303
        );
        const killed = await sql<{ pid: number }>`
          select pg_terminate_backend(pid) as pid from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()`.execute(
          db
        );
        expect(killed.rows.length).toBeGreaterThan(0);
        // Let the idle connections see their end.
        await new Promise(resolve => setTimeout(resolve, 200));
        expect((await browser.get('/hub/api/v1/me')).status).toBe(200);
      } finally {
        await hub.close();
      }
    });
  });

  describe('start', () => {
    it('says which database it cannot reach, and why', async () => {
      const missing = pg.url('nulle_part');
      await expect(startWith(missing)).rejects.toThrow(
        new ConfigError(
          'databaseUrl: cannot reach the database: database "nulle_part" does not exist'
        )
      );
      // A port where nothing listens (the cluster's, once it is stopped, is not known).
      await expect(
        startWith('postgres://candyce@127.0.0.1:9/candyce')
      ).rejects.toThrow(
        /^databaseUrl: cannot reach the database: connect ECONNREFUSED 127\.0\.0\.1:9$/
      );
    });
  });
});

/**
 * Start a hub on a database URL (for start-up failures: nothing is left running).
 */
async function startWith(url: string): Promise<void> {
  const config = loadConfig({
    CANDYCE_PORT: '0',
    CANDYCE_DATA_DIR: tempDir(),
    CANDYCE_DATABASE_URL: url
  });
  const hub = await startHub(config, pino({ level: 'silent' }), {
    spawner: new FakeSpawner()
  });
  await hub.close();
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-db-'));
}

async function insertUser(db: Kysely<IDatabase>, name: string): Promise<void> {
  const store = new UserStore(db);
  expect(
    await store.insert(
      { id: randomUUID(), name, displayName: name, passwordHash: null },
      ['learner'],
      new Date().toISOString()
    )
  ).toBe(true);
}

/** Until a query of this database waits for a row lock. */
async function waitForLockWait(db: Kysely<IDatabase>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { rows } = await sql<{ waiting: number }>`
      select count(*) as waiting from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(
      db
    );
    if (rows[0].waiting > 0) {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  throw new Error('no query waited for the concurrent transaction');
}

/** Tables and their columns: name, nullability, default, portable type. */
async function shape(db: Kysely<IDatabase>, url: string): Promise<unknown[]> {
  // The full-text index is the one table made differently on purpose (an FTS5 virtual
  // table and its shadow tables; a tsvector column): library/searchIndex.ts.
  const tables = (await db.introspection.getTables()).filter(
    table => !table.name.startsWith('library_search')
  );
  const shapes = [];
  for (const table of tables) {
    // SQLite lets a primary key other than INTEGER hold NULL (a documented quirk it
    // keeps for compatibility), PostgreSQL does not: the hub always gives keys.
    const keys = url.startsWith('sqlite:')
      ? (
          await sql<{ name: string }>`
            select name from pragma_table_info(${table.name}) where pk > 0`.execute(
            db
          )
        ).rows.map(row => row.name)
      : [];
    shapes.push({
      table: table.name,
      columns: table.columns
        .map(column => ({
          name: column.name,
          nullable: column.isNullable && !keys.includes(column.name),
          hasDefault: column.hasDefaultValue,
          type: column.dataType
            .toLowerCase()
            .replace(/^int4$/, 'integer')
            .replace(/^int8$/, 'bigint')
            .replace(/^float8$/, 'double precision')
        }))
        .sort((a, b) => (a.name < b.name ? -1 : 1))
    });
  }
  return shapes.sort((a, b) => (a.table < b.table ? -1 : 1));
}

/**
 * What a walk saw, with random ids replaced by their order of appearance and times by
 * `<time>`, so that two runs compare.
 */
class Transcript {
  readonly steps: unknown[] = [];

  add(step: string, value: unknown): void {
    const text = JSON.stringify(value === undefined ? null : value)
      .replace(
        /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
        id => {
          if (!this._ids.has(id)) {
            this._ids.set(id, `<id${this._ids.size + 1}>`);
          }
          return this._ids.get(id)!;
        }
      )
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>');
    this.steps.push([step, JSON.parse(text)]);
  }

  private readonly _ids = new Map<string, string>();
}

/** A response's status and, for JSON, its body. */
async function answer(
  response: Response
): Promise<{ status: number; body?: unknown }> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    return { status: response.status, body: await response.json() };
  }
  await response.arrayBuffer();
  return { status: response.status };
}

const ROSTER = {
  'orgs.csv': [
    'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId',
    'org-1,active,2026-09-01,"Lycée Marie Curie, Paris",school,0750001a,',
    'org-2,active,2026-09-01,Collège Jean Moulin,school,pas-un-uai,'
  ].join('\r\n'),
  'users.csv': [
    'sourcedId,status,enabledUser,orgSourcedIds,role,username,givenName,familyName',
    'u-1,active,true,org-1,teacher,M.Curie,Marie,Curie',
    'u-2,active,true,org-1,student,léo.petit,Léo,Petit',
    'u-3,active,true,org-1,student,hugo.b,Hugo,Bernard',
    'u-4,active,true,org-1,student,pris,Pris,Déjà'
  ].join('\r\n'),
  'classes.csv': [
    'sourcedId,status,title,grades,courseSourcedId,classCode,classType,schoolSourcedId',
    'c-1,active,"2de B, groupe 1","10,11",,2B1,scheduled,org-1',
    'c-2,active,1re NSI,11,,1N,scheduled,org-2'
  ].join('\r\n'),
  'enrollments.csv': [
    'sourcedId,status,classSourcedId,schoolSourcedId,userSourcedId,role,primary',
    'e-1,active,c-1,org-1,u-1,teacher,true',
    'e-2,active,c-1,org-1,u-2,student,false',
    'e-3,active,c-2,org-2,u-3,student,false'
  ].join('\r\n')
};

/**
 * Walk through the hub on one database and record what it sees. Explicit checks on the
 * way make a wrong answer fail on either database; the record compares them.
 */
async function walk(databaseUrl: string): Promise<unknown[]> {
  const record = new Transcript();
  const dataDir = tempDir();
  const spawner = new FakeSpawner();
  const env = {
    CANDYCE_DATABASE_URL: databaseUrl,
    CANDYCE_LOGIN_MAX_FAILURES: '3'
  };
  let hub = await startTestHub(env, dataDir, { spawner });
  const db = openDatabase(databaseUrl);
  try {
    const api = '/hub/api/v1';
    async function signIn(name: string, browser = new Browser(hub.url)) {
      expect((await browser.login(name, `mot-de-passe-${name}`)).status).toBe(
        303
      );
      const { xsrfToken } = await readJson(await browser.get(`${api}/me`));
      return {
        browser,
        call: async (method: string, url: string, json?: unknown) =>
          answer(
            await browser.request(method, api + url, {
              json,
              headers: { 'X-Candyce-XSRF': xsrfToken }
            })
          )
      };
    }

    // Users: names whose order differs between byte order and a French collation.
    const people: [string, string, string][] = [
      ['admin', 'Admin', 'admin'],
      ['prof', 'Mme Zola', 'teacher'],
      ['prof.b', 'M. Étienne', 'teacher'],
      ['a_b', 'Élise', 'learner'],
      ['a-b', 'émile', 'learner'],
      ['a1', 'Zoé', 'learner'],
      ['zoe', 'zoé', 'learner'],
      ['pris', 'Pris', 'learner']
    ];
    for (const [name, displayName, role] of people) {
      await hub.users.create({
        name,
        displayName,
        roles: [role],
        password: `mot-de-passe-${name}`
      });
    }
    await expect(
      hub.users.create({ name: 'zoe', displayName: 'Z', roles: [] })
    ).rejects.toMatchObject({ status: 409, code: 'name_taken' });
    const count = await hub.users.count();
    expect(count).toBe(people.length);
    record.add('users.count', [typeof count, count]);
    const all = await hub.users.all();
    // French alphabetical order on both (punctuation first), not each database's own.
    expect(all.map(user => user.name)).toEqual([
      'a_b',
      'a-b',
      'a1',
      'admin',
      'pris',
      'prof',
      'prof.b',
      'zoe'
    ]);
    record.add('users.all', all);
    // Pages of users (the admin page, enrolment searches): byte order of identifiers,
    // cut in SQL; searches without accents nor case, `%` and `_` taken literally.
    const names = async (filter: Parameters<typeof hub.users.page>[0]) => {
      const { users, total } = await hub.users.page(filter);
      return { names: users.map(user => user.name), total };
    };
    const pages = {
      second: await names({ offset: 2, limit: 3 }),
      zoe: await names({ query: 'ZOE' }),
      teachers: await names({ query: 'é', role: 'teacher' }),
      underscore: await names({ query: '_' }),
      percent: await names({ query: '%' }),
      // A class's members left out (enrolment searches): out of the count too.
      excluded: await names({
        role: 'learner',
        excludeIds: [
          (await hub.users.getByName('zoe'))!.id,
          (await hub.users.getByName('a1'))!.id
        ],
        limit: 2
      })
    };
    expect(pages).toEqual({
      second: { names: ['a_b', 'admin', 'pris'], total: 8 },
      zoe: { names: ['a1', 'zoe'], total: 2 },
      teachers: { names: ['prof', 'prof.b'], total: 2 },
      underscore: { names: ['a_b'], total: 1 },
      percent: { names: [], total: 0 },
      excluded: { names: ['a-b', 'a_b'], total: 3 }
    });
    record.add('users.page', pages);

    // Repeated failures: that (name, address) waits, in memory whatever the database.
    const guesser = new Browser(hub.url);
    const statuses = [];
    for (const password of ['faux-1', 'faux-2', 'faux-3', 'mot-de-passe-zoe']) {
      statuses.push((await guesser.login('zoe', password)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    record.add('throttle', { statuses });

    // Classes, through the API.
    const admin = await signIn('admin');
    const prof = await signIn('prof');
    const profB = await signIn('prof.b');
    const created: Record<string, string> = {};
    for (const [who, body] of [
      [prof, { name: 'terminale B' }],
      [prof, { name: 'Terminale A', level: 'Terminale' }],
      [prof, { name: 'Éco 2' }],
      [prof, { name: 'eco 1' }],
      [profB, { name: '2de' }],
      [admin, { name: '2DE' }]
    ] as const) {
      const response = await who.call('POST', '/classes', body);
      expect(response.status).toBe(201);
      created[`${body.name}/${who === admin ? 'admin' : 'prof'}`] = (
        response.body as { id: string }
      ).id;
      record.add('POST /classes', response);
    }
    const everyClass = await admin.call('GET', '/classes');
    expect(
      (everyClass.body as { classes: { name: string }[] }).classes.map(
        klass => klass.name
      )
    ).toEqual(['2de', '2DE', 'eco 1', 'Éco 2', 'Terminale A', 'terminale B']);
    record.add('GET /classes (admin)', everyClass);
    record.add('GET /classes (prof)', await prof.call('GET', '/classes'));
    const terminaleB = created['terminale B/prof'];
    record.add(
      'PATCH /classes/:id',
      await prof.call('PATCH', `/classes/${terminaleB}`, { level: 'Tle' })
    );
    const members = `/classes/${terminaleB}/members`;
    // Only an admin assigns teachers; a teacher account is not enrolled as a learner.
    for (const [caller, userName, membership] of [
      [prof, 'a_b', 'learner'],
      [prof, 'a_b', 'learner'],
      [prof, 'a-b', 'learner'],
      [prof, 'a1', 'teacher'],
      [prof, 'prof.b', 'learner'],
      [prof, 'prof.b', 'teacher'],
      [admin, 'prof.b', 'teacher']
    ] as const) {
      record.add(
        `POST members ${userName} ${membership}${caller === admin ? ' (admin)' : ''}`,
        await caller.call('POST', members, { userName, membership })
      );
    }
    record.add('DELETE member', await prof.call('DELETE', `${members}/a-b`));
    const again = await prof.call('DELETE', `${members}/a-b`);
    expect(again.status).toBe(404);
    record.add('DELETE member again', again);
    record.add(
      'GET /classes/:id',
      await prof.call('GET', `/classes/${terminaleB}`)
    );
    const counts = await hub.classes.allWithCounts();
    expect(counts.find(klass => klass.id === terminaleB)).toMatchObject({
      teachers: 2,
      learners: 1
    });
    record.add('classes with counts', counts);

    // A NUL character where an id is expected: PostgreSQL cannot hold one in text.
    const anonymous = new Browser(hub.url);
    const withNul = [
      await admin.call('GET', '/classes/%00'),
      await prof.call('GET', '/classes/a%00b/codes'),
      await prof.call('PATCH', '/classes/%00', { level: 'Tle' }),
      { status: (await anonymous.get('/hub/classes/%00/login')).status }
    ];
    record.add('NUL in ids', withNul);
    expect(withNul.map(response => response.status)).toEqual([
      400, 400, 400, 400
    ]);

    // Class codes.
    const codes = `/classes/${terminaleB}/codes`;
    const made = await prof.call('POST', codes, {
      pupils: [
        { displayName: 'Léa Martin' },
        { displayName: 'Léa Martin' },
        { displayName: 'Noé Roy' }
      ]
    });
    expect(made.status).toBe(201);
    const pupils = (made.body as { pupils: { name: string; code: string }[] })
      .pupils;
    record.add(
      'POST codes',
      pupils.map(pupil => pupil.name)
    );
    async function codeLogin(code: string) {
      const browser = new Browser(hub.url);
      const page = await browser.get(`/hub/classes/${terminaleB}/login`);
      const token = (await page.text()).match(
        /name="_xsrf" value="([^"]+)"/
      )![1];
      const response = await browser.request(
        'POST',
        `/hub/classes/${terminaleB}/login`,
        { form: { _xsrf: token, code } }
      );
      await response.arrayBuffer();
      const me = await browser.get(`${api}/me`);
      return {
        status: response.status,
        who: me.status === 200 ? (await readJson(me)).name : null
      };
    }
    const [lea, lea2, noe] = pupils;
    const codeLogins = [await codeLogin(lea.code)];
    record.add('revoke', await prof.call('DELETE', `${codes}/${lea2.name}`));
    codeLogins.push(await codeLogin(lea2.code));
    const renewed = await prof.call('POST', `${codes}/${noe.name}`);
    codeLogins.push(await codeLogin(noe.code));
    codeLogins.push(await codeLogin((renewed.body as { code: string }).code));
    await hub.classCodes.setExpiry(
      terminaleB,
      lea.name,
      new Date(Date.now() - 60_000)
    );
    codeLogins.push(await codeLogin(lea.code));
    expect(codeLogins).toEqual([
      { status: 303, who: 'lea.martin' },
      { status: 401, who: null },
      { status: 401, who: null },
      { status: 303, who: 'noe.roy' },
      { status: 401, who: null }
    ]);
    record.add('code logins', codeLogins);
    record.add('GET codes', await prof.call('GET', codes));

    // OneRoster, twice: the second import creates nothing.
    const first = await admin.call('POST', '/rosters/oneroster', ROSTER);
    expect(first.body).toMatchObject({
      created: { establishments: 2, users: 3, classes: 2, enrollments: 3 }
    });
    record.add('roster import', first);
    const second = await admin.call('POST', '/rosters/oneroster', ROSTER);
    expect(second.body).toMatchObject({
      created: { establishments: 0, users: 0, classes: 0, enrollments: 0 },
      unchanged: { establishments: 2, users: 3, classes: 2, enrollments: 3 }
    });
    record.add('roster import again', second);
    record.add('classes after import', await admin.call('GET', '/classes'));

    // OpenID Connect identities: two first logins at once wanting the same name.
    // Through the walk's own connection: two SQLite connections in one process wait
    // for each other synchronously (better-sqlite3), the hub never has two.
    const accounts = new OidcAccounts(
      new UserService(new UserStore(db), LOCKOUT),
      new IdentityStore(db)
    );
    const claims = (sub: string) => ({ sub, preferred_username: 'camille' });
    const policy = PRESETS.generic;
    const both = await Promise.all([
      accounts.findOrCreate('https://a.example', claims('1'), policy),
      accounts.findOrCreate('https://a.example', claims('2'), policy)
    ]);
    expect(both.map(user => user.name).sort()).toEqual([
      'camille',
      'camille-2'
    ]);
    const same = await accounts.findOrCreate(
      'https://a.example',
      claims('1'),
      policy
    );
    expect(same.id).toBe(both[0].id);
    const elsewhere = await accounts.findOrCreate(
      'https://b.example',
      claims('1'),
      policy
    );
    expect(elsewhere.name).toBe('camille-3');
    // Which login gets which name depends on timing: record the names only.
    record.add('oidc', [
      both.map(user => user.name).sort(),
      both[0].roles,
      elsewhere.name
    ]);

    // Servers: a row per running server, read again by the next hub (whether it takes
    // them back is the registry's business, tested in its own files). Sessions too.
    const a1 = (await hub.users.getByName('a1'))!;
    const profUser = (await hub.users.getByName('prof'))!;
    await hub.registry.ensure(a1);
    await hub.registry.ensure(profUser);
    const rows = await db
      .selectFrom('servers')
      .select(['user_id', 'url', 'pid'])
      .orderBy('pid')
      .execute();
    expect(rows.map(row => typeof row.pid)).toEqual(['number', 'number']);
    record.add('servers rows', rows);
    await hub.close();
    hub = await startTestHub(env, dataDir, { spawner });
    await hub.registry.ensure(a1);
    expect(
      await db
        .selectFrom('servers')
        .select('user_id')
        .where('user_id', '=', a1.id)
        .execute()
    ).toEqual([{ user_id: a1.id }]);
    record.add('servers after restart', {
      state: hub.registry.state(profUser).kind,
      started: spawner.started
    });
    const profAgain = new Browser(hub.url);
    profAgain.cookies = prof.browser.cookies;
    const me = await profAgain.get(`${api}/me`);
    expect(me.status).toBe(200);
    const { name, roles } = await readJson(me);
    record.add('session after restart', { name, roles });
    await hub.registry.stop(profUser);
    record.add(
      'servers after stop',
      await db.selectFrom('servers').select('user_id').execute()
    );
    const xsrf = (await readJson(await profAgain.get(`${api}/me`))).xsrfToken;
    await profAgain.request('POST', '/hub/logout', {
      form: { _xsrf: xsrf, everywhere: '1' }
    });
    const afterLogout = await profAgain.get(`${api}/me`);
    expect(afterLogout.status).toBe(401);
    record.add('logout everywhere', afterLogout.status);

    // The library: the same resources found by the same French queries on both (the
    // ranking formulas differ, BM25 and ts_rank: results are compared in title order).
    const author = await signIn('prof.b');
    const colleague = await signIn('admin');
    const resources: [string, string, string[], string[]][] = [
      [
        'Équations du second degré',
        'Résoudre des équations avec le discriminant.',
        ['mathematiques'],
        ['1re']
      ],
      [
        'Les chevaux de Troie',
        'Sécurité informatique : logiciels malveillants expliqués.',
        ['snt'],
        ['2de']
      ],
      [
        'Programmer des fonctions récursives',
        'La récursivité en Python, pas à pas.',
        ['nsi'],
        ['tle']
      ],
      [
        'Œuvres et équations',
        'Des œuvres d’art qui cachent une équation.',
        ['arts', 'mathematiques'],
        ['3e']
      ]
    ];
    const ids: string[] = [];
    for (const [title, summary, disciplines, levels] of resources) {
      const created = await author.call(
        'POST',
        '/library/resources',
        publishBody(
          metadata({ title, summary, disciplines, levels, keywords: [] }),
          [{ path: 'cours.ipynb', content: notebook(`# ${title}\n${summary}`) }]
        )
      );
      expect(created.status).toBe(201);
      ids.push((created.body as { id: string }).id);
    }
    const titles = (body: unknown) =>
      (body as { results: { title: string }[] }).results
        .map(r => r.title)
        .sort(compareText);
    for (const query of [
      'q=equations',
      'q=EQUATION%20second',
      'q=cheval',
      'q=recursivite',
      'q=oeuvre',
      'q=le%20la%20les',
      'q=equation&discipline=arts',
      'q=equation&level=1re&level=3e',
      'sort=title&perPage=2&page=2',
      'licence=CC-BY-4.0&language=fr',
      // Level and discipline words, typos, partial matches, suggestions, and facet
      // counts without their own filter: the hub's work above either index.
      'q=maths%201ere',
      'q=equatoins%20degre',
      'q=recursives%20chevaux',
      'q=cheval&discipline=nsi&level=tle',
      'discipline=arts&level=3e'
    ]) {
      const found = await author.call('GET', `/library/resources?${query}`);
      const body = found.body as Record<string, unknown>;
      record.add(`library search ${query}`, {
        status: found.status,
        total: body.total,
        titles: titles(found.body),
        facets: body.facets,
        understood: body.understood,
        didYouMean: body.didYouMean,
        corrected: body.corrected,
        partial: body.partial,
        suggestions: body.suggestions
      });
    }
    await colleague.call(
      'PUT',
      `/library/resources/${ids[0]}/endorsements/peer`
    );
    await colleague.call('POST', `/library/resources/${ids[0]}/uses`, {
      kind: 'open'
    });
    await colleague.call('POST', `/library/resources/${ids[2]}/uses`, {
      kind: 'open'
    });
    await author.call(
      'POST',
      `/library/resources/${ids[1]}/versions`,
      publishBody()
    );
    record.add(
      'library endorsed',
      titles((await author.call('GET', '/library/resources?endorsed=1')).body)
    );
    record.add(
      'library versions',
      await author.call('GET', `/library/resources/${ids[1]}`)
    );
    const newcomer = await signIn('prof');
    await newcomer.call('POST', `/library/resources/${ids[0]}/uses`, {
      kind: 'open'
    });
    await newcomer.call('PUT', '/library/profile', {
      disciplines: ['nsi'],
      levels: ['tle']
    });
    const recommended = (await newcomer.call('GET', '/library/recommendations'))
      .body as {
      recommendations: { resource: { title: string }; reasons: string[] }[];
    };
    record.add(
      'library recommendations',
      recommended.recommendations.map(r => [r.resource.title, r.reasons])
    );

    // Assignments: handed out to a class and by code; two submissions at once from one
    // learner (versions taken concurrently), a retried request, decimal grades, the
    // table in French order, feedback returned.
    const teacher = await signIn('prof');
    const klass = (
      await teacher.call('POST', '/classes', { name: 'Devoirs', level: '2de' })
    ).body as { id: string };
    for (const userName of ['zoe', 'a-b', 'a_b']) {
      await teacher.call('POST', `/classes/${klass.id}/members`, {
        userName,
        membership: 'learner'
      });
    }
    const handedOut = (
      await teacher.call('POST', '/assignments', {
        title: 'Les listes',
        classIds: [klass.id],
        shareCode: true,
        dueAt: '2099-06-30T18:00:00+02:00',
        source: {
          home: {
            path: 'listes.ipynb',
            files: [
              {
                path: 'listes.ipynb',
                content: notebook('# Listes').toString('base64')
              }
            ]
          }
        }
      })
    ).body as { id: string; shareCode: string; dueAt: string };
    expect(handedOut.shareCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    record.add('assignment due', handedOut.dueAt);
    const emile = await signIn('a-b');
    const pris = await signIn('pris');
    record.add(
      'assignment join',
      (
        await pris.call('POST', '/assignments/join', {
          code: handedOut.shareCode
        })
      ).status
    );
    await emile.call('POST', `/assignments/${handedOut.id}/fetch`);
    const work = (n: number) => ({
      requestId: `00000000-0000-4000-8000-00000000000${n}`,
      files: [
        {
          path: 'listes.ipynb',
          content: notebook(`# Copie ${n}`).toString('base64')
        }
      ]
    });
    const submitted = await Promise.all(
      [1, 2].map(n =>
        emile.call('POST', `/assignments/${handedOut.id}/submissions`, work(n))
      )
    );
    record.add(
      'assignment submissions',
      submitted.map(s => s.status)
    );
    const versions = submitted
      .map(s => (s.body as { version: number }).version)
      .sort();
    expect(versions).toEqual([1, 2]);
    record.add(
      'assignment retry',
      (
        await emile.call(
          'POST',
          `/assignments/${handedOut.id}/submissions`,
          work(1)
        )
      ).status
    );
    await teacher.call('PUT', `/assignments/${handedOut.id}/feedback/a-b`, {
      comment: 'Très bien.',
      grade: 15.75,
      maxGrade: 20
    });
    await teacher.call('POST', `/assignments/${handedOut.id}/return`, {});
    record.add(
      'assignment progress',
      (
        (await teacher.call('GET', `/assignments/${handedOut.id}/progress`))
          .body as { rows: unknown[] }
      ).rows
    );
    record.add(
      'assignment feedback',
      await emile.call('GET', `/assignments/${handedOut.id}/feedback/mine`)
    );
    record.add(
      'assignment lists',
      (
        (await emile.call('GET', '/assignments')).body as {
          learning: { title: string; state: string }[];
        }
      ).learning.map(a => [a.title, a.state])
    );

    // Autograding: a copy run in the sandbox, its results stored as JSON, its grade
    // proposed as feedback by a conditional upsert that the teacher's feedback wins.
    const carres = (
      await teacher.call('POST', '/assignments', {
        title: 'Les carrés',
        classIds: [klass.id],
        autograde: true,
        source: {
          home: {
            path: 'carres.ipynb',
            files: [
              {
                path: 'carres.ipynb',
                content: teacherNotebook().toString('base64')
              }
            ]
          }
        }
      })
    ).body as { id: string };
    const elise = await signIn('a_b');
    const fetched = (
      await elise.call('POST', `/assignments/${carres.id}/fetch`)
    ).body as { files: { content: string }[] };
    const copy = learnerCopy(Buffer.from(fetched.files[0].content, 'base64'), {
      carre: 'def carre(x):\n    return x * x'
    });
    await elise.call('POST', `/assignments/${carres.id}/submissions`, {
      requestId: randomUUID(),
      files: [{ path: 'carres.ipynb', content: copy.toString('base64') }]
    });
    const autogradeUrl = `/assignments/${carres.id}/autograde/a_b`;
    const finished = async () => {
      for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
        const body = (await teacher.call('GET', autogradeUrl)).body as {
          status: string;
        };
        if (!['queued', 'running'].includes(body.status)) {
          return body;
        }
        await new Promise(resolve => setTimeout(resolve, 250));
      }
      throw new Error('not autograded in time');
    };
    const result = (await finished()) as {
      status: string;
      points: number;
      max: number;
      cells: unknown[];
    };
    expect(result).toMatchObject({ status: 'done', points: 3, max: 6 });
    record.add('autograde', [
      result.status,
      result.points,
      result.max,
      result.cells
    ]);
    const feedbackOf = async () => {
      const { grade, maxGrade, rubric, fromAutograder } = (
        await teacher.call('GET', `/assignments/${carres.id}/feedback/a_b`)
      ).body as Record<string, unknown>;
      return { grade, maxGrade, rubric, fromAutograder };
    };
    const proposed = await feedbackOf();
    expect(proposed).toMatchObject({ grade: 3, fromAutograder: true });
    record.add('autograde proposal', proposed);
    await teacher.call('PUT', `/assignments/${carres.id}/feedback/a_b`, {
      comment: 'Bien.',
      grade: 4.5,
      maxGrade: 6
    });
    await teacher.call('POST', autogradeUrl);
    await finished();
    const kept = await feedbackOf();
    expect(kept).toMatchObject({ grade: 4.5, fromAutograder: false });
    record.add('autograde override', kept);

    // Environments: a lock carried by a notebook, registered once; the same pinned
    // notebook published and handed out; references counted (a count of distinct
    // resources, a group by, a time compared as text); a dry-run collection.
    const [standard] = readStandardEnvironments();
    const carried: ILock = {
      ...standard.lock,
      packages: standard.lock.packages.slice(1)
    };
    const carriedId = lockId(carried);
    const registered = [];
    for (let n = 0; n < 2; n++) {
      registered.push(
        (
          await author.call('POST', '/environments/locks', {
            id: carriedId,
            lock: carried,
            files: standard.files
          })
        ).status
      );
    }
    expect(registered).toEqual([201, 200]);
    const pinnedNotebook = () => {
      const nb = JSON.parse(notebook('# Épinglé').toString());
      nb.metadata.candyce = {
        environment: { id: carriedId, files: standard.files, lock: carried }
      };
      return Buffer.from(JSON.stringify(nb));
    };
    const pinnedResource = await author.call(
      'POST',
      '/library/resources',
      publishBody(metadata({ title: 'Épinglé' }), [
        { path: 'cours.ipynb', content: pinnedNotebook() }
      ])
    );
    expect(pinnedResource.body).toMatchObject({ environmentId: carriedId });
    const pinnedTask = await teacher.call('POST', '/assignments', {
      title: 'Épinglé',
      classIds: [],
      shareCode: true,
      source: {
        home: {
          path: 'cours.ipynb',
          files: [
            {
              path: 'cours.ipynb',
              content: pinnedNotebook().toString('base64')
            }
          ]
        }
      }
    });
    expect(pinnedTask.status).toBe(201);
    await hub.environments.records.touch(
      standard.id,
      new Date(Date.now() - 40 * 86_400_000).toISOString()
    );
    await hub.environments.records.touch(carriedId, new Date().toISOString());
    const environments = (await colleague.call('GET', '/environments'))
      .body as { environments: { id: string; references: unknown }[] };
    record.add(
      'environments',
      environments.environments.map(env => [env.id, env.references])
    );
    expect(
      environments.environments.find(env => env.id === carriedId)
    ).toMatchObject({
      references: { resources: 1, assignments: 1, recentUses: 1 }
    });
    record.add(
      'environments dry run',
      await colleague.call('POST', '/environments/collect', { dryRun: true })
    );

    // Foreign keys: a user's rows go with them; an establishment's classes stay.
    const leaId = (await hub.users.getByName('lea.martin'))!.id;
    const camilleId = both[0].id;
    const owned = async () => {
      const counts: Record<string, number> = {};
      for (const table of [
        'user_roles',
        'sessions',
        'class_members',
        'class_codes',
        'identities',
        'servers'
      ] as const) {
        const { n } = await db
          .selectFrom(table)
          .select(eb => eb.fn.countAll<number>().as('n'))
          .where('user_id', 'in', [leaId, camilleId, a1.id])
          .executeTakeFirstOrThrow();
        counts[table] = n;
      }
      return counts;
    };
    const before = await owned();
    // Léa's and a1's roles (the generic provider grants camille none), Léa's session,
    // membership and code, camille's identity, a1's server.
    expect(before).toEqual({
      user_roles: 2,
      sessions: 1,
      class_members: 1,
      class_codes: 1,
      identities: 1,
      servers: 1
    });
    await db
      .deleteFrom('users')
      .where('id', 'in', [leaId, camilleId, a1.id])
      .execute();
    const after = await owned();
    expect(Object.values(after)).toEqual([0, 0, 0, 0, 0, 0]);
    record.add('cascade', { before, after });
    await db
      .deleteFrom('establishments')
      .where('source_id', '=', 'org-2')
      .execute();
    const nsi = await hub.classes.getBySourceId('c-2');
    expect(nsi).toMatchObject({ name: '1re NSI', establishmentId: null });
    record.add('establishment deleted', nsi);
  } finally {
    await hub.registry.stopAll();
    await hub.close();
    await db.destroy();
  }
  return record.steps;
}
