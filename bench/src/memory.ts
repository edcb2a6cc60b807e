/**
 * Memory benchmark: what one idle user costs — the user's server and one idle kernel,
 * after a browser session opened a notebook and left — as PSS summed over the server's
 * process tree (`/proc/<pid>/smaps_rollup`), for Candyce (through its hub, with its
 * bubblewrap sandbox and without) and for stock JupyterLab 4.6.4 alone, in the same run.
 *
 * PSS divides each shared page among the processes that map it, so one user's PSS
 * still carries whole shared libraries (Python, its modules): it overstates what each
 * further user adds. USS (pages only this tree maps) is what each further user adds for
 * sure; the truth for many users lies between, nearer USS.
 *
 * Settings: BENCH_SETTLE_SECONDS (30): how long after the browser closes to measure.
 */
import * as fs from 'fs';
import * as path from 'path';
import { chromium, Page } from 'playwright-core';
import { setTimeout as sleep } from 'timers/promises';

import {
  CANDYCE_VENV,
  findUserServer,
  ICandyceHub,
  startCandyce
} from './common/candyce';
import { BENCH_VENV, ensureBenchVenv } from './common/jupyterhub';
import { startLab } from './common/lab';
import { waitForIdleKernel, writeNotebook } from './common/notebooks';
import { commandLine, descendants, listProcesses } from './common/processes';
import { describeMachine, mib, printTable } from './common/report';

const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 30);
const BUDGET_BYTES = 20 * 2 ** 30;
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update'
];
const NOTEBOOK = 'bench.ipynb';

/**
 * Memory of one process tree, by part.
 */
interface IFootprint {
  /** PSS by part: server, kernel, sandbox (bwrap), other. */
  pss: Map<string, number>;
  /** USS (private pages) by part. */
  uss: Map<string, number>;
  /** Processes by part. */
  count: Map<string, number>;
  /** Command names of the processes counted as `other`. */
  others: string[];
}

const PARTS = ['server', 'kernel', 'sandbox', 'other'];

async function main(): Promise<void> {
  const versions = await ensureBenchVenv();
  console.log(`Memory benchmark — ${describeMachine()}`);
  console.log(
    `Candyce's JupyterLab from ${CANDYCE_VENV}; stock JupyterLab ${versions.jupyterlab} from ${BENCH_VENV}; measured ${SETTLE_SECONDS} s after the browser closed\n`
  );
  const results = new Map<string, IFootprint>();
  for (const sandbox of ['bubblewrap', 'none'] as const) {
    const hub = await startCandyce({ sandbox });
    try {
      results.set(
        `Candyce (${sandbox === 'bubblewrap' ? 'bubblewrap sandbox' : 'CANDYCE_SANDBOX=none'})`,
        await Private.candyce(hub)
      );
    } finally {
      await hub.stop();
    }
  }
  const lab = await startLab(BENCH_VENV, { name: 'stock' });
  try {
    writeNotebook(lab.home, NOTEBOOK);
    results.set(
      `stock JupyterLab ${versions.jupyterlab}`,
      await Private.measureAfterBrowser(
        lab.process.pid,
        async page => {
          await page.goto(
            `${lab.baseUrl}lab/tree/${NOTEBOOK}?token=${lab.token}`
          );
        },
        `${lab.baseUrl}api/sessions?token=${lab.token}`
      )
    );
  } finally {
    await lab.stop();
  }

  const labels = [...results.keys()];
  const row = (title: string, value: (footprint: IFootprint) => string) => [
    title,
    ...labels.map(label => value(results.get(label)!))
  ];
  const total = (parts: Map<string, number>) =>
    [...parts.values()].reduce((sum, bytes) => sum + bytes, 0);
  printTable(
    ['', ...labels],
    [
      ...PARTS.map(part =>
        row(`PSS ${part}`, footprint =>
          footprint.count.get(part)
            ? `${mib(footprint.pss.get(part) ?? 0)} (${footprint.count.get(part)})`
            : '–'
        )
      ),
      row('PSS total', footprint => mib(total(footprint.pss))),
      row('USS total', footprint => mib(total(footprint.uss))),
      row('idle users in 20 GiB, by PSS', footprint =>
        String(Math.floor(BUDGET_BYTES / total(footprint.pss)))
      ),
      row('idle users in 20 GiB, by USS', footprint =>
        String(Math.floor(BUDGET_BYTES / total(footprint.uss)))
      )
    ]
  );
  console.log(
    '\n(n) = processes. The hub itself is not counted (one per machine, not per user).'
  );
  for (const [label, footprint] of results) {
    if (footprint.others.length) {
      console.log(
        `Other processes of ${label}: ${footprint.others.join('; ')}`
      );
    }
  }
}

