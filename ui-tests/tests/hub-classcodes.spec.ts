import { expect, test } from '@playwright/test';

import {
  demoLogin,
  expectNoAxeViolation,
  logIn,
  SERVER_ORIGIN_PATTERN
} from './fixtures';

/**
 * Class codes in Chromium: a teacher makes codes for three pupils (two with the same
 * name) from the hub's pages and gets the printable sheet of cards (short address, QR
 * code, login); a pupil logs in with one code from the card's short address, with the
 * keyboard only. Every page is French and axe-clean.
 */
test.describe('Class codes', () => {
  test('a teacher prints codes, and a pupil logs in with one from the keyboard', async ({
    page,
    browser
  }) => {
    // The teacher logs in with the password form.
    await logIn(page, demoLogin('m.curie'));
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText('Bonjour, Marie Curie');

    await page
      .getByRole('link', { name: 'Codes de connexion des élèves' })
      .click();
    await expect(heading).toHaveText('Codes de connexion des élèves');
    await expectNoAxeViolation(page);
    await page
      .getByRole('link', { name: 'Codes de connexion – 2de B' })
      .click();
    await expect(heading).toHaveText('Codes de connexion – 2de B');
    await expectNoAxeViolation(page);

    await page
      .getByLabel('Noms des élèves, un par ligne (60 au plus)')
      .fill('Camille Dupont\nLouis Moreau\nLouis Moreau');
    await page
      .getByRole('button', { name: 'Créer les comptes et la fiche des codes' })
      .click();

    // The sheet: one card per pupil, French, axe-clean, with the class's short
    // address, its QR code, each pupil's login and a print button.
    await expect(heading).toHaveText('Fiche des codes – 2de B');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    const cards = page.locator('.cdc-card');
    await expect(cards).toHaveCount(3);
    await expect(page.getByRole('button', { name: 'Imprimer' })).toBeVisible();
    await expectNoAxeViolation(page);
    const card = cards.filter({ hasText: 'Camille Dupont' });
    await expect(card).toContainText('Classe 2de B');
    await expect(card).toContainText('Ton identifiant : camille.dupont');
    const code = (await card.locator('.cdc-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    const loginUrl = (await card
      .locator('.cdc-card-url')
      .textContent())!.trim();
    expect(loginUrl).toMatch(/^http:\/\/localhost:8010\/c\/[A-Z2-9]{5}$/);
    await expect(
      card.getByRole('img', { name: `QR code de l’adresse ${loginUrl}` })
    ).toBeVisible();
    // Two pupils with the same name: their cards show different logins.
    const louis = cards.filter({ hasText: 'Louis Moreau' });
    await expect(louis).toHaveCount(2);
    await expect(louis.nth(0)).toContainText('louis.moreau');
    await expect(louis.nth(1)).toContainText('louis.moreau2');

    // The pupil, in a browser of their own, from the card's short address, with the
    // keyboard only.
    const context = await browser.newContext({ locale: 'fr-FR' });
    try {
      const pupil = await context.newPage();
      await pupil.goto(loginUrl);
      await expect(pupil.locator('html')).toHaveAttribute('lang', 'fr');
      const title = pupil.getByRole('heading', { level: 1 });
      await expect(title).toHaveText('Classe 2de B');
      await expectNoAxeViolation(pupil);

      // A wrong code first: a clear, accessible message, on the same short address.
      await pupil.keyboard.press('Tab');
      await expect(pupil.getByLabel('Tape ton code')).toBeFocused();
      await pupil.keyboard.type('ZZZZZZZZ');
      await pupil.keyboard.press('Enter');
      await expect(pupil.getByRole('alert')).toHaveText(
        'Ce code ne marche pas : vérifie ta carte et tape-le encore.'
      );
      expect(pupil.url()).toBe(loginUrl);
      await expectNoAxeViolation(pupil);

      await pupil.keyboard.press('Tab');
      await expect(pupil.getByLabel('Tape ton code')).toBeFocused();
      await pupil.keyboard.type(code.toLowerCase());
      await pupil.keyboard.press('Enter');
      // Straight into her work: her JupyterLab in school mode (school-mode.spec.ts
      // follows her there).
      await pupil.waitForURL(
        new RegExp(
          `^${SERVER_ORIGIN_PATTERN}/user/camille\\.dupont/lab\\?mode=ecole`
        ),
        { timeout: 120_000 }
      );
    } finally {
      await context.close();
    }
  });
});
