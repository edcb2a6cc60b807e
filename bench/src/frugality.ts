/**
 * Frugality benchmark (issue 3): bytes and requests of a cold load of a new notebook,
 * stock JupyterLab served directly versus Candyce through the hub, in one run with
 * Chromium.
 *
 *   npm run bench:frugality [-- --verbose]
 *
 * Stock: `jupyter lab` from the repository's environment (.venv), token-less, in a fresh
 * root folder with fresh settings and workspaces folders, its third-party extensions
 * (jupyter-collaboration, pygments) kept but Candyce's own labextensions left out of
 * its `labextensions_path`, so that their scripts are not even fetched.
 * Candyce: a hub started in this process (temporary data folder, bubblewrap sandbox when
 * /usr/bin/bwrap exists), one learner whose server runs Candyce's JupyterLab.
 *
 * Each load: a fresh browser context, the HTTP cache disabled, a new notebook file and a
 * new workspace; the login to the hub happens before the measure starts. Bytes are what
 * Chromium counts on the wire (`Network.loadingFinished` `encodedDataLength`: headers and
 * bodies as transferred); WebSocket frames are counted apart. The load ends once the
 * notebook shows its cell and no HTTP request has started or ended for 3 s. One more
 * load through the hub asks for gzip only (Accept-Encoding: gzip, deflate), for browsers
 * or proxies on the way that do not take brotli.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Browser, chromium, Page } from 'playwright-core';

import { loadConfig } from '@candyce/hub/lib/config/load';
import { IHub, startHub } from '@candyce/hub/lib/main';

const ROOT = path.resolve(__dirname, '..', '..');
const VENV = path.join(ROOT, '.venv');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** The target of issue 3: Candyce transfers at most this share of stock's bytes. */
const TARGET = 0.4;
const QUIET_MS = 3000;
/** `--verbose`: list every request of every load. */
const VERBOSE = process.argv.includes('--verbose');

/** What one load transferred. */
interface ILoad {
  label: string;
  requests: number;
  failed: number;
  /** Bytes on the wire, headers included. */
  bytes: number;
  /** Bodies once decoded. */
  decodedBytes: number;
  /** Requests and bytes per content coding of the answer. */
  byEncoding: Map<string, { requests: number; bytes: number }>;
  /** Requests and bytes per Chromium resource type. */
  byType: Map<string, { requests: number; bytes: number }>;
  wsFrames: number;
  wsPayloadBytes: number;
  /** Seconds until the notebook showed its cell. */
  readySeconds: number;
  /** Each request: URL, coding, bytes on the wire (or why it failed). */
  log: string[];
}

/** An empty notebook, as « Nouveau notebook » makes it. */
const NOTEBOOK = JSON.stringify({
  cells: [
    {
      cell_type: 'code',
      execution_count: null,
      id: 'a1b2c3d4',
      metadata: {},
      outputs: [],
      source: []
    }
  ],
  metadata: {
    kernelspec: {
      display_name: 'Python 3 (ipykernel)',
      language: 'python',
      name: 'python3'
    },
    language_info: { name: 'python' }
  },
  nbformat: 4,
  nbformat_minor: 5
});

function write(line = ''): void {
  process.stdout.write(line + '\n');
}

/**
 * Start stock JupyterLab on a free port; resolves with its URL once it listens.
 */
