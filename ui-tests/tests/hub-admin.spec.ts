import { expect, test } from '@playwright/test';

import { demoLogin, expectNoAxeViolation, HUB, logIn } from './fixtures';

/**
 * The admin page and the server buttons of the home page in Chromium: French,
 * axe-clean, no script. One real server start (a pupil's), stopped by the admin; the
 * environments section, its dry run and its cleaning (nothing to remove).
 */
test.describe('Hub administration', () => {
  test('a learner sees the state of their space and the stop and restart buttons', async ({
    page
  }) => {
    await logIn(page, demoLogin('eleve3'));
    await expect(page.getByText('Votre espace est arrêté.')).toBeVisible();
    await expectNoAxeViolation(page);

    // Start the space (one real server), then come back to the home page.
    await page.goto(`${HUB}/hub/spawn?next=%2Fuser%2Feleve3%2Fapi%2Fstatus`);
    await page.waitForURL(/\/user\/eleve3\/api\/status/, { timeout: 90_000 });
    await page.goto(`${HUB}/hub/home`);
    await expect(page.getByText('Votre espace est démarré.')).toBeVisible();
    await expect(
      page.getByRole('button', { name: 'Arrêter mon espace' })
    ).toBeVisible();
    await expect(
      page.getByRole('button', { name: 'Redémarrer mon espace' })
    ).toBeVisible();
    await expectNoAxeViolation(page);

    // A learner may not open the admin page.
    const refused = await page.goto(`${HUB}/hub/admin`);
    expect(refused?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Accès refusé'
    );
    await expectNoAxeViolation(page);
  });

  test('the admin page is French and axe-clean, and stops a server', async ({
    page
  }) => {
    await logIn(page, demoLogin('admin'));
    await page
      .getByRole('link', { name: 'Administration de la plateforme' })
      .click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Administration'
    );
    await expect(
      page.getByRole('table', { name: /utilisateurs/ })
    ).toContainText('Léa Martin');
    await expect(page.getByRole('table', { name: /classes?$/ })).toContainText(
      '2de B'
    );
    await expect(page.locator('script')).toHaveCount(0);
    await expectNoAxeViolation(page);

    // Environments: the standard ones (built by the set-up into the store this hub
    // uses), referenced by the seed resources, so a dry run removes nothing.
    await expect(
      page.getByRole('heading', { level: 2, name: 'Environnements' })
    ).toBeVisible();
    const environments = page.getByRole('table', {
      name: /environnements? construits?/
    });
    // A header and the six standard environments, at least: specs run before this one
    // (environments.spec.ts) build more in the same store.
    await expect
      .poll(() => environments.getByRole('row').count())
      .toBeGreaterThanOrEqual(7);
    await expect(environments).toContainText('standard');
    await expect(environments).toContainText('ressources');
    await page.getByRole('button', { name: 'Simuler le nettoyage' }).click();
    await expect(page.getByRole('status')).toHaveText(
      'Simulation : aucun environnement ne serait supprimé, tous sont référencés.'
    );
    await expectNoAxeViolation(page);
    await page.getByRole('button', { name: 'Nettoyer' }).click();
    await expect(page.getByRole('status')).toHaveText(
      'Aucun environnement à supprimer : tous sont référencés.'
    );
    // A header and the six standard environments, at least: specs run before this one
    // (environments.spec.ts) build more in the same store.
    await expect
      .poll(() => environments.getByRole('row').count())
      .toBeGreaterThanOrEqual(7);
    await expectNoAxeViolation(page);

    const stop = page.getByRole('button', {
      name: 'Arrêter l’espace de eleve3'
    });
    await expect(stop).toBeVisible();
    await stop.click();
    await expect(page.getByRole('status')).toHaveText('Espace arrêté.');
    await expect(stop).toHaveCount(0);
    await expectNoAxeViolation(page);
  });
});
