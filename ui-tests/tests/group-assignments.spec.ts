/**
 * Assignments handed out « par groupe » (issue 19, point 2) in Chromium, on a hub of
 * this spec's own (port 8024, its own data, the demo, servers on origins of their own).
 * m.curie hands a notebook out to 2de B by group through « Nouveau devoir »; in her own
 * JupyterLab eleve1 gets a link to the group workspace instead of « Récupérer »; in the
 * workspace she fetches into the group's shared home, works and hands in for the group;
 * eleve2, in the same workspace, sees the notebook and the hand-in; the follow-up has one
 * row for the group with both names; the returned feedback is read by both.
 */
import { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import * as fs from 'fs';

import {
  expect,
  expectNoAxeViolationIn,
  hubCallFromPage,
  pythonNotebook,
  test
} from './fixtures';
import { IOwnHub, startOwnHub } from './ownHub';

const PORT = 8024;
const SHOTS = '/tmp/shots';
const GROUP = 'Binôme Léa et Hugo';
const TITLE = 'Projet en binôme : les suites';
const NOTEBOOK = pythonNotebook([
  { markdown: '# Les suites\n\nCalculez ensemble les dix premiers termes.' },
  { code: 'termes = []' }
]);

let hub: IOwnHub;
/** The group's server, and the assignment, once handed out. */
let groupServer = '';
let assignmentId = '';
/** The assignment's folder in the group's home, once fetched. */
let folder = '';

test.describe.configure({ mode: 'serial' });

test.describe('assignments handed out to group workspaces', () => {
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    fs.mkdirSync(SHOTS, { recursive: true });
    hub = await startOwnHub(PORT);
  });

  test.afterAll(async () => {
    await hub?.stop();
  });

  test('the teacher hands out « par groupe » with the keyboard; in her own JupyterLab a member gets a link to the workspace', async ({
    browser
  }) => {
    test.setTimeout(300_000);
    const teacher = await openOwnLab(hub, browser, 'm.curie');
    const origin = new URL(teacher.page.url()).origin;
    await putNotebook(teacher.page, '/user/m.curie/', 'projet/suites.ipynb');
    await teacher.page.goto(
      `${origin}/user/m.curie/lab/tree/projet/suites.ipynb`
    );
    await expect(currentTab(teacher.page)).toHaveAttribute(
      'title',
      /suites\.ipynb/,
      { timeout: 90_000 }
    );

    const follow = await openSidePanel(teacher.page, 'cdc-assignments-teacher');
    await follow.getByRole('button', { name: 'Nouveau devoir' }).click();
    const dialog = teacher.page.locator('.cdc-AssignDialog');
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Titre', { exact: true }).fill(TITLE);
    const choice = dialog.getByRole('group', {
      name: 'Classe 2de B : travail individuel ou par groupe'
    });
    // No class chosen: no choice shown.
    await expect(choice).toHaveCount(0);

    // By keyboard: the class ticked with the space bar, then the arrow moves from
    // « Individuel » (the default) to « Par groupe ».
    const klass = dialog.getByRole('checkbox', { name: 'Classe 2de B' });
    const classId = await klass.getAttribute('value');
    await klass.focus();
    await teacher.page.keyboard.press('Space');
    await expect(klass).toBeChecked();
    await expect(choice).toBeVisible();
    const individual = choice.getByRole('radio', { name: 'Individuel' });
    const byGroup = choice.getByRole('radio', {
      name: /^Par groupe \(\d+ espaces? de groupe\)$/
    });
    await expect(individual).toBeChecked();
    await teacher.page.keyboard.press('Tab');
    await expect(individual).toBeFocused();
    await teacher.page.keyboard.press('ArrowDown');
    await expect(byGroup).toBeChecked();
    await expect(byGroup).toBeFocused();
    await expect(byGroup).toHaveAccessibleName(
      'Par groupe (1 espace de groupe)'
    );
    await expectNoAxeViolationIn(teacher.page, '.cdc-AssignDialog');
    await teacher.page.screenshot({ path: `${SHOTS}/group-assign-form.png` });

    const created = teacher.page.waitForResponse(
      response =>
        response.url().endsWith('/hub/api/v1/assignments') &&
        response.request().method() === 'POST'
    );
    await dialog.getByRole('button', { name: 'Créer' }).click();
    const answer = await created;
    expect(answer.status()).toBe(201);
    const sent = answer.request().postDataJSON();
    expect(sent.groupClassIds).toEqual([classId]);
    assignmentId = (await answer.json()).id;
    await expect(dialog).toHaveCount(0, { timeout: 30_000 });

    // eleve1, in her own JupyterLab: the group's work, a link instead of « Récupérer ».
    const lea = await openOwnLab(hub, browser, 'eleve1');
    const mine = await openSidePanel(lea.page, 'cdc-assignments');
    const item = learnerItem(mine, TITLE);
    await expect(item).toBeVisible({ timeout: 30_000 });
    await expect(item).toContainText(`Travail de groupe : ${GROUP}`);
    await expect(item.getByRole('button')).toHaveCount(0);
    const link = item.getByRole('link', { name: 'Ouvrir l’espace de groupe' });
    await expect(link).toHaveAttribute('target', '_blank');
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(
      new RegExp(`^${hub.origin}/hub/groupes/ouvrir/groupe-[0-9a-f]+$`)
    );
    groupServer = href.slice(href.lastIndexOf('/') + 1);
    await expect(link).toHaveAccessibleDescription(
      `${TITLE} Ce devoir se récupère et se rend dans l’espace de groupe, qui s’ouvre dans un nouvel onglet.`
    );
    await expectNoAxeViolationIn(lea.page, '#cdc-assignments');
    await lea.page.screenshot({ path: `${SHOTS}/group-assign-own-server.png` });

    await Promise.all([teacher.context.close(), lea.context.close()]);
  });

  test('in the workspace a member fetches into the shared home and hands in for the group; the other sees it; the teacher returns one feedback that both read', async ({
    browser
  }) => {
    test.setTimeout(420_000);
    expect(groupServer, 'the first test handed the work out').not.toBe('');
    const lea = await openOwnLab(hub, browser, 'eleve1');

    // From her own server the hub refuses the group's files, and says why in French.
    const elsewhere = await hubCallFromPage(
      lea.page,
      'POST',
      `/assignments/${assignmentId}/fetch`
    );
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body).toMatchObject({
      error: { code: 'group_assignment_elsewhere' }
    });

    // « Ouvrir l’espace de groupe »: a new tab, the group's JupyterLab.
    const mine = await openSidePanel(lea.page, 'cdc-assignments');
    const [workspace] = await Promise.all([
      lea.context.waitForEvent('page'),
      learnerItem(mine, TITLE)
        .getByRole('link', { name: 'Ouvrir l’espace de groupe' })
        .click()
    ]);
    const groupLab = `${hub.serverOrigin(groupServer)}/user/${groupServer}/lab`;
    await workspace.waitForURL(`${groupLab}**`, { timeout: 120_000 });
    await labShown(workspace);
    const panel = await openSidePanel(workspace, 'cdc-assignments');
    await expect(panel.locator('.cdc-Assignments-workspace')).toHaveText(
      new RegExp(
        `^Espace de groupe « ${GROUP} » — (vous y êtes|tu y es) en tant que Léa Martin$`
      ),
      { timeout: 30_000 }
    );
    const item = learnerItem(panel, TITLE);
    await expect(item).toBeVisible({ timeout: 30_000 });
    await item.getByRole('button', { name: 'Récupérer', exact: true }).click();
    const status = panel.getByRole('status').first();
    await expect(status).toContainText('Devoir récupéré dans devoirs/', {
      timeout: 30_000
    });
    folder = /devoirs\/[^\s/]+/
      .exec((await status.textContent()) ?? '')![0]
      .replace(/\.$/, '');
    await expect(currentTab(workspace)).toHaveAttribute(
      'title',
      /suites\.ipynb/,
      { timeout: 30_000 }
    );
    await dismissKernelDialog(workspace);
    const cell = workspace
      .locator('.jp-NotebookPanel:visible .jp-Cell .cm-content')
      .last();
    await cell.click();
    await workspace.keyboard.press('Control+End');
    await workspace.keyboard.type('\ntermes = [1, 2, 4]');
    await workspace.keyboard.press('Control+S');
    await expect
      .poll(() => textOf(workspace, groupServer, `${folder}/suites.ipynb`), {
        timeout: 30_000
      })
      .toContain('termes = [1, 2, 4]');
    await item.getByRole('button', { name: 'Rendre pour le groupe' }).click();
    await expect(status).toContainText(/Rendu le .+ \(version 1\)\./, {
      timeout: 30_000
    });
    await expect(item).toContainText('État : rendu');
    await expectNoAxeViolationIn(workspace, '#cdc-assignments');
    await workspace.screenshot({ path: `${SHOTS}/group-assign-workspace.png` });

    // eleve2, in the same workspace: the same home, the hand-in already there.
    const hugo = await hub.signIn(browser, 'eleve2');
    await hugo.page.goto(`${hub.origin}/hub/groupes/ouvrir/${groupServer}`);
    await hugo.page.waitForURL(`${groupLab}**`, { timeout: 120_000 });
    // The workspace's layout is the group's: Léa's notebook may be open there.
    await labShown(hugo.page);
    expect(
      await textOf(hugo.page, groupServer, `${folder}/suites.ipynb`)
    ).toContain('termes = [1, 2, 4]');
    const hisPanel = await openSidePanel(hugo.page, 'cdc-assignments');
    await expect(hisPanel.locator('.cdc-Assignments-workspace')).toHaveText(
      /en tant que Hugo Bernard$/,
      { timeout: 30_000 }
    );
    const hisItem = learnerItem(hisPanel, TITLE);
    await expect(hisItem).toContainText('État : rendu', { timeout: 30_000 });
    await expect(hisItem).toContainText('(version 1)');
    await hugo.page.screenshot({ path: `${SHOTS}/group-assign-member.png` });

    // The teacher's follow-up: one row, the group's, with both names.
    const teacher = await openOwnLab(hub, browser, 'm.curie');
    const follow = await openSidePanel(teacher.page, 'cdc-assignments-teacher');
    await follow.getByRole('button', { name: TITLE, exact: true }).click();
    const view = teacher.page.locator(
      '#jp-main-dock-panel .cdc-FollowUp:visible'
    );
    const table = view.getByRole('table', { name: /Avancement des élèves/ });
    await expect(table).toBeVisible({ timeout: 30_000 });
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first().locator('th')).toHaveText(
      `${GROUP}Groupe de Hugo Bernard, Léa Martin`
    );
    await expect(rows.first()).toContainText('rendu');
    await rows
      .first()
      .getByRole('button', { name: `Ouvrir la copie de ${GROUP}` })
      .click();
    const feedback = view.getByRole('region', { name: `Retour pour ${GROUP}` });
    await expect(feedback).toBeVisible({ timeout: 30_000 });
    await feedback
      .getByLabel('Appréciation générale')
      .fill('Beau travail à deux : continuez la suite.');
    await feedback.getByLabel('Note', { exact: true }).fill('16');
    await feedback.getByLabel('Sur', { exact: true }).fill('20');
    await feedback
      .getByRole('button', { name: 'Enregistrer le retour' })
      .click();
    await expect(view.getByRole('status').first()).toContainText(
      `Retour pour ${GROUP} enregistré.`
    );
    await feedback
      .getByRole('button', { name: 'Rendre la copie', exact: true })
      .click();
    const confirm = teacher.page.locator('.jp-Dialog');
    await confirm.getByRole('button', { name: 'Rendre la copie' }).click();
    await expect(rows.first()).toContainText('corrigé', { timeout: 20_000 });
    await expect(rows.first()).toContainText('16 / 20');
    await teacher.page.screenshot({
      path: `${SHOTS}/group-assign-followup.png`
    });

    // eleve2 reads it in the workspace, eleve1 in her own JupyterLab.
    await hugo.page.bringToFront();
    await hisPanel.getByRole('button', { name: 'Actualiser' }).click();
    await expect(hisItem).toContainText('État : corrigé', { timeout: 20_000 });
    await expect(hisItem).toContainText('Note : 16 / 20');
    await expect(hisItem).toContainText('Beau travail à deux');
    await expectNoAxeViolationIn(hugo.page, '#cdc-assignments');
    await hugo.page.screenshot({ path: `${SHOTS}/group-assign-feedback.png` });
    await lea.page.bringToFront();
    await mine.getByRole('button', { name: 'Actualiser' }).click();
    const hers = learnerItem(mine, TITLE);
    await expect(hers).toContainText('État : corrigé', { timeout: 20_000 });
    await expect(hers).toContainText('Note : 16 / 20');

    await Promise.all([
      lea.context.close(),
      hugo.context.close(),
      teacher.context.close()
    ]);
  });
});

