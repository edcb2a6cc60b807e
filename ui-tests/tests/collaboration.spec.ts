import { expect, test } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';

import {
  demoLogin,
  getText,
  HUB,
  hubCallFromPage,
  logIn,
  putFile,
  pythonNotebook
} from './fixtures';

/**
 * Real-time collaboration through the hub (issue 19, points 4 and 5): one pupil's
 * notebook open in two browser contexts of her account (what a group or a teacher's
 * live help will do with two people). Edits converge both ways; the other side's cursor
 * carries the hub's display name and colour, never « Anonymous »; Ctrl+S saves to the
 * file on disk; a dropped WebSocket and a server restart (hub API stop/start) neither
 * lose an acknowledged edit nor duplicate a cell. The hub restart is tried in the hub's
 * own tests (hub/test/collaborationRestart.spec.ts). Each test writes its own notebook;
 * the pupil's server, started here, is stopped at the end.
 */
const PUPIL = 'eleve4';
const DISPLAY_NAME = 'Nathan Durand';
const LAB = `${HUB}/user/${PUPIL}/lab`;

test.describe('Real-time collaboration through the hub', () => {
  test.setTimeout(300_000);
  let folder: string;

  test.beforeAll(() => {
    folder = `partage-${Date.now().toString(36)}`;
  });

  test.afterAll(async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await logIn(page, demoLogin(PUPIL));
    const stop = await hubCallFromPage(
      page,
      'DELETE',
      `/users/${PUPIL}/server`
    );
    expect([204, 409]).toContain(stop.status);
    await context.close();
  });

  test('edits converge both ways, with the real name and colour on the cursor, and Ctrl+S saves', async ({
    browser
  }) => {
    const path = await newNotebook(browser, folder, 'convergence.ipynb');
    const a = await openNotebook(browser, 'a', path);
    const b = await openNotebook(browser, 'b', path);

    await typeAtEnd(a, 1, '  # écrit par A');
    await expect(cell(b, 1)).toContainText('# écrit par A');
    await typeAtEnd(b, 2, "y = 'écrit par B'");
    await expect(cell(a, 2)).toContainText("y = 'écrit par B'");

    // A's cursor as B sees it: the hub's display name, initials and colour.
    const identity = await a.evaluate(async user => {
      const me = await (await fetch(`/user/${user}/api/me`)).json();
      return me.identity as { display_name: string; color: string };
    }, PUPIL);
    expect(identity.display_name).toBe(DISPLAY_NAME);
    // CodeMirror may put the flags (tooltips) outside the cell: look in the page.
    const flag = b.locator('.jp-remote-userFlag').first();
    await expect(flag.locator('.jp-remote-userFlag-name')).toHaveText(
      DISPLAY_NAME
    );
    await expect(flag.locator('.jp-remote-userFlag-avatar')).toHaveText('ND');
    await expect(flag.locator('.jp-remote-userFlag-avatar')).toHaveCSS(
      'background-color',
      rgb(identity.color)
    );
    await expect(a.locator('.jp-remote-userFlag-name').first()).toHaveText(
      DISPLAY_NAME
    );
    for (const page of [a, b]) {
      await expect(page.getByText('Anonymous')).toHaveCount(0);
    }

    // Ctrl+S in collaborative mode (jupyter-collaboration#219: « save disabled »).
    await a.keyboard.press('Control+s');
    await expect(a.locator('.jp-mod-dirty')).toHaveCount(0);
    await expect(a.locator('.jp-Dialog')).toHaveCount(0);
    await expect
      .poll(async () => sourcesOnDisk(a, path), { timeout: 20_000 })
      .toEqual(['# Partage', 'x = 1  # écrit par A', "y = 'écrit par B'"]);
    await closeAll(a, b);
  });

  test('a dropped WebSocket then a reconnect: nothing lost, nothing duplicated', async ({
    browser
  }) => {
    const path = await newNotebook(browser, folder, 'coupure.ipynb');
    const a = await openNotebook(browser, 'a', path);
    const b = await openNotebook(browser, 'b', path);
    await typeAtEnd(a, 1, '  # avant la coupure');
    await expect(cell(b, 1)).toContainText('# avant la coupure');

    // B loses the network: its room's socket closes and cannot come back.
    await b.context().setOffline(true);
    await closeRoomSockets(b);
    await typeAtEnd(a, 2, 'a = "pendant la coupure (A)"');
    await typeAtEnd(b, 0, ' (pendant la coupure, B)');
    await b.waitForTimeout(1500);
    await expect(cell(b, 2)).not.toContainText('pendant la coupure (A)');

    // Back online: each side has both edits, once, and the same cells.
    await b.context().setOffline(false);
    const expected = [
      '# Partage (pendant la coupure, B)',
      'x = 1  # avant la coupure',
      'a = "pendant la coupure (A)"'
    ];
    for (const page of [a, b]) {
      await expect
        .poll(() => sourcesOf(page), { timeout: 60_000 })
        .toEqual(expected);
    }
    // What a fresh load and the file get.
    await b.reload();
    await waitForNotebook(b, 3);
    expect(await sourcesOf(b)).toEqual(expected);
    await a.keyboard.press('Control+s');
    await expect
      .poll(async () => sourcesOnDisk(a, path), { timeout: 20_000 })
      .toEqual(expected);
    await closeAll(a, b);
  });

  test('a server restart during the session keeps the edits and duplicates nothing', async ({
    browser
  }) => {
    const path = await newNotebook(browser, folder, 'redemarrage.ipynb');
    const a = await openNotebook(browser, 'a', path);
    const b = await openNotebook(browser, 'b', path);
    await typeAtEnd(a, 1, '  # avant le redémarrage');
    // Acknowledged: B has it, so the server has it. No Ctrl+S: the stop must not
    // drop the room's pending save.
    await expect(cell(b, 1)).toContainText('# avant le redémarrage');

    expect(
      (await hubCallFromPage(a, 'DELETE', `/users/${PUPIL}/server`)).status
    ).toBe(204);
    const expected = ['# Partage', 'x = 1  # avant le redémarrage', ''];
    expect(
      (await hubCallFromPage(a, 'POST', `/users/${PUPIL}/server`)).status
    ).toBe(202);
    await expect
      .poll(
        // From the page, on the server's origin (its cookie is there).
        async () =>
          a.evaluate(
            async url => (await fetch(url)).status,
            `/user/${PUPIL}/api/status`
          ),
        { timeout: 120_000 }
      )
      .toBe(200);
    // The file as the stopped server left it.
    expect(await sourcesOnDisk(a, path)).toEqual(expected);
    await a.screenshot({ path: '/tmp/shots/collaboration-after-restart.png' });

    // Both reload (JupyterLab asks to, its session being gone); the document comes
    // back once, and edits flow again.
    for (const page of [a, b]) {
      await page.reload();
      await waitForNotebook(page, 3);
      expect(await sourcesOf(page)).toEqual(expected);
    }
    await typeAtEnd(b, 2, 'z = "après le redémarrage"');
    await expect(cell(a, 2)).toContainText('après le redémarrage');
    expect(await sourcesOf(a)).toEqual([
      '# Partage',
      'x = 1  # avant le redémarrage',
      'z = "après le redémarrage"'
    ]);
    await closeAll(a, b);
  });
});

