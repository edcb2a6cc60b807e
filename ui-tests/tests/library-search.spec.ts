import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

import { demoLogin, expectNoAxeViolationIn, HUB, logIn } from './fixtures';

/**
 * The library's search as teachers type (issue 21): level and discipline words read as
 * filters and said so, « Vouliez-vous dire… ? » for a typo (its results shown, the
 * correction one click away), and other searches offered instead of an empty page.
 */
test.describe('Candyce library search', () => {
  test.setTimeout(240_000);

  test('reads levels and disciplines, corrects typos, never leaves a teacher empty-handed', async ({
    page
  }) => {
    await logIn(page, demoLogin('m.curie'));
    await publish(page);
    await page.goto(`${HUB}/user/m.curie/lab?reset`);
    await page.waitForURL(/\/user\/m\.curie\/lab/, { timeout: 90_000 });
    await page.locator('.jp-Launcher').first().waitFor({ timeout: 90_000 });
    const search = page.getByLabel('Rechercher dans la bibliothèque');
    await expect(async () => {
      await page.keyboard.press('Control+Shift+Y');
      await expect(search).toBeFocused({ timeout: 2000 });
    }).toPass({ timeout: 30_000 });
    const panel = page.locator('#cdc-library');

    // A typo: the results of the corrected words, and the correction offered.
    await search.fill('hypotenuze triangle');
    const didYouMean = panel.locator('.cdc-Library-didYouMean');
    await expect(didYouMean).toContainText('Vouliez-vous dire', {
      timeout: 20_000
    });
    await expect(didYouMean).toContainText(
      'Rien n’a été trouvé pour « hypotenuze triangle »'
    );
    await expect(
      panel.getByRole('button', { name: /Théorème de Pythagore/ }).first()
    ).toBeVisible();
    await expectNoAxeViolationIn(page, '#cdc-library');
    await didYouMean.getByRole('button').click();
    await expect(search).toHaveValue('hypotenuse triangle');

    // Level and discipline words act as filters, and the panel says which.
    await search.fill('maths 4e');
    await expect(
      panel.getByText('Lu comme filtres : Mathématiques, 4e')
    ).toBeVisible({ timeout: 20_000 });

    // Nothing found (no philosophy resource on it): other searches that find something.
    await search.fill('hypoténuse philosophie');
    const suggestions = panel.locator('.cdc-Library-suggestions');
    await expect(suggestions).toContainText('Essayez plutôt', {
      timeout: 20_000
    });
    await suggestions
      .getByRole('button', { name: '« hypoténuse »', exact: true })
      .click();
    await expect(search).toHaveValue('hypoténuse');
    await expect(
      panel.getByRole('button', { name: /Théorème de Pythagore/ }).first()
    ).toBeVisible({ timeout: 20_000 });
    await expectNoAxeViolationIn(page, '#cdc-library');
  });
});

/**
 * Publish a resource on Pythagoras as the logged-in teacher (the library may hold
 * others: the demo's seed).
 */
async function publish(page: Page): Promise<void> {
  const me = await page.request.get(`${HUB}/hub/api/v1/me`);
  const { xsrfToken } = (await me.json()) as { xsrfToken: string };
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      {
        id: 'c1',
        cell_type: 'markdown',
        metadata: {},
        source: '# L’hypoténuse\n\nLe côté opposé à l’angle droit.'
      }
    ]
  };
  const response = await page.request.post(
    `${HUB}/hub/api/v1/library/resources`,
    {
      headers: { 'X-Candyce-XSRF': xsrfToken },
      data: {
        metadata: {
          title: `Théorème de Pythagore : l’hypoténuse ${Date.now().toString(36)}`,
          summary:
            'Calculer la longueur de l’hypoténuse d’un triangle rectangle en Python.',
          disciplines: ['mathematiques'],
          levels: ['4e'],
          keywords: ['hypoténuse', 'triangle rectangle'],
          language: 'fr',
          durationMinutes: 55,
          licence: 'CC-BY-4.0',
          authors: ['Marie Curie']
        },
        files: [
          {
            path: 'pythagore.ipynb',
            content: Buffer.from(JSON.stringify(notebook)).toString('base64')
          }
        ]
      }
    }
  );
  expect(response.status()).toBe(201);
}
