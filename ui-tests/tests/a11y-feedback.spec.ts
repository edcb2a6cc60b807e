import { randomUUID } from 'crypto';

import { expect, test } from '@playwright/test';

import {
  CountingKeyboard,
  demoLogin,
  expectNoAxeViolationIn,
  HUB,
  hubApi,
  INotebookContent,
  logIn,
  notebookBase64,
  openLab,
  putFile,
  pythonNotebook
} from './fixtures';

/**
 * Issue 18, « read the teacher's feedback » with the keyboard only. The set-up goes
 * through the hub's API (the teacher hands out a notebook to 2de B, Hugo fetches and
 * hands it in, the teacher writes a grade, a comment and a comment on a cell, and
 * returns it); then Hugo, in his JupyterLab, reaches « Mes devoirs » from the command
 * palette, reads the grade and the comment of his returned assignment, Tabs to
 * « Ouvrir » and reads the comment under the cell. His keystrokes are counted and
 * printed; a pointer press would fail the test.
 */
// Hugo (eleve2): the other specs only log him in, they never touch his assignments.
const PUPIL = 'eleve2';

test.describe('Reading the teacher’s feedback, keyboard only', () => {
  test.setTimeout(600_000);

  test('a pupil reaches a returned assignment and reads grade, comment and cell comment', async ({
    browser
  }, testInfo) => {
    const stamp = Date.now().toString(36);
    const title = `Retour au clavier ${stamp}`;
    const comment = 'Bon travail, relis la consigne de la question 2.';
    const cellComment = 'Une liste commence à l’indice 0.';

    // The teacher hands out a notebook to 2de B.
    const teacherContext = await browser.newContext({ locale: 'fr-FR' });
    const teacherPage = await teacherContext.newPage();
    await logIn(teacherPage, demoLogin('m.curie'));
    const teacher = await hubApi(teacherPage.request);
    const { classes } = await teacher.call<{
      classes: { id: string; name: string }[];
    }>('GET', '/classes');
    const klass = classes.find(c => c.name === '2de B')!;
    const assignment = await teacher.call<{ id: string }>(
      'POST',
      '/assignments',
      {
        title,
        classIds: [klass.id],
        source: {
          home: {
            path: 'listes.ipynb',
            files: [{ path: 'listes.ipynb', content: notebookBase64(NOTEBOOK) }]
          }
        }
      }
    );

    // Hugo's JupyterLab; he fetches the assignment into his home and hands it in.
    const page = await openLab(browser, PUPIL);
    const pupil = await hubApi(page.request);
    const fetched = await pupil.call<{
      folder: string;
      files: { path: string; content: string }[];
    }>('POST', `/assignments/${assignment.id}/fetch`);
    for (const file of fetched.files) {
      await putFile(
        page,
        PUPIL,
        `${fetched.folder}/${file.path}`,
        Buffer.from(file.content, 'base64').toString('utf8')
      );
    }
    const work = JSON.parse(JSON.stringify(NOTEBOOK)) as INotebookContent;
    work.cells[0].source = 'nombres = [4, 8, 15]\nprint(nombres[1])';
    await pupil.call('POST', `/assignments/${assignment.id}/submissions`, {
      requestId: randomUUID(),
      files: [{ path: 'listes.ipynb', content: notebookBase64(work) }]
    });

    // The teacher marks, comments the first cell and returns the work.
    await teacher.call(
      'PUT',
      `/assignments/${assignment.id}/feedback/${PUPIL}`,
      {
        comment,
        grade: 15,
        maxGrade: 20,
        cells: [
          { path: 'listes.ipynb', cellId: 'cellule-1', comment: cellComment }
        ]
      }
    );
    expect(
      await teacher.call('POST', `/assignments/${assignment.id}/return`, {
        learners: [PUPIL]
      })
    ).toEqual({ returned: [PUPIL] });
    await teacherContext.close();

    // From here on, Hugo's keyboard only: every pointer press is counted.
    const keys = new CountingKeyboard(page);
    let clicks = 0;
    await page.exposeFunction('cdcCountClick', () => {
      clicks++;
    });
    await page.addInitScript(() => {
      document.addEventListener(
        'pointerdown',
        () => (window as unknown as { cdcCountClick(): void }).cdcCountClick(),
        true
      );
    });
    await page.goto(`${HUB}/user/${PUPIL}/lab?reset`);
    await page.locator('.jp-Launcher').first().waitFor({ timeout: 90_000 });

    // « Mes devoirs » from the command palette: its heading gets the focus.
    const palette = page.locator('#command-palette .lm-CommandPalette-input');
    await expect(async () => {
      await keys.press('Control+Shift+C');
      await expect(palette).toBeFocused({ timeout: 2000 });
    }).toPass({ timeout: 20_000 });
    await keys.type('Mes devoirs');
    await expect(
      page.locator('#command-palette .lm-CommandPalette-item.lm-mod-active')
    ).toContainText('Mes devoirs');
    await keys.press('Enter');
    const mine = page.locator('#cdc-assignments');
    await expect(
      mine.getByRole('heading', { name: 'Mes devoirs' })
    ).toBeFocused();

    // The returned assignment: its state, the grade and the comment, in a region
    // named for screen readers.
    const item = mine.getByRole('listitem', { name: title });
    await expect(item).toContainText('État : corrigé', { timeout: 30_000 });
    const feedback = item.getByRole('region', {
      name: 'Retour de votre enseignant·e'
    });
    await expect(feedback).toBeVisible();
    await expect(feedback).toContainText('Note : 15 / 20');
    await expect(feedback).toContainText(comment);
    await expect(feedback).toContainText(
      '1 commentaire dans le carnet, sous la cellule concernée.'
    );
    await expectNoAxeViolationIn(page, '#cdc-assignments');

    // Tab to « Ouvrir », described by the assignment's title; Enter opens the notebook.
    const open = item.getByRole('button', { name: 'Ouvrir', exact: true });
    await expect(open).toHaveAccessibleDescription(title);
    await keys.tabTo(open);
    await expect(open).toBeFocused();
    await keys.press('Enter');
    const notebook = page.locator('.jp-NotebookPanel:visible');
    await expect(notebook).toBeVisible({ timeout: 30_000 });
    await expect(
      page.locator('#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current')
    ).toHaveAttribute('title', /listes\.ipynb/);

    // The comment under the first cell, a note named for screen readers.
    const note = notebook.locator('.jp-Cell').first().getByRole('note');
    await expect(note).toBeVisible({ timeout: 20_000 });
    await expect(note).toHaveAccessibleName('Commentaire de l’enseignant');
    await expect(note).toContainText(cellComment);
    await expect(notebook.getByRole('note')).toHaveCount(1);
    await expectNoAxeViolationIn(page, '.cdc-CellComment');

    const journey = {
      keystrokes: keys.keystrokes,
      keyPresses: keys.presses,
      typedCharacters: keys.characters,
      clicks
    };
    testInfo.annotations.push({
      type: 'feedback journey',
      description: JSON.stringify(journey)
    });
    console.log(`feedback journey: ${JSON.stringify(journey)}`);
    expect(clicks).toBe(0);
    // Leave Hugo as the other specs expect him (hub.spec.ts watches his space start).
    expect(await pupil.send('DELETE', `/users/${PUPIL}/server`)).toBe(204);
    await page.context().close();
  });
});

/**
 * A nbformat 4.5 notebook: cell ids are what the teacher's comments point at.
 */
const NOTEBOOK = pythonNotebook([
  { code: 'nombres = [4, 8, 15]' },
  { markdown: 'Que vaut `nombres[0]` ?' }
]);
