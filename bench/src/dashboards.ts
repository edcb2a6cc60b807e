/**
 * Dashboard benchmark (issue 20, point 5): the traces part of a class's dashboard (per
 * pupil and day: statements, cells run, errors, help; the frequent errors) for a class
 * of 35 over a school year, on SQLite (the embedded default), read two ways in the
 * same run:
 *
 * - Candyce: the daily counts the LRS keeps at ingestion (`dashboard_daily`, primary
 *   key (actor_key, day); `dashboard_daily_errors`), as `DashboardQueries` reads them;
 * - the peer, the naive query: the same figures from the statements themselves, found
 *   through the LRS's own index by agent (`lrs_statement_index (kind, value, stored)`)
 *   and parsed (what a dashboard without aggregates must do).
 *
 * Volume: BENCH_PUPILS (35) pupils of the class and BENCH_OTHERS (70) pupils of other
 * classes, BENCH_DAYS (180) school days from 2025-09-01, BENCH_PER_DAY (40)
 * statements each a day (a notebook opened, cells run with one in ten in error, saves,
 * an assignment fetched, help now and then), ingested through the LRS's statement
 * store with the dashboards' ledger. BENCH_RUNS (30) timed reads of each kind, after
 * one warm-up; both must give the same figures.
 */
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

import { DailyLedger } from '@candyce/hub/lib/dashboards/ledger';
import { statementFacts } from '@candyce/hub/lib/dashboards/facts';
import { IPeriod } from '@candyce/hub/lib/dashboards/period';
import { DashboardQueries } from '@candyce/hub/lib/dashboards/queries';
import { migrate, openDatabase } from '@candyce/hub/lib/db/connect';
import { StatementStore } from '@candyce/hub/lib/lrs/statementStore';

import { programmeBench } from './dashboardsProgramme';
import {
  describeMachine,
  median,
  ms,
  percentile,
  printTable
} from './common/report';

const SETTINGS = {
  pupils: Number(process.env.BENCH_PUPILS ?? 35),
  others: Number(process.env.BENCH_OTHERS ?? 70),
  days: Number(process.env.BENCH_DAYS ?? 180),
  perDay: Number(process.env.BENCH_PER_DAY ?? 40),
  runs: Number(process.env.BENCH_RUNS ?? 30)
};
const HOME = 'https://candyce.example';
const CANDYCE = 'https://candyce.fr/xapi';
const EXCEPTIONS = [
  'NameError',
  'TypeError',
  'ZeroDivisionError',
  'IndexError',
  'SyntaxError',
  'ValueError'
];

/** The school days: weekdays from 2025-09-01, as many as asked. */
function schoolDays(count: number): string[] {
  const days: string[] = [];
  for (
    let at = Date.parse('2025-09-01T00:00:00Z');
    days.length < count;
    at += 86_400_000
  ) {
    const weekday = new Date(at).getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      days.push(new Date(at).toISOString().slice(0, 10));
    }
  }
  return days;
}

function actorKey(pupil: number): string {
  return `account:${HOME}|pupil-${pupil}`;
}

/** A pupil's statements of a day, as the LRS stores them. */
function dayOfWork(
  pupil: number,
  day: string,
  seed: number
): Record<string, unknown>[] {
  const actor = {
    objectType: 'Agent',
    account: { homePage: HOME, name: `pupil-${pupil}` }
  };
  const made: Record<string, unknown>[] = [];
  for (let i = 0; i < SETTINGS.perDay; i++) {
    const minute = 8 * 60 + Math.floor((i * 540) / SETTINGS.perDay);
    const timestamp = `${day}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00.000Z`;
    let verb = 'executed';
    let type = 'cell';
    let result: Record<string, unknown> | undefined;
    if (i === 0) {
      [verb, type] = ['opened', 'notebook'];
    } else if (i === 1) {
      [verb, type] = ['fetched', 'assignment'];
    } else if (i % 15 === 0) {
      [verb, type] = ['saved', 'notebook'];
    } else if (i === SETTINGS.perDay - 1 && (seed + pupil) % 10 === 0) {
      verb = 'asked';
      type = 'help';
    } else {
      const error = (seed * 31 + pupil * 7 + i) % 10 === 0;
      result = {
        success: !error,
        extensions: error
          ? {
              [`${CANDYCE}/extensions/exception`]:
                EXCEPTIONS[(seed + i) % EXCEPTIONS.length]
            }
          : {}
      };
    }
    made.push({
      id: randomUUID(),
      actor,
      verb: {
        id:
          verb === 'asked'
            ? 'http://adlnet.gov/expapi/verbs/asked'
            : `${CANDYCE}/verbs/${verb}`
      },
      object: {
        objectType: 'Activity',
        id: `urn:candyce:${type}:${pupil}-${i % 5}`,
        definition: { type: `${CANDYCE}/activities/${type}` }
      },
      ...(result ? { result } : {}),
      timestamp,
      stored: new Date().toISOString(),
      authority: {
        objectType: 'Agent',
        account: { homePage: HOME, name: 'bench' }
      },
      version: '1.0.3'
    });
  }
  return made;
}

interface IFigures {
  perPupil: Map<
    string,
    {
      statements: number;
      cellsRun: number;
      errors: number;
      helpAsked: number;
      lastAt: string;
    }
  >;
  frequentErrors: { name: string; count: number }[];
}

