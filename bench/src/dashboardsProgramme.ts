/**
 * The programme's and an establishment's dashboards over many accounts (part of
 * `npm run bench:dashboards`): BENCH_PROGRAMME_USERS (20,000) accounts, of which the
 * pupils and teachers of BENCH_ESTABLISHMENTS (40) establishments of 10 classes of 25
 * pupils and 2 teachers each; the first half of the establishments active on 3 days
 * of each week of a month (rows of the daily counts written directly, with the
 * accounts' real pseudonymous keys). Timed in the same run, in turns,
 * BENCH_PROGRAMME_RUNS (15) each after one warm-up:
 *
 * - the programme's dashboard as it was (the peer): every account's pseudonym (an
 *   HMAC) computed at each call, and each active user's classes and teaching profile
 *   read one query at a time (the same code, given services that answer one by one);
 * - the same with the keys kept in memory once computed (`ActorKeys`) only;
 * - Candyce now: keys kept, and the active users' classes and profiles read in one
 *   query each (`ClassService.forUsers`, `LibraryService.profiles`);
 * - one establishment's dashboard (its 270 users found by their classes).
 *
 * All three programme reads must give the same figures.
 */
import { randomUUID } from 'crypto';
import * as path from 'path';
import { performance } from 'perf_hooks';

import { ClassService } from '@candyce/hub/lib/classes/service';
import { ActorKeys } from '@candyce/hub/lib/dashboards/actorKeys';
import { IDashboardDeps } from '@candyce/hub/lib/dashboards/deps';
import { establishmentDashboard } from '@candyce/hub/lib/dashboards/establishment';
import { IPeriod, shift } from '@candyce/hub/lib/dashboards/period';
import { programmeDashboard } from '@candyce/hub/lib/dashboards/programme';
import { DashboardQueries } from '@candyce/hub/lib/dashboards/queries';
import { openDatabase } from '@candyce/hub/lib/db/connect';
import { LibraryService } from '@candyce/hub/lib/library/service';
import { LibraryStore } from '@candyce/hub/lib/library/store';
import { loadTaxonomy } from '@candyce/hub/lib/library/taxonomy';
import { agentKey } from '@candyce/hub/lib/lrs/agents';
import { LrsClients } from '@candyce/hub/lib/lrs/clients';
import { BlobStore } from '@candyce/hub/lib/storage/blobs';
import { UserService } from '@candyce/hub/lib/users/service';
import { UserStore } from '@candyce/hub/lib/users/store';

import { median, ms, percentile, printTable } from './common/report';
import { LEVELS } from './common/synthetic';

const SETTINGS = {
  users: Number(process.env.BENCH_PROGRAMME_USERS ?? 20_000),
  establishments: Number(process.env.BENCH_ESTABLISHMENTS ?? 40),
  runs: Number(process.env.BENCH_PROGRAMME_RUNS ?? 15)
};
const CLASSES = 10;
const PUPILS = 25;
const TEACHERS = 2;
const MONTH: IPeriod = { from: '2025-11-03', to: '2025-11-30' };

type Db = ReturnType<typeof openDatabase>;

/** Accounts, establishments, classes and a month of daily counts, in bulk. */
async function populate(
  db: Db,
  keyOf: (userId: string) => string
): Promise<string[]> {
  const now = new Date().toISOString();
  const users: { id: string; role: string }[] = [];
  const members: { class_id: string; user_id: string; membership: string }[] =
    [];
  const classes: Record<string, unknown>[] = [];
  const establishments: string[] = [];
  const active = new Set<string>();
  for (let e = 0; e < SETTINGS.establishments; e++) {
    const establishment = randomUUID();
    establishments.push(establishment);
    await db
      .insertInto('establishments')
      .values({ id: establishment, name: `Lycée ${e}`, created_at: now })
      .execute();
    for (let c = 0; c < CLASSES; c++) {
      const klass = randomUUID();
      classes.push({
        id: klass,
        name: `Classe ${e}-${c}`,
        level: LEVELS[c % LEVELS.length],
        created_at: now,
        establishment_id: establishment
      });
      for (let p = 0; p < PUPILS + TEACHERS; p++) {
        const id = randomUUID();
        const teacher = p >= PUPILS;
        users.push({ id, role: teacher ? 'teacher' : 'learner' });
        members.push({
          class_id: klass,
          user_id: id,
          membership: teacher ? 'teacher' : 'learner'
        });
        if (e < SETTINGS.establishments / 2) {
          active.add(id);
        }
      }
    }
  }
  while (users.length < SETTINGS.users) {
    users.push({ id: randomUUID(), role: 'learner' });
  }
  const chunks = <T>(rows: T[], size = 500): T[][] =>
    Array.from({ length: Math.ceil(rows.length / size) }, (_, i) =>
      rows.slice(i * size, (i + 1) * size)
    );
  await db.transaction().execute(async trx => {
    for (const part of chunks(users)) {
      await trx
        .insertInto('users')
        .values(
          part.map((user, i) => ({
            id: user.id,
            name: `u${user.id.slice(0, 8)}${i}`,
            display_name: 'Compte',
            password_hash: null,
            locked_until: null,
            created_at: now
          }))
        )
        .execute();
      await trx
        .insertInto('user_roles')
        .values(part.map(user => ({ user_id: user.id, role: user.role })))
        .execute();
    }
    for (const part of chunks(classes)) {
      await trx
        .insertInto('classes')
        .values(part as never)
        .execute();
    }
    for (const part of chunks(members)) {
      await trx.insertInto('class_members').values(part).execute();
    }
    const days: string[] = [];
    for (let day = MONTH.from; day <= MONTH.to; day = shift(day, 7)) {
      days.push(day, shift(day, 1), shift(day, 3));
    }
    const rows = [...active].flatMap(id =>
      days.map(day => ({
        actor_key: keyOf(id),
        day,
        statements: 20,
        notebooks_opened: 1,
        cells_run: 15,
        errors: 2,
        help_asked: 0,
        last_at: `${day}T10:00:00.000Z`
      }))
    );
    for (const part of chunks(rows)) {
      await trx.insertInto('dashboard_daily').values(part).execute();
    }
  });
  return establishments;
}

