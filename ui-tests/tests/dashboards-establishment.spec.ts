import * as fs from 'fs';

import { expect, test } from '@playwright/test';
import type { Browser } from '@playwright/test';

import {
  expectNoAxeViolationIn,
  HUB,
  hubApi,
  hubCallFromPage,
  tabTo
} from './fixtures';
import {
  expectFits,
  forgetDashboardChoices,
  openDashboard,
  signedIn
} from './dashboardPages';

/**
 * An establishment's dashboard (issue 20, point 4): Marie Curie and the four pupils of
 * the demo's 2de B (Lycée Marie Curie) are active on three days, and Marie reuses a
 * library resource; the lycée's administrator (`direction`, a grant, no role of their
 * own) opens the dashboard of their establishment in JupyterLab: French, figures only,
 * the weekly counts of fewer than 5 people shown as « moins de 5 », the class with real
 * use, the chart of the resources reused with its table, a French CSV, reached from the
 * keyboard, axe-clean, fitting 1366×768; the period and indicators chosen are
 * remembered. The global administrator chooses among every establishment.
 */
const ADMINISTRATOR = 'direction';
const SCHOOL = 'Lycée Marie Curie';
const ACTIVE = ['m.curie', 'eleve1', 'eleve2', 'eleve3', 'eleve4'];
const CANDYCE = 'https://candyce.fr/xapi';

test.describe('Establishment dashboard', () => {
  test.setTimeout(300_000);

  test('the lycée’s administrator follows their establishment', async ({
    browser
  }) => {
    const stamp = Date.now().toString(36);
    await seedActivity(browser, stamp);
    const direction = await signedIn(browser, ADMINISTRATOR);
    try {
      await direction.goto(`${HUB}/user/${ADMINISTRATOR}/lab?reset`);
      await direction
        .locator('.jp-Launcher')
        .first()
        .waitFor({ timeout: 120_000 });
      // Offered in the launcher, though they hold no administrator role.
      await expect(
        direction.locator('.jp-LauncherCard', {
          hasText: 'Tableau de bord de l’établissement'
        })
      ).toBeVisible();
      await direction.goto(
        `${HUB}/user/${ADMINISTRATOR}/lab?candyce-dashboard=establishment`
      );
      const board = direction.locator('.cdc-Dashboard:visible');
      await expect(board.locator('h2')).toHaveText(
        `Tableau de bord de l’établissement : ${SCHOOL}`,
        { timeout: 90_000 }
      );
      // One establishment: no choice to make.
      await expect(
        board.getByLabel('Établissement', { exact: true })
      ).toBeHidden();
      await expect(board.locator('h3')).toHaveText([
        'Utilisateurs par semaine',
        'Classes avec usage réel',
        'Collaboration en temps réel',
        'Ressources réutilisées par ses enseignants'
      ]);
      // Four pupils a week: fewer than 5, hidden; the class's 5 people are shown.
      await expect(board).toContainText(
        'Les effectifs de moins de 5 personnes ne sont pas affichés'
      );
      const classes = board.locator(
        'section[aria-labelledby="cdc-Dashboard-establishment-classes"]'
      );
      await expect(classes.locator('tbody tr').first()).toHaveText(
        /2de\s*1\s*1\s*5/
      );
      await expect(classes).toContainText(
        '1 classe(s) sur 1 ont eu un usage réel sur la période'
      );
      const weekly = board.locator(
        'section[aria-labelledby="cdc-Dashboard-establishment-weeklyUsers"]'
      );
      // No bar to draw: the table is shown, each count « moins de 5 ».
      await expect(weekly.locator('tbody')).toContainText('moins de 5');
      await expect(weekly.locator('tbody')).not.toContainText(/\b[1-4]\b/);
      // No name anywhere: figures only.
      // (The lycée itself is named after Marie Curie: her login is checked.)
      for (const name of ['Léa Martin', 'Chloé Petit', 'm.curie', '2de B']) {
        await expect(board).not.toContainText(name);
      }
      const library = board.locator(
        'section[aria-labelledby="cdc-Dashboard-establishment-library"]'
      );
      await expect(library.locator('svg[role="img"]')).toHaveAttribute(
        'aria-label',
        /Ressources réutilisées par les enseignants de l’établissement : [1-9]/
      );
      await expectFits(direction);
      await expectNoAxeViolationIn(direction, '#cdc-dashboard-establishment');
      await direction.screenshot({
        path: '/tmp/shots/dash-establishment-1.png'
      });
      await library.scrollIntoViewIfNeeded();
      await direction.screenshot({
        path: '/tmp/shots/dash-establishment-2.png'
      });

      // From the keyboard: the classes' CSV, in French, for French Excel.
      await board.locator('h2').focus();
      await tabTo(
        direction,
        board.getByRole('button', {
          name: 'Télécharger en CSV (Classes par niveau)'
        })
      );
      const [download] = await Promise.all([
        direction.waitForEvent('download'),
        direction.keyboard.press('Enter')
      ]);
      expect(download.suggestedFilename()).toMatch(
        /^classes-lycee-marie-curie-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/
      );
      const csv = fs.readFileSync((await download.path())!, 'utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      expect(csv.slice(1).split('\r\n').slice(0, 2)).toEqual([
        'Niveau;Classes;Avec usage réel;Utilisateurs actifs',
        '2de;1;1;5'
      ]);

      // The period and the indicators, from the keyboard, remembered.
      await board.locator('h2').focus();
      const period = board.getByLabel('Période');
      await tabTo(direction, period);
      await period.selectOption({ label: '7 derniers jours' });
      const collaboration = board.getByRole('checkbox', {
        name: 'Collaboration en temps réel'
      });
      await tabTo(direction, collaboration);
      await direction.keyboard.press('Space');
      await expect(board.locator('h3')).toHaveCount(3);
      await expect
        .poll(
          async () =>
            (
              (
                await hubCallFromPage(
                  direction,
                  'GET',
                  '/me/dashboard-preferences'
                )
              ).body as {
                dashboards: {
                  establishment?: { period: string; indicators: string[] };
                };
              }
            ).dashboards.establishment
        )
        .toEqual(
          expect.objectContaining({
            period: 'week',
            indicators: ['weeklyUsers', 'classes', 'library']
          })
        );
      await direction.reload();
      const restored = direction.locator('.cdc-Dashboard:visible');
      await expect(restored.locator('h2')).toHaveText(
        `Tableau de bord de l’établissement : ${SCHOOL}`,
        { timeout: 90_000 }
      );
      await expect(restored.getByLabel('Période')).toHaveValue('week');
      await expect(
        restored.getByRole('checkbox', { name: 'Collaboration en temps réel' })
      ).not.toBeChecked();
      // Three days of the last seven: still real use.
      await expect(restored).toContainText(
        '1 classe(s) sur 1 ont eu un usage réel sur la période'
      );
    } finally {
      await forgetDashboardChoices(direction);
      await hubCallFromPage(
        direction,
        'DELETE',
        `/users/${ADMINISTRATOR}/server`
      );
      await direction.context().close();
    }
  });

  test('the global administrator chooses among every establishment', async ({
    browser
  }) => {
    const admin = await signedIn(browser, 'admin');
    try {
      const board = await openDashboard(admin, 'admin', 'establishment');
      await expect(board.locator('h2')).toHaveText(
        /^Tableau de bord de l’établissement : /,
        { timeout: 90_000 }
      );
      const choice = board.getByLabel('Établissement', { exact: true });
      await expect(choice).toBeVisible();
      await expect(choice.locator('option')).toContainText([SCHOOL]);
      await choice.selectOption({ label: SCHOOL });
      await expect(board.locator('h2')).toHaveText(
        `Tableau de bord de l’établissement : ${SCHOOL}`
      );
      await expectFits(admin);
      await expectNoAxeViolationIn(admin, '#cdc-dashboard-establishment');
      await admin.screenshot({ path: '/tmp/shots/dash-establishment-3.png' });
    } finally {
      await forgetDashboardChoices(admin);
      await hubCallFromPage(admin, 'DELETE', `/users/admin/server`);
      await admin.context().close();
    }
  });
});

