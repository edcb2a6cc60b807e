import { expect, test } from './fixtures';

/**
 * « Enregistrer » is never left greyed out (issue 23): with real-time collaboration a
 * new file's document becomes ready when its shared document is synchronised, after
 * its tab is shown. A « Fichier » menu opened in between showed « Enregistrer » greyed
 * out until opened again (JupyterLab's `save.test.ts` failed so on Candyce); the
 * `@candyce/core:command-state` plugin enables it in the open menu. The spec makes the
 * race certain by holding the collaboration session request (which gives the file's id
 * to the shared document) for a few seconds.
 */
const HOLD_MS = 4000;

test.describe('« Enregistrer » of a document just made', () => {
  const folder = `etat-enregistrer-${Date.now().toString(36)}`;

  test.afterEach(async ({ page }) => {
    // Leave the server's files as found: this spec's folder goes.
    await page.evaluate(async folder => {
      const { commands, serviceManager } = window.jupyterapp;
      await commands.execute('application:close-all');
      const { contents } = serviceManager;
      for (const item of (await contents.get(folder)).content) {
        await contents.delete(item.path);
      }
      await contents.delete(folder);
    }, folder);
  });

  test('is enabled in a « Fichier » menu opened before the document was ready, without opening it again', async ({
    page
  }) => {
    let held = 0;
    await page.route('**/api/collaboration/session/**', async route => {
      held++;
      await new Promise(resolve => setTimeout(resolve, HOLD_MS));
      await route.continue();
    });
    await page.evaluate(async folder => {
      const { commands, serviceManager } = window.jupyterapp;
      await serviceManager.contents.save(folder, { type: 'directory' });
      await commands.execute('fileeditor:create-new-markdown-file', {
        cwd: folder
      });
    }, folder);
    await expect(
      page.locator('[role="main"] .lm-TabBar-tab.jp-mod-current')
    ).toContainText('untitled.md');

    // Open « Fichier », as a user does.
    const menu = (await page.menu.openLocator('Fichier'))!;
    const save = menu.locator('li[data-command="docmanager:save"]');
    // The document is not ready yet (its session request is held): greyed out.
    await expect(save).toHaveAttribute('aria-disabled', 'true');
    expect(held).toBeGreaterThan(0);

    // Once ready, the same open menu enables it.
    await expect(save).not.toHaveAttribute('aria-disabled', 'true', {
      timeout: HOLD_MS + 20_000
    });
    await expect(page.locator('.lm-Menu.lm-MenuBar-menu')).toBeVisible();
    await save.click();
    // First save of an untitled file: JupyterLab proposes to rename it.
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog.locator('input[type="text"]')).toHaveValue(
      'untitled.md'
    );
    await dialog.locator('button.jp-mod-accept').click();
    await expect(dialog).toHaveCount(0);
    await expect(
      page.locator('[role="main"] .lm-TabBar-tab.jp-mod-current')
    ).not.toHaveClass(/jp-mod-dirty/);
  });
});
