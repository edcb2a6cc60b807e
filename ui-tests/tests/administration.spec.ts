import { expect, test } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';

import {
  demoLogin,
  expectNoAxeViolationIn,
  HUB,
  hubApi,
  logIn,
  runFromPalette,
  tabTo
} from './fixtures';

/**
 * « Administration » in JupyterLab's main area (issue 21, point 5), in Chromium at
 * 1366×768: the platform's administrator searches and pages through people, creates an
 * account (the schools grouped by academy), changes its roles, issues a reset code and
 * deactivates it, from the keyboard; the log and the environments; the lycée's
 * administrator (`direction`) sees only her establishment's people. French, axe-clean,
 * nothing scrolling sideways. The spec makes its own accounts (names of their own per
 * run) and leaves the demo accounts as they were; the servers it started are stopped.
 * Screenshots: /tmp/shots/admin-lab-*.png.
 */
const VIEW = '#cdc-administration';

test.describe('Administration in JupyterLab', () => {
  test.setTimeout(300_000);

  test('the platform’s administrator administers people from the keyboard', async ({
    browser
  }) => {
    const stamp = `ui-lab-${Date.now().toString(36)}`;
    const page = await signedIn(browser, 'admin');
    try {
      // Enough accounts of this run to page through, made by the API.
      const api = await hubApi(page.request);
      for (let i = 0; i < 30; i++) {
        await api.call('POST', '/admin/users', {
          name: `${stamp}-${String(i).padStart(2, '0')}`,
          displayName: `Essai ${i}`,
          roles: ['learner']
        });
      }
      await page.goto(`${HUB}/user/admin/lab?reset`);
      await page.locator('.jp-Launcher').first().waitFor({ timeout: 120_000 });
      await expect(
        page.locator('.jp-LauncherCard', { hasText: 'Administration' })
      ).toBeVisible();
      await runFromPalette(page, 'Administration');
      const view = page.locator(VIEW);
      await expect(view.locator('h2')).toBeFocused();
      await expect(view.getByRole('tab', { selected: true })).toHaveText(
        'Personnes'
      );

      // Search and page, from the keyboard.
      await tabTo(page, view.getByLabel('Rechercher par nom'));
      await page.keyboard.type(`${stamp}-`);
      await tabTo(page, view.getByLabel('Par page'));
      await view.getByLabel('Par page').selectOption('25');
      await tabTo(
        page,
        view.getByRole('button', { name: 'Rechercher', exact: true })
      );
      await page.keyboard.press('Enter');
      const status = view.locator('.cdc-AdminStatus').first();
      await expect(status).toHaveText('30 comptes · page 1 sur 2');
      await tabTo(page, view.getByRole('button', { name: 'Suivant' }));
      await page.keyboard.press('Enter');
      await expect(status).toHaveText('30 comptes · page 2 sur 2');
      await expect(view.locator('.cdc-AdminUserName')).toHaveText([
        `${stamp}-25`,
        `${stamp}-26`,
        `${stamp}-27`,
        `${stamp}-28`,
        `${stamp}-29`
      ]);
      // « Suivant » is done: the focus moved to « Précédent ».
      await expect(
        view.getByRole('button', { name: 'Précédent' })
      ).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(status).toHaveText('30 comptes · page 1 sur 2');
      await expect(view.locator('.cdc-AdminTable thead th')).toHaveText([
        'Nom',
        'Identifiant',
        'Rôles',
        'Établissement',
        'État'
      ]);
      await expectFits(page);
      await expectNoAxeViolationIn(page, VIEW);
      await page.screenshot({ path: '/tmp/shots/admin-lab-people.png' });

      // Create an account: a mistake first, said beside its field.
      const name = `${stamp}-new`;
      await tabTo(page, view.getByRole('button', { name: 'Créer un compte' }));
      await page.keyboard.press('Enter');
      const form = view.locator('.cdc-AdminCreateForm');
      await expect(form.getByLabel('Identifiant')).toBeFocused();
      await expect(
        form.locator('#cdc-admin-new-establishmentId optgroup')
      ).toHaveCount(2);
      await expect(
        form.locator('optgroup[label="Académie de Créteil"] option')
      ).toHaveText(['Lycée Marie Curie']);
      await page.keyboard.type('Pas Valide');
      await page.keyboard.press('Enter');
      await expect(form.getByLabel('Identifiant')).toBeFocused();
      await expect(form.getByLabel('Identifiant')).toHaveAttribute(
        'aria-invalid',
        'true'
      );
      await expect(form.locator('#cdc-admin-new-name-error')).toContainText(
        'lettres minuscules'
      );
      await page.keyboard.press('Control+A');
      await page.keyboard.type(name);
      await page.keyboard.press('Tab');
      await page.keyboard.type('Compte de l’essai Lab');
      await tabTo(page, form.getByLabel('Établissement'));
      await form
        .getByLabel('Établissement')
        .selectOption({ label: 'Lycée Marie Curie' });
      await expectNoAxeViolationIn(page, VIEW);
      await page.screenshot({ path: '/tmp/shots/admin-lab-create.png' });
      await tabTo(
        page,
        form.getByRole('button', { name: 'Créer', exact: true })
      );
      await page.keyboard.press('Enter');
      const person = view.locator('.cdc-AdminPerson');
      await expect(person.locator('h3')).toHaveText('Compte de l’essai Lab');
      await expect(person.locator('h3')).toBeFocused();
      await expect(person.locator('.cdc-AdminFacts')).toContainText(
        'Lycée Marie Curie'
      );
      await expect(person.locator('.cdc-AdminFacts')).toContainText(
        'Dernière activitéaucune connexion récente'
      );

      // Roles: add « enseignant·e ».
      await tabTo(page, person.getByRole('checkbox', { name: 'enseignant·e' }));
      await page.keyboard.press('Space');
      await tabTo(
        page,
        person.getByRole('button', { name: 'Enregistrer les rôles' })
      );
      await page.keyboard.press('Enter');
      await expect(person.locator('.cdc-AdminNotice')).toHaveText(
        'Rôles enregistrés.'
      );
      await expect(person.locator('.cdc-AdminFacts')).toContainText(
        'élève, enseignant·e'
      );

      // A reset code, after a confirmation; shown once, with a copy button.
      await tabTo(
        page,
        person.getByRole('button', {
          name: 'Créer un code de réinitialisation'
        })
      );
      await page.keyboard.press('Enter');
      const dialog = page.locator('.jp-Dialog');
      await expect(dialog).toContainText('Créer un code de réinitialisation');
      await tabTo(page, dialog.getByRole('button', { name: 'Créer le code' }));
      await page.keyboard.press('Enter');
      await expect(person.locator('.cdc-AdminCodeValue')).toHaveText(
        /^[a-z2-7]{24}$/
      );
      await expect(
        person.getByRole('button', { name: 'Copier le code' })
      ).toBeVisible();
      // The page where it is used is the hub's, not the server's origin.
      await expect(person.locator('.cdc-AdminCode')).toContainText(
        `${HUB}/hub/mot-de-passe`
      );
      await expectFits(page);
      await expectNoAxeViolationIn(page, VIEW);
      await page.screenshot({ path: '/tmp/shots/admin-lab-person.png' });

      // Deactivate: « Annuler » first changes nothing, then « Désactiver ».
      const deactivate = person.getByRole('button', {
        name: 'Désactiver le compte'
      });
      await tabTo(page, deactivate);
      await page.keyboard.press('Enter');
      await expect(dialog).toContainText('ne pourra plus se connecter');
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      expect(
        (
          await api.call<{ deactivated: boolean }>(
            'GET',
            `/admin/users/${name}`
          )
        ).deactivated
      ).toBe(false);
      await tabTo(page, deactivate);
      await page.keyboard.press('Enter');
      await tabTo(page, dialog.getByRole('button', { name: 'Désactiver' }));
      await page.keyboard.press('Enter');
      await expect(person.locator('.cdc-AdminNotice')).toHaveText(
        'Compte désactivé.'
      );
      expect(
        (
          await api.call<{ deactivated: boolean }>(
            'GET',
            `/admin/users/${name}`
          )
        ).deactivated
      ).toBe(true);

      // The log, by tab and arrow keys, filtered by one action.
      await view.getByRole('tab', { name: 'Personnes' }).focus();
      await page.keyboard.press('End');
      await expect(view.getByRole('tab', { name: 'Journal' })).toBeFocused();
      const audit = view.locator('.cdc-AdminAudit');
      await expect(audit).toBeVisible();
      await expect(view.locator('.cdc-AdminPeople')).toBeHidden();
      await audit
        .getByLabel('Action')
        .selectOption({ label: 'Compte désactivé' });
      await expect(audit.locator('tbody tr').first()).toContainText(name);
      await expect(audit.locator('tbody')).not.toContainText('Compte créé');
      await expectFits(page);
      await expectNoAxeViolationIn(page, VIEW);
      await page.screenshot({ path: '/tmp/shots/admin-lab-audit.png' });

      // The environments, by their names.
      await view.getByRole('tab', { name: 'Journal' }).focus();
      await page.keyboard.press('ArrowLeft');
      await expect(
        view.getByRole('tab', { name: 'Environnements' })
      ).toHaveAttribute('aria-selected', 'true');
      const environments = view.locator('.cdc-AdminEnvironments');
      await expect(environments.locator('table')).toBeVisible();
      await expect(audit).toBeHidden();
      await expect(environments.locator('.cdc-AdminStatus')).toHaveText(
        /\d+ environnements?/
      );
      await expect(environments.locator('.cdc-AdminError')).toBeEmpty();
      await expectFits(page);
      await expectNoAxeViolationIn(page, VIEW);
      await page.screenshot({ path: '/tmp/shots/admin-lab-environments.png' });
    } finally {
      await (await hubApi(page.request)).send('DELETE', '/users/admin/server');
      await page.context().close();
    }
  });

  test('an establishment’s administrator sees only her establishment’s people', async ({
    browser
  }) => {
    const page = await signedIn(browser, 'direction');
    try {
      await page.goto(`${HUB}/user/direction/lab?reset`);
      await page.locator('.jp-Launcher').first().waitFor({ timeout: 120_000 });
      await runFromPalette(page, 'Administration');
      const view = page.locator(VIEW);
      await expect(view.locator('h2')).toBeFocused();
      await expect(view.getByRole('tab')).toHaveText(['Personnes', 'Journal']);
      await view.getByLabel('Par page').selectOption('200');
      await view
        .getByRole('button', { name: 'Rechercher', exact: true })
        .click();
      const names = view.locator('.cdc-AdminUserName');
      await expect(names.filter({ hasText: /^m\.curie$/ })).toHaveCount(1);
      const shown = await names.allTextContents();
      expect(shown).toEqual(expect.arrayContaining(['eleve1', 'direction']));
      expect(shown).not.toContain('a.turing');
      expect(shown).not.toContain('admin');
      await view.getByRole('button', { name: 'Créer un compte' }).click();
      await expect(
        view.locator('#cdc-admin-new-establishmentId optgroup')
      ).toHaveAttribute('label', 'Académie de Créteil');
      await expect(
        view.getByRole('checkbox', { name: 'administrateur·rice' })
      ).toHaveCount(0);
      await expectFits(page);
      await expectNoAxeViolationIn(page, VIEW);
      await page.screenshot({ path: '/tmp/shots/admin-lab-direction.png' });
    } finally {
      await (
        await hubApi(page.request)
      ).send('DELETE', '/users/direction/server');
      await page.context().close();
    }
  });
});

async function signedIn(browser: Browser, name: string): Promise<Page> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: 1366, height: 768 }
  });
  const page = await context.newPage();
  await logIn(page, demoLogin(name));
  return page;
}

/** Nothing scrolls sideways at 1366×768: neither the page nor the view. */
async function expectFits(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const view = document.querySelector(
      '#cdc-administration .cdc-Administration'
    );
    return Math.max(
      document.documentElement.scrollWidth - window.innerWidth,
      view ? view.scrollWidth - view.clientWidth : 0
    );
  });
  expect(overflow).toBeLessThanOrEqual(0);
}
