import * as fs from 'fs';
import { Kysely } from 'kysely';
import * as os from 'os';
import * as path from 'path';

import { migrate, openDatabase } from '../src/db/connect';
import { IDatabase } from '../src/db/schema';
import { administeredScope } from '../src/establishments/scope';
import { Role } from '../src/users/names';
import { findPostgres, ITestPostgres, startPostgres } from './helpers/postgres';

const found = findPostgres();
let pg: ITestPostgres | null = null;
afterAll(() => pg?.stop());

/** The databases the function is tried on: SQLite, and PostgreSQL when installed. */
const DATABASES: [string, (dir: string) => Promise<string>][] = [
  ['SQLite', async dir => `sqlite:${path.join(dir, 'hub.sqlite')}`],
  ...(found
    ? ([
        [
          'PostgreSQL',
          async () => {
            pg ??= await startPostgres(found);
            return pg.createDatabase();
          }
        ]
      ] as [string, (dir: string) => Promise<string>][])
    : [])
];

/**
 * `administeredScope`: which establishments a user administers, on a real SQLite file
 * and a real PostgreSQL database migrated to the latest schema. Grants are written as
 * rows, as the administration writes them; the CHECK and unique indexes of migration
 * 0027 are tried too.
 */
describe.each(DATABASES)('administeredScope on %s', (_name, databaseUrl) => {
  let dir: string;
  let db: Kysely<IDatabase>;
  const now = '2026-09-01T08:00:00.000Z';

  function user(id: string, roles: Role[], deactivatedAt?: string) {
    return { id, name: id, displayName: id, roles, deactivatedAt };
  }

  async function addUser(id: string): Promise<void> {
    await db
      .insertInto('users')
      .values({
        id,
        name: id,
        display_name: id,
        password_hash: null,
        locked_until: null,
        created_at: now
      })
      .execute();
  }

  async function addEstablishment(
    id: string,
    academy: string | null
  ): Promise<void> {
    await db
      .insertInto('establishments')
      .values({
        id,
        name: `Lycée ${id}`,
        uai: null,
        source_id: null,
        created_at: now,
        academy
      })
      .execute();
  }

  async function grant(
    userId: string,
    scope: { establishmentId?: string; academy?: string }
  ): Promise<void> {
    await db
      .insertInto('administrators')
      .values({
        id: `${userId}-${scope.establishmentId ?? scope.academy}`,
        user_id: userId,
        establishment_id: scope.establishmentId ?? null,
        academy: scope.academy ?? null,
        granted_by: 'root',
        granted_at: now
      })
      .execute();
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-scope-'));
    db = openDatabase(await databaseUrl(dir));
    await migrate(db);
    for (const id of ['root', 'proviseur', 'recteur', 'both', 'nobody']) {
      await addUser(id);
    }
    await addEstablishment('voltaire', 'Créteil');
    await addEstablishment('moliere', 'Créteil');
    await addEstablishment('hugo', 'Paris');
    await addEstablishment('sans-academie', null);
    await grant('proviseur', { establishmentId: 'voltaire' });
    await grant('recteur', { academy: 'Créteil' });
    await grant('both', { establishmentId: 'hugo' });
    await grant('both', { academy: 'Créteil' });
    await grant('both', { establishmentId: 'moliere' });
  });
  afterAll(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives everything to the global admin role, without listing establishments', async () => {
    expect(await administeredScope(db, user('root', ['admin']))).toEqual({
      everything: true,
      establishmentIds: []
    });
  });

  it('gives an establishment administrator their establishment only', async () => {
    expect(await administeredScope(db, user('proviseur', ['teacher']))).toEqual(
      { everything: false, establishmentIds: ['voltaire'] }
    );
  });

  it('gives an academy administrator every establishment of their academy, and those added to it later', async () => {
    expect(await administeredScope(db, user('recteur', []))).toEqual({
      everything: false,
      establishmentIds: ['moliere', 'voltaire']
    });
    await addEstablishment('zola', 'Créteil');
    expect(await administeredScope(db, user('recteur', []))).toEqual({
      everything: false,
      establishmentIds: ['moliere', 'voltaire', 'zola']
    });
  });

  it('merges grants of both kinds, each establishment once', async () => {
    expect(await administeredScope(db, user('both', ['inspector']))).toEqual({
      everything: false,
      establishmentIds: ['hugo', 'moliere', 'voltaire', 'zola']
    });
  });

  it('answers null for a user who administers nothing, whatever their roles, and for a deactivated account', async () => {
    expect(await administeredScope(db, user('nobody', ['teacher']))).toBeNull();
    expect(
      await administeredScope(db, user('proviseur', ['teacher'], now))
    ).toBeNull();
    expect(
      await administeredScope(db, user('root', ['admin'], now))
    ).toBeNull();
  });

  // The database's errors are matched by message: better-sqlite3 makes them with the
  // error class of the first test file a jest worker loaded, which is not an `Error`
  // of this file's realm when another file ran before in the same worker.
  it('refuses a grant with both or neither of establishment and academy, and the same grant twice', async () => {
    const rows = async () =>
      (await db.selectFrom('administrators').selectAll().execute()).length;
    const before = await rows();
    const common = { user_id: 'nobody', granted_by: 'root', granted_at: now };
    const bad = [
      { id: 'x1', establishment_id: 'hugo', academy: 'Paris', ...common },
      { ...common, id: 'x2', establishment_id: null, academy: null }
    ];
    for (const row of bad) {
      await expect(
        db.insertInto('administrators').values(row).execute()
      ).rejects.toHaveProperty(
        'message',
        expect.stringMatching(/CHECK constraint|administrators_one_scope/)
      );
    }
    await expect(
      grant('proviseur', { establishmentId: 'voltaire' })
    ).rejects.toHaveProperty(
      'message',
      expect.stringMatching(/UNIQUE constraint|duplicate key/)
    );
    await expect(
      db
        .insertInto('administrators')
        .values({
          id: 'x3',
          user_id: 'recteur',
          establishment_id: null,
          academy: 'Créteil',
          granted_by: 'root',
          granted_at: now
        })
        .execute()
    ).rejects.toHaveProperty(
      'message',
      expect.stringMatching(/UNIQUE constraint|duplicate key/)
    );
    expect(await rows()).toBe(before);
  });
});