namespace Private {
  /**
   * Log in through the hub's login page in Chromium, open the notebook (the hub starts
   * the server on the way), then leave.
   */
  export async function candyce(hub: ICandyceHub): Promise<IFootprint> {
    const login = hub.logins.get('eleve1')!;
    const home = path.join(hub.dataDir, 'homes', login.name);
    fs.mkdirSync(home, { recursive: true, mode: 0o700 });
    writeNotebook(home, NOTEBOOK);
    let rootPid = 0;
    return measureAfterBrowser(
      () => rootPid,
      async page => {
        await page.goto(`${hub.url}/hub/login`);
        await page.fill('input[name="username"]', login.name);
        await page.fill('input[name="password"]', login.password);
        await Promise.all([
          page.waitForURL(/\/hub\/home/),
          page.press('input[name="password"]', 'Enter')
        ]);
        await page.goto(`${hub.url}/user/${login.name}/lab/tree/${NOTEBOOK}`, {
          timeout: 180000
        });
        await page.waitForURL(/\/user\/.*\/lab/, { timeout: 180000 });
        rootPid = findUserServer(hub, login.name).rootPid;
      },
      `${hub.url}/user/${login.name}/api/sessions`
    );
  }

  /**
   * Open a notebook in Chromium with `open`, wait until its kernel is idle, close the
   * browser, wait `SETTLE_SECONDS`, and measure the tree under `rootPid`.
   */
  export async function measureAfterBrowser(
    rootPid: number | (() => number),
    open: (page: Page) => Promise<void>,
    sessionsUrl: string
  ): Promise<IFootprint> {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_FLAGS
    });
    try {
      const page = await browser.newPage();
      await open(page);
      await page.waitForSelector('.jp-NotebookPanel', { timeout: 180000 });
      await waitForIdleKernel(page, sessionsUrl, { notebook: NOTEBOOK });
      // Let the page finish what it does after the kernel starts (completer, saves…).
      await sleep(5000);
    } finally {
      await browser.close();
    }
    await sleep(SETTLE_SECONDS * 1000);
    return footprint(typeof rootPid === 'number' ? rootPid : rootPid());
  }

  /**
   * PSS and USS of `rootPid` and its descendants, by part.
   */
  export function footprint(rootPid: number): IFootprint {
    const result: IFootprint = {
      pss: new Map(),
      uss: new Map(),
      count: new Map(),
      others: []
    };
    const comms = new Map(listProcesses().map(info => [info.pid, info.comm]));
    for (const pid of [rootPid, ...descendants(rootPid)]) {
      const part = classify(comms.get(pid) ?? '', commandLine(pid));
      const memory = rollup(pid);
      result.pss.set(part, (result.pss.get(part) ?? 0) + memory.pss);
      result.uss.set(part, (result.uss.get(part) ?? 0) + memory.uss);
      result.count.set(part, (result.count.get(part) ?? 0) + 1);
      if (part === 'other') {
        result.others.push(
          commandLine(pid).slice(0, 3).join(' ') || comms.get(pid) || '?'
        );
      }
    }
    return result;
  }

  function classify(comm: string, argv: readonly string[]): string {
    if (comm === 'bwrap') {
      return 'sandbox';
    }
    if (argv.some(arg => arg.includes('ipykernel_launcher'))) {
      return 'kernel';
    }
    if (argv.some(arg => arg.endsWith('/jupyter-lab'))) {
      return 'server';
    }
    return 'other';
  }

  /**
   * PSS and USS (Private_Clean + Private_Dirty) in bytes from smaps_rollup.
   */
  function rollup(pid: number): { pss: number; uss: number } {
    let text = '';
    try {
      text = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    } catch {
      return { pss: 0, uss: 0 };
    }
    const field = (name: string) =>
      Number(text.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) *
      1024;
    return {
      pss: field('Pss'),
      uss: field('Private_Clean') + field('Private_Dirty')
    };
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
