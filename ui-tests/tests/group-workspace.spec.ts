/**
 * Group workspaces (issue 19, point 2) in Chromium: a hub of this spec's own (port
 * 8022, its own data, the demo, servers on origins of their own). The demo's group of
 * 2de B, eleve1 and eleve2, open their workspace in two browsers, edit one notebook
 * together and see each other's real names among the collaborators; eleve3, not in the
 * group, is refused at the hub. The teacher's class page shows the section, axe-clean,
 * and its form answers the keyboard.
 */
import { Page } from '@playwright/test';
import * as fs from 'fs';

import {
  expect,
  expectNoAxeViolation,
  expectNoAxeViolationIn,
  pythonNotebook,
  test
} from './fixtures';
import { IOwnHub, startOwnHub } from './ownHub';

const PORT = 8022;
const SHOTS = '/tmp/shots';

let hub: IOwnHub;

test.describe('group workspaces', () => {
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    fs.mkdirSync(SHOTS, { recursive: true });
    hub = await startOwnHub(PORT);
  });

  test.afterAll(async () => {
    await hub?.stop();
  });

  test('the class page lists the demo group; its form is axe-clean and answers the keyboard', async ({
    browser
  }) => {
    test.setTimeout(60_000);
    const { context, page } = await hub.signIn(browser, 'm.curie');
    await page.getByRole('link', { name: 'Gérer mes classes' }).click();
    await page
      .getByRole('link', { name: '2de B', exact: true })
      .first()
      .click();
    const section = page.locator('section[aria-labelledby="groupes-titre"]');
    await expect(
      section.getByRole('heading', { name: 'Espaces de groupe' })
    ).toBeVisible();
    await expect(
      section.getByRole('row', { name: /Binôme Léa et Hugo/ })
    ).toContainText('Hugo Bernard, Léa Martin');
    await expectNoAxeViolationIn(
      page,
      'section[aria-labelledby="groupes-titre"]'
    );
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: `${SHOTS}/groups-class-page.png`,
      fullPage: true
    });
    // By keyboard: a name, a pupil ticked with the space bar, Enter sends.
    await section.getByLabel('Nom du groupe').focus();
    await page.keyboard.type('Trinôme');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect(section.getByRole('checkbox').first()).toBeChecked();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/hub\/classes\/[^/]+#groupes-titre$/);
    await expect(
      page
        .locator('section[aria-labelledby="groupes-titre"]')
        .getByRole('row', { name: /Trinôme/ })
    ).toBeVisible();
    // Without a name: the form again, its error said and linked.
    // (The browser's own check of the required field set aside: the hub's is tried.)
    await page
      .locator('section[aria-labelledby="groupes-titre"] form[aria-labelledby]')
      .evaluate(form => ((form as HTMLFormElement).noValidate = true));
    await page
      .locator('section[aria-labelledby="groupes-titre"]')
      .getByRole('button', { name: 'Créer l’espace' })
      .click();
    await expect(page.getByRole('alert')).toContainText(
      'Donnez au groupe un nom'
    );
    await expectNoAxeViolation(page);
    await page.screenshot({ path: `${SHOTS}/groups-form-error.png` });
    await context.close();
  });

  test('two members edit one notebook together and see each other’s names; another pupil is refused', async ({
    browser
  }) => {
    test.setTimeout(300_000);
    const lea = await hub.signIn(browser, 'eleve1');
    const hugo = await hub.signIn(browser, 'eleve2');
    // The home page lists the group and opens it.
    const open = lea.page.getByRole('link', {
      name: 'Ouvrir l’espace Binôme Léa et Hugo'
    });
    await expect(open).toBeVisible();
    await lea.page.screenshot({ path: `${SHOTS}/groups-home.png` });
    const groups = await (
      await lea.context.request.get(`${hub.origin}/hub/api/v1/groups`)
    ).json();
    const serverName: string = groups.groups[0].serverName;
    const groupOrigin = hub.serverOrigin(serverName);
    await open.click();
    await lea.page.waitForURL(`${groupOrigin}/user/${serverName}/lab**`, {
      timeout: 120_000
    });
    await expect(lea.page.locator('#jupyterlab-splash')).toHaveCount(0, {
      timeout: 90_000
    });

    // A notebook of the group, written through its own origin.
    const status = await lea.page.evaluate(
      async ({ base, content }) => {
        const xsrf = document.cookie.match(/_xsrf=([^;]+)/)?.[1] ?? '';
        const answer = await fetch(`${base}api/contents/ensemble.ipynb`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', 'X-XSRFToken': xsrf },
          body: JSON.stringify({
            type: 'notebook',
            format: 'json',
            content
          })
        });
        return answer.status;
      },
      { base: `/user/${serverName}/`, content: pythonNotebook([{ code: '' }]) }
    );
    expect([200, 201]).toContain(status);

    const notebook = `${groupOrigin}/user/${serverName}/lab/tree/ensemble.ipynb`;
    await lea.page.goto(notebook);
    await hugo.page.goto(`${hub.origin}/hub/groupes/ouvrir/${serverName}`);
    await hugo.page.waitForURL(`${groupOrigin}/user/${serverName}/lab**`, {
      timeout: 120_000
    });
    await hugo.page.goto(notebook);
    const editorOf = (page: Page) =>
      page.locator('.jp-Notebook .jp-Cell .cm-content').first();
    await expect(editorOf(lea.page)).toBeVisible({ timeout: 90_000 });
    await expect(editorOf(hugo.page)).toBeVisible({ timeout: 90_000 });
    // A dialog JupyterLab may open on a notebook (its kernel): not the subject here.
    for (const page of [lea.page, hugo.page]) {
      const dialog = page.locator('.jp-Dialog');
      if (await dialog.isVisible({ timeout: 3000 }).catch(() => false)) {
        await page.screenshot({ path: `${SHOTS}/groups-dialog.png` });
        await page.keyboard.press('Escape');
        await expect(dialog).toHaveCount(0);
      }
    }
    await editorOf(lea.page).click();
    await lea.page.keyboard.type('print("bonjour du binôme")');
    // Léa's edit reaches Hugo's notebook.
    await expect(editorOf(hugo.page)).toHaveText('print("bonjour du binôme")', {
      timeout: 30_000
    });
    await editorOf(hugo.page).click();
    await hugo.page.keyboard.press('End');
    await hugo.page.keyboard.type(' # Hugo');
    await expect(editorOf(lea.page)).toHaveText(
      'print("bonjour du binôme") # Hugo',
      { timeout: 30_000 }
    );

    // Each sees the other's real name among the collaborators.
    const collaborators = (page: Page) => page.locator('.jp-CollaboratorsList');
    await expect(collaborators(lea.page)).toContainText('Hugo Bernard', {
      timeout: 30_000
    });
    await expect(collaborators(hugo.page)).toContainText('Léa Martin', {
      timeout: 30_000
    });
    await lea.page
      .locator(
        '.jp-SideBar [data-id*="collaborat" i], .jp-SideBar li[title*="ollabor"]'
      )
      .first()
      .click()
      .catch(() => undefined);
    await lea.page.screenshot({ path: `${SHOTS}/groups-collaboration.png` });

    // A pupil outside the group is refused at the hub, in French.
    const chloe = await hub.signIn(browser, 'eleve3');
    const refused = await chloe.page.goto(
      `${hub.origin}/user/${serverName}/lab`
    );
    expect(refused?.status()).toBe(403);
    await expect(chloe.page.getByRole('alert')).toHaveText(
      'Cet espace de travail n’est pas le vôtre.'
    );
    await expectNoAxeViolation(chloe.page);
    await chloe.page.screenshot({ path: `${SHOTS}/groups-refused.png` });
    const direct = await chloe.page.goto(
      `${groupOrigin}/user/${serverName}/lab`
    );
    // No cookie of that origin: sent to the hub, which refuses as above.
    expect(direct?.status()).toBe(403);

    await Promise.all([
      lea.context.close(),
      hugo.context.close(),
      chloe.context.close()
    ]);
  });
});