async function startStockLab(
  work: string
): Promise<{ url: string; root: string; process: ChildProcess }> {
  const root = path.join(work, 'stock-root');
  const extensions = path.join(work, 'stock-labextensions');
  fs.mkdirSync(root);
  // Every federated extension of the environment except Candyce's own.
  const installed = path.join(VENV, 'share', 'jupyter', 'labextensions');
  for (const name of Private.extensionNames(installed)) {
    if (!name.startsWith('@candyce/')) {
      fs.mkdirSync(path.dirname(path.join(extensions, name)), {
        recursive: true
      });
      fs.symlinkSync(
        path.join(installed, name),
        path.join(extensions, name),
        'dir'
      );
    }
  }
  const env = {
    ...process.env,
    JUPYTER_CONFIG_DIR: path.join(work, 'stock-config'),
    JUPYTER_RUNTIME_DIR: path.join(work, 'stock-runtime'),
    JUPYTERLAB_SETTINGS_DIR: path.join(work, 'stock-settings'),
    JUPYTERLAB_WORKSPACES_DIR: path.join(work, 'stock-workspaces')
  };
  const child = spawn(
    path.join(VENV, 'bin', 'jupyter'),
    [
      'lab',
      '--allow-root',
      '--no-browser',
      '--ip=127.0.0.1',
      '--port=0',
      '--ServerApp.port_retries=0',
      '--IdentityProvider.token=',
      '--ServerApp.password=',
      `--ServerApp.root_dir=${root}`,
      '--LabApp.extensions_in_dev_mode=False',
      `--LabApp.labextensions_path=${JSON.stringify([extensions])}`
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] }
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`stock JupyterLab did not start:\n${output}`)),
      120_000
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`stock JupyterLab exited (${code}):\n${output}`));
    });
  });
  return { url, root, process: child };
}

/**
 * Start a hub in this process with one learner whose server runs.
 */
async function startCandyce(
  work: string
): Promise<{ hub: IHub; home: string; password: string }> {
  const dataDir = path.join(work, 'hub-data');
  const sandbox = fs.existsSync('/usr/bin/bwrap') ? 'bubblewrap' : 'none';
  const hub = await startHub(
    loadConfig({
      CANDYCE_PORT: '0',
      CANDYCE_DATA_DIR: dataDir,
      CANDYCE_VENV_DIR: VENV,
      CANDYCE_SANDBOX: sandbox,
      CANDYCE_LOG_LEVEL: 'warn'
    })
  );
  const password = 'frugal-bench-password';
  const user = await hub.users.create({
    name: 'bench',
    displayName: 'Banc d’essai',
    roles: ['learner'],
    password
  });
  // Start the server here, not from the browser: the first measured load is the first
  // time anything fetches JupyterLab's files through this hub.
  await hub.registry.ensure(user);
  return { hub, home: path.join(dataDir, 'homes', 'bench'), password };
}

/**
 * Measure one cold load of `notebookUrl` in a fresh context.
 */
