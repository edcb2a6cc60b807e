/**
 * LRS benchmark (issue 20): the hub's xAPI Learning Record Store (its own process,
 * SQLite, the embedded default) beside Ralph (PyPI `ralph-malph`, its API server on
 * its file-system backend, see common/ralph.ts) in the same run, over HTTP on
 * loopback, with the same statements (common/xapiStatements.ts).
 *
 * 1. Ingestion, statements per second, 10 concurrent clients sending batches of 1
 *    (BENCH_INGEST statements in all, 2000), of 10 (5 × BENCH_INGEST) and of 100
 *    (10 × BENCH_INGEST), each LRS starting empty.
 * 2. Reads with BENCH_STORED statements stored (1,000,000; Ralph BENCH_RALPH_STORED,
 *    the same by default): p50/p95 of up to BENCH_GET_RUNS (200) GETs of each kind,
 *    each kind stopping after BENCH_QUERY_SECONDS (60) once it has 3 runs, so that a
 *    query that reads the whole store stays bounded; the runs made are printed.
 *
 * The hub is filled through its API (batches of 500 from 4 clients). Ralph's
 * file-system backend checks each POSTed id against every stored statement, so
 * filling it through its API would take hours: its statements file is written
 * directly, one JSON line per statement as Ralph itself writes them.
 *
 * BENCH_RALPH_VENV names the virtual environment with Ralph; without it (or if Ralph
 * cannot start) the hub is measured alone and the reason printed.
 */
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import { performance } from 'perf_hooks';

import { startLrsHub } from './common/lrsHub';
import { IRalph, ralphMissing, startRalph } from './common/ralph';
import {
  describeMachine,
  median,
  ms,
  percentile,
  printTable
} from './common/report';
import { XapiClient } from './common/xapiClient';
import {
  activityId,
  COURSE,
  pupil,
  registration,
  statement,
  verbId
} from './common/xapiStatements';

const SETTINGS = {
  ingest: Number(process.env.BENCH_INGEST ?? 2000),
  stored: Number(process.env.BENCH_STORED ?? 1_000_000),
  ralphStored: Number(
    process.env.BENCH_RALPH_STORED ?? process.env.BENCH_STORED ?? 1_000_000
  ),
  getRuns: Number(process.env.BENCH_GET_RUNS ?? 200),
  querySeconds: Number(process.env.BENCH_QUERY_SECONDS ?? 60)
};

const BATCHES: [size: number, total: number][] = [
  [1, SETTINGS.ingest],
  [10, SETTINGS.ingest * 5],
  [100, SETTINGS.ingest * 10]
];

/** An LRS under test: 10 clients, and how to bring it to a number of statements. */
interface ILrs {
  name: string;
  clients: XapiClient[];
  /** Statements sent so far (the next statement's number). */
  sent: number;
  fill(total: number): Promise<void>;
  stop(): Promise<void>;
}

async function ingest(lrs: ILrs, batchSize: number, total: number) {
  const perClient = Math.ceil(total / lrs.clients.length);
  await Promise.all(
    lrs.clients.map(async client => {
      for (let done = 0; done < perClient; done += batchSize) {
        const first = lrs.sent;
        lrs.sent += batchSize;
        await client.post(
          Array.from({ length: batchSize }, (_, k) => statement(first + k))
        );
      }
    })
  );
}

async function candyce(): Promise<ILrs> {
  const port = process.env.BENCH_PORT
    ? Number(process.env.BENCH_PORT)
    : undefined;
  const started = await startLrsHub({ clients: 10, port });
  const lrs: ILrs = {
    name: 'Candyce',
    clients: started.credentials.map(
      c => new XapiClient(started.endpoint, c.authorization)
    ),
    sent: 0,
    async fill(total) {
      while (lrs.sent < total) {
        await Promise.all(
          lrs.clients.slice(0, 4).map(client => {
            const first = lrs.sent;
            const size = Math.min(500, total - first);
            lrs.sent += size;
            return size > 0
              ? client.post(
                  Array.from({ length: size }, (_, k) => statement(first + k))
                )
              : Promise.resolve();
          })
        );
      }
    },
    stop: () => started.hub.stop()
  };
  return lrs;
}

function ralphLrs(ralph: IRalph): ILrs {
  const lrs: ILrs = {
    name: `Ralph ${ralph.version}`,
    clients: Array.from(
      { length: 10 },
      () => new XapiClient(ralph.endpoint, ralph.authorization)
    ),
    sent: 0,
    async fill(total) {
      // As Ralph writes them: the statement, its id, stored, timestamp, authority.
      const out = fs.createWriteStream(ralph.statementsFile, { flags: 'a' });
      const start = Date.now() - (total - lrs.sent);
      for (; lrs.sent < total; lrs.sent++) {
        const at = new Date(start + lrs.sent).toISOString();
        const line = JSON.stringify({
          ...statement(lrs.sent),
          id: randomUUID(),
          stored: at,
          timestamp: at,
          authority: ralph.authority
        });
        if (!out.write(`${line}\n`)) {
          await new Promise<void>(resolve =>
            out.once('drain', () => resolve())
          );
        }
      }
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve()))
      );
    },
    stop: () => ralph.stop()
  };
  return lrs;
}

