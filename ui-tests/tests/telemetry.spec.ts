import { expect, test } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';

import { notebookId } from '../../extensions/telemetry/src/statements';
import {
  demoLogin,
  HUB,
  hubCallFromPage,
  logIn,
  putFile,
  pythonNotebook
} from './fixtures';

/**
 * Learning traces (issue 20, point 1): a pupil whose class and own choice allow the
 * optional traces runs a cell that fails; the statement reaches the hub's LRS with the
 * exception's name, without the code and without the pupil's name. The status bar says
 * what is recorded, and its dialog links to the privacy page.
 */
const PUPIL = 'eleve2';
const PUPIL_NAMES = ['Hugo', 'Bernard', PUPIL];
const TEACHER = 'm.curie';
const CLASS = '2de B';
const EXECUTED = 'https://candyce.fr/xapi/verbs/executed';
const EXCEPTION = 'https://candyce.fr/xapi/extensions/exception';

test.describe('Learning traces', () => {
  test.setTimeout(300_000);

  test('a failed cell reaches the LRS with the exception name, without code nor name', async ({
    browser
  }) => {
    const stamp = Date.now().toString(36);
    const path = `traces-${stamp}/erreur.ipynb`;
    const marker = `code_secret_${stamp}`;
    const teacher = await signedIn(browser, TEACHER);
    const classId = await classIdOf(teacher, CLASS);
    const before = await hubCallFromPage(
      teacher,
      'GET',
      `/classes/${classId}/trace-policy`
    );
    const pupil = await signedIn(browser, PUPIL);
    try {
      // The teacher lets each pupil choose; the pupil says yes, before her JupyterLab
      // asks for its credential.
      expect(
        (
          await hubCallFromPage(
            teacher,
            'PUT',
            `/classes/${classId}/trace-policy`,
            {
              policy: 'consent'
            }
          )
        ).status
      ).toBe(200);
      const privacy = await hubCallFromPage(pupil, 'PUT', '/me/privacy', {
        optionalTraces: true
      });
      expect(privacy.status).toBe(200);
      expect((privacy.body as { optional: boolean }).optional).toBe(true);

      // Her space starts; then the notebook is written and opened.
      await pupil.goto(`${HUB}/user/${PUPIL}/lab?reset`);
      await pupil.locator('.jp-Launcher').first().waitFor({ timeout: 120_000 });
      await putFile(
        pupil,
        PUPIL,
        path,
        JSON.stringify(pythonNotebook([{ code: `${marker} = 1 / 0` }]))
      );
      await pupil.goto(`${HUB}/user/${PUPIL}/lab/tree/${path}`);
      const indicator = pupil.locator('.jp-StatusBar-Item.cdc-TraceIndicator');
      await expect(indicator).toHaveText('Traces : activité complète', {
        timeout: 90_000
      });
      const cell = pupil.locator('.jp-NotebookPanel:visible .jp-Cell').first();
      // A run sent before the kernel's websocket is connected can be lost: run the
      // cell again (Ctrl+Enter, in place) until its output shows.
      await expect(async () => {
        await cell.locator('.cm-content').click();
        await pupil.keyboard.press('Control+Enter');
        await expect(cell.locator('.jp-OutputArea-output')).toContainText(
          'ZeroDivisionError',
          { timeout: 20_000 }
        );
      }).toPass({ timeout: 150_000 });

      // What an administrator's read-only client finds in the LRS.
      const admin = await signedIn(browser, 'admin');
      const reader = await createReader(admin);
      const cellOf = `${notebookId(path)}:cell:`;
      let found: Record<string, unknown>[] = [];
      await expect
        .poll(
          async () => {
            const page = await statements(admin, reader, { verb: EXECUTED });
            found = page.filter(s =>
              String((s.object as { id: string }).id).startsWith(cellOf)
            );
            return found.length;
          },
          { timeout: 60_000, intervals: [1000] }
        )
        .toBeGreaterThan(0);
      // Every run of the cell failed (a run the kernel never got is not recorded).
      for (const statement of found as {
        actor: { account: { name: string } };
        result: { success: boolean; extensions: Record<string, unknown> };
      }[]) {
        expect(statement.result.success).toBe(false);
        expect(statement.result.extensions[EXCEPTION]).toBe(
          'ZeroDivisionError'
        );
        expect(statement.actor.account.name).toMatch(/^[0-9a-f]{32}$/);
      }
      const text = JSON.stringify(found);
      expect(text).not.toContain(marker);
      for (const name of PUPIL_NAMES) {
        expect(text).not.toContain(name);
      }

      // The indicator's dialog lists what is recorded and links to the privacy page.
      await pupil.setViewportSize({ width: 1366, height: 768 });
      await indicator.click();
      const dialog = pupil.locator('.jp-Dialog');
      await expect(dialog).toContainText('Ce qui est enregistré');
      await expect(dialog).toContainText('le nom de l’erreur (pas le code)');
      await expect(
        dialog.getByRole('link', { name: /Vie privée/ })
        // On the hub's origin: JupyterLab is on the server's own.
      ).toHaveAttribute('href', `${HUB}/hub/privacy`);
      await pupil.screenshot({ path: '/tmp/shots/telemetry-dialog.png' });
      await dialog.getByRole('button', { name: 'Fermer' }).click();
      await admin.context().close();

      // In school mode, without a status bar, the indicator is in the top bar.
      await pupil.goto(`${HUB}/user/${PUPIL}/lab?mode=ecole`);
      const top = pupil.locator('.cdc-TraceIndicator-school');
      await expect(top).toHaveText('Traces : activité complète', {
        timeout: 90_000
      });
      await expect(pupil.locator('.cdc-SchoolBar')).toBeVisible();
      await pupil.screenshot({ path: '/tmp/shots/telemetry-school.png' });
      await top.click();
      await expect(pupil.locator('.jp-Dialog')).toContainText(
        'Ce qui est enregistré'
      );
    } finally {
      // Leave the demo as found: no optional traces for the pupil, the class's policy
      // back, her server stopped.
      await hubCallFromPage(pupil, 'PUT', '/me/privacy', {
        optionalTraces: false
      });
      const policy = (before.body as { policy?: string }).policy ?? 'none';
      await hubCallFromPage(
        teacher,
        'PUT',
        `/classes/${classId}/trace-policy`,
        {
          policy
        }
      );
      await hubCallFromPage(pupil, 'DELETE', `/users/${PUPIL}/server`);
      await pupil.context().close();
      await teacher.context().close();
    }
  });
});