async function measure(
  browser: Browser,
  label: string,
  notebookUrl: string,
  login?: (page: Page) => Promise<void>,
  headers?: Record<string, string>
): Promise<ILoad> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    if (login) {
      await login(page);
    }
    const cdp = await context.newCDPSession(page);
    const load: ILoad = {
      label,
      requests: 0,
      failed: 0,
      bytes: 0,
      decodedBytes: 0,
      byEncoding: new Map(),
      byType: new Map(),
      wsFrames: 0,
      wsPayloadBytes: 0,
      readySeconds: 0,
      log: []
    };
    const pending = new Map<
      string,
      { type: string; encoding: string; url: string }
    >();
    let lastActivity = Date.now();
    cdp.on('Network.requestWillBeSent', event => {
      if (!pending.has(event.requestId)) {
        load.requests++;
      }
      pending.set(event.requestId, {
        type: event.type ?? 'Other',
        encoding: 'identity',
        url: event.request.url
      });
      lastActivity = Date.now();
    });
    cdp.on('Network.responseReceived', event => {
      const request = pending.get(event.requestId);
      const headers = event.response.headers as Record<string, string>;
      const coding = Object.entries(headers).find(
        ([name]) => name.toLowerCase() === 'content-encoding'
      );
      if (request && coding) {
        request.encoding = coding[1];
      }
    });
    cdp.on('Network.dataReceived', event => {
      load.decodedBytes += event.dataLength;
    });
    cdp.on('Network.loadingFinished', event => {
      const request = pending.get(event.requestId);
      pending.delete(event.requestId);
      load.bytes += event.encodedDataLength;
      if (request) {
        Private.add(load.byEncoding, request.encoding, event.encodedDataLength);
        Private.add(load.byType, request.type, event.encodedDataLength);
        load.log.push(
          `${String(event.encodedDataLength).padStart(9)} ${request.encoding.padEnd(8)} ${request.url}`
        );
      }
      lastActivity = Date.now();
    });
    cdp.on('Network.loadingFailed', event => {
      const request = pending.get(event.requestId);
      if (request) {
        pending.delete(event.requestId);
        load.failed++;
        load.log.push(
          `   failed ${event.errorText}${event.canceled ? ' (canceled)' : ''} ${request.url}`
        );
      }
      lastActivity = Date.now();
    });
    cdp.on('Network.webSocketFrameReceived', event => {
      load.wsFrames++;
      load.wsPayloadBytes += event.response.payloadData.length;
    });
    cdp.on('Network.webSocketFrameSent', event => {
      load.wsFrames++;
      load.wsPayloadBytes += event.response.payloadData.length;
    });
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (headers) {
      await cdp.send('Network.setExtraHTTPHeaders', { headers });
    }

    const started = Date.now();
    await page.goto(notebookUrl, { waitUntil: 'load', timeout: 180_000 });
    await page
      .locator('.jp-NotebookPanel .jp-Cell .cm-content')
      .first()
      .waitFor({ state: 'visible', timeout: 180_000 });
    load.readySeconds = (Date.now() - started) / 1000;
    const deadline = Date.now() + 60_000;
    while (
      Date.now() < deadline &&
      (pending.size > 0 || Date.now() - lastActivity < QUIET_MS)
    ) {
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    await cdp.detach();
    return load;
  } finally {
    await context.close();
  }
}

