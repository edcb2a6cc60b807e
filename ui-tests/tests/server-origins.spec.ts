/**
 * `serverOrigins: subdomain` in Chromium: a hub of this spec's own (port 8021, its own
 * data) serves each server at `<name>.localhost`; a pupil logs in at the hub, opens
 * her workspace on her server's origin, and a page there cannot read her hub session.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { expect, expectNoAxeViolation, IDemoLogin, test } from './fixtures';

const PORT = 8021;
const HUB_ORIGIN = `http://localhost:${PORT}`;
const SERVER_ORIGIN = `http://eleve1.localhost:${PORT}`;

let hub: ChildProcess | null = null;
let dataDir = '';

test.describe('servers on origins of their own', () => {
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-origins-'));
    hub = spawn('node', ['../hub/lib/cli.js', 'serve'], {
      cwd: path.join(__dirname, '..'),
      env: {
        ...process.env,
        CANDYCE_PORT: String(PORT),
        CANDYCE_DATA_DIR: dataDir,
        CANDYCE_DEMO: 'true',
        CANDYCE_SERVER_ORIGINS: 'subdomain',
        CANDYCE_STOP_SERVERS_ON_EXIT: 'true',
        CANDYCE_VENV_DIR: '../.venv',
        CANDYCE_ENVIRONMENTS_DIR: '../.environments'
      },
      stdio: 'ignore'
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${PORT}/hub/login`)).ok) {
          break;
        }
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        throw new Error('the subdomain hub did not start');
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  });

  test.afterAll(async () => {
    // SIGTERM: the hub stops the servers it started (CANDYCE_STOP_SERVERS_ON_EXIT).
    if (hub && hub.exitCode === null) {
      const exited = new Promise(resolve => hub!.once('exit', resolve));
      hub.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('a pupil works on her server’s origin, which cannot read her hub session', async ({
    browser
  }) => {
    test.setTimeout(180_000);
    const login = (
      JSON.parse(
        fs.readFileSync(path.join(dataDir, 'demo-logins.json'), 'utf8')
      ) as IDemoLogin[]
    ).find(each => each.name === 'eleve1')!;
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1366, height: 768 }
    });
    const page = await context.newPage();
    await page.goto(`${HUB_ORIGIN}/hub/login`);
    await page.getByLabel('Identifiant').fill(login.name);
    await page.getByLabel('Mot de passe').fill(login.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${HUB_ORIGIN}/hub/home`);

    await page
      .getByRole('link', { name: 'Ouvrir mon espace de travail' })
      .click();
    await page.waitForURL(`${SERVER_ORIGIN}/user/eleve1/lab**`, {
      timeout: 120_000
    });
    await expect(page.locator('#cdc-MainLogo')).toBeVisible({
      timeout: 90_000
    });
    // The hub's session cookie stayed on the hub's host; the server's is its own.
    const cookies = await context.cookies([HUB_ORIGIN, SERVER_ORIGIN]);
    const byName = Object.fromEntries(cookies.map(c => [c.name, c]));
    expect(byName['candyce-session'].domain).toBe('localhost');
    expect(byName['candyce-server'].domain).toBe('eleve1.localhost');
    expect(byName['candyce-server'].httpOnly).toBe(true);
    expect(
      (await context.cookies(SERVER_ORIGIN)).map(c => c.name)
    ).not.toContain('candyce-session');

    const seen = await page.evaluate(async hubOrigin => {
      // The hub's API on this origin: the pupil herself, through the server's cookie.
      const own = await fetch('/hub/api/v1/me').then(r => r.json());
      // The hub's origin, with the browser's cookies: CORS gives this page nothing.
      let foreign: string;
      try {
        const answer = await fetch(`${hubOrigin}/hub/api/v1/me`, {
          credentials: 'include'
        });
        foreign = `read ${answer.status}: ${await answer.text()}`;
      } catch (error) {
        foreign = `refused: ${(error as Error).name}`;
      }
      return { own: own.name as string, foreign, cookie: document.cookie };
    }, HUB_ORIGIN);
    expect(seen.own).toBe('eleve1');
    expect(seen.foreign).toBe('refused: TypeError');
    expect(seen.cookie).not.toContain('candyce');

    await page.screenshot({ path: test.info().outputPath('lab.png') });

    // A link whose code is spent or forged: a French page says what to do.
    const refused = await page.goto(`${SERVER_ORIGIN}/candyce/enter?code=x`);
    expect(refused?.status()).toBe(403);
    await expect(page.getByRole('alert')).toHaveText(
      'Ce lien vers l’espace de travail n’est pas valide ou a expiré : rouvrez votre espace de travail depuis l’accueil de Candyce.'
    );
    await expect(page.locator('link[rel=stylesheet]')).toHaveCount(1);
    expect(
      await page.evaluate(
        () => getComputedStyle(document.querySelector('.cdc-header')!).display
      )
    ).toBe('flex');
    await expectNoAxeViolation(page);
    await page.screenshot({ path: test.info().outputPath('refused.png') });

    // A link to a hub page goes to the hub's origin, where the session is.
    await page.goto(`${SERVER_ORIGIN}/hub/home`);
    await page.waitForURL(`${HUB_ORIGIN}/hub/home`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(
      'Bonjour'
    );
    await expectNoAxeViolation(page);
    await context.close();
  });
});
