/**
 * Live help (issue 19, point 3) in Chromium, on a hub of this spec's own (port 8023,
 * subdomain mode, its own data): a pupil asks for help on a notebook (read-only), her
 * teacher joins and opens it on the pupil's server's origin, the pupil sees her there
 * and ends the help; the teacher is refused afterwards, and a teacher of another
 * class is refused all along.
 */
import { Browser, BrowserContext, Page } from '@playwright/test';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import {
  expect,
  expectNoAxeViolation,
  expectNoAxeViolationIn,
  IDemoLogin,
  notebookBase64,
  test
} from './fixtures';

const PORT = 8023;
const HUB_ORIGIN = `http://localhost:${PORT}`;
const PUPIL_ORIGIN = `http://eleve1.localhost:${PORT}`;
const SHOTS = '/tmp/shots';

/** The pupil's notebook: one cell, a question. */
const NOTEBOOK = {
  cells: [
    {
      cell_type: 'code',
      execution_count: null,
      id: 'question-2',
      metadata: {},
      outputs: [],
      source: 'print(1 / 0)  # question 2'
    }
  ],
  metadata: {},
  nbformat: 4,
  nbformat_minor: 5
};

let hub: ChildProcess | null = null;
let dataDir = '';

/** A signed-in browser context of its own, at 1366×768, in French. */
async function signedIn(
  browser: Browser,
  name: string
): Promise<{ context: BrowserContext; page: Page }> {
  const login = (
    JSON.parse(
      fs.readFileSync(path.join(dataDir, 'demo-logins.json'), 'utf8')
    ) as IDemoLogin[]
  ).find(each => each.name === name)!;
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
  return { context, page };
}

/** A call of the hub's API from a hub page, with the session's anti-CSRF token. */
function hubPost(page: Page, url: string) {
  return page.evaluate(async target => {
    const me = await fetch('/hub/api/v1/me').then(r => r.json());
    const answer = await fetch(target, {
      method: 'POST',
      headers: { 'X-Candyce-XSRF': me.xsrfToken }
    });
    return { status: answer.status, body: await answer.json() };
  }, url);
}

