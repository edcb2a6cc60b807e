import { galata } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';

import { expect, test } from './fixtures';

/**
 * Trusting a windowed notebook renders the styles, HTML scripts and JavaScript of its
 * cells out of the viewport, with real-time collaboration as the platform has it
 * (issue 23). JupyterLab's `windowed-notebook.test.ts › should rendered injected …`
 * fail on Candyce (and on a loaded stock JupyterLab) because galata's `trust()` runs
 * before the notebook's cells have arrived and then does nothing; a user trusts a
 * notebook they see. This spec trusts as a user does, once the cells are there
 * (docs/jupyterlab-specs.md).
 *
 * Loading is not what it measures: it waits as long as a loaded machine needs for the
 * notebook to be loaded (its document ready, every cell there and shown as not
 * trusted), then holds what follows the user's « Trust » to Playwright's usual 5 s.
 */
test.use({
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    '@jupyterlab/notebook-extension:tracker': {
      ...galata.DEFAULT_SETTINGS['@jupyterlab/notebook-extension:tracker'],
      windowingMode: 'full'
    }
  }
});

const MARK = 'Candyce : sortie injectée';

/** A code cell with one display output of `mime`. */
function outputCell(id: string, mime: string, data: string) {
  return {
    id,
    cell_type: 'code',
    execution_count: null,
    metadata: {},
    source: `# ${mime}`,
    outputs: [
      {
        output_type: 'display_data',
        metadata: {},
        data: { [mime]: data, 'text/plain': mime }
      }
    ]
  };
}

/** How long a loaded machine may take to open the notebook (collaboration's room). */
const LOADING = 90_000;

/**
 * Wait until the current notebook's document is ready and its model has `cells`
 * cells, each drawn by the notebook: with collaboration the tab is shown first and
 * the cells arrive later, through the shared document.
 */
async function waitForNotebookLoaded(page: Page, cells: number) {
  await page.waitForFunction(
    cells => {
      const panel = window.jupyterapp.shell.currentWidget as {
        context?: { isReady: boolean };
        content?: { widgets?: readonly unknown[] };
        model?: { cells: { length: number } } | null;
      } | null;
      return (
        panel?.context?.isReady === true &&
        panel.model?.cells.length === cells &&
        panel.content?.widgets?.length === cells
      );
    },
    cells,
    { timeout: LOADING }
  );
}

/**
 * Three tall cells, then a style, an HTML script and a JavaScript output, out of the
 * viewport. `salt` makes each file's content new: the server's notary trusts any
 * content it has signed before.
 */
function injectionNotebook(salt: string) {
  const tall = (id: string) => ({
    id,
    cell_type: 'code',
    execution_count: null,
    metadata: {},
    source: `# ${salt}\n` + '\n'.repeat(90),
    outputs: []
  });
  const marker = (origin: string) =>
    `for (const cell of document.querySelectorAll('.jp-Notebook-cell')) {` +
    ` if (!cell.querySelector('[data-cdc-origin="${origin}"]')) {` +
    ` cell.insertAdjacentHTML('beforeend', '<span data-cdc-origin="${origin}"></span>'); } }`;
  return {
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
      tall('haut-1'),
      tall('haut-2'),
      tall('haut-3'),
      outputCell(
        'style',
        'text/html',
        `<style>.jp-Notebook-cell::after { content: '${MARK}'; }</style>`
      ),
      outputCell(
        'script-html',
        'text/html',
        `<script type="module">${marker('html')}</script>`
      ),
      outputCell('javascript', 'application/javascript', marker('javascript'))
    ]
  };
}

/** Whether the style, the HTML script and the JavaScript have each reached cells. */
function injectedOutputs(page: Page) {
  return page.evaluate(mark => {
    const cells = [...document.querySelectorAll('.jp-Notebook-cell')];
    const marked = (origin: string) =>
      document.querySelectorAll(`[data-cdc-origin="${origin}"]`).length > 1;
    return {
      style:
        cells.filter(
          cell => getComputedStyle(cell, '::after').content === `"${mark}"`
        ).length > 1,
      htmlScript: marked('html'),
      javascript: marked('javascript')
    };
  }, MARK);
}

test.describe('Trusting a windowed notebook, with collaboration', () => {
  test.setTimeout(180_000);
  const folder = `confiance-fenetree-${Date.now().toString(36)}`;

  test.afterEach(async ({ page }) => {
    await page.evaluate(async folder => {
      const { commands, serviceManager } = window.jupyterapp;
      await commands.execute('application:close-all');
      const { contents } = serviceManager;
      for (const item of (await contents.get(folder)).content) {
        await contents.delete(item.path);
      }
      await contents.delete(folder);
    }, folder);
  });

  test('renders the injected styles, HTML scripts and JavaScript of out-of-viewport cells', async ({
    page
  }) => {
    const path = `${folder}/injection.ipynb`;
    const content = injectionNotebook(`${Date.now()}-${Math.random()}`);
    await page.evaluate(
      async ({ folder, path, content }) => {
        const { contents } = window.jupyterapp.serviceManager;
        await contents.save(folder, { type: 'directory' });
        await contents.save(path, {
          type: 'notebook',
          format: 'json',
          content
        });
        await window.jupyterapp.commands.execute('docmanager:open', { path });
      },
      { folder, path, content }
    );
    // The cells have arrived through the shared document, and are not trusted: the
    // notebook the user sees before trusting it.
    await waitForNotebookLoaded(page, content.cells.length);
    await expect(page.locator('.jp-Notebook-cell').first()).toBeVisible({
      timeout: LOADING
    });
    await expect(
      page.locator('#jp-main-statusbar [data-icon="ui-components:not-trusted"]')
    ).toHaveCount(1, { timeout: LOADING });
    await expect(
      page.locator('.jp-Cell[data-windowed-list-index="4"]')
    ).not.toBeVisible();
    expect(await page.locator('[data-cdc-origin]').count()).toBe(0);

    // Trust it as a user does (« Faire confiance au notebook », then confirm). The
    // command ends once it has saved the notebook: awaited below, or the clean-up
    // could delete the file under that save (« Invalid response: 404 »).
    const trusting = page.evaluate(() =>
      window.jupyterapp.commands.execute('notebook:trust')
    );
    const accept = page.locator('.jp-Dialog .jp-mod-accept');
    await accept.waitFor();
    const trustedAt = Date.now();
    await accept.click();
    await expect(
      page.locator('#jp-main-statusbar [data-icon="ui-components:trusted"]')
    ).toHaveCount(1);

    // Each kind of injected output applied to more than the cell that holds it. One
    // poll every 50 ms for the three, so that the time printed is the time it took.
    await expect
      .poll(() => injectedOutputs(page), { intervals: [50] })
      .toEqual({ style: true, htmlScript: true, javascript: true });
    // A figure for the docs (the promise: within half a second), not an assertion.
    console.log(
      `Injected outputs all applied ${Date.now() - trustedAt} ms after « Trust »`
    );
    expect(await trusting).toEqual({ trusted: true });
  });
});
