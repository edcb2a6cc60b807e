import { expect, test } from '@playwright/test';

import {
  demoLogin,
  expectNoAxeViolationIn,
  HUB,
  hubCallFromPage,
  logIn,
  tabTo
} from './fixtures';

/**
 * A class's dashboard limited to one of its group workspaces (issue 20, point 4): on
 * the demo's 2de B, its teacher chooses « Binôme Léa et Hugo » from the keyboard in the
 * « Groupe » list; only the group's two pupils remain; the choice is remembered after
 * a reload; « Toute la classe » brings the four back. Axe-clean, at 1366×768.
 */
const TEACHER = 'm.curie';
const GROUP = 'Binôme Léa et Hugo';

test.describe('Dashboard of a group workspace', () => {
  test.setTimeout(300_000);

  test('the teacher narrows the class’s dashboard to one group, from the keyboard', async ({
    browser
  }) => {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1366, height: 768 }
    });
    const teacher = await context.newPage();
    await logIn(teacher, demoLogin(TEACHER));
    const before = await hubCallFromPage(
      teacher,
      'GET',
      '/me/dashboard-preferences'
    );
    try {
      const { classes } = (await hubCallFromPage(teacher, 'GET', '/classes'))
        .body as { classes: { id: string; name: string }[] };
      const klass = classes.find(c => c.name === '2de B')!;
      await teacher.goto(`${HUB}/user/${TEACHER}/lab?reset`);
      await teacher
        .locator('.jp-Launcher')
        .first()
        .waitFor({ timeout: 120_000 });
      await teacher.goto(
        `${HUB}/user/${TEACHER}/lab?candyce-dashboard=class:${klass.id}`
      );
      const board = teacher.locator('.cdc-Dashboard:visible');
      await expect(board.locator('h2')).toHaveText(
        'Tableau de bord de la classe 2de B',
        { timeout: 90_000 }
      );
      const pupils = board.locator(
        'section[aria-labelledby="cdc-Dashboard-class-pupils"] tbody th[scope="row"]'
      );
      await expect(pupils).toHaveCount(4);
      const group = board.getByLabel('Groupe', { exact: true });
      await expect(group.locator('option')).toHaveText([
        'Toute la classe',
        GROUP
      ]);

      // From the keyboard: Tab to the list, the arrow chooses the group.
      await board.locator('h2').focus();
      await tabTo(teacher, group);
      await teacher.keyboard.press('ArrowDown');
      await expect(group.locator('option:checked')).toHaveText(GROUP);
      await expect(pupils).toHaveText(['Hugo Bernard', 'Léa Martin']);
      await expect(board).not.toHaveAttribute('aria-busy', 'true');
      await expect(board.locator('.cdc-Dashboard-status')).toHaveText('');
      await expect(board).toContainText('Élèves de 2de B, Binôme Léa et Hugo');
      await teacher.screenshot({ path: '/tmp/shots/dash-group-chosen.png' });
      await expectNoAxeViolationIn(teacher, '#cdc-dashboard-class');

      // Remembered: after a reload, the group is still chosen.
      await expect
        .poll(async () => {
          const saved = await hubCallFromPage(
            teacher,
            'GET',
            '/me/dashboard-preferences'
          );
          return (
            saved.body as { dashboards: { class?: { groupId?: string } } }
          ).dashboards.class?.groupId;
        })
        .toEqual(expect.any(String));
      await teacher.reload();
      const again = teacher.locator('.cdc-Dashboard:visible');
      await expect(again.locator('h2')).toHaveText(
        'Tableau de bord de la classe 2de B',
        { timeout: 90_000 }
      );
      const groupAgain = again.getByLabel('Groupe', { exact: true });
      await expect(groupAgain.locator('option:checked')).toHaveText(GROUP);
      const pupilsAgain = again.locator(
        'section[aria-labelledby="cdc-Dashboard-class-pupils"] tbody th[scope="row"]'
      );
      await expect(pupilsAgain).toHaveText(['Hugo Bernard', 'Léa Martin']);

      // The whole class again.
      await groupAgain.selectOption({ label: 'Toute la classe' });
      await expect(pupilsAgain).toHaveCount(4);
      await teacher.screenshot({ path: '/tmp/shots/dash-group-whole.png' });
    } finally {
      // The teacher's choices and server as they were.
      await hubCallFromPage(
        teacher,
        'PUT',
        '/me/dashboard-preferences',
        before.body
      );
      await hubCallFromPage(teacher, 'DELETE', `/users/${TEACHER}/server`);
      await context.close();
    }
  });
});
