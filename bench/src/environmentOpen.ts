/**
 * What a pinned environment adds to opening a notebook, once the environment is built:
 * a pupil opens, in Chromium through the hub, a notebook pinned to the standard
 * environment `python-base` and, in turn, the same notebook on the server's own Python 3
 * kernel; each time from navigation to the notebook's kernel being idle. The difference
 * is the extra time (target: no rebuild, under 1 s). Also timed: the hub's
 * `POST /environments/:id/build` on a built environment (what the panel calls when a
 * kernelspec is missing: it must not rebuild) and the server's kernelspec listing.
 *
 * Needs the set-up's store (`.environments`, or CANDYCE_ENVIRONMENTS_DIR).
 * Settings: BENCH_OPENS (8): opens of each notebook.
 */
import * as fs from 'fs';
import * as path from 'path';
import { chromium, Page } from 'playwright-core';
import { performance } from 'perf_hooks';

import { lockId, readLock, shortId } from '@candyce/environments';

import { REPO_DIR, startCandyce } from './common/candyce';
import { waitForIdleKernel, writeNotebook } from './common/notebooks';
import {
  describeMachine,
  median,
  ms,
  percentile,
  printTable
} from './common/report';

const OPENS = Number(process.env.BENCH_OPENS ?? 8);
const STORE =
  process.env.CANDYCE_ENVIRONMENTS_DIR ?? path.join(REPO_DIR, '.environments');
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update'
];
const PUPIL = 'eleve1';

async function main(): Promise<void> {
  console.log(`Environment open benchmark — ${describeMachine()}`);
  const folder = path.join(REPO_DIR, 'binder-configs', 'python-base');
  const lock = await readLock(path.join(folder, 'candyce-lock.json'));
  const id = lockId(lock);
  if (!fs.existsSync(path.join(STORE, 'envs', id))) {
    throw new Error(
      `python-base (${shortId(id)}) is not built in ${STORE}: run ./candyce start once`
    );
  }
  console.log(
    `python-base ${shortId(id)} (${lock.packages.length} packages) from ${STORE}; ${OPENS} opens of each notebook, alternating\n`
  );
  const hub = await startCandyce({
    env: { CANDYCE_ENVIRONMENTS_DIR: STORE }
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_FLAGS
  });
  try {
    const login = hub.logins.get(PUPIL)!;
    const home = path.join(hub.dataDir, 'homes', login.name);
    fs.mkdirSync(home, { recursive: true, mode: 0o700 });
    const files = ['requirements.txt', 'runtime.txt'].map(name => ({
      path: name,
      content: fs.readFileSync(path.join(folder, name), 'utf8')
    }));
    writeNotebook(home, 'base.ipynb');
    writeNotebook(
      home,
      'pinned.ipynb',
      {
        name: `candyce-${shortId(id)}`,
        display_name: `Python ${lock.python.version} · environnement ${shortId(id).slice(0, 8)}`
      },
      { environment: { id, files, lock } }
    );

    const page = await browser.newPage();
    await page.goto(`${hub.url}/hub/login`);
    await page.fill('input[name="username"]', login.name);
    await page.fill('input[name="password"]', login.password);
    await Promise.all([
      page.waitForURL(/\/hub\/home/),
      page.press('input[name="password"]', 'Enter')
    ]);
    const base = `${hub.url}/user/${login.name}`;
    // The first visit spawns the server behind the hub's progress page, which then
    // navigates to JupyterLab: wait for JupyterLab's shell before timing anything.
    await page.goto(`${base}/lab`, { timeout: 180000 });
    await page.waitForSelector('#jp-main-dock-panel', { timeout: 180000 });
    // Warm-up: a first load fills caches for both notebooks alike.
    await open(page, base, 'base.ipynb');
    await open(page, base, 'pinned.ipynb');

    const times = { base: [] as number[], pinned: [] as number[] };
    for (let i = 0; i < OPENS; i++) {
      for (const name of ['pinned', 'base'] as const) {
        times[name].push(await open(page, base, `${name}.ipynb`));
      }
    }
    // open() leaves the page blank; the API calls below are same-origin from a hub page.
    await page.goto(`${hub.url}/hub/home`);
    const xsrf = (await page.evaluate(async url => {
      const me = await (await fetch(`${url}/hub/api/v1/me`)).json();
      return me.xsrfToken as string;
    }, hub.url)) as string;
    const ensure: number[] = [];
    const specs: number[] = [];
    for (let i = 0; i < 20; i++) {
      ensure.push(
        await page.evaluate(
          async ({ url, envId, token }) => {
            const started = globalThis.performance.now();
            const response = await fetch(
              `${url}/hub/api/v1/environments/${envId}/build`,
              { method: 'POST', headers: { 'x-candyce-xsrf': token } }
            );
            const text = await response.text();
            if (!response.ok || !text.includes('event: result')) {
              throw new Error(
                `build: HTTP ${response.status} ${text.slice(0, 200)}`
              );
            }
            return globalThis.performance.now() - started;
          },
          { url: hub.url, envId: id, token: xsrf }
        )
      );
      specs.push(
        await page.evaluate(async url => {
          const started = globalThis.performance.now();
          const specs = await (await fetch(`${url}/api/kernelspecs`)).json();
          if (
            !Object.keys(specs.kernelspecs).some(name =>
              name.startsWith('candyce-')
            )
          ) {
            throw new Error('no candyce kernelspec on the server');
          }
          return globalThis.performance.now() - started;
        }, base)
      );
    }

    const row = (label: string, values: number[]) => [
      label,
      ms(median(values)),
      ms(percentile(values, 95)),
      ms(Math.max(...values))
    ];
    printTable(
      ['', 'p50', 'p95', 'max'],
      [
        row(
          'open, pinned to python-base (navigation → kernel idle)',
          times.pinned
        ),
        row('open, server’s Python 3 kernel (peer)', times.base),
        row('POST /environments/:id/build, already built', ensure),
        row('GET /api/kernelspecs (with the store’s kernelspecs)', specs)
      ]
    );
    const extra = median(times.pinned) - median(times.base);
    console.log(
      `\nExtra time to open a notebook whose environment is built: ${ms(extra)} at p50 (target < 1 s, no rebuild).`
    );
  } finally {
    await browser.close();
    await hub.stop();
  }
}

/**
 * Open a notebook in a fresh workspace and wait until its kernel is idle with a client
 * connected; then shut its session down so that the next open starts a kernel too.
 *
 * @returns milliseconds from navigation to the idle kernel.
 */
async function open(
  page: Page,
  base: string,
  notebook: string
): Promise<number> {
  const started = performance.now();
  await page.goto(`${base}/lab/tree/${notebook}?reset`, { timeout: 180000 });
  const session = await waitForIdleKernel(page, `${base}/api/sessions`, {
    notebook,
    intervalMs: 25
  });
  const elapsed = performance.now() - started;
  await page.goto('about:blank');
  const xsrf = await page.context().cookies(base);
  await page.request.delete(`${base}/api/sessions/${session.id}`, {
    headers: {
      'X-XSRFToken': xsrf.find(cookie => cookie.name === '_xsrf')?.value ?? ''
    }
  });
  return elapsed;
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