/** A demo account signed in on the hub, on its own JupyterLab (its own origin). */
async function openOwnLab(
  own: IOwnHub,
  browser: Browser,
  name: string
): Promise<{ context: BrowserContext; page: Page }> {
  const signed = await own.signIn(browser, name);
  await signed.page.goto(`${own.origin}/user/${name}/lab?reset`);
  const user = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await signed.page.waitForURL(new RegExp(`/user/${user}/lab`), {
    timeout: 120_000
  });
  await signed.page
    .locator('.jp-Launcher')
    .first()
    .waitFor({ timeout: 90_000 });
  return signed;
}

/** A JupyterLab whose splash screen has gone, whatever its layout shows. */
async function labShown(page: Page): Promise<void> {
  await expect(page.locator('#jupyterlab-splash')).toHaveCount(0, {
    timeout: 90_000
  });
  await page
    .locator('.jp-SideBar .lm-TabBar-tab[data-id="cdc-assignments"]')
    .waitFor({ timeout: 60_000 });
}

/** Write the spec's notebook in a home, through the page's server (folders first). */
async function putNotebook(
  page: Page,
  base: string,
  path: string
): Promise<void> {
  const status = await page.evaluate(
    async ({ base, path, content }) => {
      const xsrf = document.cookie.match(/_xsrf=([^;]+)/)?.[1] ?? '';
      const headers = {
        'Content-Type': 'application/json',
        'X-XSRFToken': xsrf
      };
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) {
        await fetch(`${base}api/contents/${parts.slice(0, i).join('/')}`, {
          method: 'PUT',
          headers,
          body: JSON.stringify({ type: 'directory' })
        });
      }
      const answer = await fetch(`${base}api/contents/${path}`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ type: 'notebook', format: 'json', content })
      });
      return answer.status;
    },
    { base, path, content: NOTEBOOK }
  );
  expect([200, 201]).toContain(status);
}

