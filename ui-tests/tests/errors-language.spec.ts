import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

import { hubCallFromPage, openLab } from './fixtures';

/**
 * The hub's refusals in the user's language (issue 17, point 3): a pupil whose
 * JupyterLab is French (the platform's default) reads the hub's French message when a
 * wrong assignment code is refused; once she switches JupyterLab to English, she reads
 * it in English, and the hub itself answers her in English (JupyterLab told it her
 * language), whatever her browser's `Accept-Language` says.
 */
const PUPIL = 'eleve3';
const TRANSLATION_SETTINGS = '@jupyterlab/translation-extension:plugin';

test.describe('The hub’s errors in the user’s language', () => {
  test.setTimeout(300_000);

  test('a refused assignment code, in French then in English', async ({
    browser
  }) => {
    const page = await openLab(browser, PUPIL);
    try {
      // French, the platform's default.
      let mine = await openMyAssignments(page);
      await expect(
        mine.getByRole('heading', { name: 'Mes devoirs' })
      ).toBeVisible();
      await joinWithCode(mine, 'Rejoindre avec un code', 'Rejoindre');
      await expect(
        mine.getByLabel('Rejoindre avec un code')
      ).toHaveAccessibleDescription(
        'Code de devoir inconnu ou expiré. Vérifiez-le auprès de votre enseignant.'
      );
      expect(await joinFromPage(page)).toEqual({
        status: 404,
        error: {
          code: 'unknown_code',
          message:
            'Code de devoir inconnu ou expiré. Vérifiez-le auprès de votre enseignant.',
          params: []
        }
      });

      // She switches JupyterLab to English (its language setting), and reloads.
      await setJupyterLabLocale(page, 'en');
      await page.reload();
      await page.locator('.jp-Launcher').first().waitFor({ timeout: 90_000 });
      mine = await openMyAssignments(page);
      await expect(
        mine.getByRole('heading', { name: 'My assignments' })
      ).toBeVisible();
      // JupyterLab told the hub: it now answers her in English, though her browser
      // still asks for French.
      await expect
        .poll(async () => (await hubGet(page, '/me')).locale)
        .toBe('en');
      await joinWithCode(mine, 'Join with a code', 'Join');
      await expect(
        mine.getByLabel('Join with a code')
      ).toHaveAccessibleDescription(
        'Unknown or expired assignment code. Check it with your teacher.'
      );
      expect(await joinFromPage(page)).toEqual({
        status: 404,
        error: {
          code: 'unknown_code',
          message:
            'Unknown or expired assignment code. Check it with your teacher.',
          params: []
        }
      });
    } finally {
      // Leave her as the other specs expect her: French, her space stopped.
      await setJupyterLabLocale(page, null);
      await hubCallFromPage(page, 'PATCH', '/me', { language: 'fr' });
      await hubCallFromPage(page, 'DELETE', `/users/${PUPIL}/server`);
      await page.context().close();
    }
  });
});

/** « Mes devoirs » (« My assignments »), opened from its side-bar tab. */
async function openMyAssignments(page: Page): Promise<Locator> {
  const tab = page.locator(
    '.jp-SideBar .lm-TabBar-tab[data-id="cdc-assignments"]'
  );
  await tab.waitFor({ timeout: 30_000 });
  const panel = page.locator('#cdc-assignments');
  if (!(await panel.isVisible())) {
    await tab.click();
  }
  await expect(panel).toBeVisible();
  return panel;
}

/** Type a code that no assignment has, and send it. */
async function joinWithCode(
  panel: Locator,
  label: string,
  button: string
): Promise<void> {
  await panel.getByLabel(label).fill('ZZZZ-ZZZZ');
  await panel.getByRole('button', { name: button, exact: true }).click();
}

/**
 * JupyterLab's language setting for this user (`null`: the platform's default), saved
 * as its settings editor saves it: the settings API of her server, with the server's
 * anti-CSRF cookie.
 */
async function setJupyterLabLocale(
  page: Page,
  locale: string | null
): Promise<void> {
  await page.evaluate(
    async ([url, raw]) => {
      const xsrf = /(?:^|;\s*)_xsrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const answer = await fetch(url, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'X-XSRFToken': xsrf },
        body: JSON.stringify({ raw })
      });
      if (!answer.ok) {
        throw new Error(`the language setting answered ${answer.status}`);
      }
    },
    [
      // On the page's own origin: her server's (`<name>.localhost`).
      `/user/${PUPIL}/lab/api/settings/${TRANSLATION_SETTINGS}`,
      locale ? JSON.stringify({ locale }) : '{}'
    ]
  );
}

/** A GET of the hub API from the page, as JupyterLab makes it. */
async function hubGet(page: Page, path: string): Promise<{ locale?: string }> {
  return page.evaluate(async url => {
    const answer = await fetch(url, { credentials: 'same-origin' });
    return answer.json();
  }, `/hub/api/v1${path}`);
}

/** The hub's own answer to a wrong code, without the interface in between. */
async function joinFromPage(
  page: Page
): Promise<{ status: number; error?: unknown }> {
  const answer = await hubCallFromPage(page, 'POST', '/assignments/join', {
    code: 'ZZZZ-ZZZZ'
  });
  const body = answer.body as { error?: unknown } | null;
  return { status: answer.status, error: body?.error };
}
