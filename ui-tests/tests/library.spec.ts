import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

import {
  demoLogin,
  expectNoAxeViolationIn,
  HUB,
  logIn,
  tabTo
} from './fixtures';

/**
 * The « Bibliothèque » panel in a teacher's Candyce JupyterLab, through the hub:
 * search without accents, the read-only preview, « Ouvrir une copie »,
 * recommendations with their reasons, and publishing from the keyboard.
 */
test.describe('Candyce library', () => {
  test.setTimeout(240_000);

  test('a teacher finds, previews, opens and publishes notebooks', async ({
    page
  }) => {
    await logIn(page, demoLogin('m.curie'));
    const stamp = Date.now().toString(36);
    const title = `Équations du second degré ${stamp}`;
    const created = await publish(page, title);

    // A fresh workspace (a retry would otherwise restore the last one).
    await page.goto(`${HUB}/user/m.curie/lab?reset`);
    await page.waitForURL(/\/user\/m\.curie\/lab/, { timeout: 90_000 });
    await expect(page.locator('#cdc-MainLogo')).toBeVisible({
      timeout: 90_000
    });

    // The restored layout (the launcher) moves the focus: wait for it first.
    await page.locator('.jp-Launcher').first().waitFor({ timeout: 60_000 });
    // Open the library from the keyboard only: its shortcut focuses the search field.
    const search = page.getByLabel('Rechercher dans la bibliothèque');
    await expect(async () => {
      await page.keyboard.press('Control+Shift+Y');
      await expect(search).toBeFocused({ timeout: 2000 });
      // Still there a moment later: nothing else took the focus back.
      await page.waitForTimeout(1000);
      await expect(search).toBeFocused({ timeout: 100 });
    }).toPass({ timeout: 30_000 });
    const panel = page.locator('#cdc-library');

    // « Pour vous »: recommendations, each with its reasons.
    const forYou = panel.getByRole('region', { name: 'Pour vous' });
    await expect(forYou).toBeVisible({ timeout: 20_000 });
    // Each recommendation says why (« Parce que vous enseignez … », « Pour vos classes de … »).
    const reasons = forYou.locator('.cdc-Library-reasons li');
    await expect(reasons.first()).toHaveText(
      /^(Parce que|Pour vos|Recommandé|Nouveauté|Mis à jour|Utilisé|Parmi|Souvent)/
    );
    await expect(
      panel.getByRole('group', { name: 'Disciplines' })
    ).toBeVisible();
    await expectNoAxeViolationIn(page, '#cdc-library');

    // Search without accents; the count is announced.
    await expect(search).toBeFocused();
    await page.keyboard.type('equations second degre');
    await expect(panel.getByRole('status').first()).toHaveText(
      /\d+ ressources? trouvées?/
    );
    const result = panel.getByRole('button', { name: title, exact: true });
    await expect(result).toBeVisible({ timeout: 20_000 });
    await expect(panel.getByRole('region', { name: 'Pour vous' })).toHaveCount(
      0
    );
    await expectNoAxeViolationIn(page, '#cdc-library');

    // The resource page and its read-only preview: markdown rendered, code as text,
    // the HTML output and its script never rendered.
    await result.click();
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText(title);
    await expect(panel.getByText('CC BY 4.0 (attribution)')).toHaveAttribute(
      'href',
      /creativecommons\.org/
    );
    const preview = panel.locator('.cdc-Preview');
    await expect(
      preview.getByRole('heading', { name: 'Résoudre ax² + bx + c = 0' })
    ).toBeVisible();
    await expect(preview.locator('.cdc-Preview-source').first()).toHaveText(
      /print\("Réponse :", x\)/
    );
    await expect(preview.locator('.cdc-Preview-omitted')).toHaveText(
      'Sortie non affichée dans l’aperçu (ouvrez une copie pour la voir).'
    );
    await expect(preview.locator('script')).toHaveCount(0);
    await expect(preview.locator('.cdc-danger')).toHaveCount(0);
    expect(await page.evaluate(() => 'pwned' in window)).toBe(false);
    // « Donner en devoir » opens the assignments' form on this very version.
    await panel.getByRole('button', { name: 'Donner en devoir' }).click();
    const assign = page.locator('.cdc-AssignDialog');
    await expect(assign).toContainText(
      `Ressource de la bibliothèque donnée : « ${title} », version 1`
    );
    await expect(assign.getByLabel('Titre', { exact: true })).toHaveValue(
      title
    );
    await assign.getByRole('checkbox', { name: 'Classe 2de B' }).check();
    await assign.getByRole('button', { name: 'Créer' }).click();
    await expect(assign).toHaveCount(0, { timeout: 30_000 });
    // The new assignment is shown in « Suivi des devoirs »; back to the library.
    await expect(
      page
        .locator('#cdc-assignments-teacher')
        .getByRole('button', { name: title, exact: true })
    ).toBeVisible({ timeout: 20_000 });
    await page.locator('.lm-TabBar-tab[data-id="cdc-library"]').click();
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText(title);
    await expect(
      panel.getByRole('button', { name: 'Recommander', exact: true })
    ).toBeVisible();
    await expectNoAxeViolationIn(page, '#cdc-library');

    // « Ouvrir une copie »: the notebook opens from Bibliothèque/… in a tab of its own
    // (the library's tab, behind it, says where the copy is) and runs.
    await panel.getByRole('button', { name: 'Ouvrir une copie' }).click();
    await expect(panel.locator('.cdc-Library-status')).toContainText(
      'Copie ouverte depuis Bibliothèque/equations-du-second-degre'
    );
    const notebookTab = page.locator(
      '#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current'
    );
    await expect(notebookTab).toHaveAttribute(
      'title',
      /Bibliothèque\/equations-du-second-degre-[a-z0-9]+\/equations\.ipynb/,
      { timeout: 30_000 }
    );
    // Run the first cell (again until the kernel has started and answers).
    const firstCell = page
      .locator('.jp-NotebookPanel:visible .jp-Cell')
      .first();
    // Galata's notebook helpers need its in-page hooks, which a hub-served
    // JupyterLab does not load: the cell is run as a user does.
    await expect(async () => {
      // eslint-disable-next-line jupyter/galata-prefer-notebook-cell-helper
      await firstCell.locator('.cm-content').click();
      // eslint-disable-next-line jupyter/galata-prefer-notebook-cell-helper
      await page.keyboard.press('Control+Enter');
      await expect(firstCell.locator('.jp-OutputArea-output')).toHaveText(
        'Réponse : 42',
        { timeout: 10_000 }
      );
    }).toPass({ timeout: 120_000 });

    // Publish the open notebook through the dialog, from the keyboard.
    await page.keyboard.press('Escape');
    const palette = page.locator('#command-palette .lm-CommandPalette-input');
    await expect(async () => {
      await page.keyboard.press('Control+Shift+C');
      await expect(palette).toBeFocused({ timeout: 2000 });
    }).toPass({ timeout: 20_000 });
    await page.keyboard.type('Publier dans la bibliothèque');
    await expect(
      page.locator('#command-palette .lm-CommandPalette-item.lm-mod-active')
    ).toContainText('Publier dans la bibliothèque');
    await page.keyboard.press('Enter');
    const dialog = page.locator('.cdc-PublishDialog');
    await expect(dialog).toBeVisible();
    const titleField = dialog.getByLabel('Titre', { exact: true });
    await expect(titleField).toBeFocused();
    // The preview of what will be published: the first heading, the cell count.
    await expect(dialog.locator('.cdc-Publish-preview')).toContainText(
      'Premier titre : Résoudre ax² + bx + c = 0'
    );
    await expect(dialog.locator('.cdc-Publish-preview')).toContainText(
      '3 cellules'
    );

    // Sent with errors: they are named in French, linked, and the first gets the focus.
    await page.keyboard.press('Control+A');
    const newTitle = `Discriminant et racines ${stamp}`;
    await page.keyboard.type(newTitle);
    await page.keyboard.press('Enter');
    const summary = dialog.getByLabel('Résumé');
    await expect(summary).toBeFocused();
    await expect(summary).toHaveAttribute('aria-invalid', 'true');
    await expect(summary).toHaveAccessibleDescription(
      'Rédigez un résumé de 20 à 2000 caractères.'
    );
    await expectNoAxeViolationIn(page, '.cdc-PublishDialog');

    await page.keyboard.type(
      'Calculer le discriminant et les racines d’un trinôme avec Python.'
    );
    await tabTo(page, dialog.getByRole('checkbox', { name: 'Mathématiques' }));
    await page.keyboard.press('Space');
    await tabTo(page, dialog.getByRole('checkbox', { name: '1re' }));
    await page.keyboard.press('Space');
    await tabTo(page, dialog.getByLabel('Mots-clés'));
    await page.keyboard.type('discriminant, trinôme');
    await tabTo(page, dialog.getByLabel('Durée en minutes'));
    await page.keyboard.type('45');
    // A radio group is one Tab stop; the arrows choose within it.
    await tabTo(
      page,
      dialog.getByRole('radio', { name: 'CC BY 4.0 (attribution)' })
    );
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await expect(
      dialog.getByRole('radio', { name: /^CC BY-SA 4\.0/ })
    ).toBeChecked();
    await tabTo(page, dialog.getByLabel('Auteurs'));
    await expect(dialog.getByLabel('Auteurs')).toHaveValue('Marie Curie');
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0, { timeout: 30_000 });

    // The library shows the new resource; back to the search, it is found.
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText(
      newTitle,
      { timeout: 20_000 }
    );
    await panel.getByRole('button', { name: '← Retour aux résultats' }).click();
    await panel
      .getByLabel('Rechercher dans la bibliothèque')
      .fill(`discriminant racines ${stamp}`);
    await expect(
      panel.getByRole('button', { name: newTitle, exact: true })
    ).toBeVisible({ timeout: 20_000 });
    expect(created.id).toBeTruthy();
  });
});

