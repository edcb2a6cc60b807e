import { randomUUID } from 'crypto';
import * as fs from 'fs';

import { expect, test } from '@playwright/test';
import type { Browser, Locator } from '@playwright/test';

import {
  expectNoAxeViolationIn,
  HUB,
  INotebookContent,
  notebookBase64,
  openLab,
  pythonNotebook,
  runFromPalette,
  tabTo
} from './fixtures';
import {
  classIdNamed,
  handOutNotebook,
  type HubApi,
  hubApiAs
} from './teacherSetUp';

/**
 * Issue 21, the follow-up of an assignment as a main-area view, at 1366×768. The
 * set-up goes through the hub's API: Marie Curie hands out a notebook to 2de B, Léa
 * (eleve1) and Chloé (eleve3) hand it in, Chloé's work is marked and returned. Then,
 * keyboard only, the teacher opens « Suivi des devoirs » from the palette, opens the
 * assignment's follow-up in the main area (its heading gets the focus), sees every
 * column and every action without scrolling sideways, sorts by grade, and opens Léa's
 * work, which comes read-only beside the original, under the table. The follow-up
 * comes back when the workspace is reloaded.
 */
const SHOTS = '/tmp/shots';

test.describe('The follow-up of an assignment, in the main area', () => {
  test.setTimeout(400_000);

  test('at 1366×768: every column and action in sight, a copy opened beside the original from the keyboard', async ({
    browser
  }) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const stamp = Date.now().toString(36);
    const title = `Suivi des fonctions ${stamp}`;
    await handOutAndHandIn(browser, title);

    const page = await openLab(browser, 'm.curie');
    await page.setViewportSize({ width: 1366, height: 768 });

    // « Suivi des devoirs » from the palette: the compact list in the sidebar.
    await runFromPalette(page, 'Suivi des devoirs');
    const side = page.locator('#cdc-assignments-teacher');
    await expect(
      side.getByRole('heading', { name: 'Suivi des devoirs' })
    ).toBeFocused();
    const entry = side.getByRole('button', { name: title, exact: true });
    await tabTo(page, entry);
    await page.keyboard.press('Enter');

    // The follow-up, in the main area, its heading focused.
    const view = page.locator('#jp-main-dock-panel .cdc-FollowUp:visible');
    const heading = view.getByRole('heading', {
      level: 2,
      name: `Suivi : ${title}`
    });
    await expect(heading).toBeFocused({ timeout: 30_000 });
    await expect(
      page
        .locator('#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current')
        .filter({ hasText: `Suivi : ${title}` })
    ).toHaveCount(1);
    const widgetId = await page
      .locator('#jp-main-dock-panel .jp-MainAreaWidget')
      .filter({ has: page.locator('.cdc-FollowUp:visible') })
      .getAttribute('id');
    expect(widgetId).toMatch(/^cdc-followup-/);

    const table = view.getByRole('table', { name: /Avancement des élèves/ });
    await expect(table.getByRole('row')).toHaveCount(5);
    for (const column of [
      'Élève',
      'État',
      'Dernière activité',
      'Rendu le',
      'Note',
      'Retour',
      'Actions'
    ]) {
      await expect(
        table.getByRole('columnheader', { name: column, exact: true })
      ).toBeInViewport();
    }
    const rowOf = (name: string) =>
      table.getByRole('row').filter({ hasText: name });
    await expect(rowOf('Chloé Petit')).toContainText('15 / 20');
    await expect(rowOf('Chloé Petit')).toContainText('copie rendue le');
    await expect(rowOf('Léa Martin')).toContainText('à corriger');
    await expect(rowOf('Hugo Bernard')).toContainText('à faire');

    // No sideways scrolling, and every action in sight.
    await expectNoSidewaysScroll(view);
    const actions = table.locator('.cdc-Assignments-rowActions button');
    await expect(actions).toHaveCount(6);
    const box = (await view.boundingBox())!;
    for (const button of await actions.all()) {
      await expect(button).toBeInViewport({ ratio: 1 });
      const b = (await button.boundingBox())!;
      expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width);
    }
    await expectNoAxeViolationIn(page, `#${widgetId}`);
    await page.screenshot({ path: `${SHOTS}/followup-table.png` });

    // Sorted by grade from the keyboard: the header says the order.
    const byGrade = table.getByRole('button', { name: 'Note', exact: true });
    await tabTo(page, byGrade);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(
      table.getByRole('columnheader', { name: 'Note', exact: true })
    ).toHaveAttribute('aria-sort', 'descending');
    await expect(table.getByRole('row').nth(1)).toContainText('Chloé Petit');

    // Léa's work, opened with the keyboard: read-only, beside the original.
    await tabTo(
      page,
      view.getByRole('button', { name: 'Ouvrir la copie de Léa Martin' })
    );
    await page.keyboard.press('Enter');
    await expect(view.getByRole('status').first()).toContainText(
      'Copie de Léa Martin (version 1) ouverte en lecture seule, à côté de l’énoncé',
      { timeout: 30_000 }
    );
    const work = page
      .locator('.cdc-Review:visible')
      .filter({ hasText: 'Copie de Léa Martin' });
    const original = page
      .locator('.cdc-Review:visible')
      .filter({ hasText: `Énoncé : ${title}` });
    await expect(work).toContainText('reponse = 42');
    await expect(original).toHaveCount(1);
    const [w, o, v] = [
      (await work.boundingBox())!,
      (await original.boundingBox())!,
      (await view.boundingBox())!
    ];
    // Side by side (the work on the left), both under the follow-up.
    expect(w.x + w.width).toBeLessThanOrEqual(o.x + 1);
    expect(Math.abs(w.y - o.y)).toBeLessThan(2);
    expect(w.y).toBeGreaterThanOrEqual(v.y + v.height - 1);
    await expect(
      view.getByRole('region', { name: 'Retour pour Léa Martin' })
    ).toBeVisible();
    await expectNoSidewaysScroll(view);
    await expectNoAxeViolationIn(page, `#${widgetId}`);
    await page.screenshot({ path: `${SHOTS}/followup-review.png` });

    // Saved with the workspace, the follow-up comes back on reload.
    await expect
      .poll(
        () =>
          page.evaluate(async () =>
            (await fetch('/user/m.curie/lab/api/workspaces/default')).text()
          ),
        { timeout: 30_000 }
      )
      .toContain('cdc-assignment-followup:');
    await page.goto(`${HUB}/user/m.curie/lab`);
    await expect(
      page.getByRole('heading', { level: 2, name: `Suivi : ${title}` })
    ).toBeVisible({ timeout: 90_000 });
    await page.screenshot({ path: `${SHOTS}/followup-restored.png` });
    await page.context().close();
  });
});