/** A file of the server's home as text, read through the page's own server. */
async function textOf(
  page: Page,
  server: string,
  path: string
): Promise<string> {
  return page.evaluate(
    async ({ server, path }) => {
      const answer = await fetch(
        `/user/${server}/api/contents/${path}?type=file&format=text&content=1`
      );
      return answer.ok
        ? ((await answer.json()) as { content: string }).content
        : `HTTP ${answer.status}`;
    },
    { server, path }
  );
}

/** A JupyterLab dialog about the kernel, if one opens on the notebook: not the subject. */
async function dismissKernelDialog(page: Page): Promise<void> {
  const dialog = page.locator('.jp-Dialog');
  const shown = await dialog
    .waitFor({ timeout: 3000 })
    .then(() => true)
    .catch(() => false);
  if (shown) {
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  }
}

async function openSidePanel(page: Page, id: string): Promise<Locator> {
  const tab = page.locator(`.jp-SideBar .lm-TabBar-tab[data-id="${id}"]`);
  await tab.waitFor({ timeout: 30_000 });
  const panel = page.locator(`#${id}`);
  if (!(await panel.isVisible())) {
    await tab.click();
  }
  await expect(panel).toBeVisible();
  return panel;
}

function learnerItem(panel: Locator, title: string): Locator {
  return panel.getByRole('listitem').filter({
    has: panel.page().getByRole('heading', { name: title })
  });
}

function currentTab(page: Page): Locator {
  return page.locator('#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current');
}
