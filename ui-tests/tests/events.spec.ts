import { randomUUID } from 'crypto';
import * as fs from 'fs';

import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

import {
  demoLogin,
  expectNoAxeViolationIn,
  HUB,
  hubApi,
  logIn,
  notebookBase64,
  openLab,
  pythonNotebook,
  runFromPalette
} from './fixtures';

/**
 * Issue 19, point 6: news pushed by the hub, in two browsers. Marie Curie (m.curie)
 * makes a class of her own with Hugo (eleve2) and hands out a notebook to it through
 * the hub's API: Hugo's « Mes devoirs », open in his JupyterLab, shows it without a
 * click, with a notification (in the notification centre) and an aria-live
 * announcement. His hub home page, open in another tab, adds her next assignment to
 * « Nouveautés » without a reload and says it in its aria-live region. Her follow-up
 * table of the first assignment is open: Hugo's hand-in shows in it without a click,
 * with her own notification. Notifications and the news section are axe-clean. Hugo's
 * server is stopped at the end.
 */
const SHOTS = '/tmp/shots';

test.describe('News pushed by the hub', () => {
  test.setTimeout(400_000);

  test('a new assignment reaches « Mes devoirs », a hand-in the follow-up table, without a click', async ({
    browser
  }) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const stamp = Date.now().toString(36);
    const className = `Nouvelles ${stamp}`;
    const title = `Les nouvelles ${stamp}`;

    // The teacher prepares through the hub's API (her JupyterLab opens later).
    const teacherContext = await browser.newContext({ locale: 'fr-FR' });
    const teacherHub = await teacherContext.newPage();
    await logIn(teacherHub, demoLogin('m.curie'));
    const teacherApi = await hubApi(teacherHub.request);
    const klass = await teacherApi.call<{ id: string }>('POST', '/classes', {
      name: className,
      level: '2de'
    });
    await teacherApi.call('POST', `/classes/${klass.id}/members`, {
      userName: 'eleve2',
      membership: 'learner'
    });
    // Hugo leaves her class at the end, whatever happens: a class of his with no
    // trace policy would refuse his optional traces in the specs that follow.
    try {
      const pupil = await openLab(browser, 'eleve2');
      await pupil.setViewportSize({ width: 1366, height: 768 });
      const mine = await openSidePanel(pupil, 'cdc-assignments');
      await expect(
        mine.getByRole('heading', { name: 'Mes devoirs' })
      ).toBeVisible();
      const item = mine.getByRole('listitem').filter({
        has: pupil.getByRole('heading', { name: title })
      });
      await expect(item).toHaveCount(0);

      // Handed out: the pupil sees it, nobody clicks.
      const assignment = await teacherApi.call<{ id: string }>(
        'POST',
        '/assignments',
        {
          title,
          classIds: [klass.id],
          source: {
            home: {
              path: 'nouvelles.ipynb',
              files: [
                { path: 'nouvelles.ipynb', content: notebookBase64(NOTEBOOK) }
              ]
            }
          }
        }
      );
      const said = `Nouveau devoir « ${title} » (${className}), dans « Mes devoirs ».`;
      await expect(item).toBeVisible({ timeout: 20_000 });
      await expect(item).toContainText('État : à faire');
      await expect(toast(pupil, said)).toBeInViewport({ ratio: 1 });
      await expect(pupil.locator('.cdc-News-live')).toHaveText(said);
      await expect(pupil.locator('.cdc-News-live')).toHaveAttribute(
        'aria-live',
        'polite'
      );
      await pupil.screenshot({ path: `${SHOTS}/events-pupil-new.png` });
      await expectNoAxeViolationIn(pupil, '.jp-toast-message');

      // The hub's home page, open in another tab: news added without a reload.
      const home = await pupil.context().newPage();
      await home.setViewportSize({ width: 1366, height: 768 });
      await home.goto(`${HUB}/hub/home`);
      const newsList = home.locator('#cdc-news');
      await expect(
        home.getByRole('heading', { name: 'Nouveautés' })
      ).toBeVisible();
      await expect(newsList.getByRole('listitem').first()).toHaveText(
        `Nouveau devoir « ${title} » (${className}).`
      );
      const second = `${title} (suite)`;
      await teacherApi.call('POST', '/assignments', {
        title: second,
        classIds: [klass.id],
        source: {
          home: {
            path: 'nouvelles.ipynb',
            files: [
              { path: 'nouvelles.ipynb', content: notebookBase64(NOTEBOOK) }
            ]
          }
        }
      });
      const homeSaid = `Nouveau devoir « ${second} » (${className}).`;
      await expect(newsList.getByRole('listitem').first()).toHaveText(
        homeSaid,
        {
          timeout: 20_000
        }
      );
      await expect(home.locator('#cdc-news-live')).toHaveText(homeSaid);
      await home.screenshot({ path: `${SHOTS}/events-hub-home.png` });
      await expectNoAxeViolationIn(
        home,
        'section[aria-labelledby="cdc-news-title"]'
      );
      await home.close();

      // The teacher follows the first assignment; the pupil hands in through the hub.
      const teacher = await openLab(browser, 'm.curie');
      await teacher.setViewportSize({ width: 1366, height: 768 });
      await runFromPalette(teacher, 'Suivi des devoirs');
      const side = teacher.locator('#cdc-assignments-teacher');
      await side.getByRole('button', { name: title, exact: true }).click();
      const view = teacher.locator('#jp-main-dock-panel .cdc-FollowUp:visible');
      const row = view.getByRole('row').filter({ hasText: 'Hugo Bernard' });
      await expect(row).toBeVisible({ timeout: 30_000 });
      await expect(row).not.toContainText('rendu');
      const pupilApi = await hubApi(pupil.request);
      await pupilApi.call('POST', `/assignments/${assignment.id}/fetch`);
      await pupilApi.call('POST', `/assignments/${assignment.id}/submissions`, {
        requestId: randomUUID(),
        files: [{ path: 'nouvelles.ipynb', content: notebookBase64(NOTEBOOK) }]
      });
      await expect(row).toContainText('rendu', { timeout: 20_000 });
      const handIn = `Hugo Bernard a rendu « ${title} ».`;
      await expect(toast(teacher, handIn)).toBeInViewport({ ratio: 1 });
      await expect(teacher.locator('.cdc-News-live')).toHaveText(handIn);
      await teacher.screenshot({ path: `${SHOTS}/events-teacher-handin.png` });
      await expectNoAxeViolationIn(teacher, '.jp-toast-message');

      // Hugo's server, started here, is stopped.
      expect(await pupilApi.send('DELETE', '/users/eleve2/server')).toBe(204);
      await pupil.context().close();
      await teacher.context().close();
    } finally {
      await teacherApi.send('DELETE', `/classes/${klass.id}/members/eleve2`);
      await teacherContext.close();
    }
  });
});

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

/** A notification of JupyterLab's, by its text. */
function toast(page: Page, text: string): Locator {
  return page.locator('.jp-toast-message').filter({ hasText: text });
}

const NOTEBOOK = pythonNotebook([
  { markdown: '# Les nouvelles\n\nÉcris ta réponse.' },
  { code: 'reponse = None' }
]);
