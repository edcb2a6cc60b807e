import * as fs from 'fs';
import * as path from 'path';

import {
  createNotebook,
  expect,
  openAboutFromKeyboard,
  runFirstCell,
  test
} from './fixtures';

const CANDYCE_VERSION = JSON.parse(
  fs.readFileSync(
    path.join(__dirname, '..', '..', 'extensions', 'branding', 'package.json'),
    'utf8'
  )
).version;

test.describe('Candyce branding, in French by default', () => {
  test('shows the Candyce name, logo, theme and launcher section in French', async ({
    page
  }) => {
    const logo = page.locator('#cdc-MainLogo');
    await expect(logo).toBeVisible();
    await expect(logo).toHaveAttribute('role', 'img');
    await expect(logo).toHaveAttribute('aria-label', 'Candyce');
    await expect(page.locator('#jp-MainLogo')).toHaveCount(0);
    await expect(page).toHaveTitle(/Candyce/);
    await expect(page).not.toHaveTitle(/JupyterLab/);

    // JupyterLab itself is in French (language pack + platform defaults).
    await expect(
      page.locator('.lm-MenuBar-itemLabel', { hasText: /^Fichier$/ })
    ).toBeVisible();
    await expect(
      page.locator('.lm-MenuBar-itemLabel', { hasText: /^Aide$/ })
    ).toBeVisible();

    // The Candyce Light theme is the default.
    await expect(page.locator('body')).toHaveAttribute(
      'data-jp-theme-name',
      'Candyce Light'
    );

    const section = page.locator('.jp-Launcher-section', {
      has: page.locator('.jp-Launcher-sectionTitle', { hasText: /^Candyce$/ })
    });
    await expect(section.locator('.jp-LauncherCard-label')).toHaveText([
      'À propos de Candyce'
    ]);
  });

  test('opens « À propos de Candyce » from the keyboard', async ({ page }) => {
    const dialog = await openAboutFromKeyboard(page);
    await expect(dialog.locator('.jp-Dialog-header')).toHaveText(
      'À propos de Candyce'
    );
    await expect(dialog.getByTestId('candyce-version')).toHaveText(
      CANDYCE_VERSION
    );
    await expect(dialog.getByTestId('jupyterlab-version')).toHaveText(
      /^4\.6\.\d+/
    );
    await expect(dialog).toContainText('Version de Candyce');
    await expect(dialog).toContainText('Mode autonome');
    // Tab reaches the close button, Enter closes the dialog.
    const close = dialog.getByRole('button', { name: 'Fermer' });
    await expect(async () => {
      await page.keyboard.press('Tab');
      await expect(close).toBeFocused({ timeout: 500 });
    }).toPass({ timeout: 10000 });
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
  });

  test('lists « À propos de Candyce » first in the Help menu', async ({
    page
  }) => {
    const help = await page.menu.openLocator('Aide');
    await expect(help!.getByRole('menuitem').first()).toHaveText(
      /^À propos de Candyce/
    );
    await page.menu.closeAll();
  });

  test('switches to English from the Language menu', async ({ page }) => {
    const languages = await page.menu.openLocator('Paramètres>Langue');
    await languages!
      .getByRole('menuitem', { name: /English/ })
      .first()
      .click();

    const reloaded = page.waitForEvent('framenavigated');
    await page.locator('.jp-Dialog .jp-mod-accept').click();
    await reloaded;
    await page.waitForSelector('.jp-Launcher');

    await expect(
      page.locator('.lm-MenuBar-itemLabel', { hasText: /^File$/ })
    ).toBeVisible();
    const section = page.locator('.jp-Launcher-section', {
      has: page.locator('.jp-Launcher-sectionTitle', { hasText: /^Candyce$/ })
    });
    await expect(section.locator('.jp-LauncherCard-label')).toHaveText([
      'About Candyce'
    ]);
    await expect(page).toHaveTitle(/Candyce/);
  });
});

test.describe('Privacy', () => {
  test('calls nothing outside the platform', async ({ page }) => {
    const outside: string[] = [];
    page.on('request', request => {
      const url = new URL(request.url());
      if (
        ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) &&
        !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
      ) {
        outside.push(request.url());
      }
    });
    await page.goto();
    await createNotebook(page);
    expect(await runFirstCell(page, 'print(6 * 7)')).toBe('42\n');
    expect(outside).toEqual([]);

    // The server has no news feed and no update check to offer either.
    const news = await page.request.get('/lab/api/news');
    expect((await news.json()).news).toEqual([]);
    const update = await page.request.get('/lab/api/update');
    expect((await update.json()).notification).toBeNull();
  });
});
