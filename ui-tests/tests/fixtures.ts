/**
 * Galata fixtures for a French JupyterLab, and helpers for the hub's pages.
 *
 * Galata's own readiness check and notebook helpers look for English labels
 * ("Launcher", "File>New>Notebook"); Candyce starts in French, so these helpers use
 * commands and the DOM instead of labels.
 */
import AxeBuilder from '@axe-core/playwright';
import {
  expect,
  IJupyterLabPageFixture,
  test as base
} from '@jupyterlab/galata';
import type {
  APIRequestContext,
  Browser,
  Locator,
  Page
} from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

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
  await waitForCurrentKernel(page);
}

/**
 * Wait until the kernel of the current widget can run code. The toolbar shows « idle »
 * before the kernel's websocket is connected: wait for the connection itself, or the
 * first execution request can be lost.
 */
export async function waitForCurrentKernel(
  page: IJupyterLabPageFixture,
  timeout = 60_000
): Promise<void> {
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
    { timeout }
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

/**
 * The hub that playwright.config.ts starts, with fresh demo data, at its own name: each
 * server is served on an origin of its own (`serverOrigins: subdomain`, the default),
 * `<name>.localhost:8010`, entered from here (a browser that comes by 127.0.0.1 is sent
 * here). Playwright's request context cannot resolve servers' names: it calls the hub.
 */
export const HUB = 'http://localhost:8010';

/** Any server's origin of that hub (`http://eleve1.localhost:8010`), for a RegExp. */
export const SERVER_ORIGIN_PATTERN = 'http://[a-z0-9-]+\\.localhost:8010';

/**
 * A demo account, as the hub writes them in its data folder at start.
 */
export interface IDemoLogin {
  name: string;
  password: string;
  role: string;
}

/**
 * The login of a demo account (its password is random per start).
 */
export function demoLogin(name: string): IDemoLogin {
  const file = path.join(__dirname, '..', '.hub-data', 'demo-logins.json');
  const logins = JSON.parse(fs.readFileSync(file, 'utf8')) as IDemoLogin[];
  const login = logins.find(candidate => candidate.name === name);
  if (!login) {
    throw new Error(`no demo login named ${name}`);
  }
  return login;
}

/**
 * Expect axe-core to find no violation on the whole page.
 */
export async function expectNoAxeViolation(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map(
      v => `${v.id}: ${v.nodes.map(n => n.target).join(' ')}`
    )
  ).toEqual([]);
}

/**
 * Log in to the hub from the keyboard only: Tab to each field, Enter to send.
 */
export async function logInWithKeyboard(
  page: Page,
  login: IDemoLogin
): Promise<void> {
  await page.goto(`${HUB}/hub/login`);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Identifiant')).toBeFocused();
  await page.keyboard.type(login.name);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Mot de passe')).toBeFocused();
  await page.keyboard.type(login.password);
  await page.keyboard.press('Enter');
}

/**
 * Log in to the hub with the password form, and wait for the home page.
 */
