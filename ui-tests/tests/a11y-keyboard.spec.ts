import { galata } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';

import { createNotebook, expect, HUB, tabTo, test } from './fixtures';

/**
 * Keyboard-only journeys with @candyce/a11y, and what a screen reader hears on the
 * way: the live regions' text and the names the repairs give.
 */
test.describe('Keyboard-only journeys', () => {
  test('run a cell and read its result, announced', async ({ page }) => {
    await createNotebook(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(
      'fr-FR'
    );
    // Command mode on the first cell: Enter edits it, Shift+Enter runs it.
    const editor = page
      .locator('.jp-NotebookPanel:visible .jp-Cell')
      .first()
      .locator('.cm-content');
    await expect(editor).toHaveAttribute('aria-label', 'Cellule de code 1');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await expect(editor).toBeFocused();
    await page.keyboard.type('6 * 7');
    await page.keyboard.press('Shift+Enter');
    const polite = page.locator('.cdc-a11y-live[aria-live="polite"]');
    await expect(polite).toHaveText('Cellule 1 exécutée : 42', {
      timeout: 60_000
    });
    // The new second cell is in edit mode: an error is said at once (assertive).
    await page.keyboard.type('nom_inconnu');
    await page.keyboard.press('Shift+Enter');
    await expect(
      page.locator('.cdc-a11y-live[aria-live="assertive"]')
    ).toHaveText('Cellule 2 exécutée : erreur NameError', { timeout: 60_000 });
    // The result is in the cell's article, for the screen reader's reading keys.
    await expect(
      page.getByRole('article').filter({ hasText: '42' }).first()
    ).toBeVisible();
    // Saving is said too.
    await page.keyboard.press('Control+s');
    await expect(polite).toHaveText(/^Untitled\d*\.ipynb enregistré\.$/, {
      timeout: 30_000
    });
  });

  test('the skip links: the first stops of the page, to the document and the side panel', async ({
    page
  }) => {
    await createNotebook(page);
    const notebook = page.locator('.jp-NotebookPanel:visible');
    const toDocument = page.getByRole('link', { name: 'Aller au document' });
    const toSidePanel = page.getByRole('link', {
      name: 'Aller au panneau latéral'
    });
    const links = page.getByRole('navigation', { name: 'Liens d’évitement' });
    await expect(links.getByRole('link')).toHaveCount(2);
    // Hidden until one of them has the focus.
    await expect(toDocument).not.toBeInViewport();

    // From the top of the page, the first Tab: « Aller au document », shown.
    await fromTopOfPage(page);
    await page.keyboard.press('Tab');
    await expect(toDocument).toBeFocused();
    await expect(toDocument).toBeInViewport();
    // The second: « Aller au panneau latéral »; Enter takes the focus into the open
    // side panel (the file browser).
    await page.keyboard.press('Tab');
    await expect(toSidePanel).toBeFocused();
    await expect(toSidePanel).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('#jp-left-stack :focus')).toHaveCount(1);
    await expect(page.locator('#filebrowser')).toBeVisible();
    await expect(toSidePanel).not.toBeInViewport();

    // Back to the top: « Aller au document » takes the focus into the notebook.
    await fromTopOfPage(page);
    await page.keyboard.press('Tab');
    await expect(toDocument).toBeFocused();
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        notebook.evaluate(node => node.contains(document.activeElement))
      )
      .toBe(true);
  });

  test('the « Accessibilité » panel, from the keyboard', async ({ page }) => {
    await page.keyboard.press('Control+Alt+a');
    const panel = page.locator('.cdc-a11y-Panel');
    await expect(panel).toBeVisible();
    const contrast = panel.getByLabel('Contraste élevé');
    await expect(contrast).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.locator('body')).toHaveAttribute(
      'data-jp-theme-name',
      'Candyce High Contrast'
    );
    await tabTo(page, panel.getByLabel('Taille du texte de l’interface (%)'));
    await page.keyboard.press('End');
    await expect
      .poll(() =>
        page.evaluate(() =>
          document.body.style.getPropertyValue('--jp-ui-font-size1')
        )
      )
      .toBe('26px');
    await tabTo(page, panel.getByLabel('Police adaptée à la dyslexie'));
    await page.keyboard.press('Space');
    await expect(page.locator('body')).toHaveClass(/cdc-a11y-dyslexiaFont/);
    // The font comes from the extension itself.
    await expect
      .poll(() =>
        page.evaluate(async () => {
          await document.fonts.load('16px OpenDyslexic');
          return document.fonts.check('16px OpenDyslexic');
        })
      )
      .toBe(true);
    await tabTo(page, panel.getByLabel('Indicateur de focus renforcé'));
    await page.keyboard.press('Space');
    await expect(page.locator('body')).toHaveClass(/cdc-a11y-strongFocus/);
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement!).outlineWidth
    );
    expect(outline).toBe('4px');
  });

  test.describe('with a public library', () => {
    test.use({
      mockSettings: {
        ...galata.DEFAULT_SETTINGS,
        '@candyce/library:panel': { libraryUrl: HUB }
      }
    });

    test('open a library resource', async ({ page }) => {
      const panel = page.locator('#cdc-library');
      await expect(async () => {
        await page.keyboard.press('Control+Shift+Y');
        await expect(panel).toBeVisible({ timeout: 2000 });
      }).toPass({ timeout: 30_000 });
      await expect(
        page.getByLabel('Rechercher dans la bibliothèque')
      ).toBeFocused();
      await page.keyboard.type('recursivite hanoi');
      const result = panel.getByRole('button', {
        name: 'Récursivité : factorielle, puissance rapide et tours de Hanoï',
        exact: true
      });
      await expect(result).toBeVisible({ timeout: 20_000 });
      await tabTo(page, result);
      await page.keyboard.press('Enter');
      const open = panel.getByRole('button', { name: 'Ouvrir une copie' });
      await tabTo(page, open);
      await page.keyboard.press('Enter');
      await expect(
        page.locator('#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current')
      ).toHaveAttribute('title', /Bibliothèque\/.+\.ipynb/, {
        timeout: 30_000
      });
    });
  });
});

/**
 * Start the keyboard from the top of the page, as after loading it: the next Tab goes
 * to the page's first focusable element.
 */
async function fromTopOfPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    const body = document.body;
    body.tabIndex = -1;
    body.focus();
    body.removeAttribute('tabindex');
  });
}
