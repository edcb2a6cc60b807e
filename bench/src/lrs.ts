/**
 * LRS benchmark (issue 20): the hub's xAPI Learning Record Store in its own process,
 * over HTTP, on SQLite (the embedded default).
 *
 * 1. Ingestion, statements per second: batches of 1, 10 and 100 from one client
 *    (BENCH_INGEST statements each, 2000), batches of 1 from 10 concurrent clients
 *    (BENCH_INGEST in all) and batches of 10 from 10 concurrent clients (BENCH_INGEST
 *    each).
 * 2. Reads with many statements stored (BENCH_STORED, 100,000, by 200 pupils on 50
 *    activities and 8 verbs): p50/p95 of BENCH_GET_RUNS (200) GETs of each kind: the
 *    latest page, by agent, verb, activity, registration, agent + since, one statement
 *    by id, and the second page through `more`.
 *
 * The credentials are made in the data folder before the hub starts.
 */
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

import { migrate, openDatabase } from '@candyce/hub/lib/db/connect';
import { LrsClients } from '@candyce/hub/lib/lrs/clients';

import { startCandyce } from './common/candyce';
import {
  describeMachine,
  median,
  ms,
  percentile,
  printTable
} from './common/report';

const SETTINGS = {
  ingest: Number(process.env.BENCH_INGEST ?? 2000),
  stored: Number(process.env.BENCH_STORED ?? 100_000),
  getRuns: Number(process.env.BENCH_GET_RUNS ?? 200),
  pupils: 200,
  activities: 50,
  verbs: 8
};

/** One registration per pupil and activity. */
const REGISTRATIONS = new Map<string, string>();

function statement(i: number): Record<string, unknown> {
  const pupil = i % SETTINGS.pupils;
  const activity = (i * 7) % SETTINGS.activities;
  const key = `${pupil}/${activity}`;
  if (!REGISTRATIONS.has(key)) {
    REGISTRATIONS.set(key, randomUUID());
  }
  return {
    actor: {
      objectType: 'Agent',
      account: { homePage: 'https://candyce.example', name: `eleve-${pupil}` }
    },
    verb: {
      id: `http://adlnet.gov/expapi/verbs/v${i % SETTINGS.verbs}`,
      display: { 'fr-FR': `verbe ${i % SETTINGS.verbs}` }
    },
    object: {
      id: `https://candyce.example/activities/notebook-${activity}`,
      definition: {
        name: { 'fr-FR': `Carnet ${activity}` },
        type: 'http://adlnet.gov/expapi/activities/assessment'
      }
    },
    result: {
      score: { scaled: (i % 100) / 100 },
      success: i % 3 === 0,
      duration: 'PT5M12S'
    },
    context: {
      registration: REGISTRATIONS.get(key),
      contextActivities: {
        parent: [{ id: 'https://candyce.example/courses/maths-2de' }]
      },
      platform: 'Candyce'
    }
  };
}

class Client {
  constructor(
    readonly url: string,
    readonly authorization: string
  ) {}

  async post(batch: unknown[]): Promise<void> {
    const response = await fetch(`${this.url}/xapi/statements`, {
      method: 'POST',
      headers: {
        Authorization: this.authorization,
        'X-Experience-API-Version': '1.0.3',
        'Content-Type': 'application/json'
      },
      body: JSON.stringify(batch.length === 1 ? batch[0] : batch)
    });
    await response.arrayBuffer();
    if (response.status !== 200) {
      throw new Error(`POST answered ${response.status}`);
    }
  }

  async get(pathAndQuery: string): Promise<{ more: string }> {
    const response = await fetch(`${this.url}${pathAndQuery}`, {
      headers: {
        Authorization: this.authorization,
        'X-Experience-API-Version': '1.0.3'
      }
    });
    const body = (await response.json()) as { more?: string };
    if (response.status !== 200) {
      throw new Error(`GET ${pathAndQuery} answered ${response.status}`);
    }
    return { more: body.more ?? '' };
  }
}

let counter = 0;

async function ingest(
  client: Client,
  batchSize: number,
  total: number
): Promise<void> {
  for (let sent = 0; sent < total; sent += batchSize) {
    await client.post(
      Array.from({ length: batchSize }, () => statement(counter++))
    );
  }
}

