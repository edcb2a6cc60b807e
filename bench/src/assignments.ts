/**
 * Assignments benchmark, through a real hub in its own process and HTTP:
 *
 * 1. 100 pupils (BENCH_PUPILS) each fetch then submit a 1 MB notebook (BENCH_NOTEBOOK_MB)
 *    at random moments of one minute (BENCH_WINDOW_S): p50/p95 of fetch and of submit.
 *    Peer: the same 1 MB notebook saved (PUT /api/contents) to a stock `jupyter lab` on
 *    the same schedule — what a pupil's every « Enregistrer » already costs.
 * 2. A teacher's table: a class of 35 pupils (BENCH_CLASS) × 20 assignments
 *    (BENCH_ASSIGNMENTS), every pupil having submitted to each: the load time of the
 *    list of assignments (with counts) and of one assignment's table (p50/p95 of 30 loads).
 *
 * Accounts are made in the data folder before the hub starts (password hashing is slow
 * on purpose; it is not what is measured).
 */
import { randomBytes, randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

import { ClassService } from '@candyce/hub/lib/classes/service';
import { migrate, openDatabase } from '@candyce/hub/lib/db/connect';
import { UserService } from '@candyce/hub/lib/users/service';
import { UserStore } from '@candyce/hub/lib/users/store';

import {
  CANDYCE_VENV,
  ICandyceHub,
  loginCandyce,
  startCandyce
} from './common/candyce';
import { WebClient } from './common/http';
import { startLab } from './common/lab';
import {
  describeMachine,
  median,
  ms,
  percentile,
  printTable
} from './common/report';

const SETTINGS = {
  pupils: Number(process.env.BENCH_PUPILS ?? 100),
  notebookMb: Number(process.env.BENCH_NOTEBOOK_MB ?? 1),
  windowS: Number(process.env.BENCH_WINDOW_S ?? 60),
  classSize: Number(process.env.BENCH_CLASS ?? 35),
  assignments: Number(process.env.BENCH_ASSIGNMENTS ?? 20),
  tableLoads: 30
};

const PASSWORD = 'mot-de-passe-banc-essai';

async function main(): Promise<void> {
  console.log(`Assignments benchmark — ${describeMachine()}`);
  const notebook = bigNotebook(SETTINGS.notebookMb);
  console.log(
    `${SETTINGS.pupils} pupils, a ${(notebook.length / 1e6).toFixed(2)} MB notebook, within ${SETTINGS.windowS} s; table: ${SETTINGS.classSize} pupils × ${SETTINGS.assignments} assignments\n`
  );
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-bench-'));
  const classes = await prepare(dataDir);
  const hub = await startCandyce({ sandbox: 'none', dataDir });
  try {
    const rush = await measureRush(hub, classes.rush, notebook);
    const peer = await measureLabSaves(notebook);
    console.log('');
    printTable(
      [
        `${SETTINGS.notebookMb} MB notebook, ${SETTINGS.pupils} pupils in ${SETTINGS.windowS} s`,
        'p50',
        'p95',
        'max',
        'failed'
      ],
      [
        row('Candyce: fetch (« Récupérer »)', rush.fetch, rush.failed),
        row('Candyce: submit (« Rendre »)', rush.submit, rush.failed),
        row(
          'stock jupyter lab: save (PUT /api/contents)',
          peer.save,
          peer.failed
        )
      ]
    );
    const table = await measureTable(hub, classes.table);
    console.log('');
    printTable(
      [
        `teacher's table, ${SETTINGS.classSize} pupils × ${SETTINGS.assignments} assignments`,
        'p50',
        'p95',
        'max'
      ],
      [
        ['list of assignments (with counts)', ...figures(table.list)],
        ['one assignment’s table (progress)', ...figures(table.progress)],
        ['grades CSV of one assignment', ...figures(table.csv)]
      ]
    );
  } finally {
    await hub.stop();
  }
}

/** Accounts and classes, written before the hub starts. */
async function prepare(
  dataDir: string
): Promise<{ rush: string; table: string }> {
  const db = openDatabase(`sqlite:${path.join(dataDir, 'candyce.db')}`);
  try {
    await migrate(db);
    const users = new UserService(new UserStore(db), {
      maxFailures: 5,
      lockMinutes: 15
    });
    const classes = new ClassService(db);
    const teacher = await users.create({
      name: 'prof',
      displayName: 'Professeur',
      roles: ['teacher'],
      password: PASSWORD
    });
    const rush = await classes.create({ name: 'Rush', level: '2de' });
    const table = await classes.create({ name: 'Table', level: '2de' });
    await classes.addMember(rush.id, teacher.id, 'teacher');
    await classes.addMember(table.id, teacher.id, 'teacher');
    const count = Math.max(SETTINGS.pupils, SETTINGS.classSize);
    for (let i = 0; i < count; i++) {
      const pupil = await users.create({
        name: pupilName(i),
        displayName: `Élève ${i}`,
        roles: ['learner'],
        password: PASSWORD
      });
      if (i < SETTINGS.pupils) {
        await classes.addMember(rush.id, pupil.id, 'learner');
      }
      if (i < SETTINGS.classSize) {
        await classes.addMember(table.id, pupil.id, 'learner');
      }
    }
    return { rush: rush.id, table: table.id };
  } finally {
    await db.destroy();
  }
}

/** Every pupil fetches then submits, each at a random moment of the window. */
async function measureRush(
  hub: ICandyceHub,
  classId: string,
  notebook: Buffer
): Promise<{ fetch: number[]; submit: number[]; failed: number }> {
  const prof = await login(hub, 'prof');
  const assignment = await createAssignment(prof, classId, 'Rush', notebook);
  const pupils = await Promise.all(
    Array.from({ length: SETTINGS.pupils }, (_, i) => login(hub, pupilName(i)))
  );
  const fetch: number[] = [];
  const submit: number[] = [];
  let failed = 0;
  const body = {
    files: [{ path: 'tp.ipynb', content: notebook.toString('base64') }]
  };
  process.stdout.write('rush: ');
  await Promise.all(
    pupils.map(async pupil => {
      await sleep(Math.random() * SETTINGS.windowS * 1000);
      let start = performance.now();
      const fetched = await pupil.call(
        'POST',
        `/assignments/${assignment}/fetch`
      );
      fetch.push(performance.now() - start);
      start = performance.now();
      const submitted = await pupil.call(
        'POST',
        `/assignments/${assignment}/submissions`,
        { requestId: randomUUID(), ...body }
      );
      submit.push(performance.now() - start);
      if (fetched !== 200 || submitted !== 201) {
        failed++;
      }
      process.stdout.write('.');
    })
  );
  process.stdout.write('\n');
  return { fetch, submit, failed };
}

/** The peer: the same notebook saved to a stock `jupyter lab`, on the same schedule. */
async function measureLabSaves(
  notebook: Buffer
): Promise<{ save: number[]; failed: number }> {
  const lab = await startLab(CANDYCE_VENV);
  const save: number[] = [];
  let failed = 0;
  const model = {
    type: 'notebook',
    format: 'json',
    content: JSON.parse(notebook.toString('utf8'))
  };
  process.stdout.write('jupyter lab saves: ');
  try {
    const origin = new URL(lab.baseUrl).origin;
    await Promise.all(
      Array.from({ length: SETTINGS.pupils }, async (_, i) => {
        await sleep(Math.random() * SETTINGS.windowS * 1000);
        const client = new WebClient(origin);
        const start = performance.now();
        const answer = await client.request(
          'PUT',
          `${lab.baseUrl}api/contents/copie-${i}.ipynb`,
          { headers: { authorization: `token ${lab.token}` }, json: model }
        );
        await answer.arrayBuffer();
        save.push(performance.now() - start);
        if (answer.status >= 300) {
          failed++;
        }
        process.stdout.write('.');
      })
    );
  } finally {
    process.stdout.write('\n');
    await lab.stop();
  }
  return { save, failed };
}

/** A class of 35 × 20 assignments, every pupil having submitted to each. */
async function measureTable(
  hub: ICandyceHub,
  classId: string
): Promise<{ list: number[]; progress: number[]; csv: number[] }> {
  const prof = await login(hub, 'prof');
  const small = bigNotebook(0.01);
  const pupils = await Promise.all(
    Array.from({ length: SETTINGS.classSize }, (_, i) =>
      login(hub, pupilName(i))
    )
  );
  const ids: string[] = [];
  process.stdout.write('\ntable set-up: ');
  for (let a = 0; a < SETTINGS.assignments; a++) {
    const id = await createAssignment(prof, classId, `Devoir ${a + 1}`, small);
    ids.push(id);
    await Promise.all(
      pupils.map(pupil =>
        pupil.call('POST', `/assignments/${id}/submissions`, {
          requestId: randomUUID(),
          files: [{ path: 'tp.ipynb', content: small.toString('base64') }]
        })
      )
    );
    process.stdout.write('.');
  }
  process.stdout.write('\n');
  const timed = async (url: string): Promise<number> => {
    const start = performance.now();
    const status = await prof.call('GET', url);
    if (status !== 200) {
      throw new Error(`${url} answered ${status}`);
    }
    return performance.now() - start;
  };
  const list: number[] = [];
  const progress: number[] = [];
  const csv: number[] = [];
  for (let i = 0; i < SETTINGS.tableLoads; i++) {
    list.push(await timed('/assignments'));
    progress.push(await timed(`/assignments/${ids[i % ids.length]}/progress`));
    csv.push(await timed(`/assignments/${ids[i % ids.length]}/grades.csv`));
  }
  return { list, progress, csv };
}

/** A signed-in client: `call` answers the status once the body is read. */
async function login(
  hub: ICandyceHub,
  name: string
): Promise<{
  call: (method: string, url: string, json?: unknown) => Promise<number>;
  json: (method: string, url: string, json?: unknown) => Promise<unknown>;
}> {
  hub.logins.set(name, { name, password: PASSWORD, role: '' });
  const client = await loginCandyce(hub, name);
  const me = (await (await client.request('GET', '/hub/api/v1/me')).json()) as {
    xsrfToken: string;
  };
  const send = (method: string, url: string, json?: unknown) =>
    client.request(method, `/hub/api/v1${url}`, {
      json,
      headers: { 'X-Candyce-XSRF': me.xsrfToken }
    });
  return {
    call: async (method, url, json) => {
      const response = await send(method, url, json);
      await response.arrayBuffer();
      return response.status;
    },
    json: async (method, url, json) => (await send(method, url, json)).json()
  };
}

async function createAssignment(
  prof: Awaited<ReturnType<typeof login>>,
  classId: string,
  title: string,
  notebook: Buffer
): Promise<string> {
  const created = (await prof.json('POST', '/assignments', {
    title,
    classIds: [classId],
    source: {
      home: {
        path: 'tp.ipynb',
        files: [{ path: 'tp.ipynb', content: notebook.toString('base64') }]
      }
    }
  })) as { id?: string; error?: { message: string } };
  if (!created.id) {
    throw new Error(`assignment not created: ${created.error?.message}`);
  }
  return created.id;
}

/** A valid nbformat 4.5 notebook of about `mb` megabytes (a code cell of data). */
function bigNotebook(mb: number): Buffer {
  const data = randomBytes(Math.round((mb * 1e6 * 3) / 4)).toString('base64');
  return Buffer.from(
    JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        {
          id: 'consigne',
          cell_type: 'markdown',
          metadata: {},
          source: '# TP noté'
        },
        {
          id: 'donnees',
          cell_type: 'code',
          metadata: {},
          source: `donnees = "${data}"`,
          outputs: [],
          execution_count: null
        }
      ]
    })
  );
}

function pupilName(i: number): string {
  return `eleve${String(i).padStart(3, '0')}`;
}

function figures(values: readonly number[]): string[] {
  return [
    ms(median(values)),
    ms(percentile(values, 95)),
    ms(Math.max(...values))
  ];
}

function row(
  label: string,
  values: readonly number[],
  failed: number
): string[] {
  return [label, ...figures(values), String(failed)];
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, milliseconds));
}

void main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
