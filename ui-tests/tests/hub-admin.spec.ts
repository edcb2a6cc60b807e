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

    // Users are searched, from the keyboard, accents and case aside.
    const search = page
      .getByRole('search', { name: 'Rechercher des utilisateurs' })
      .getByRole('textbox', { name: 'Nom ou identifiant' });
    await search.fill('CURIÉ');
    await search.press('Enter');
    const users = page.getByRole('table', { name: /utilisateurs?/ });
    await expect(users.locator('caption')).toHaveText(
      '1 utilisateur pour « CURIÉ »'
    );
    await expect(users).toContainText('m.curie');
    await expect(search).toHaveValue('CURIÉ');
    await expectNoAxeViolation(page);

    // Environments: the standard ones (built by the set-up into the store this hub
    // uses) are kept by a collection, whatever else the store holds. A store reused
    // across runs may hold environments that this fresh hub knows no reference to:
    // the collection removes those, after a confirmation page.
    await expect(
      page.getByRole('heading', { level: 2, name: 'Environnements' })
    ).toBeVisible();
    const environments = page.getByRole('table', {
      name: /environnements? construits?/
    });
    const standardIds = await environments
      .getByRole('row')
      .filter({ hasText: 'standard' })
      .getByRole('rowheader')
      .allTextContents();
    expect(standardIds.length).toBeGreaterThanOrEqual(6);
    await expect(environments).toContainText('ressources');

    await page.getByRole('button', { name: 'Simuler le nettoyage' }).click();
    const status = page.getByRole('status');
    await expect(status).toContainText('Simulation :');
    for (const id of standardIds) {
      await expect(status).not.toContainText(id);
    }
    await expectNoAxeViolation(page);

    await page.getByRole('button', { name: 'Nettoyer' }).click();
    const confirm = page.getByRole('button', {
      name: /^Supprimer \d+ environnements?$/
    });
    if (
      await page
        .getByRole('heading', { level: 1, name: /^Supprimer/ })
        .isVisible()
    ) {
      await expectNoAxeViolation(page);
      await confirm.click();
    }
    // What was removed, then what pruning uv's cache freed.
    await expect(status).toHaveText(
      /^(Aucun environnement à supprimer : tous sont référencés\.|\d+ environnements? supprimés?,) .+ libérés sur le disque\.( L’élagage du cache de téléchargement de uv a libéré .+ ; .+ ne seront libérés qu’avec eux\.)?$/
    );
    // What is left is referenced, and the standard environments are all there.
    await expect(
      environments.getByRole('row').filter({ hasText: 'aucune' })
    ).toHaveCount(0);
    for (const id of standardIds) {
      await expect(
        environments.getByRole('rowheader', { name: id, exact: true })
      ).toBeVisible();
    }
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
