import { lockId } from '@candyce/environments';
import type { Locator, Page } from '@playwright/test';

import {
  expect,
  expectNoAxeViolationIn,
  getText,
  HUB,
  openLab,
  putFile,
  runFromPalette,
  tabTo,
  test
} from './fixtures';

/**
 * Pinned environments through the hub, with two browsers: a teacher opens a new
 * notebook, adds `six` in the « Environnement » panel from the keyboard, resolves,
 * pins (a real build: 30–90 s), and the notebook runs on the environment's kernel; a
 * pupil gets the notebook and opens it on the same kernel, where the same cell prints
 * the same packages, those of the lock. Then a notebook carrying a lock the platform
 * does not know: the pupil is told why it cannot be prepared (and JupyterLab does not
 * ask for a kernel meanwhile); the teacher opening it registers the lock and builds it.
 */
test.describe('Candyce environments on the platform', () => {
  // Two builds of a small environment, on a shared machine.
  test.setTimeout(15 * 60_000);

  test('a teacher pins six; a pupil gets the identical environment', async ({
    browser
  }) => {
    const stamp = Date.now().toString(36);
    const path = `environnement-${stamp}/carnet.ipynb`;

    const teacher = await openLab(browser, 'm.curie');
    let kernelName = '';
    /** The environment's human name, the kernel's display name. */
    let environmentName = '';
    let environmentId = '';
    let teacherOutput = '';

    await test.step('the teacher opens a new notebook', async () => {
      await putFile(teacher, 'm.curie', path, JSON.stringify(NOTEBOOK));
      await teacher.goto(`${HUB}/user/m.curie/lab/tree/${path}`);
      await expect
        .poll(() => kernelOf(teacher, 'm.curie', path), { timeout: 90_000 })
        .toBe('python3');
      await notebookSettled(teacher);
    });

    const panel = teacher.locator('#cdc-environment');
    await test.step('opens « Environnement » from the keyboard', async () => {
      await runFromPalette(teacher, 'Environnement du carnet');
      await expect(panel).toBeVisible();
      await expect(
        panel.getByRole('heading', { name: 'Environnement', exact: true })
      ).toBeFocused();
      await expect(panel).toContainText('Carnet : ' + path);
      await expect(panel).toContainText('Environnement de base');
      await expect(panel).toContainText(
        'Aucun paquet pour l’instant : le carnet n’aura que Python et son noyau.'
      );
      // The hub lists its Python interpreters on the first call: it can take a while.
      await expect(panel.getByLabel('Version de Python')).toHaveValue(
        /^3\.\d+$/,
        { timeout: 30_000 }
      );
      await expectNoAxeViolationIn(teacher, '#cdc-environment');
    });

    await test.step('adds six with the search combobox', async () => {
      const combobox = panel.getByRole('combobox', {
        name: 'Ajouter un logiciel'
      });
      await tabTo(teacher, combobox);
      await teacher.keyboard.type('six');
      const list = panel.getByRole('listbox', { name: 'Paquets de l’index' });
      await expect(
        list.getByRole('option', { name: 'six', exact: true })
      ).toBeVisible({ timeout: 60_000 });
      await expect(combobox).toHaveAttribute('aria-expanded', 'true');
      await expectNoAxeViolationIn(teacher, '#cdc-environment');
      // Down to « six », the option the field points at.
      for (let i = 0; i < 20; i++) {
        await teacher.keyboard.press('ArrowDown');
        const active = await combobox.getAttribute('aria-activedescendant');
        expect(active).toBeTruthy();
        const option = teacher.locator(`[id="${active}"]`);
        await expect(option).toHaveAttribute('aria-selected', 'true');
        if ((await option.textContent()) === 'six') {
          break;
        }
      }
      await teacher.keyboard.press('Enter');
      await expect(combobox).toHaveValue('');
      await expect(combobox).toBeFocused();
      await expect(panel.getByRole('status').last()).toHaveText(
        '« six » ajouté à la liste.'
      );
      const rows = panel.getByRole('table', { name: 'Liste des logiciels' });
      await expect(rows.getByRole('rowheader', { name: 'six' })).toBeVisible();
      // A wrong constraint is said on its field, then corrected.
      const version = rows.getByLabel('Version de six');
      await version.fill('récent');
      await expect(version).toHaveAttribute('aria-invalid', 'true');
      await expect(version).toHaveAccessibleDescription(
        'Écrivez une contrainte de version comme >=1.2, ==2.0 ou >=1,<2, ou laissez vide.'
      );
      await version.fill('>=1.10');
      await expect(version).toHaveAttribute('aria-invalid', 'false');
    });

    await test.step('resolves, with the progress shown', async () => {
      const resolve = panel.getByRole('button', { name: 'Résoudre' });
      await tabTo(teacher, resolve);
      await teacher.keyboard.press('Enter');
      await expect(
        panel.getByRole('progressbar', {
          name: 'Résolution de la liste des logiciels'
        })
      ).toBeVisible();
      await expect(
        panel.getByRole('button', { name: 'Annuler', exact: true })
      ).toBeVisible();
      await expectNoAxeViolationIn(teacher, '#cdc-environment');
      const lock = panel.getByRole('region', { name: /^Verrou de « .+ »$/ });
      await expect(lock).toBeVisible({ timeout: 180_000 });
      await expect(lock.getByRole('heading')).toBeFocused();
      await expect(lock).toContainText(
        'Ajouté par la plateforme pour que le carnet ait un noyau : ipykernel.'
      );
      const table = lock.getByRole('table', { name: 'Paquets du verrou' });
      await expect(table.getByRole('rowheader', { name: 'six' })).toBeVisible();
      await expect(
        table.getByRole('rowheader', { name: 'ipykernel' })
      ).toBeVisible();
      await expect(panel.getByRole('status').last()).toContainText(
        /^Résolu : \d+ paquets\. Lisez le verrou, puis épinglez-le\.$/
      );
      await expectNoAxeViolationIn(teacher, '#cdc-environment');
    });

    await test.step('pins: build, metadata, kernel, save', async () => {
      // The store outlives test runs: an environment built by an earlier run is
      // ready at once, and its progress bar only flashes. A watcher sees it anyway.
      await teacher.evaluate(() => {
        const w = window as unknown as { cdcBuildBar?: boolean };
        const seen = () =>
          document.querySelector(
            '#cdc-environment [role="progressbar"][aria-label="Construction de l’environnement"]'
          );
        new MutationObserver((_, observer) => {
          if (seen()) {
            w.cdcBuildBar = true;
            observer.disconnect();
          }
        }).observe(document.body, { childList: true, subtree: true });
      });
      await panel.getByRole('button', { name: 'Épingler' }).click();
      const status = panel.getByRole('status').last();
      await expect(status).toContainText('Environnement épinglé', {
        timeout: 300_000
      });
      expect(
        await teacher.evaluate(
          () => (window as unknown as { cdcBuildBar?: boolean }).cdcBuildBar
        )
      ).toBe(true);
      const text = (await status.textContent()) ?? '';
      const saved = JSON.parse(await getText(teacher, 'm.curie', path));
      environmentId = saved.metadata.candyce.environment.id;
      kernelName = `candyce-${environmentId.slice(0, 16)}`;
      // Named for the teacher (after the notebook, or by an earlier run): no hash.
      environmentName = saved.metadata.candyce.environment.name;
      expect(environmentName).toBeTruthy();
      expect(environmentName).not.toMatch(/[0-9a-f]{8}/);
      expect(text).toBe(
        `Environnement épinglé : le carnet utilise maintenant « ${environmentName} » et il est enregistré.`
      );
      await expect
        .poll(() => kernelOf(teacher, 'm.curie', path), { timeout: 60_000 })
        .toBe(kernelName);
      expect(saved.metadata.kernelspec).toMatchObject({
        name: kernelName,
        display_name: environmentName
      });
      const files = saved.metadata.candyce.environment.files;
      expect(files).toHaveLength(2);
      expect(files).toEqual(
        expect.arrayContaining([
          { path: 'requirements.txt', content: 'six>=1.10\n' },
          {
            path: 'runtime.txt',
            content: expect.stringMatching(/^python-3\.\d+\n$/)
          }
        ])
      );
      expect(
        saved.metadata.candyce.environment.lock.packages.map(
          (p: { name: string }) => p.name
        )
      ).toContain('six');
      // The summary now describes the pinned environment, by its name.
      await expect(panel.locator('.cdc-EnvSummary-title')).toHaveText(
        environmentName
      );
      await expect(state(panel)).toHaveText('construit');
      await expectNoAxeViolationIn(teacher, '#cdc-environment');
    });

    await test.step('the teacher runs the cell and saves', async () => {
      teacherOutput = await runFirstCell(
        teacher,
        new RegExp(`^${escapeRegExp(environmentName)} \\|`)
      );
      expect(teacherOutput).toMatch(/^six==/m);
      await teacher.keyboard.press('Control+S');
      // Shift+Enter on the last cell added an empty one below: the first is checked.
      await expect
        .poll(
          async () =>
            JSON.parse(await getText(teacher, 'm.curie', path)).cells[0]
              .outputs[0]?.text
        )
        .toBeTruthy();
    });

    const pupil = await openLab(browser, 'eleve4');
    const pupilPath = `devoirs/environnement-${stamp}/carnet.ipynb`;

    await test.step('the pupil opens it on the same kernel', async () => {
      // As if handed out: the teacher's notebook, without its outputs.
      const notebook = JSON.parse(await getText(teacher, 'm.curie', path));
      for (const cell of notebook.cells) {
        cell.outputs = [];
        cell.execution_count = null;
      }
      await putFile(pupil, 'eleve4', pupilPath, JSON.stringify(notebook));
      await pupil.goto(`${HUB}/user/eleve4/lab/tree/${pupilPath}`);
      await expect
        .poll(() => kernelOf(pupil, 'eleve4', pupilPath), { timeout: 90_000 })
        .toBe(kernelName);
      await notebookSettled(pupil);
      // Nothing asked: the kernelspec was there.
      await expect(pupil.locator('.jp-Dialog')).toHaveCount(0);
    });

    await test.step('the pupil reads the summary, without editing', async () => {
      await runFromPalette(pupil, 'Environnement du carnet');
      const mine = pupil.locator('#cdc-environment');
      await expect(mine).toBeVisible();
      await expect(mine.locator('.cdc-EnvSummary-title')).toHaveText(
        environmentName
      );
      await expect(state(mine)).toHaveText('construit');
      await expect(mine.getByRole('combobox')).toHaveCount(0);
      await expect(mine.getByRole('button', { name: 'Résoudre' })).toHaveCount(
        0
      );
      await expectNoAxeViolationIn(pupil, '#cdc-environment');
    });

    await test.step('the same cell prints the same packages: the lock’s', async () => {
      const pupilOutput = await runFirstCell(
        pupil,
        new RegExp(`^${escapeRegExp(environmentName)} \\|`)
      );
      expect(pupilOutput).toBe(teacherOutput);
      const answer = await pupil.request.get(
        `${HUB}/hub/api/v1/environments/${environmentId}`
      );
      expect(answer.status()).toBe(200);
      const { environment } = await answer.json();
      expect(environment.kernelName).toBe(kernelName);
      expect(environment.built).toBe(true);
      const fromLock = (
        environment.packages as { name: string; version: string }[]
      )
        .map(p => `${normalize(p.name)}==${p.version}`)
        .sort();
      const printed = pupilOutput
        .trim()
        .split('\n')
        .map(line => {
          const [name, version] = line.split('==');
          return `${normalize(name)}==${version}`;
        })
        .sort();
      expect(printed).toEqual(fromLock);
    });

    await test.step('a lock the platform does not know: the pupil is told', async () => {
      const notebook = JSON.parse(await getText(teacher, 'm.curie', path));
      const unknown =
        'f'.repeat(48) + Date.now().toString(16).padStart(16, '0');
      notebook.metadata.candyce.environment.id = unknown;
      notebook.metadata.kernelspec.name = `candyce-${unknown.slice(0, 16)}`;
      const other = `devoirs/environnement-${stamp}/inconnu.ipynb`;
      await putFile(pupil, 'eleve4', other, JSON.stringify(notebook));
      await pupil.goto(`${HUB}/user/eleve4/lab/tree/${other}`);
      await expect(
        toast(
          pupil,
          'Environnement inconnu de la plateforme : demandez à votre enseignant·e d’ouvrir ce carnet une fois.'
        )
      ).toBeVisible({ timeout: 60_000 });
      // JupyterLab did not ask for a kernel behind the explanation, nor start one.
      await pupil.waitForTimeout(2000);
      await expect(pupil.locator('.jp-Dialog')).toHaveCount(0);
      expect(await kernelOf(pupil, 'eleve4', other)).toBeNull();
    });

    await test.step('the teacher opening it registers the lock and builds it', async () => {
      const notebook = JSON.parse(await getText(teacher, 'm.curie', path));
      // The same packages resolved on another machine of the same kind: another lock.
      const lock = notebook.metadata.candyce.environment.lock;
      lock.platform.tag = `${lock.platform.tag}-${stamp}`;
      const id = lockId(lock);
      notebook.metadata.candyce.environment.id = id;
      notebook.metadata.kernelspec.name = `candyce-${id.slice(0, 16)}`;
      for (const cell of notebook.cells) {
        cell.outputs = [];
        cell.execution_count = null;
      }
      const imported = `environnement-${stamp}/importe.ipynb`;
      await putFile(teacher, 'm.curie', imported, JSON.stringify(notebook));
      await teacher.goto(`${HUB}/user/m.curie/lab/tree/${imported}`);
      await expect(
        toast(teacher, 'Préparation de l’environnement du carnet…')
      ).toBeVisible({ timeout: 60_000 });
      await expect(
        toast(teacher, 'L’environnement du carnet est prêt.')
      ).toBeVisible({ timeout: 300_000 });
      await expect(teacher.locator('.jp-Dialog')).toHaveCount(0);
      await expect
        .poll(() => kernelOf(teacher, 'm.curie', imported), {
          timeout: 60_000
        })
        .toBe(`candyce-${id.slice(0, 16)}`);
      expect(await runFirstCell(teacher)).toBe(teacherOutput);
    });

    await pupil.context().close();
    await teacher.context().close();
  });
});

