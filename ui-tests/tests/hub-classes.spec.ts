import { expect, test } from '@playwright/test';

import {
  demoLogin,
  expectNoAxeViolation,
  HUB,
  logInWithKeyboard,
  tabTo
} from './fixtures';

/**
 * The class pages in Chromium, from the keyboard only (Tab, typing, Space, Enter): a
 * demo teacher opens their classes, creates a class (after a blank name, refused next
 * to the field), finds a pupil by name and enrols them; the admin finds a teacher by
 * name and adds them to a class; the teacher turns on « Mode école pour cette
 * classe ». Every page, the error state included, is French and axe-clean.
 */
test.describe('Class pages', () => {
  test('a teacher creates a class and enrols a pupil from the keyboard only', async ({
    page
  }) => {
    // Unique, so that a retry does not meet the class of a first attempt.
    const className = `NSI ${Date.now().toString(36)}`;
    const heading = page.getByRole('heading', { level: 1 });

    await logInWithKeyboard(page, demoLogin('m.curie'));
    await expect(heading).toHaveText('Bonjour, Marie Curie');
    await tabTo(page, page.getByRole('link', { name: 'Gérer mes classes' }));
    await page.keyboard.press('Enter');

    await expect(heading).toHaveText('Mes classes');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('table', { name: /classes?$/ })).toContainText(
      '2de B'
    );
    await expectNoAxeViolation(page);
    await tabTo(page, page.getByRole('link', { name: 'Créer une classe' }));
    await page.keyboard.press('Enter');

    // A blank name passes the browser's `required`; the hub refuses it.
    await expect(heading).toHaveText('Créer une classe');
    await expectNoAxeViolation(page);
    const name = page.getByLabel('Nom de la classe');
    await tabTo(page, name);
    await page.keyboard.type('   ');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Niveau (facultatif)')).toBeFocused();
    await page.keyboard.type('1re');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText(
      'Indiquez le nom de la classe.'
    );
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(name).toHaveAccessibleDescription(
      /Erreur : Indiquez le nom de la classe\./
    );
    await expect(page.getByLabel('Niveau (facultatif)')).toHaveValue('1re');
    await expectNoAxeViolation(page);

    await tabTo(page, name);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(className);
    await page.keyboard.press('Enter');

    await expect(heading).toHaveText(`Classe ${className}`);
    await expect(page.getByRole('status')).toHaveText(
      'Classe créée : inscrivez-y maintenant des élèves.'
    );
    const classId = new URL(page.url()).pathname.split('/').pop()!;
    await expect(
      page.getByRole('link', {
        name: `Codes de connexion des élèves de la classe ${className}`
      })
    ).toBeVisible();
    await expectNoAxeViolation(page);

    // Find Hugo by name, tick him with Space, send with Enter.
    await tabTo(page, page.getByLabel('Nom ou identifiant de l’élève'));
    await page.keyboard.type('hugo');
    await page.keyboard.press('Enter');
    const hugo = page.getByRole('checkbox', { name: /Hugo Bernard/ });
    await expect(hugo).toBeVisible();
    // One pupil to tick (the other checkbox is the class's school mode).
    await expect(
      page.locator('input[type="checkbox"][name="eleve"]')
    ).toHaveCount(1);
    await expectNoAxeViolation(page);
    await tabTo(page, hugo);
    await page.keyboard.press('Space');
    await expect(hugo).toBeChecked();
    await page.keyboard.press('Tab');
    const enrol = page.getByRole('button', {
      name: 'Inscrire les élèves cochés'
    });
    await expect(enrol).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(page.getByRole('status')).toHaveText(
      '1 élève inscrit dans la classe.'
    );
    const learners = page.getByRole('table', { name: '1 élève inscrit' });
    await expect(learners).toContainText('Hugo Bernard');
    await expect(
      page.getByRole('button', { name: 'Retirer Hugo Bernard de la classe' })
    ).toBeVisible();
    await expectNoAxeViolation(page);

    // « Mode école pour cette classe »: ticked with Space, saved with Enter.
    const schoolMode = page.getByRole('checkbox', {
      name: 'Mode école pour cette classe'
    });
    await expect(schoolMode).not.toBeChecked();
    await expect(schoolMode).toHaveAccessibleDescription(
      /Le mode école est désactivé/
    );
    await tabTo(page, schoolMode);
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await expect(
      page
        .getByRole('region', { name: 'Mode école' })
        .getByRole('button', { name: 'Enregistrer' })
    ).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toHaveText(
      'Mode école activé pour les élèves de la classe.'
    );
    await expect(schoolMode).toBeChecked();
    await expect(schoolMode).toHaveAccessibleDescription(
      /Le mode école est activé/
    );
    await expectNoAxeViolation(page);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page
      .getByRole('region', { name: 'Mode école' })
      .scrollIntoViewIfNeeded();
    await page.screenshot({
      path: 'test-results/school-hub-class-page.png'
    });

    // The class's trace policy: the checked choice reached with Tab, changed with an
    // arrow, saved with Enter; and the link to the class's dashboard in JupyterLab.
    const none = page.getByRole('radio', { name: 'Aucune trace facultative' });
    const consent = page.getByRole('radio', {
      name: 'Avec l’accord de chacun'
    });
    await expect(none).toBeChecked();
    await expect(consent).toHaveAccessibleDescription(
      /les mineurs doivent dire oui/
    );
    await tabTo(page, none);
    await page.keyboard.press('ArrowDown');
    await expect(consent).toBeChecked();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(
      page
        .getByRole('region', { name: 'Traces d’apprentissage' })
        .getByRole('button', { name: 'Enregistrer' })
    ).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toHaveText(
      'Traces d’apprentissage de la classe enregistrées.'
    );
    await expect(consent).toBeChecked();
    await expect(
      page.getByRole('link', { name: 'Tableau de bord de la classe' })
    ).toHaveAttribute(
      'href',
      `/hub/spawn?next=${encodeURIComponent(`/user/m.curie/lab?candyce-dashboard=class:${classId}`)}`
    );
    await expectNoAxeViolation(page);
    await page
      .getByRole('region', { name: 'Traces d’apprentissage' })
      .scrollIntoViewIfNeeded();
    await page.screenshot({
      path: 'test-results/hub-class-page-traces.png'
    });

    // Removing asks first, on a page of its own; « Annuler » changes nothing.
    await tabTo(
      page,
      page.getByRole('button', { name: 'Retirer Hugo Bernard de la classe' })
    );
    await page.keyboard.press('Enter');
    await expect(heading).toHaveText(
      `Retirer Hugo Bernard de la classe ${className} ?`
    );
    await expectNoAxeViolation(page);
    await tabTo(page, page.getByRole('link', { name: 'Annuler' }));
    await page.keyboard.press('Enter');
    await expect(heading).toHaveText(`Classe ${className}`);
    await expect(learners).toContainText('Hugo Bernard');

    // The class is in the teacher's list, with its pupil.
    await tabTo(page, page.getByRole('link', { name: 'Retour à mes classes' }));
    await page.keyboard.press('Enter');
    await expect(heading).toHaveText('Mes classes');
    const row = page.getByRole('row', { name: new RegExp(className) });
    // Columns after the class name: level, establishment, learners, teachers.
    await expect(row.getByRole('cell').nth(2)).toHaveText('1');

    // Hugo leaves the class again: its school mode and its trace policy (none for
    // minors) would follow him into the specs that run after this one.
    const me = await (await page.request.get(`${HUB}/hub/api/v1/me`)).json();
    const left = await page.request.delete(
      `${HUB}/hub/api/v1/classes/${classId}/members/eleve2`,
      { headers: { 'X-Candyce-XSRF': me.xsrfToken } }
    );
    expect(left.status()).toBe(204);
  });

  test('an admin finds a teacher by name and adds them, from the keyboard only', async ({
    page
  }) => {
    const className = `Maths ${Date.now().toString(36)}`;
    const heading = page.getByRole('heading', { level: 1 });

    await logInWithKeyboard(page, demoLogin('admin'));
    await tabTo(page, page.getByRole('link', { name: 'Gérer mes classes' }));
    await page.keyboard.press('Enter');
    await expect(heading).toHaveText('Toutes les classes');
    await tabTo(page, page.getByRole('link', { name: 'Créer une classe' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByLabel('Nom de la classe'));
    await page.keyboard.type(className);
    await page.keyboard.press('Enter');
    await expect(heading).toHaveText(`Classe ${className}`);

    // A search (a landmark with its name), not a list of every teacher account.
    const search = page.getByRole('search', {
      name: 'Rechercher des enseignant·es à ajouter'
    });
    await expect(search).toBeVisible();
    await expect(page.locator('select')).toHaveCount(0);
    await expectNoAxeViolation(page);
    await tabTo(page, page.getByLabel('Nom ou identifiant de l’enseignant·e'));
    await page.keyboard.type('TURING');
    await page.keyboard.press('Enter');

    const choices = page.getByRole('group', {
      name: 'Enseignant·es à ajouter pour « TURING »'
    });
    const alan = choices.getByRole('radio', { name: /Alan Turing/ });
    await expect(alan).toBeVisible();
    await expect(choices.getByRole('radio')).toHaveCount(1);
    await expectNoAxeViolation(page);
    await tabTo(page, alan);
    await page.keyboard.press('Space');
    await expect(alan).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(
      page.getByRole('button', { name: 'Ajouter à la classe' })
    ).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(page.getByRole('status')).toHaveText(
      'Enseignant·e ajouté·e à la classe.'
    );
    await expect(
      page.getByRole('button', {
        name: 'Retirer Alan Turing des enseignant·es de la classe'
      })
    ).toBeVisible();
    await expectNoAxeViolation(page);
  });
});