/**
 * The view and its table's wrapper fit their width: nothing to scroll sideways.
 */
async function expectNoSidewaysScroll(view: Locator): Promise<void> {
  const sizes = await view.evaluate(node =>
    [
      node,
      ...Array.from(node.querySelectorAll('.cdc-Assignments-tableWrap'))
    ].map(element => [element.scrollWidth, element.clientWidth])
  );
  for (const [scrollWidth, clientWidth] of sizes) {
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  }
}

/**
 * Through the hub's API: the teacher hands out a notebook to 2de B, Léa and Chloé
 * hand it in, Chloé's work is marked 15 / 20 and returned.
 */
async function handOutAndHandIn(browser: Browser, title: string) {
  const teacher = await hubApiAs(browser, 'm.curie');
  const assignmentId = await handOutNotebook(teacher.api, {
    title,
    classIds: [await classIdNamed(teacher.api, '2de B')],
    path: 'fonctions.ipynb',
    notebook: NOTEBOOK
  });
  await handIn(browser, assignmentId, 'eleve1', 'reponse = 42');
  await handIn(browser, assignmentId, 'eleve3', 'reponse = 7');
  await markAndReturn(teacher.api, assignmentId, 'eleve3');
  await teacher.context.close();
}

/**
 * A pupil fetches the assignment and hands in the notebook with `answer` in its first
 * cell.
 */
async function handIn(
  browser: Browser,
  assignmentId: string,
  name: string,
  answer: string
) {
  const pupil = await hubApiAs(browser, name);
  await pupil.api.call('POST', `/assignments/${assignmentId}/fetch`);
  const work = JSON.parse(JSON.stringify(NOTEBOOK)) as INotebookContent;
  work.cells[0].source = answer;
  await pupil.api.call('POST', `/assignments/${assignmentId}/submissions`, {
    requestId: randomUUID(),
    files: [{ path: 'fonctions.ipynb', content: notebookBase64(work) }]
  });
  await pupil.context.close();
}

/** The teacher marks a pupil's work 15 / 20, with a comment, and returns it. */
async function markAndReturn(api: HubApi, assignmentId: string, name: string) {
  await api.call('PUT', `/assignments/${assignmentId}/feedback/${name}`, {
    comment: 'Très bien.',
    grade: 15,
    maxGrade: 20
  });
  await api.call('POST', `/assignments/${assignmentId}/return`, {
    learners: [name]
  });
}

const NOTEBOOK = pythonNotebook([
  { code: 'reponse = None' },
  { markdown: '# Les fonctions\n\nQue renvoie `f(2)` ?' }
]);