/**
 * Marie Curie and the 2de B's pupils each send statements on three of the last seven
 * days and one more the week before, through the LRS with their own credential, as
 * their JupyterLab would (about an assignment: essential, recorded for minors too);
 * Marie copies a resource of the library.
 */
async function seedActivity(browser: Browser, stamp: string): Promise<void> {
  const day = (back: number) =>
    new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10);
  for (const name of ACTIVE) {
    const page = await signedIn(browser, name);
    try {
      const api = await hubApi(page.request);
      const me = await (await page.request.get(`${HUB}/hub/api/v1/me`)).json();
      const credential = await page.request.post(`${HUB}/hub/lrs/credential`, {
        headers: { 'X-Candyce-XSRF': me.xsrfToken }
      });
      expect(credential.status()).toBe(201);
      const { key, secret, actor } = await credential.json();
      const statements = [1, 2, 3, 9].map(back => ({
        actor,
        verb: { id: `${CANDYCE}/verbs/fetched` },
        object: {
          objectType: 'Activity',
          id: `urn:candyce:assignment:etablissement-${stamp}`,
          definition: { type: `${CANDYCE}/activities/assignment` }
        },
        timestamp: `${day(back)}T10:00:00.000Z`
      }));
      const sent = await page.request.post(`${HUB}/xapi/statements`, {
        headers: {
          Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
          'X-Experience-API-Version': '1.0.3'
        },
        data: statements
      });
      expect(sent.status(), await sent.text()).toBe(200);
      if (name === 'm.curie') {
        const { results } = await api.call<{ results: { id: string }[] }>(
          'GET',
          '/library/resources'
        );
        expect(results.length).toBeGreaterThan(0);
        expect(
          await page.request
            .post(`${HUB}/hub/api/v1/library/resources/${results[0].id}/uses`, {
              headers: { 'X-Candyce-XSRF': me.xsrfToken },
              data: { kind: 'open' }
            })
            .then(response => response.status())
        ).toBe(204);
      }
    } finally {
      await page.context().close();
    }
  }
}
