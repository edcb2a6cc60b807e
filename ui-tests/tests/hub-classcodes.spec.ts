import { expect, test } from '@playwright/test';

import { demoLogin, expectNoAxeViolation, HUB, logIn } from './fixtures';

/**
 * Class codes in Chromium: a teacher makes codes for two pupils from the hub's pages and
 * gets the printable sheet; a pupil logs in with one code from the class login page,
 * with the keyboard only. Every page is French and axe-clean.
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
      .fill('Camille Dupont\nLouis Moreau');
    await page
      .getByRole('button', { name: 'Créer les comptes et la fiche des codes' })
      .click();

    // The sheet: one card per pupil, French, axe-clean.
    await expect(heading).toHaveText('Fiche des codes – 2de B');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    const cards = page.getByRole('listitem');
    await expect(cards).toHaveCount(2);
    await expectNoAxeViolation(page);
    const card = cards.filter({ hasText: 'Camille Dupont' });
    await expect(card).toContainText('Classe 2de B');
    const code = (await card.locator('.cdc-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    const loginUrl = (await card
      .locator('.cdc-card-url')
      .textContent())!.trim();
    expect(loginUrl).toMatch(
      /^http:\/\/127\.0\.0\.1:8010\/hub\/classes\/.+\/login$/
    );

    // The pupil, in a browser of their own.
    const context = await browser.newContext({ locale: 'fr-FR' });
    try {
      const pupil = await context.newPage();
      await pupil.goto(loginUrl);
      await expect(pupil.locator('html')).toHaveAttribute('lang', 'fr');
      const title = pupil.getByRole('heading', { level: 1 });
      await expect(title).toHaveText('Connexion – classe 2de B');
      await expectNoAxeViolation(pupil);

      // A wrong code first: a clear, accessible message.
      await pupil.keyboard.press('Tab');
      await expect(pupil.getByLabel('Code', { exact: true })).toBeFocused();
      await pupil.keyboard.type('ZZZZZZZZ');
      await pupil.keyboard.press('Enter');
      await expect(pupil.getByRole('alert')).toHaveText(
        'Code incorrect : vérifiez-le et réessayez.'
      );
      await expectNoAxeViolation(pupil);

      await pupil.keyboard.press('Tab');
      await expect(pupil.getByLabel('Code', { exact: true })).toBeFocused();
      await pupil.keyboard.type(code.toLowerCase());
      await pupil.keyboard.press('Enter');
      await pupil.waitForURL(`${HUB}/hub/home`);
      await expect(title).toHaveText('Bonjour, Camille Dupont');
    } finally {
      await context.close();
    }
  });
});
