import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

import {
  expectNoAxeViolationIn,
  getText,
  HUB,
  openLab,
  putFile,
  runFromPalette
} from './fixtures';

/**
 * Assignments, the whole loop through the hub with two browsers: a teacher hands out a
 * notebook from « Suivi des devoirs »; a pupil gets it from « Mes devoirs », works,
 * keeps their work when fetching again, hands it in (a numpy.py of their own is left
 * out: the assignment does not take it); from the follow-up in the main area, the
 * teacher reads the work read-only beside the original, with nothing written to their
 * home, marks it, comments a cell and returns it; the pupil reads the feedback in the
 * panel and under the cell.
 */
test.describe('Candyce assignments', () => {
  test.setTimeout(600_000);

  test('a teacher hands out, a pupil hands in, the teacher marks and returns', async ({
    browser
  }) => {
    const stamp = Date.now().toString(36);
    const title = `Les listes en Python ${stamp}`;
    const source = `cours-${stamp}/listes.ipynb`;

    // The teacher: a notebook and a data file in a folder of their home.
    const teacher = await openLab(browser, 'm.curie');
    await putFile(teacher, 'm.curie', source, JSON.stringify(NOTEBOOK));
    await putFile(teacher, 'm.curie', `cours-${stamp}/notes.csv`, 'a;b\n1;2\n');
    await teacher.goto(`${HUB}/user/m.curie/lab/tree/${source}`);
    await expect(currentTab(teacher)).toHaveAttribute(
      'title',
      /listes\.ipynb/,
      {
        timeout: 90_000
      }
    );

    // « Donner en devoir » in the file browser's context menu opens the form on it.
    const listing = teacher
      .locator('.jp-DirListing-item[data-file-type="notebook"]')
      .filter({ hasText: 'listes.ipynb' });
    await listing.click({ button: 'right' });
    await teacher
      .locator('.lm-Menu-item')
      .filter({ hasText: 'Donner en devoir' })
      .click();
    const fromMenu = teacher.locator('.cdc-AssignDialog');
    await expect(fromMenu).toContainText(`Carnet donné : ${source}`);
    await expect(fromMenu.getByLabel('Titre', { exact: true })).toHaveValue(
      'listes'
    );
    await fromMenu.getByRole('button', { name: 'Annuler' }).click();
    await expect(fromMenu).toHaveCount(0);

    // « Suivi des devoirs » → « Nouveau devoir » on the open notebook.
    const follow = await openSidePanel(teacher, 'cdc-assignments-teacher');
    await expect(
      follow.getByRole('heading', { name: 'Suivi des devoirs' })
    ).toBeVisible();
    await expectNoAxeViolationIn(teacher, '#cdc-assignments-teacher');
    await follow.getByRole('button', { name: 'Nouveau devoir' }).click();
    const dialog = teacher.locator('.cdc-AssignDialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(`Carnet donné : ${source}`);
    const titleField = dialog.getByLabel('Titre', { exact: true });
    await expect(titleField).toBeFocused();

    // Sent empty: the errors are said in French and the first gets the focus.
    await titleField.fill('');
    await dialog.getByRole('button', { name: 'Créer' }).click();
    await expect(titleField).toBeFocused();
    await expect(titleField).toHaveAccessibleDescription(
      'Donnez un titre au devoir.'
    );
    await expect(dialog.locator('#cdc-Assign-classIds-error')).toHaveText(
      'Choisissez au moins une classe, ou un code de partage : sinon aucun élève ne peut recevoir ce devoir.'
    );
    await expectNoAxeViolationIn(teacher, '.cdc-AssignDialog');

    await titleField.fill(title);
    await dialog
      .getByLabel('Consignes')
      .fill('Complétez les cellules, puis rendez le devoir.');
    await dialog.getByRole('checkbox', { name: 'Classe 2de B' }).check();
    const due = new Date(Date.now() + (3 * 24 + 2) * 3_600_000);
    await dialog.getByLabel('À rendre le (facultatif)').fill(localValue(due));
    await dialog.getByRole('button', { name: 'Créer' }).click();
    await expect(dialog).toHaveCount(0, { timeout: 30_000 });
    const open = follow.getByRole('button', { name: title, exact: true });
    await expect(open).toBeVisible({ timeout: 20_000 });

    // The pupil, in a second browser: « Mes devoirs ».
    const pupil = await openLab(browser, 'eleve4');
    const mine = await openSidePanel(pupil, 'cdc-assignments');
    // « Suivi des devoirs » is for teachers only.
    await expect(
      pupil.locator('.lm-TabBar-tab[data-id="cdc-assignments-teacher"]')
    ).toHaveCount(0);
    await expect(
      mine.getByRole('heading', { name: 'Mes devoirs' })
    ).toBeVisible();
    // A wrong code: the hub's French message, on the field.
    await mine.getByLabel('Rejoindre avec un code').fill('ZZZZ-ZZZZ');
    await mine.getByRole('button', { name: 'Rejoindre' }).click();
    await expect(
      mine.getByLabel('Rejoindre avec un code')
    ).toHaveAccessibleDescription(/^Code de devoir inconnu ou expiré/);
    const item = mine.getByRole('listitem').filter({
      has: pupil.getByRole('heading', { name: title })
    });
    await expect(item).toBeVisible({ timeout: 20_000 });
    await expect(item).toContainText('État : à faire');
    await expect(item).toContainText('Enseignant·e : Marie Curie');
    await expect(item).toContainText('(dans 3 jours)');
    await expectNoAxeViolationIn(pupil, '#cdc-assignments');

    // « Récupérer »: the files land in devoirs/…, the notebook opens.
    await item.getByRole('button', { name: 'Récupérer', exact: true }).click();
    await expect(mine.getByRole('status').first()).toContainText(
      'Devoir récupéré dans devoirs/',
      { timeout: 30_000 }
    );
    await expect(currentTab(pupil)).toHaveAttribute(
      'title',
      /devoirs\/[^/]+\/listes\.ipynb/,
      { timeout: 30_000 }
    );
    const folder = /devoirs\/[^\s/]+/
      .exec((await mine.getByRole('status').first().textContent()) ?? '')![0]
      .replace(/\.$/, '');
    expect(await getText(pupil, 'eleve4', `${folder}/notes.csv`)).toBe(
      'a;b\n1;2\n'
    );

    // The pupil works and saves.
    const firstCell = pupil
      .locator('.jp-NotebookPanel:visible .jp-Cell')
      .first();
    await firstCell.locator('.cm-content').click();
    await pupil.keyboard.press('Control+End');
    await pupil.keyboard.type('\nreponse = [1, 2, 3]');
    await pupil.keyboard.press('Control+S');
    await expect
      .poll(() => getText(pupil, 'eleve4', `${folder}/listes.ipynb`), {
        timeout: 30_000
      })
      .toContain('reponse = [1, 2, 3]');

    // « Récupérer à nouveau » never overwrites silently: the pupil keeps their work.
    await item.getByRole('button', { name: 'Récupérer à nouveau' }).click();
    const conflict = pupil.locator('.jp-Dialog');
    await expect(conflict).toContainText('Vos fichiers existent déjà');
    await expect(conflict).toContainText('listes.ipynb');
    await conflict
      .getByRole('button', { name: 'Les garder (recommandé)' })
      .click();
    await expect(mine.getByRole('status').first()).toContainText(
      'Devoir récupéré dans'
    );
    expect(await getText(pupil, 'eleve4', `${folder}/listes.ipynb`)).toContain(
      'reponse = [1, 2, 3]'
    );

    // « Rendre »: the files of the assignment, then « Rendu le … (version 1) »; a
    // module of the pupil's own beside the notebook is left out, and said so.
    await putFile(pupil, 'eleve4', `${folder}/numpy.py`, 'raise SystemExit\n');
    await item.getByRole('button', { name: 'Rendre', exact: true }).click();
    await expect(mine.getByRole('status').first()).toContainText(
      /Rendu le .+ \(version 1\)\./,
      { timeout: 30_000 }
    );
    await expect(mine.getByRole('status').first()).toContainText(
      'Non rendus, car le devoir ne les accepte pas : numpy.py.'
    );
    await expect(item).toContainText('État : rendu');
    await expectNoAxeViolationIn(pupil, '#cdc-assignments');

    // The teacher follows: the table of pupils, in the main area.
    await teacher.bringToFront();
    await open.click();
    const view = teacher.locator('#jp-main-dock-panel .cdc-FollowUp:visible');
    await expect(
      view.getByRole('heading', { name: `Suivi : ${title}` })
    ).toBeFocused({ timeout: 30_000 });
    const viewId = await teacher
      .locator('#jp-main-dock-panel .jp-MainAreaWidget')
      .filter({ has: teacher.locator('.cdc-FollowUp:visible') })
      .getAttribute('id');
    const table = view.getByRole('table', { name: /Avancement des élèves/ });
    await expect(table).toBeVisible();
    const row = table.getByRole('row').filter({ hasText: 'Nathan Durand' });
    await expect(row).toContainText('rendu');
    await expect(
      table.getByRole('columnheader', { name: 'Dernière activité' })
    ).toBeVisible();
    const csv = view.getByRole('link', { name: 'Exporter les notes (CSV)' });
    const href = (await csv.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/hub\/api\/v1\/assignments\/[^/]+\/grades\.csv$/);
    const grades = await teacher.request.get(`${HUB}${href}`);
    expect(grades.status()).toBe(200);
    expect(grades.headers()['content-type']).toContain('text/csv');
    await expectNoAxeViolationIn(teacher, `#${viewId}`);

    // The work, read-only, beside the original: shown from the hub, nothing of it
    // written to the teacher's home, no kernel to run it in.
    await row
      .getByRole('button', { name: 'Ouvrir la copie de Nathan Durand' })
      .click();
    await expect(view.getByRole('status').first()).toContainText(
      'Copie de Nathan Durand (version 1) ouverte en lecture seule, à côté de l’énoncé',
      { timeout: 30_000 }
    );
    const tab = (label: string) =>
      teacher
        .locator('#jp-main-dock-panel .lm-TabBar-tab')
        .filter({ hasText: label });
    await expect(tab('Copie de Nathan Durand')).toHaveCount(1, {
      timeout: 30_000
    });
    await expect(tab(`Énoncé : ${title}`)).toHaveCount(1);
    const work = teacher
      .locator('.cdc-Review:visible')
      .filter({ hasText: 'reponse = [1, 2, 3]' });
    await expect(work).toHaveCount(1);
    await expect(work).toContainText('Lecture seule');
    await expect(work).not.toContainText('numpy.py');
    await expect(work.locator('textarea, [contenteditable]')).toHaveCount(0);
    expect(
      await teacher.evaluate(
        async () =>
          (await fetch('/user/m.curie/api/contents/Corrections?content=0'))
            .status
      )
    ).toBe(404);

    // Feedback: comment and grade.
    const feedback = view.getByRole('region', {
      name: 'Retour pour Nathan Durand'
    });
    await expect(feedback).toBeVisible();
    await feedback
      .getByLabel('Appréciation générale')
      .fill('Bon travail, attention aux indices.');
    await feedback.getByLabel('Note', { exact: true }).fill('14');
    await feedback.getByLabel('Sur', { exact: true }).fill('20');
    await feedback
      .getByRole('button', { name: 'Enregistrer le retour' })
      .click();
    await expect(view.getByRole('status').first()).toContainText(
      'Retour pour Nathan Durand enregistré.'
    );

    // A comment on the first cell of the work, with « Commenter la cellule ».
    await work.locator('.cdc-Review-cell').first().click();
    await runFromPalette(teacher, 'Commenter la cellule');
    const ask = teacher.locator('.jp-Dialog');
    await ask
      .getByLabel(
        'Commentaire pour l’élève (texte simple ; vide pour le retirer)'
      )
      .fill('Une liste commence à l’indice 0.');
    await ask.getByRole('button', { name: 'Enregistrer' }).click();
    const box = work.locator('.cdc-CellComment');
    await expect(box).toHaveCount(1, { timeout: 20_000 });
    await expect(box).toContainText('Votre commentaire pour l’élève');
    await expect(feedback).toContainText('Une liste commence à l’indice 0.');
    await expectNoAxeViolationIn(teacher, `#${viewId}`);

    // « Rendre la copie », confirmed.
    await feedback
      .getByRole('button', { name: 'Rendre la copie', exact: true })
      .click();
    const confirm = teacher.locator('.jp-Dialog');
    await expect(confirm).toContainText('Nathan Durand verra votre retour');
    await confirm.getByRole('button', { name: 'Rendre la copie' }).click();
    await expect(view.getByRole('status').first()).toContainText(
      'Copie rendue à 1 élève.',
      { timeout: 20_000 }
    );
    await expect(row).toContainText('corrigé');
    await expect(row).toContainText('14 / 20');

    // The pupil reads the feedback: in the panel, and under the cell.
    await pupil.bringToFront();
    await mine.getByRole('button', { name: 'Actualiser' }).click();
    await expect(item).toContainText('État : corrigé', { timeout: 20_000 });
    const returned = item.getByRole('region', {
      name: 'Retour de votre enseignant·e'
    });
    await expect(returned).toContainText('Note : 14 / 20');
    await expect(returned).toContainText('Bon travail, attention aux indices.');
    await item.getByRole('button', { name: 'Ouvrir', exact: true }).click();
    const comment = pupil.locator(
      '.jp-NotebookPanel:visible .jp-Cell >> nth=0 >> .cdc-CellComment'
    );
    await expect(comment).toBeVisible({ timeout: 20_000 });
    await expect(comment).toHaveAccessibleName('Commentaire de l’enseignant');
    await expect(comment).toContainText('Une liste commence à l’indice 0.');
    await expectNoAxeViolationIn(pupil, '#cdc-assignments');

    await pupil.context().close();
    await teacher.context().close();
  });
});

/**
 * A nbformat 4.5 notebook: cell ids are what the teacher's comments point at.
 */
const NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {
    kernelspec: {
      name: 'python3',
      display_name: 'Python 3',
      language: 'python'
    }
  },
  cells: [
    {
      id: 'cellule-1',
      cell_type: 'code',
      execution_count: null,
      metadata: {},
      outputs: [],
      source: 'nombres = [4, 8, 15]\nprint(nombres[1])'
    },
    {
      id: 'cellule-2',
      cell_type: 'markdown',
      metadata: {},
      source: '# Les listes\n\nQue vaut `nombres[0]` ?'
    }
  ]
};

/**
 * Show a side panel from its tab in the left sidebar.
 */
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

function currentTab(page: Page): Locator {
  return page.locator('#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current');
}

/**
 * A `datetime-local` value for a date, in the browser's time zone.
 */
function localValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
