import { expect, Page, test } from '@playwright/test';

import { demoLogin, expectNoAxeViolation, HUB, logIn, tabTo } from './fixtures';

/**
 * An establishment's administrator (issue 21, point 5) in Chromium at 1366×768: the
 * demo's `direction` administers the Lycée Marie Curie, whose 2de B Marie Curie
 * teaches; Alan Turing belongs to the Collège Jean Moulin. They see their lycée's users
 * only, with a French note naming it, create an account in it and deactivate it from
 * the keyboard, are refused another school's account, and read the log of their
 * users; the global administrator's page of school administrators names them. French,
 * axe-clean, no horizontal scrolling. The spec makes its own account (a name of its
 * own per run). Screenshots go to /tmp/shots/scoped-admin-*.png.
 */
test.use({ viewport: { width: 1366, height: 768 } });

async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test('an establishment’s administrator sees and administers their school’s users only, from the keyboard', async ({
  page
}) => {
  test.setTimeout(180_000);
  const name = `ui.lycee.${Date.now().toString(36)}`;
  await logIn(page, demoLogin('direction'));

  // From the home page to the list of their school's users.
  await tabTo(
    page,
    page.getByRole('link', { name: 'Administration de mes établissements' })
  );
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Utilisateurs'
  );
  await expect(page.locator('#etablissements-administres')).toHaveText(
    'Vous administrez les utilisateurs de l’établissement Lycée Marie Curie.'
  );
  const users = page.getByRole('table', { name: /^\d+ utilisateurs?$/ });
  await expect(users.getByRole('link', { name: 'm.curie' })).toBeVisible();
  await expect(users.getByRole('link', { name: 'eleve1' })).toBeVisible();
  for (const other of ['a.turing', 'admin', 'inspection']) {
    await expect(users.getByRole('link', { name: other })).toHaveCount(0);
  }
  // No overview of the platform, no page of its administrators.
  const nav = page.getByRole('navigation', { name: 'Administration' });
  await expect(nav.getByRole('link', { name: 'Vue d’ensemble' })).toHaveCount(
    0
  );
  await expectNoHorizontalScroll(page);
  await expectNoAxeViolation(page);
  await page.screenshot({ path: '/tmp/shots/scoped-admin-users.png' });

  // Create an account in the lycée, from the keyboard.
  await tabTo(page, nav.getByRole('link', { name: 'Créer un utilisateur' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Créer un utilisateur'
  );
  const school = page.getByLabel('Établissement');
  await expect(school.locator('option')).toHaveText(['Lycée Marie Curie']);
  // Only the roles up to theirs: never « administrateur ».
  await expect(
    page.getByRole('checkbox', { name: 'administrateur·rice' })
  ).toHaveCount(0);
  await expectNoAxeViolation(page);
  await page.screenshot({ path: '/tmp/shots/scoped-admin-create.png' });
  await tabTo(page, page.getByLabel('Identifiant'));
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Compte du lycée (essai UI)');
  await tabTo(page, page.getByRole('checkbox', { name: 'élève' }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: 'Créer l’utilisateur' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText(
    'L’utilisateur a été créé.'
  );
  await expect(page.locator('dl')).toContainText('Lycée Marie Curie');

  // Deactivate it: the action is theirs to do.
  await tabTo(page, page.getByRole('button', { name: 'Désactiver le compte' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('désactivé');
  await expectNoHorizontalScroll(page);
  await expectNoAxeViolation(page);
  await page.screenshot({
    path: '/tmp/shots/scoped-admin-user.png',
    fullPage: true
  });

  // Another school's teacher: refused, in French.
  const refused = await page.goto(`${HUB}/hub/admin/utilisateurs/a.turing`);
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole('alert')).toHaveText(
    'Ce compte n’appartient pas aux établissements que vous administrez.'
  );

  // The log of their users' accounts.
  await page.goto(`${HUB}/hub/admin/utilisateurs`);
  await tabTo(
    page,
    page.getByRole('link', { name: 'Journal d’administration' })
  );
  await page.keyboard.press('Enter');
  const log = page.getByRole('table');
  await expect(log.getByRole('row').nth(1)).toContainText('Compte désactivé');
  await expect(log.getByRole('row').nth(1)).toContainText(
    'Compte du lycée (essai UI)'
  );
  await expect(log).not.toContainText('Alan Turing');
  await expectNoHorizontalScroll(page);
  await expectNoAxeViolation(page);
  await page.screenshot({ path: '/tmp/shots/scoped-admin-log.png' });
});

test('the global administrator sees who administers which school, on a page of their own', async ({
  page
}) => {
  await logIn(page, demoLogin('admin'));
  await page.goto(`${HUB}/hub/admin/utilisateurs`);
  await tabTo(
    page,
    page.getByRole('link', { name: 'Administrateurs d’établissement' })
  );
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Administrateurs d’établissement'
  );
  const grants = page.getByRole('table', { name: /nominations?$/ });
  await expect(
    grants.getByRole('row', { name: /Direction du lycée/ })
  ).toContainText('Lycée Marie Curie');
  await expect(
    page.getByLabel('Établissement ou académie').locator('option')
  ).toContainText([
    'Académie de Créteil (tous ses établissements)',
    'Académie de Versailles (tous ses établissements)'
  ]);
  await expectNoHorizontalScroll(page);
  await expectNoAxeViolation(page);
  await page.screenshot({
    path: '/tmp/shots/scoped-admin-grants.png',
    fullPage: true
  });
});