/** A new French browser context, signed in to the hub. */
async function signedIn(browser: Browser, name: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await logIn(page, demoLogin(name));
  return page;
}

async function classIdOf(page: Page, name: string): Promise<string> {
  const answer = await hubCallFromPage(page, 'GET', '/classes');
  const list = answer.body as
    | { classes?: { id: string; name: string }[] }
    | { id: string; name: string }[];
  const classes = Array.isArray(list) ? list : (list.classes ?? []);
  const found = classes.find(c => c.name === name);
  if (!found) {
    throw new Error(`no class ${name}: ${JSON.stringify(answer)}`);
  }
  return found.id;
}

/** A read-only LRS client made by the administrator (`POST /hub/lrs/clients`). */
async function createReader(admin: Page): Promise<string> {
  return admin.evaluate(async hub => {
    const me = await (await fetch(`${hub}/hub/api/v1/me`)).json();
    const answer = await fetch(`${hub}/hub/lrs/clients`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Candyce-XSRF': me.xsrfToken
      },
      body: JSON.stringify({ name: 'telemetry spec', scope: 'read' })
    });
    const { key, secret } = await answer.json();
    return `Basic ${btoa(`${key}:${secret}`)}`;
  }, HUB);
}

/** A page of statements of the LRS, read with the client's credential. */
async function statements(
  page: Page,
  authorization: string,
  query: Record<string, string>
): Promise<Record<string, unknown>[]> {
  const answer = await page.request.get(
    `${HUB}/xapi/statements?${new URLSearchParams({ ...query, limit: '500' })}`,
    {
      headers: {
        Authorization: authorization,
        'X-Experience-API-Version': '1.0.3'
      }
    }
  );
  expect(answer.status()).toBe(200);
  return (await answer.json()).statements;
}