interface IQueryFigures {
  p50: number;
  p95: number;
  runs: number;
  gave: number;
}

/** GET `query` until BENCH_GET_RUNS runs, or BENCH_QUERY_SECONDS after 3 runs. */
async function time(lrs: ILrs, query: string): Promise<IQueryFigures> {
  const times: number[] = [];
  let gave = 0;
  const start = performance.now();
  while (
    times.length < SETTINGS.getRuns &&
    (times.length < 3 ||
      performance.now() - start < SETTINGS.querySeconds * 1000)
  ) {
    const t = performance.now();
    gave = (await lrs.clients[times.length % lrs.clients.length].get(query))
      .count;
    times.push(performance.now() - t);
    if (performance.now() - start > SETTINGS.querySeconds * 1000 * 3) {
      break;
    }
  }
  return {
    p50: median(times),
    p95: percentile(times, 95),
    runs: times.length,
    gave
  };
}

/** The queries, for an LRS holding statement `idOf` as its latest. */
async function queries(lrs: ILrs, idOf: string): Promise<[string, string][]> {
  const agent = encodeURIComponent(JSON.stringify(pupil(42)));
  const hourAgo = encodeURIComponent(
    new Date(Date.now() - 3600_000).toISOString()
  );
  const second = (await lrs.clients[0].get('statements?limit=50')).more;
  return [
    ['latest 50', 'statements?limit=50'],
    ['by agent (1/200 of all)', `statements?limit=50&agent=${agent}`],
    [
      'by verb (1/8)',
      `statements?limit=50&verb=${encodeURIComponent(verbId(3))}`
    ],
    [
      'by activity (1/50)',
      `statements?limit=50&activity=${encodeURIComponent(activityId(7))}`
    ],
    [
      'by registration',
      `statements?registration=${registration(17, (17 * 7) % 50)}`
    ],
    [
      'by agent since an hour, ascending',
      `statements?limit=50&ascending=true&agent=${agent}&since=${hourAgo}`
    ],
    [
      'by related activity (all)',
      `statements?limit=50&related_activities=true&activity=${encodeURIComponent(COURSE)}`
    ],
    ['one statement by id (the latest)', `statements?statementId=${idOf}`],
    ['second page (more)', second]
  ];
}

async function main(): Promise<void> {
  console.log(`LRS benchmark — ${describeMachine()}`);
  const lrss: ILrs[] = [await candyce()];
  const missing = ralphMissing(process.env.BENCH_RALPH_VENV);
  if (missing) {
    console.log(`Ralph not run: ${missing}.`);
  } else {
    try {
      lrss.push(ralphLrs(await startRalph(process.env.BENCH_RALPH_VENV!)));
    } catch (error) {
      console.log(`Ralph not run: ${String(error).split('\n')[0]}`);
    }
  }
  const names = lrss.map(lrs => lrs.name);
  try {
    const ingestion = new Map<string, string[]>();
    for (const [size, total] of BATCHES) {
      const row = [`batches of ${size}`, String(total)];
      for (const lrs of lrss) {
        const start = performance.now();
        await ingest(lrs, size, total);
        const seconds = (performance.now() - start) / 1000;
        row.push((total / seconds).toFixed(0));
      }
      ingestion.set(String(size), row);
    }
    console.log(
      '\nIngestion, POST /statements, 10 concurrent clients (statements/s)\n'
    );
    printTable(['', 'statements', ...names], [...ingestion.values()]);

    const figures = new Map<string, IQueryFigures[]>();
    const sizes: string[] = [];
    let labels: string[] = [];
    for (const lrs of lrss) {
      const target =
        lrs.name === 'Candyce' ? SETTINGS.stored : SETTINGS.ralphStored;
      const start = performance.now();
      await lrs.fill(target);
      const id = randomUUID();
      await lrs.clients[0].post([{ ...statement(lrs.sent), id }]);
      lrs.sent++;
      sizes.push(
        `${lrs.name}: ${lrs.sent} statements (filled in ${((performance.now() - start) / 1000).toFixed(0)} s)`
      );
      const list = await queries(lrs, id);
      labels = list.map(([label]) => label);
      for (const [label, query] of list) {
        const row = figures.get(label) ?? [];
        row.push(await time(lrs, query));
        figures.set(label, row);
      }
    }
    console.log(`\nGET /statements (${sizes.join('; ')})\n`);
    printTable(
      ['', ...names.flatMap(name => [`${name} p50`, 'p95', 'runs', 'gave'])],
      labels.map(label => [
        label,
        ...figures
          .get(label)!
          .flatMap(f => [ms(f.p50), ms(f.p95), String(f.runs), String(f.gave)])
      ])
    );
  } finally {
    for (const lrs of lrss) {
      await lrs.stop();
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