function report(loads: ILoad[], stock: ILoad): void {
  const mb = (bytes: number) => (bytes / 1e6).toFixed(2).padStart(7);
  write(
    `${'load'.padEnd(34)} ${'requests'.padStart(8)} ${'MB wire'.padStart(7)} ${'MB body'.padStart(7)} ${'ratio'.padStart(6)}  ${'ready s'.padStart(7)}  websocket`
  );
  for (const load of loads) {
    const ratio = (load.bytes / stock.bytes).toFixed(3);
    write(
      `${load.label.padEnd(34)} ${String(load.requests).padStart(8)} ${mb(load.bytes)} ${mb(load.decodedBytes)} ${ratio.padStart(6)}  ${load.readySeconds.toFixed(1).padStart(7)}  ${load.wsFrames} frames, ${(load.wsPayloadBytes / 1e3).toFixed(0)} kB`
    );
  }
  write();
  for (const load of loads) {
    const parts = (map: ILoad['byEncoding']) =>
      [...map]
        .sort((a, b) => b[1].bytes - a[1].bytes)
        .map(
          ([name, { requests, bytes }]) =>
            `${name} ${requests} req ${(bytes / 1e6).toFixed(2)} MB`
        )
        .join(', ');
    write(`${load.label}`);
    write(`  by coding: ${parts(load.byEncoding)}`);
    write(`  by type:   ${parts(load.byType)}`);
    if (load.failed) {
      write(`  failed or canceled requests: ${load.failed}`);
    }
    if (VERBOSE) {
      for (const line of load.log) {
        write(`    ${line}`);
      }
    }
  }
  write();
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-frugality-'));
  let stock: Awaited<ReturnType<typeof startStockLab>> | undefined;
  let candyce: Awaited<ReturnType<typeof startCandyce>> | undefined;
  let browser: Browser | undefined;
  try {
    [stock, candyce] = await Promise.all([
      startStockLab(work),
      startCandyce(work)
    ]);
    const { hub, home, password } = candyce;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update'
      ]
    });
    let count = 0;
    const newNotebook = (folder: string) => {
      const name = `frugal-${++count}`;
      fs.writeFileSync(path.join(folder, `${name}.ipynb`), NOTEBOOK);
      return `workspaces/${name}/tree/${name}.ipynb`;
    };
    const login = async (page: Page) => {
      await page.goto(`${hub.url}/hub/login`);
      const form = page.locator('form[action="/hub/login"]');
      await form.locator('input[name="username"]').fill('bench');
      await form.locator('input[name="password"]').fill(password);
      await Promise.all([
        page.waitForURL(url => !url.pathname.startsWith('/hub/login')),
        form.locator('input[name="password"]').press('Enter')
      ]);
    };

    const loads: ILoad[] = [];
    const stockLoad = await measure(
      browser,
      'stock JupyterLab, direct',
      `${stock.url}/lab/${newNotebook(stock.root)}`
    );
    loads.push(stockLoad);
    loads.push(
      await measure(
        browser,
        'Candyce via hub (hub cache cold)',
        `${hub.url}/user/bench/lab/${newNotebook(home)}`,
        login
      )
    );
    // The best-quality copies are made in the background after the first load.
    await hub.compression.idle();
    loads.push(
      await measure(
        browser,
        'Candyce via hub (hub cache warm)',
        `${hub.url}/user/bench/lab/${newNotebook(home)}`,
        login
      )
    );
    loads.push(
      await measure(
        browser,
        'Candyce via hub (gzip only, cold)',
        `${hub.url}/user/bench/lab/${newNotebook(home)}`,
        login,
        { 'Accept-Encoding': 'gzip, deflate' }
      )
    );
    loads.push(
      await measure(
        browser,
        'stock JupyterLab, direct (again)',
        `${stock.url}/lab/${newNotebook(stock.root)}`
      )
    );

    const version = await browser.version();
    write();
    write(
      `Cold load of a new notebook, Chromium ${version}, HTTP cache disabled, fresh context`
    );
    write();
    report(loads, stockLoad);
    const stats = hub.compression.stats;
    write(
      `hub compression cache: ${stats.entries} copies, ${(stats.bytes / 1e6).toFixed(2)} MB, ${stats.hits} hits, ${stats.misses} misses`
    );
    const worst = Math.max(
      ...loads.filter(l => l.label.startsWith('Candyce')).map(l => l.bytes)
    );
    const ratio = worst / stockLoad.bytes;
    write(
      `target: Candyce ≤ ${TARGET} × stock bytes; worst Candyce load ${ratio.toFixed(3)} × → ${ratio <= TARGET ? 'met' : 'NOT met'}`
    );
    process.exitCode = ratio <= TARGET ? 0 : 1;
  } finally {
    await browser?.close();
    if (candyce) {
      await candyce.hub.registry.stopAll();
      await candyce.hub.close();
    }
    if (stock) {
      stock.process.kill('SIGTERM');
      await new Promise(resolve => stock?.process.once('exit', resolve));
    }
    fs.rmSync(work, { recursive: true, force: true });
  }
}

namespace Private {
  /** `name` and `@scope/name` folders holding a package.json. */
  export function extensionNames(folder: string): string[] {
    const names: string[] = [];
    for (const entry of fs.readdirSync(folder)) {
      if (entry.startsWith('@')) {
        for (const inner of fs.readdirSync(path.join(folder, entry))) {
          names.push(`${entry}/${inner}`);
        }
      } else {
        names.push(entry);
      }
    }
    return names.filter(name =>
      fs.existsSync(path.join(folder, name, 'package.json'))
    );
  }

  export function add(
    map: Map<string, { requests: number; bytes: number }>,
    key: string,
    bytes: number
  ): void {
    const entry = map.get(key) ?? { requests: 0, bytes: 0 };
    entry.requests++;
    entry.bytes += bytes;
    map.set(key, entry);
  }
}

main().catch(error => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(2);
});