test.describe('live help', () => {
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-help-'));
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
    if (hub && hub.exitCode === null) {
      const exited = new Promise(resolve => hub!.once('exit', resolve));
      hub.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('a teacher joins a pupil’s notebook on her request, and only then', async ({
    browser
  }) => {
    test.setTimeout(300_000);
    // The pupil opens her workspace and a notebook of her own.
    const pupil = await signedIn(browser, 'eleve1');
    await pupil.page
      .getByRole('link', { name: 'Ouvrir mon espace de travail' })
      .click();
    await pupil.page.waitForURL(`${PUPIL_ORIGIN}/user/eleve1/lab**`, {
      timeout: 120_000
    });
    await expect(pupil.page.locator('#cdc-MainLogo')).toBeVisible({
      timeout: 90_000
    });
    await pupil.page.evaluate(async content => {
      const xsrf = document.cookie.match(/_xsrf=([^;]+)/)?.[1] ?? '';
      await fetch('/user/eleve1/api/contents/aide-en-direct.ipynb', {
        method: 'PUT',
        headers: { 'X-XSRFToken': decodeURIComponent(xsrf) },
        body: JSON.stringify({ type: 'file', format: 'base64', content })
      });
    }, notebookBase64(NOTEBOOK));
    await pupil.page.goto(
      `${PUPIL_ORIGIN}/user/eleve1/lab/tree/aide-en-direct.ipynb`
    );
    const ask = pupil.page.getByRole('button', { name: 'Demander de l’aide' });
    await expect(ask).toBeVisible({ timeout: 90_000 });
    // No kernel is needed to ask for help: JupyterLab's kernel choice is dismissed.
    const kernelChoice = pupil.page.locator('.jp-Dialog', {
      hasText: 'Sélectionnez le noyau'
    });
    await kernelChoice.waitFor({ timeout: 20_000 }).catch(() => undefined);
    if (await kernelChoice.isVisible()) {
      await pupil.page.keyboard.press('Escape');
      await expect(kernelChoice).toBeHidden();
    }

    // « Demander de l'aide »; in the dialog, the keyboard moves between the choices.
    await ask.click();
    const dialog = pupil.page.locator('.jp-Dialog');
    await expect(dialog.getByRole('group')).toContainText(
      'Que peut faire votre enseignant ?'
    );
    await expect(
      dialog.getByRole('radio', {
        name: 'Mon enseignant peut seulement regarder'
      })
    ).toBeChecked();
    await dialog
      .getByRole('radio', { name: 'Mon enseignant peut seulement regarder' })
      .focus();
    await pupil.page.keyboard.press('ArrowDown');
    await expect(
      dialog.getByRole('radio', { name: 'Mon enseignant peut modifier' })
    ).toBeChecked();
    await pupil.page.keyboard.press('ArrowUp');
    await expect(
      dialog.getByRole('radio', {
        name: 'Mon enseignant peut seulement regarder'
      })
    ).toBeChecked();
    await dialog
      .getByLabel('Message (facultatif)')
      .fill('Je bloque à la question 2');
    await expectNoAxeViolationIn(pupil.page, '.jp-Dialog');
    await pupil.page.screenshot({ path: `${SHOTS}/help-dialog.png` });
    await dialog.getByRole('button', { name: 'Demander de l’aide' }).click();
    const indicator = pupil.page.locator('#cdc-HelpIndicator');
    await expect(indicator.getByRole('status')).toHaveText(
      'Aide demandée : vos enseignants sont prévenus (lecture seule)'
    );

    // Her teacher is told (the hub's news) and joins.
    const teacher = await signedIn(browser, 'm.curie');
    await teacher.page.goto(`${HUB_ORIGIN}/hub/home`);
    await expect(teacher.page.locator('#cdc-news')).toContainText(
      'Léa Martin (2de B)'
    );
    const open = await teacher.page.evaluate(() =>
      fetch('/hub/api/v1/help-requests').then(r => r.json())
    );
    const requestId = open.requests[0].id as string;

    // A teacher of another class is refused, at the hub, in French.
    const other = await signedIn(browser, 'a.turing');
    const refusedJoin = await hubPost(
      other.page,
      `/hub/api/v1/help-requests/${requestId}/join`
    );
    expect(refusedJoin.status).toBe(403);
    expect(refusedJoin.body.error.message).toContain(
      'Seul un enseignant des classes de cet élève'
    );
    const refusedEnter = await other.page.goto(
      `${HUB_ORIGIN}/user/eleve1/lab/tree/aide-en-direct.ipynb`
    );
    expect(refusedEnter?.status()).toBe(403);
    await expect(other.page.getByRole('alert')).toContainText('pas le vôtre');
    await expectNoAxeViolation(other.page);
    await other.page.screenshot({ path: `${SHOTS}/help-refused-other.png` });

    const joined = await hubPost(
      teacher.page,
      `/hub/api/v1/help-requests/${requestId}/join`
    );
    expect(joined.status).toBe(200);
    await teacher.page.goto(joined.body.joinUrl);
    await teacher.page.waitForURL(`${PUPIL_ORIGIN}/user/eleve1/lab/**`, {
      timeout: 60_000
    });
    await expect(
      teacher.page.locator('.jp-Notebook .jp-Cell').first()
    ).toBeVisible({ timeout: 90_000 });
    await teacher.page.screenshot({ path: `${SHOTS}/help-teacher.png` });

    // The pupil sees who is there.
    await expect(indicator.getByRole('status')).toHaveText(
      'Marie Curie vous aide (lecture seule)',
      { timeout: 15_000 }
    );
    await expectNoAxeViolationIn(pupil.page, '#cdc-HelpIndicator');
    await pupil.page.screenshot({ path: `${SHOTS}/help-pupil.png` });

    // She ends it: the teacher is refused from then on.
    await indicator
      .getByRole('button', { name: 'Mettre fin à l’aide' })
      .click();
    await expect(indicator).toBeHidden();
    // From the teacher's page, still on the pupil's origin: her cookie counts no more.
    const after = await teacher.page.evaluate(() =>
      fetch('/user/eleve1/api/me').then(answer => answer.status)
    );
    expect(after).toBe(401);
    const again = await teacher.page.goto(`${HUB_ORIGIN}/user/eleve1/lab`);
    expect(again?.status()).toBe(403);
    await teacher.page.screenshot({ path: `${SHOTS}/help-refused-after.png` });

    for (const each of [pupil, teacher, other]) {
      await each.context.close();
    }
  });
});
