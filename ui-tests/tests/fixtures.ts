/**
 * Galata fixtures for a French JupyterLab.
 *
 * Galata's own readiness check and notebook helpers look for English labels
 * ("Launcher", "File>New>Notebook"); Candyce starts in French, so these helpers use
 * commands and the DOM instead of labels.
 */
import {
  expect,
  IJupyterLabPageFixture,
  test as base
} from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';

export { expect };

export const test = base.extend({
  // Playwright reads a fixture's dependencies from this (empty) destructuring.
  // eslint-disable-next-line no-empty-pattern
  waitForApplication: async ({}, use) => {
    await use(async page => {
      await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
      await page.locator('.jp-Launcher').first().waitFor();
    });
  }
});

/**
 * Open a new notebook on the Python kernel and wait until it can run code.
 */
export async function createNotebook(
  page: IJupyterLabPageFixture
): Promise<void> {
  await page.evaluate(() =>
    window.jupyterapp.commands.execute('notebook:create-new', {
      kernelName: 'python3'
    })
  );
  await expect(page.locator('.jp-NotebookPanel:visible')).toHaveCount(1);
  // The toolbar shows "idle" before the kernel's websocket is connected; wait for the
  // connection itself, or the first execution request can be lost.
  await page.waitForFunction(
    () => {
      const widget = window.jupyterapp.shell.currentWidget as {
        sessionContext?: {
          session?: {
            kernel?: { connectionStatus: string; status: string } | null;
          };
        };
      } | null;
      const kernel = widget?.sessionContext?.session?.kernel;
      return (
        kernel?.connectionStatus === 'connected' && kernel.status === 'idle'
      );
    },
    undefined,
    { timeout: 60000 }
  );
}

/**
 * Type code into the first cell of the current notebook and run it from the keyboard.
 *
 * @returns the text of the cell's output.
 */
export async function runFirstCell(
  page: IJupyterLabPageFixture,
  code: string
): Promise<string> {
  const cell = page.locator('.jp-NotebookPanel:visible .jp-Cell').first();
  await cell.locator('.cm-content').click();
  await page.keyboard.type(code);
  await page.keyboard.press('Shift+Enter');
  const output = cell.locator('.jp-OutputArea-output');
  await expect(output).toHaveCount(1, { timeout: 60000 });
  return (await output.textContent()) ?? '';
}

/**
 * Open « À propos de Candyce » with the keyboard only: the command palette
 * (Ctrl+Shift+C), its name, Enter. Each step waits for the previous one, so that a
 * busy machine does not drop keystrokes typed before the palette has the focus.
 */
export async function openAboutFromKeyboard(page: Page): Promise<Locator> {
  await page.locator('.jp-Launcher').first().waitFor();
  const search = page.locator('#command-palette .lm-CommandPalette-input');
  await expect(async () => {
    await page.keyboard.press('Control+Shift+C');
    await expect(search).toBeFocused({ timeout: 2000 });
  }).toPass({ timeout: 20000 });
  await page.keyboard.type('À propos de Candyce');
  await expect(
    page.locator('#command-palette .lm-CommandPalette-item.lm-mod-active')
  ).toContainText('À propos de Candyce');
  await page.keyboard.press('Enter');
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}
