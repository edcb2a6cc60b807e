import { expect, test } from '@playwright/test';

import { demoLogin, expectNoAxeViolation, HUB, logIn, tabTo } from './fixtures';

/**
 * The administration of users (issue 21, point 5) in Chromium at 1366×768: the list of
 * users, a user's page and the administration log, French, axe-clean, no horizontal
 * scrolling, every action done from the keyboard (Tab, Space, Enter). The spec makes
 * its own account (a name of its own per run) and leaves the demo accounts as they are.
 * Screenshots of the three pages go to /tmp/shots/admin-*.png.
 */
test.use({ viewport: { width: 1366, height: 768 } });

test('an administrator creates, changes, resets, deactivates and reactivates an account from the keyboard, and reads the log', async ({
  page
}) => {
  // Many single key presses, each checked: more than the default minute.
  test.setTimeout(180_000);
  const name = `ui.admin.${Date.now().toString(36)}`;
  await logIn(page, demoLogin('admin'));

  // The list of users: full width, a link per row, no horizontal scrolling.
  await page.goto(`${HUB}/hub/admin/utilisateurs`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Utilisateurs'
  );
  const users = page.getByRole('table', { name: /^\d+ utilisateurs?$/ });
  await expect(users.getByRole('link', { name: 'm.curie' })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectNoAxeViolation(page);
  await page.screenshot({ path: '/tmp/shots/admin-users.png' });

  // Create an account from the keyboard only.
  await tabTo(page, page.getByRole('link', { name: 'Créer un utilisateur' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Créer un utilisateur'
  );
  await tabTo(page, page.getByLabel('Identifiant'));
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Compte de l’essai UI');
  await tabTo(page, page.getByRole('checkbox', { name: 'enseignant·e' }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: 'Créer l’utilisateur' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText(
    'L’utilisateur a été créé.'
  );
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Compte de l’essai UI'
  );
  await expectNoAxeViolation(page);

  // Roles: add « auteur·rice », save with Enter.
  await tabTo(page, page.getByRole('checkbox', { name: 'auteur·rice' }));
  await page.keyboard.press('Space');
  await tabTo(
    page,
    page.getByRole('button', { name: 'Enregistrer les rôles' })
  );
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText(
    'Les rôles ont été enregistrés.'
  );
  await expect(page.locator('dl')).toContainText('auteur·rice, enseignant·e');

  // A reset code, shown once.
  await tabTo(
    page,
    page.getByRole('button', { name: 'Créer un code de réinitialisation' })
  );
  await page.keyboard.press('Enter');
  await expect(page.locator('code.cdc-code')).toHaveText(/^[a-z2-7]{24}$/);
  await expectNoAxeViolation(page);
  await tabTo(page, page.getByRole('link', { name: /^Retour à la page de/ }));
  await page.keyboard.press('Enter');

  // Deactivate, then reactivate.
  await tabTo(page, page.getByRole('button', { name: 'Désactiver le compte' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('désactivé');
  await expect(page.locator('dl')).toContainText('Désactivé depuis le');
  await expectNoHorizontalScroll(page);
  await expectNoAxeViolation(page);
  await page.screenshot({ path: '/tmp/shots/admin-user.png', fullPage: true });
  await tabTo(page, page.getByRole('button', { name: 'Réactiver le compte' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText(
    'Le compte a été réactivé.'
  );

  // The log, newest first, filtered by action from the keyboard.
  await tabTo(
    page,
    page.getByRole('link', { name: 'Journal d’administration' })
  );
  await page.keyboard.press('Enter');
  const log = page.getByRole('table');
  await expect(log.getByRole('row').nth(1)).toContainText('Compte réactivé');
  await expect(log).toContainText('Compte de l’essai UI');
  await expectNoHorizontalScroll(page);
  await expectNoAxeViolation(page);
  await page.screenshot({ path: '/tmp/shots/admin-audit.png' });
  await tabTo(page, page.getByLabel('Action'));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.getByLabel('Action').selectOption('user.roles');
  await tabTo(page, page.getByRole('button', { name: 'Filtrer' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/action=user\.roles/);
  await expect(log.getByRole('rowheader').first()).toHaveText('Rôles modifiés');
  await expectNoAxeViolation(page);

  // The row of the list links to the user's page.
  await page.goto(
    `${HUB}/hub/admin/utilisateurs?q=${encodeURIComponent(name)}`
  );
  await tabTo(page, users.getByRole('link', { name }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Compte de l’essai UI'
  );
});

async function expectNoHorizontalScroll(
  page: import('@playwright/test').Page
): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth
  );
  expect(overflow).toBeLessThanOrEqual(0);
}
