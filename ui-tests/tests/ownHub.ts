/**
 * A hub of a spec's own: its own port, data folder and demo accounts, servers on origins
 * of their own (`<name>.localhost:<port>`). For specs that need what the shared hub of
 * the UI tests (port 8010) cannot give them: per-server origins with several people's
 * browsers, data no other spec meets.
 */
import { Browser, BrowserContext, Page } from '@playwright/test';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// The hub's own rule for servers' labels (`lea.martin` → `lea-martin--…`).
import { serverLabel } from '../../hub/lib/origins/labels';

import type { IDemoLogin } from './fixtures';

/** A running hub of one spec. */
export interface IOwnHub {
  /** The hub's origin, `http://localhost:<port>`. */
  readonly origin: string;
  /** The origin of the server named `name`. */
  serverOrigin(name: string): string;
  /** A demo account's login (its password is drawn when the hub starts). */
  login(name: string): IDemoLogin;
  /** Log a demo account in on the hub, in a browser context of its own at 1366×768. */
  signIn(
    browser: Browser,
    name: string
  ): Promise<{ context: BrowserContext; page: Page }>;
  /** Stop the hub (and the servers it started) and remove its data. */
  stop(): Promise<void>;
}

/** How long a hub may take to answer its login page. */
const START_TIMEOUT = 60_000;

/**
 * Start a hub with the demo data on `port`; resolves once its login page answers.
 *
 * @throws {Error} when it does not answer within a minute (or exits before).
 */
export async function startOwnHub(port: number): Promise<IOwnHub> {
  const dataDir = fs.mkdtempSync(
    path.join(os.tmpdir(), `candyce-hub-${port}-`)
  );
  const hub = spawn('node', ['../hub/lib/cli.js', 'serve'], {
    cwd: path.join(__dirname, '..'),
    env: {
      ...process.env,
      CANDYCE_PORT: String(port),
      CANDYCE_DATA_DIR: dataDir,
      CANDYCE_DEMO: 'true',
      CANDYCE_SERVER_ORIGINS: 'subdomain',
      CANDYCE_STOP_SERVERS_ON_EXIT: 'true',
      CANDYCE_VENV_DIR: '../.venv',
      CANDYCE_ENVIRONMENTS_DIR: '../.environments'
    },
    stdio: 'ignore'
  });
  try {
    await Private.waitForLogin(hub, port);
  } catch (error) {
    await Private.stop(hub, dataDir);
    throw error;
  }
  const origin = `http://localhost:${port}`;
  let logins: IDemoLogin[] | null = null;
  const login = (name: string): IDemoLogin => {
    logins ??= JSON.parse(
      fs.readFileSync(path.join(dataDir, 'demo-logins.json'), 'utf8')
    ) as IDemoLogin[];
    const found = logins.find(each => each.name === name);
    if (!found) {
      throw new Error(`no demo account named ${name}`);
    }
    return found;
  };
  return {
    origin,
    serverOrigin: name => `http://${serverLabel(name)}.localhost:${port}`,
    login,
    signIn: async (browser, name) => {
      const { password } = login(name);
      const context = await browser.newContext({
        locale: 'fr-FR',
        viewport: { width: 1366, height: 768 }
      });
      const page = await context.newPage();
      await page.goto(`${origin}/hub/login`);
      await page.getByLabel('Identifiant').fill(name);
      await page.getByLabel('Mot de passe').fill(password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(`${origin}/hub/home`);
      return { context, page };
    },
    stop: () => Private.stop(hub, dataDir)
  };
}

namespace Private {
  /** Wait until the hub answers its login page on loopback. */
  export async function waitForLogin(
    hub: ChildProcess,
    port: number
  ): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT;
    for (;;) {
      if (hub.exitCode !== null) {
        throw new Error(`the hub on port ${port} exited (${hub.exitCode})`);
      }
      try {
        if ((await fetch(`http://127.0.0.1:${port}/hub/login`)).ok) {
          return;
        }
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        throw new Error(`the hub on port ${port} did not start`);
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }

  /** SIGTERM: the hub stops the servers it started (CANDYCE_STOP_SERVERS_ON_EXIT). */
  export async function stop(
    hub: ChildProcess,
    dataDir: string
  ): Promise<void> {
    if (hub.exitCode === null && hub.signalCode === null) {
      const exited = new Promise(resolve => hub.once('exit', resolve));
      hub.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