/**
 * Publish a resource through the hub API as the logged-in user.
 */
async function publish(page: Page, title: string): Promise<{ id: string }> {
  const me = await page.request.get(`${HUB}/hub/api/v1/me`);
  expect(me.ok()).toBe(true);
  const { xsrfToken } = (await me.json()) as { xsrfToken: string };
  // What m.curie teaches (the demo sets it too, but only when it seeds the library).
  const profile = await page.request.put(`${HUB}/hub/api/v1/library/profile`, {
    headers: { 'X-Candyce-XSRF': xsrfToken },
    data: { disciplines: ['physique-chimie'], levels: ['2de', '1re'] }
  });
  expect(profile.ok()).toBe(true);
  const notebook = {
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
        id: 'c1',
        cell_type: 'code',
        execution_count: null,
        metadata: {},
        outputs: [],
        source: 'x = 6 * 7\nprint("Réponse :", x)'
      },
      {
        id: 'c2',
        cell_type: 'markdown',
        metadata: {},
        source:
          '# Résoudre ax² + bx + c = 0\n\nOn calcule le **discriminant**.<script>window.pwned = 1</script>'
      },
      {
        id: 'c3',
        cell_type: 'code',
        execution_count: 1,
        metadata: {},
        source: 'from IPython.display import HTML\nHTML("<b>gras</b>")',
        outputs: [
          {
            output_type: 'display_data',
            metadata: {},
            data: {
              'text/html':
                '<b class="cdc-danger">gras</b><script>window.pwned = 1</script>'
            }
          }
        ]
      }
    ]
  };
  const response = await page.request.post(
    `${HUB}/hub/api/v1/library/resources`,
    {
      headers: { 'X-Candyce-XSRF': xsrfToken },
      data: {
        metadata: {
          title,
          summary:
            'Résoudre des équations du second degré : discriminant, racines et vérification en Python.',
          disciplines: ['mathematiques', 'physique-chimie'],
          levels: ['2de'],
          keywords: ['trinôme', 'discriminant'],
          language: 'fr',
          durationMinutes: 55,
          licence: 'CC-BY-4.0',
          authors: ['Marie Curie']
        },
        files: [
          {
            path: 'equations.ipynb',
            content: Buffer.from(JSON.stringify(notebook)).toString('base64')
          }
        ]
      }
    }
  );
  expect(response.status()).toBe(201);
  return (await response.json()) as { id: string };
}