test.describe('Candyce environments without the platform', () => {
  test('the panel says environments need the platform', async ({ page }) => {
    await runFromPalette(page, 'Environnement du carnet');
    const panel = page.locator('#cdc-environment');
    await expect(panel).toBeVisible();
    await expect(panel).toContainText(
      'Les environnements ont besoin de la plateforme Candyce'
    );
    await expect(panel.getByRole('combobox')).toHaveCount(0);
    await expectNoAxeViolationIn(page, '#cdc-environment');
  });
});

/**
 * A notebook whose cell prints every installed distribution, sorted, `name==version`.
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
      id: 'paquets',
      cell_type: 'code',
      execution_count: null,
      metadata: {},
      outputs: [],
      source:
        'import importlib.metadata as m\n' +
        'print("\\n".join(sorted(f"{d.metadata[\'Name\']}=={d.version}" for d in m.distributions())))'
    }
  ]
};

/** PEP 503 names: the lock and the metadata may spell them differently. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * The kernel the server runs for a notebook (its sessions API), or null.
 */
async function kernelOf(
  page: Page,
  user: string,
  path: string
): Promise<string | null> {
  return page.evaluate(
    async ({ user, path }) => {
      const response = await fetch(`/user/${user}/api/sessions`);
      const sessions = (await response.json()) as {
        path: string;
        kernel: { name: string } | null;
      }[];
      return sessions.find(s => s.path === path)?.kernel?.name ?? null;
    },
    { user, path }
  );
}

