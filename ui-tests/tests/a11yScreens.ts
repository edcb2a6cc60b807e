/**
 * Helpers of the accessibility scans (a11y-screens.spec.ts): open each screen of
 * JupyterLab and of Candyce in turn, in one page, and count axe-core's violations on
 * the whole page, with @candyce/a11y on or (stock) off: opened with `?a11y=off`, its
 * plugins change nothing and register nothing.
 */
import AxeBuilder from '@axe-core/playwright';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';

import { expect, waitForCurrentKernel } from './fixtures';

/** What axe-core found on a screen. */
export interface IScan {
  rules: number;
  nodes: number;
  ids: string;
}

/** The theme of a visit. */
export type Theme = 'default' | 'high contrast';

/** The screens, in the order one visit opens them. */
export const SCREENS = [
  'launcher',
  'command palette',
  'notebook',
  'dialog',
  'console',
  'Candyce: library',
  'Candyce: assignments',
  'Candyce: environment',
  'Candyce: About',
  'Candyce: accessibility',
  'settings editor'
] as const;

export type Screen = (typeof SCREENS)[number];

/** The stock theme standing for « high contrast » when @candyce/a11y is off. */
const STOCK_HIGH_CONTRAST = 'JupyterLab Dark High Contrast';
const CANDYCE_HIGH_CONTRAST = 'Candyce High Contrast';

async function scan(page: IJupyterLabPageFixture): Promise<IScan> {
  const results = await new AxeBuilder({ page }).analyze();
  return {
    rules: results.violations.length,
    nodes: results.violations.reduce((sum, v) => sum + v.nodes.length, 0),
    ids:
      results.violations
        .map(v => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target}`)
        .join('; ') || 'none'
  };
}

/**
 * A new notebook on the Python kernel, once that kernel answers.
 */
async function newNotebook(page: IJupyterLabPageFixture): Promise<void> {
  await run(page, 'notebook:create-new', { kernelName: 'python3' });
  await waitForCurrentKernel(page, 120_000);
}

function run(page: IJupyterLabPageFixture, command: string, args = {}) {
  // Some commands resolve only when their dialog closes: never wait for them.
  return page.evaluate(
    ({ command, args }) => {
      void window.jupyterapp.commands.execute(command, args);
    },
    { command, args }
  );
}

/**
 * Open every screen in turn and scan the whole page on each.
 *
 * @param a11y whether @candyce/a11y is on (the page was loaded accordingly).
 */
export async function visitScreens(
  page: IJupyterLabPageFixture,
  theme: Theme,
  a11y: boolean
): Promise<Map<Screen, IScan>> {
  const scans = new Map<Screen, IScan>();
  // Which layer is on shows in the skip link's text, that only @candyce/a11y translates.
  await expect(page.locator('.jp-skiplink a.skip-link')).toHaveText(
    a11y ? 'Aller au document' : 'Skip to main panel'
  );
  if (theme === 'high contrast') {
    const name = a11y ? CANDYCE_HIGH_CONTRAST : STOCK_HIGH_CONTRAST;
    if (a11y) {
      await run(page, 'candyce-a11y:toggle-high-contrast');
    } else {
      await run(page, 'apputils:change-theme', { theme: name });
    }
    await expect(page.locator('body')).toHaveAttribute(
      'data-jp-theme-name',
      name,
      { timeout: 20_000 }
    );
  }
  await page.locator('.jp-Launcher:visible').waitFor();
  scans.set('launcher', await scan(page));

  await run(page, 'apputils:activate-command-palette');
  await expect(
    page.locator('#command-palette .lm-CommandPalette-input')
  ).toBeFocused();
  scans.set('command palette', await scan(page));
  await page.keyboard.press('Escape');

  await newNotebook(page);
  await page.evaluate(() => {
    const panel = window.jupyterapp.shell.currentWidget as unknown as {
      content: {
        model: { sharedModel: { insertCells(i: number, c: unknown[]): void } };
      };
    };
    panel.content.model.sharedModel.insertCells(0, [
      { cell_type: 'markdown', source: '# Exercice\n\nCalculer une somme.' },
      { cell_type: 'code', source: 'print(1 + 1)' }
    ]);
  });
  await run(page, 'notebook:run-all-cells');
  await expect(
    page.locator('.jp-NotebookPanel:visible .jp-OutputArea-output')
  ).toContainText('2', { timeout: 60_000 });
  await run(page, 'filebrowser:activate');
  await page.locator('.jp-FileBrowser:visible').waitFor();
  await expect(
    page.locator('.jp-NotebookPanel:visible .jp-collapseHeadingButton')
  ).toHaveCount(1);
  scans.set('notebook', await scan(page));

  await run(page, 'docmanager:rename');
  await page.locator('.jp-Dialog').waitFor();
  scans.set('dialog', await scan(page));
  await page.keyboard.press('Escape');
  await expect(page.locator('.jp-Dialog')).toHaveCount(0);

  await run(page, 'console:create', { kernelPreference: { name: 'python3' } });
  await page
    .locator('.jp-CodeConsole:visible .jp-CodeConsole-input .cm-content')
    .waitFor();
  scans.set('console', await scan(page));

  for (const [screen, command, selector] of [
    ['Candyce: library', 'candyce-library:open', '#cdc-library'],
    ['Candyce: assignments', 'candyce-assignments:open', '#cdc-assignments'],
    ['Candyce: environment', 'candyce-environment:open', '#cdc-environment']
  ] as const) {
    await run(page, command);
    await page.locator(`${selector}:visible`).first().waitFor();
    scans.set(screen, await scan(page));
  }

  await run(page, 'candyce-branding:about');
  await page.locator('.cdc-About').waitFor();
  scans.set('Candyce: About', await scan(page));
  await page.keyboard.press('Escape');
  await expect(page.locator('.jp-Dialog')).toHaveCount(0);

  if (a11y) {
    await run(page, 'candyce-a11y:open');
    await page.locator('.cdc-a11y-Panel:visible').waitFor();
    scans.set('Candyce: accessibility', await scan(page));
  }
  // Last: its forms make the page heavy for every later scan.
  await run(page, 'settingeditor:open');
  await page.locator('.jp-SettingsPanel .jp-SettingsForm').first().waitFor();
  scans.set('settings editor', await scan(page));

  return scans;
}