export async function logIn(page: Page, login: IDemoLogin): Promise<void> {
  await page.goto(`${HUB}/hub/login`);
  await page.getByLabel('Identifiant').fill(login.name);
  await page.getByLabel('Mot de passe').fill(login.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${HUB}/hub/home`);
}

/**
 * A new browser context (French), logged in to the hub, on the user's JupyterLab with
 * a fresh workspace, once its launcher is shown.
 */
export async function openLab(browser: Browser, name: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await logIn(page, demoLogin(name));
  await page.goto(`${HUB}/user/${name}/lab?reset`);
  const user = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.waitForURL(new RegExp(`/user/${user}/lab`), { timeout: 90_000 });
  await expect(page.locator('#cdc-MainLogo')).toBeVisible({ timeout: 90_000 });
  await page.locator('.jp-Launcher').first().waitFor({ timeout: 60_000 });
  return page;
}

/**
 * Run a command from the palette by its French label, from the keyboard: Ctrl+Shift+C,
 * the label, Enter. Each step waits for the previous one, so that a busy machine does
 * not drop keystrokes typed before the palette has the focus.
 */
export async function runFromPalette(page: Page, label: string): Promise<void> {
  // A visible one: other tabs' notebooks are in the page, hidden (a pupil's work read
  // by the teacher is a view of its own, no notebook).
  await page
    .locator(
      '.jp-Launcher:visible, .jp-NotebookPanel:visible, .cdc-Review:visible'
    )
    .first()
    .waitFor();
  const palette = page.locator('#command-palette .lm-CommandPalette-input');
  await expect(async () => {
    await page.keyboard.press('Control+Shift+C');
    await expect(palette).toBeFocused({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  await page.keyboard.type(label);
  await expect(palette).toHaveValue(label);
  await expect(
    page.locator('#command-palette .lm-CommandPalette-item.lm-mod-active')
  ).toContainText(label);
  await page.keyboard.press('Enter');
}

/**
 * Move the focus to `target` with the Tab key only, as a keyboard user does; fails if
 * it is not reached within `maxPresses` (then it is not in the tab order).
 */
export async function tabTo(
  page: Page,
  target: Locator,
  maxPresses = 60
): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate(element => element === document.activeElement)) {
      return;
    }
  }
  throw new Error(`not reached with ${maxPresses} presses of Tab: ${target}`);
}

/**
 * The pupil's keyboard, counting every key press (a typed character is one).
 */
export class CountingKeyboard {
  constructor(private readonly _page: Page) {}

  presses = 0;
  characters = 0;

  get keystrokes(): number {
    return this.presses + this.characters;
  }

  async press(key: string): Promise<void> {
    this.presses++;
    await this._page.keyboard.press(key);
  }

  async type(text: string): Promise<void> {
    this.characters += text.length;
    await this._page.keyboard.type(text);
  }

  /**
   * Move the focus to `target` with Tab (or Shift+Tab), as a keyboard user does.
   */
  async tabTo(target: Locator, key = 'Tab', maxPresses = 60): Promise<void> {
    await target.waitFor();
    const focused = () =>
      target.evaluate(
        element =>
          element === document.activeElement ||
          element.contains(document.activeElement)
      );
    if (await focused()) {
      return;
    }
    for (let i = 0; i < maxPresses; i++) {
      await this.press(key);
      if (await focused()) {
        return;
      }
    }
    throw new Error(
      `not reached with ${maxPresses} presses of ${key}: ${target}`
    );
  }
}

/**
 * A notebook (nbformat 4.5, with cell ids) for the Python 3 kernel, from its cells'
 * sources: `{ code }` or `{ markdown }`.
 */
export function pythonNotebook(
  cells: readonly ({ code: string } | { markdown: string })[]
): INotebookContent {
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
    cells: cells.map((cell, i) =>
      'code' in cell
        ? {
            id: `cellule-${i + 1}`,
            cell_type: 'code',
            execution_count: null,
            metadata: {},
            outputs: [],
            source: cell.code
          }
        : {
            id: `cellule-${i + 1}`,
            cell_type: 'markdown',
            metadata: {},
            source: cell.markdown
          }
    )
  };
}

/**
 * What `pythonNotebook` writes.
 */
export interface INotebookContent {
  nbformat: number;
  nbformat_minor: number;
  metadata: { [key: string]: unknown };
  cells: {
    id: string;
    cell_type: string;
    source: string;
    [key: string]: unknown;
  }[];
}

/**
 * Write a text file in a user's home through their Jupyter server (folders first).
 */
export async function putFile(
  page: Page,
  user: string,
  path: string,
  text: string
): Promise<void> {
  await page.evaluate(
    async ({ user, path, text }) => {
      const xsrf = document.cookie.match('\\b_xsrf=([^;]*)\\b')?.[1] ?? '';
      const headers = {
        'Content-Type': 'application/json',
        'X-XSRFToken': xsrf
      };
      const url = (p: string) =>
        `/user/${user}/api/contents/${p.split('/').map(encodeURIComponent).join('/')}`;
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) {
        await fetch(url(parts.slice(0, i).join('/')), {
          method: 'PUT',
          headers,
          body: JSON.stringify({ type: 'directory' })
        });
      }
      const response = await fetch(url(path), {
        method: 'PUT',
        headers,
        body: JSON.stringify({ type: 'file', format: 'text', content: text })
      });
      if (!response.ok) {
        throw new Error(`PUT ${path}: ${response.status}`);
      }
    },
    { user, path, text }
  );
}

/**
 * The text of a file of a user's home.
 */
export async function getText(
  page: Page,
  user: string,
  path: string
): Promise<string> {
  return page.evaluate(
    async ({ user, path }) => {
      const response = await fetch(
        `/user/${user}/api/contents/${path.split('/').map(encodeURIComponent).join('/')}?type=file&format=text&content=1`
      );
      if (!response.ok) {
        return `HTTP ${response.status}`;
      }
      return ((await response.json()) as { content: string }).content;
    },
    { user, path }
  );
}

/**
 * Expect axe-core to find no violation in one part of the page.
 */
export async function expectNoAxeViolationIn(
  page: Page,
  selector: string
): Promise<void> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  expect(
    results.violations.map(
      v => `${v.id}: ${v.nodes.map(n => n.target).join(' ')}`
    )
  ).toEqual([]);
}

/**
 * The hub API as the signed-in user of a page's request context (their session
 * cookie and anti-CSRF token), from the test's side.
 */
export async function hubApi(request: APIRequestContext) {
  const me = await (await request.get(`${HUB}/hub/api/v1/me`)).json();
  const headers = { 'X-Candyce-XSRF': me.xsrfToken };
  return {
    /** A call that must succeed: its JSON answer. */
    call: async <T = { [key: string]: unknown }>(
      method: string,
      path: string,
      body?: unknown
    ): Promise<T> => {
      const response = await request.fetch(`${HUB}/hub/api/v1${path}`, {
        method,
        data: body,
        headers
      });
      expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(
        true
      );
      return (await response.json()) as T;
    },
    /** A call answered without a body: its status. */
    send: async (method: string, path: string): Promise<number> => {
      const response = await request.fetch(`${HUB}/hub/api/v1${path}`, {
        method,
        headers
      });
      return response.status();
    }
  };
}

/**
 * A call of the hub API made by the page itself, as JupyterLab makes it (the
 * browser's cookies, its `Accept-Language`, the session's anti-CSRF token): its
 * status and parsed answer, whatever the status. On the page's own origin: a hub page's
 * is the hub's; a JupyterLab page's is its server's, where the hub answers the server's
 * owner with that origin's cookie (a page of a server never reads the hub's origin).
 */
export async function hubCallFromPage(
  page: Page,
  method: string,
  path: string,
  body?: unknown
): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ([base, method, path, body]) => {
      const me = await (await fetch(`${base}/me`)).json();
      const answer = await fetch(`${base}${path}`, {
        method,
        headers: {
          'Content-Type': 'application/json',
          'X-Candyce-XSRF': me.xsrfToken
        },
        body: body === undefined ? undefined : JSON.stringify(body)
      });
      const text = await answer.text();
      return { status: answer.status, body: text ? JSON.parse(text) : null };
    },
    ['/hub/api/v1', method, path, body] as const
  );
}

/** A notebook as the contents API takes it in base64. */
export function notebookBase64(notebook: object): string {
  return Buffer.from(JSON.stringify(notebook)).toString('base64');
}
