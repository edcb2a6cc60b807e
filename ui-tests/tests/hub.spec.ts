import { expect, test } from '@playwright/test';

import {
  demoLogin,
  expectNoAxeViolation,
  HUB,
  logIn,
  logInWithKeyboard,
  openAboutFromKeyboard
} from './fixtures';

/**
 * The hub's pages in Chromium: French, keyboard-operable, axe-clean, and the whole
 * journey of a pupil from the login page to their own Candyce JupyterLab.
 */
test.describe('Hub pages', () => {
  test('the login page is French and axe-clean, also with an error', async ({
    page
  }) => {
    await page.goto(`${HUB}/hub/login`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Connexion à Candyce'
    );
    await expectNoAxeViolation(page);

    await logInWithKeyboard(page, {
      name: 'eleve1',
      password: 'pas-le-bon',
      role: 'learner'
    });
    await expect(page.getByRole('alert')).toHaveText(
      'Identifiant ou mot de passe incorrect.'
    );
    await expectNoAxeViolation(page);
  });

  test('a pupil logs in from the keyboard and reaches their own Candyce JupyterLab', async ({
    page
  }) => {
    await logInWithKeyboard(page, demoLogin('eleve1'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Bonjour, Léa Martin'
    );
    await expectNoAxeViolation(page);

    await page
      .getByRole('link', { name: 'Ouvrir mon espace de travail' })
      .click();
    await page.waitForURL(/\/user\/eleve1\/lab/, { timeout: 90_000 });
    await expect(page.locator('#cdc-MainLogo')).toBeVisible({
      timeout: 60_000
    });
    await expect(
      page.locator('.lm-MenuBar-itemLabel', { hasText: /^Fichier$/ })
    ).toBeVisible();

    // @candyce/core found the hub: the About dialog names the pupil and their role.
    const about = await openAboutFromKeyboard(page);
    await expect(about).toContainText(
      'Connecté·e à la plateforme Candyce en tant que Léa Martin (Élève).'
    );
  });

  test('the start page shows its progress accessibly', async ({ page }) => {
    await logInWithKeyboard(page, demoLogin('eleve2'));
    await page.waitForURL(`${HUB}/hub/home`);
    // Keep the page still while axe reads it: drop its self-refresh.
    await page.route('**/hub/spawn**', async route => {
      const response = await route.fetch({ maxRedirects: 0 });
      const headers = { ...response.headers() };
      delete headers.refresh;
      await route.fulfill({ response, headers });
    });
    await page.goto(`${HUB}/hub/spawn?next=%2Fuser%2Feleve2%2Flab`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Démarrage de votre espace de travail'
    );
    await expect(page.getByRole('status')).toBeVisible();
    await expectNoAxeViolation(page);
  });

  test('the privacy page says what is recorded, is reached from the footer, and is axe-clean', async ({
    page
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${HUB}/hub/login`);
    await page.getByRole('link', { name: 'Vos données et traces' }).click();
    await page.waitForURL(`${HUB}/hub/privacy`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Vos données et traces d’apprentissage'
    );
    await expectNoAxeViolation(page);
    await page.screenshot({
      path: '/tmp/shots/privacy-visitor.png',
      fullPage: true
    });

    // A pupil (a minor): her switch, the export and the erasure, nothing changed here.
    await logIn(page, demoLogin('eleve3'));
    await page.getByRole('link', { name: 'Vos données et traces' }).click();
    await expect(
      page.getByRole('group', { name: 'Enregistrer mes traces facultatives ?' })
    ).toBeVisible();
    await expect(
      page.getByRole('radio', { name: 'Oui, j’accepte' })
    ).not.toBeChecked();
    await expect(
      page.getByText('Vos traces facultatives ne sont pas enregistrées.')
    ).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Télécharger mes traces (fichier JSON)' })
    ).toHaveAttribute('href', '/hub/api/v1/me/traces');
    await expectNoAxeViolation(page);
    await page.screenshot({ path: '/tmp/shots/privacy-pupil.png' });
    await page.screenshot({
      path: '/tmp/shots/privacy-pupil-full.png',
      fullPage: true
    });
  });
});