/** Candyce: the daily counts. */
async function fromCounts(
  queries: DashboardQueries,
  keys: string[],
  period: IPeriod
): Promise<IFigures> {
  const rows = await queries.daily(keys, period);
  const perPupil: IFigures['perPupil'] = new Map();
  for (const row of rows) {
    const sum = perPupil.get(row.actorKey) ?? {
      statements: 0,
      cellsRun: 0,
      errors: 0,
      helpAsked: 0,
      lastAt: ''
    };
    sum.statements += row.statements;
    sum.cellsRun += row.cellsRun;
    sum.errors += row.errors;
    sum.helpAsked += row.helpAsked;
    sum.lastAt = row.lastAt > sum.lastAt ? row.lastAt : sum.lastAt;
    perPupil.set(row.actorKey, sum);
  }
  return {
    perPupil,
    frequentErrors: await queries.frequentErrors(keys, period, 10)
  };
}

/** The peer: the statements, through the LRS's index by agent, parsed. */
async function fromStatements(
  db: ReturnType<typeof openDatabase>,
  keys: string[],
  period: IPeriod
): Promise<IFigures> {
  const perPupil: IFigures['perPupil'] = new Map();
  const errors = new Map<string, number>();
  for (const key of keys) {
    const rows = await db
      .selectFrom('lrs_statement_index as i')
      .innerJoin('lrs_statements as s', 's.id', 'i.statement_id')
      .select('s.body')
      .where('i.kind', '=', 'agent')
      .where('i.value', '=', key)
      .where('i.related', '=', 0)
      .where('s.voided', '=', 0)
      .execute();
    for (const row of rows) {
      const facts = statementFacts(JSON.parse(row.body));
      if (!facts || facts.day < period.from || facts.day > period.to) {
        continue;
      }
      const sum = perPupil.get(key) ?? {
        statements: 0,
        cellsRun: 0,
        errors: 0,
        helpAsked: 0,
        lastAt: ''
      };
      sum.statements += 1;
      sum.cellsRun += Number(facts.cellRun);
      sum.errors += Number(facts.error);
      sum.helpAsked += Number(facts.helpAsked);
      sum.lastAt = facts.at > sum.lastAt ? facts.at : sum.lastAt;
      perPupil.set(key, sum);
      if (facts.exception) {
        errors.set(facts.exception, (errors.get(facts.exception) ?? 0) + 1);
      }
    }
  }
  const frequentErrors = [...errors]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, 10);
  return { perPupil, frequentErrors };
}

async function time(
  runs: number,
  read: () => Promise<unknown>
): Promise<number[]> {
  await read();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await read();
    times.push(performance.now() - start);
  }
  return times;
}

async function main(): Promise<void> {
  console.log(`Dashboard benchmark — ${describeMachine()}`);
  const dataDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'candyce-bench-dashboards-')
  );
  const db = openDatabase(`sqlite:${path.join(dataDir, 'candyce.db')}`);
  try {
    await migrate(db);
    const store = new StatementStore(db, new DailyLedger());
    const days = schoolDays(SETTINGS.days);
    const everyone = SETTINGS.pupils + SETTINGS.others;
    const total = everyone * days.length * SETTINGS.perDay;
    console.log(
      `Ingesting ${total.toLocaleString('en')} statements (${everyone} pupils × ${days.length} school days × ${SETTINGS.perDay}), ${SETTINGS.pupils} of them in the class…`
    );
    const start = performance.now();
    for (const [seed, day] of days.entries()) {
      const batches: Promise<void>[] = [];
      for (let pupil = 0; pupil < everyone; pupil++) {
        batches.push(
          store.insert(dayOfWork(pupil, day, seed), 'bench', new Map())
        );
      }
      await Promise.all(batches);
    }
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `  ${seconds.toFixed(1)} s, ${Math.round(total / seconds).toLocaleString('en')} statements/s (with the daily counts)`
    );
    const dailyRows = await db
      .selectFrom('dashboard_daily')
      .select(db.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    console.log(
      `  dashboard_daily: ${Number(dailyRows.n).toLocaleString('en')} rows; database ${(fs.statSync(path.join(dataDir, 'candyce.db')).size / 2 ** 20).toFixed(0)} MiB`
    );

    const keys = Array.from({ length: SETTINGS.pupils }, (_, pupil) =>
      actorKey(pupil)
    );
    const year: IPeriod = { from: days[0], to: days[days.length - 1] };
    const month: IPeriod = {
      from: days[Math.max(0, days.length - 22)],
      to: days[days.length - 1]
    };
    const queries = new DashboardQueries(db);
    for (const period of [year, month]) {
      const counted = await fromCounts(queries, keys, period);
      const parsed = await fromStatements(db, keys, period);
      if (
        JSON.stringify([...counted.perPupil].sort()) !==
          JSON.stringify([...parsed.perPupil].sort()) ||
        JSON.stringify(counted.frequentErrors) !==
          JSON.stringify(parsed.frequentErrors)
      ) {
        throw new Error(
          `the two reads disagree on ${period.from}…${period.to}`
        );
      }
    }
    console.log('Both reads give the same figures.\n');
    const rows: string[][] = [];
    for (const [label, period] of [
      ['school year', year],
      ['last month', month]
    ] as const) {
      const candyce = await time(SETTINGS.runs, () =>
        fromCounts(queries, keys, period)
      );
      const naive = await time(Math.max(3, Math.floor(SETTINGS.runs / 3)), () =>
        fromStatements(db, keys, period)
      );
      rows.push([
        `${label}: daily counts (Candyce)`,
        ms(median(candyce)),
        ms(percentile(candyce, 95)),
        String(SETTINGS.runs)
      ]);
      rows.push([
        `${label}: statements (naive peer)`,
        ms(median(naive)),
        ms(percentile(naive, 95)),
        String(naive.length)
      ]);
    }
    console.log(`Class of ${SETTINGS.pupils}, traces part of its dashboard:`);
    printTable(['read', 'p50', 'p95', 'runs'], rows);
    await programmeBench(db, dataDir);
  } finally {
    await db.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