/** Write a new notebook of three cells for the pupil (her server started first). */
async function newNotebook(
  browser: Browser,
  folder: string,
  name: string
): Promise<string> {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await logIn(page, demoLogin(PUPIL));
  // The lab page starts the server if need be, and sets JupyterLab's anti-CSRF cookie.
  await page.goto(`${LAB}?reset`);
  await page.locator('.jp-Launcher').first().waitFor({ timeout: 120_000 });
  const path = `${folder}/${name}`;
  await putFile(
    page,
    PUPIL,
    path,
    JSON.stringify(
      pythonNotebook([
        { markdown: '# Partage' },
        { code: 'x = 1' },
        { code: '' }
      ])
    )
  );
  await context.close();
  return path;
}

/** A new context of the pupil, on the notebook, in a JupyterLab workspace of its own. */
async function openNotebook(
  browser: Browser,
  workspace: string,
  path: string
): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR' });
  // Every WebSocket of the page, so that a test can close the room's.
  await context.addInitScript(() => {
    const Native = window.WebSocket;
    const sockets: WebSocket[] = [];
    (window as unknown as { cdcSockets: WebSocket[] }).cdcSockets = sockets;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        sockets.push(this);
      }
    };
  });
  const page = await context.newPage();
  await logIn(page, demoLogin(PUPIL));
  await page.goto(`${LAB}/workspaces/${workspace}/tree/${path}?reset`);
  await waitForNotebook(page, 3);
  return page;
}

async function waitForNotebook(page: Page, cells: number): Promise<void> {
  await expect(page.locator('.jp-NotebookPanel:visible .jp-Cell')).toHaveCount(
    cells,
    { timeout: 120_000 }
  );
  // The shared document is there once the first cell shows its source.
  await expect(cell(page, 0)).toContainText('Partage', { timeout: 60_000 });
}

function cell(page: Page, index: number) {
  return page.locator('.jp-NotebookPanel:visible .jp-Cell').nth(index);
}

/** Put the cursor at the end of a cell's source and type there. */
async function typeAtEnd(page: Page, index: number, text: string) {
  const target = cell(page, index);
  // A rendered Markdown cell shows its editor on a double click.
  if (await target.locator('.jp-MarkdownOutput:visible').count()) {
    await target.locator('.jp-MarkdownOutput').dblclick();
  }
  await target.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
  await expect(target.locator('.cm-content')).toContainText(text.trim());
}

/** The cells' sources as the page's editors show them. */
async function sourcesOf(page: Page): Promise<string[]> {
  const cells = page.locator('.jp-NotebookPanel:visible .jp-Cell');
  const sources: string[] = [];
  for (let i = 0; i < (await cells.count()); i++) {
    const lines = await cells
      .nth(i)
      .locator('.cm-content .cm-line')
      .allTextContents();
    sources.push(lines.join('\n'));
  }
  return sources;
}

/** The cells' sources in the file on disk (contents API). */
async function sourcesOnDisk(page: Page, path: string): Promise<string[]> {
  const read = await getText(page, PUPIL, path);
  if (read.startsWith('HTTP ')) {
    return [read];
  }
  const notebook = JSON.parse(read) as {
    cells: { source: string | string[] }[];
  };
  return notebook.cells.map(c =>
    Array.isArray(c.source) ? c.source.join('') : c.source
  );
}

async function closeRoomSockets(page: Page): Promise<void> {
  const closed = await page.evaluate(() => {
    const sockets = (window as unknown as { cdcSockets: WebSocket[] })
      .cdcSockets;
    const rooms = sockets.filter(
      socket =>
        socket.url.includes('/api/collaboration/room/json:notebook:') &&
        socket.readyState === WebSocket.OPEN
    );
    rooms.forEach(socket => socket.close());
    return rooms.length;
  });
  expect(closed).toBeGreaterThan(0);
}

async function closeAll(...pages: Page[]): Promise<void> {
  for (const page of pages) {
    await page.context().close();
  }
}

/** `#rrggbb` as the browser writes a computed colour. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map(at => parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