/**
 * Run the first cell of the visible notebook once its kernel is idle.
 *
 * @returns the text of its output.
 */
async function runFirstCell(page: Page, kernel: RegExp = /./): Promise<string> {
  const notebook = await notebookSettled(page, kernel);
  const cell = notebook.locator('.jp-Cell').first();
  const output = cell.locator('.jp-OutputArea-output');
  // Galata's notebook helpers need `window.jupyterapp`, which the hub's user servers
  // do not expose: the cell is run as a user does.
  await cell.locator('.cm-content').click();
  await page.keyboard.press('Shift+Enter');
  await expect(cell.locator('.jp-InputPrompt')).toHaveText(/\[\d+\]/, {
    timeout: 60_000
  });
  await expect(output).toHaveCount(1);
  return (await output.textContent()) ?? '';
}

/**
 * Wait until the visible notebook is shown and its kernel idle: before, the notebook
 * may still take the focus, and keys meant for the palette would edit its cells.
 *
 * The kernel's state is read in the status bar (« <noyau> | Inactif »): the notebook's
 * own toolbar folds its indicator away when a side panel narrows the notebook.
 */
async function notebookSettled(
  page: Page,
  kernel: RegExp = /./
): Promise<Locator> {
  const notebook = page.locator('.jp-NotebookPanel:visible');
  await expect(notebook.locator('.jp-Cell .cm-content').first()).toBeVisible({
    timeout: 60_000
  });
  const status = page
    .getByRole('contentinfo')
    .getByRole('button', { name: / \| Inactif$/ });
  await expect(status).toBeVisible({ timeout: 90_000 });
  await expect(status).toHaveAccessibleName(kernel);
  return notebook;
}

/** The « État » of the environment in the panel's summary. */
function state(panel: Locator): Locator {
  return panel.locator('.cdc-EnvSummary-facts dd').last();
}

/** A notification of JupyterLab's, by its text. */
function toast(page: Page, text: string): Locator {
  return page.locator('.jp-toast-message').filter({ hasText: text });
}

/** A text matched as is in a regular expression. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
