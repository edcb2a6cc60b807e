import AxeBuilder from '@axe-core/playwright';
import { galata } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';

import { expect, HUB, test } from './fixtures';

/**
 * The library in a JupyterLab without the platform (the plain `jupyter lab` of these
 * tests): it says how to reach a public library, and, once `libraryUrl` names one (the
 * test hub, whose library is public), searches, previews and opens copies of its
 * resources, read only: no recommendations, endorsements, publishing nor assignments.
 */
test.describe('The library without the platform', () => {
  test('says how to reach a public library when none is set', async ({
    page
  }) => {
    const panel = await openLibrary(page);
    await expect(panel).toContainText(
      'La bibliothèque a besoin de la plateforme Candyce'
    );
    await expect(panel).toContainText('Read-only library URL');
    await expectNoAxeViolationIn(page, '#cdc-library');
  });

  test.describe('with a public library set', () => {
    test.use({
      mockSettings: {
        ...galata.DEFAULT_SETTINGS,
        '@candyce/library:panel': { libraryUrl: HUB }
      }
    });

    test('searches, previews and opens a copy, read only', async ({ page }) => {
      const panel = await openLibrary(page);
      await expect(panel).toContainText(
        'Bibliothèque publique, en lecture seule (localhost:8010)'
      );
      await page.keyboard.type('recursivite hanoi');
      const result = panel.getByRole('button', {
        name: 'Récursivité : factorielle, puissance rapide et tours de Hanoï',
        exact: true
      });
      await expect(result).toBeVisible({ timeout: 20_000 });
      // Nothing that needs an account: no « Pour vous ».
      await expect(
        panel.getByRole('region', { name: 'Pour vous' })
      ).toHaveCount(0);
      await expectNoAxeViolationIn(page, '#cdc-library');

      await result.click();
      await expect(panel.getByRole('heading', { level: 2 })).toHaveText(
        'Récursivité : factorielle, puissance rapide et tours de Hanoï'
      );
      await expect(panel.locator('.cdc-Preview')).toBeVisible();
      for (const name of [
        'Recommander',
        'Recommander pour l’inspection',
        'Donner en devoir',
        'Publier une nouvelle version'
      ]) {
        await expect(
          panel.getByRole('button', { name, exact: true })
        ).toHaveCount(0);
      }
      await expectNoAxeViolationIn(page, '#cdc-library');

      await panel.getByRole('button', { name: 'Ouvrir une copie' }).click();
      await expect(
        page.locator('#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current')
      ).toHaveAttribute('title', /Bibliothèque\/.+\.ipynb/, {
        timeout: 30_000
      });
    });
  });
});

/** Open the panel with its shortcut; the search field has the focus. */
async function openLibrary(page: Page) {
  const search = page.getByLabel('Rechercher dans la bibliothèque');
  const panel = page.locator('#cdc-library');
  await expect(async () => {
    await page.keyboard.press('Control+Shift+Y');
    await expect(panel).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  if (await search.count()) {
    await expect(search).toBeFocused();
  }
  return panel;
}

async function expectNoAxeViolationIn(
  page: Page,
  selector: string
): Promise<void> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  expect(
    results.violations.map(
      v => `${v.id}: ${v.nodes.map(n => n.target).join(' ')}`
    )
  ).toEqual([]);
}