async function main(): Promise<void> {
  console.log(`LRS benchmark — ${describeMachine()}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-bench-'));
  const db = openDatabase(`sqlite:${path.join(dataDir, 'candyce.db')}`);
  await migrate(db);
  const clients = new LrsClients(
    db,
    LrsClients.loadPseudonymKey(path.join(dataDir, 'secrets')),
    'https://candyce.example',
    () => new Date()
  );
  const credentials = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      clients.create({ name: `bench ${i}`, scope: 'all' })
    )
  );
  await db.destroy();
  const hub = await startCandyce({ sandbox: 'none', dataDir });
  const lrs = credentials.map(
    c =>
      new Client(
        hub.url,
        `Basic ${Buffer.from(`${c.key}:${c.secret}`).toString('base64')}`
      )
  );
  try {
    const rows: string[][] = [];
    const measure = async (
      label: string,
      total: number,
      run: () => Promise<void>
    ) => {
      const start = performance.now();
      await run();
      const seconds = (performance.now() - start) / 1000;
      rows.push([label, String(total), (total / seconds).toFixed(0)]);
    };
    const n = SETTINGS.ingest;
    await measure('batches of 1, one client', n, () => ingest(lrs[0], 1, n));
    await measure('batches of 10, one client', n, () => ingest(lrs[0], 10, n));
    await measure('batches of 100, one client', n, () =>
      ingest(lrs[0], 100, n)
    );
    await measure('batches of 1, 10 concurrent clients', n, async () => {
      await Promise.all(lrs.map(client => ingest(client, 1, n / 10)));
    });
    await measure('batches of 10, 10 concurrent clients', n * 10, async () => {
      await Promise.all(lrs.map(client => ingest(client, 10, n)));
    });
    console.log('\nIngestion (POST /xapi/statements, SQLite)\n');
    printTable(['', 'statements', 'statements/s'], rows);

    const start = performance.now();
    while (counter < SETTINGS.stored) {
      await Promise.all(
        lrs.slice(0, 4).map(client => ingest(client, 250, 250))
      );
    }
    console.log(
      `\n${counter} statements stored (filled in ${((performance.now() - start) / 1000).toFixed(0)} s)\n`
    );

    const someId = randomUUID();
    await lrs[0].post([{ ...statement(1), id: someId }]);
    const agent = encodeURIComponent(JSON.stringify(statement(42).actor));
    const registration = [...REGISTRATIONS.values()][17];
    const hourAgo = encodeURIComponent(
      new Date(Date.now() - 3600_000).toISOString()
    );
    const second = (await lrs[0].get('/xapi/statements?limit=50')).more;
    const queries: [string, string][] = [
      ['latest 50', '/xapi/statements?limit=50'],
      ['by agent (≈ 1/200 of all)', `/xapi/statements?limit=50&agent=${agent}`],
      [
        'by verb (1/8)',
        `/xapi/statements?limit=50&verb=${encodeURIComponent('http://adlnet.gov/expapi/verbs/v3')}`
      ],
      [
        'by activity (1/50)',
        `/xapi/statements?limit=50&activity=${encodeURIComponent('https://candyce.example/activities/notebook-7')}`
      ],
      ['by registration', `/xapi/statements?registration=${registration}`],
      [
        'by agent since an hour, ascending',
        `/xapi/statements?limit=50&ascending=true&agent=${agent}&since=${hourAgo}`
      ],
      [
        'by related activity (all)',
        `/xapi/statements?limit=50&related_activities=true&activity=${encodeURIComponent('https://candyce.example/courses/maths-2de')}`
      ],
      ['one statement by id', `/xapi/statements?statementId=${someId}`],
      ['second page (more)', second]
    ];
    const getRows: string[][] = [];
    for (const [label, url] of queries) {
      const times: number[] = [];
      for (let run = 0; run < SETTINGS.getRuns; run++) {
        const t = performance.now();
        await lrs[run % lrs.length].get(url);
        times.push(performance.now() - t);
      }
      getRows.push([label, ms(median(times)), ms(percentile(times, 95))]);
    }
    console.log(
      `GET /xapi/statements with ${counter + 1} statements stored (${SETTINGS.getRuns} runs each)\n`
    );
    printTable(['', 'p50', 'p95'], getRows);
  } finally {
    await hub.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