/** Each read's times (ms), one of each per run, after one warm-up of each. */
async function inTurns(
  runs: number,
  reads: (() => Promise<unknown>)[]
): Promise<number[][]> {
  for (const read of reads) {
    await read();
  }
  const times: number[][] = reads.map(() => []);
  for (let run = 0; run < runs; run++) {
    for (const [at, read] of reads.entries()) {
      const start = performance.now();
      await read();
      times[at].push(performance.now() - start);
    }
  }
  return times;
}

/** Run the part; `db` is migrated and empty of accounts. */
export async function programmeBench(db: Db, dataDir: string): Promise<void> {
  const clients = new LrsClients(
    db,
    Buffer.alloc(32, 7),
    'https://candyce.example',
    () => new Date()
  );
  const hmac = (userId: string) => agentKey(clients.pseudonym(userId))!;
  console.log(
    `\nProgramme and establishment dashboards: ${SETTINGS.users.toLocaleString('en')} accounts, ${SETTINGS.establishments} establishments × ${CLASSES} classes × ${PUPILS + TEACHERS}, half of them active 3 days a week over ${MONTH.from}…${MONTH.to}…`
  );
  const establishments = await populate(db, hmac);
  const users = new UserService(new UserStore(db), {
    maxFailures: 5,
    lockMinutes: 15
  });
  const base = {
    queries: new DashboardQueries(db),
    classes: new ClassService(db),
    users,
    library: new LibraryService(
      new LibraryStore(db),
      new BlobStore(path.join(dataDir, 'blobs')),
      loadTaxonomy()
    ),
    clock: () => new Date()
  } as unknown as IDashboardDeps;
  const cached = new ActorKeys(hmac);
  const oneByOne = {
    classes: Object.create(base.classes, {
      forUsers: {
        value: async (ids: readonly string[]) => {
          const found = new Map();
          for (const id of ids) {
            found.set(id, await base.classes.forUser(id));
          }
          return found;
        }
      }
    }),
    library: Object.create(base.library, {
      profiles: {
        value: async (ids: readonly string[]) => {
          const found = new Map();
          for (const id of ids) {
            const profile = await base.library.profile(id);
            if (profile) {
              found.set(id, profile);
            }
          }
          return found;
        }
      }
    })
  };
  const before: IDashboardDeps = { ...base, ...oneByOne, actorKeyOf: hmac };
  const keysKept: IDashboardDeps = {
    ...base,
    ...oneByOne,
    actorKeyOf: id => cached.of(id)
  };
  const after: IDashboardDeps = { ...base, actorKeyOf: id => cached.of(id) };
  const answers = [before, keysKept, after].map(deps =>
    programmeDashboard(deps, MONTH).then(answer => JSON.stringify(answer))
  );
  if (new Set(await Promise.all(answers)).size !== 1) {
    throw new Error('the programme dashboards disagree');
  }
  const school = await base.classes.getEstablishment(establishments[0]);
  // Taken in turns, run after run: a machine whose load drifts weighs on each alike.
  const [hmacOnly, peer, kept, candyce, oneSchool] = await inTurns(
    SETTINGS.runs,
    [
      async () => {
        for (const user of await users.all()) {
          hmac(user.id);
        }
      },
      () => programmeDashboard(before, MONTH),
      () => programmeDashboard(keysKept, MONTH),
      () => programmeDashboard(after, MONTH),
      () => establishmentDashboard(after, school!, MONTH)
    ]
  );
  const row = (label: string, times: number[]) => [
    label,
    ms(median(times)),
    ms(percentile(times, 95)),
    String(times.length)
  ];
  printTable(
    ['read', 'p50', 'p95', 'runs'],
    [
      row('every account read, every pseudonym computed', hmacOnly),
      row('programme as it was: HMACs each call, reads one by one', peer),
      row('programme: pseudonyms kept, reads one by one', kept),
      row('programme now: pseudonyms kept, batched reads (Candyce)', candyce),
      row('one establishment (270 users)', oneSchool)
    ]
  );
}
