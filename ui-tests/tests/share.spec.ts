import { expect, test } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';

import {
  demoLogin,
  expectNoAxeViolationIn,
  HUB,
  hubCallFromPage,
  logIn,
  putFile,
  pythonNotebook,
  tabTo
} from './fixtures';

/**
 * « Partager » through the hub (issue 19, point 4), on the servers' own origins (the
 * hub's default, `<name>.localhost:8010`): a pupil's JupyterLab offers Candyce's share
 * dialog instead of jupyter-collaboration's token link; it is French, keyboard-operable
 * and axe-clean at 1366×768, gives the link through the hub and who may enter with the
 * hub's names and colours. The collaboration panel speaks French with the hub's name.
 * Another pupil following the link is refused at the hub. The pupil's server, started
 * here, is stopped at the end.
 */
const PUPIL = 'eleve3';
const DISPLAY_NAME = 'Chloé Petit';
const VIEWPORT = { width: 1366, height: 768 };

test.describe('« Partager » and the collaborators, with the hub’s names, in French', () => {
  test.setTimeout(300_000);
  let path: string;

  test.beforeAll(() => {
    path = `partage-${Date.now().toString(36)}/TP partagé.ipynb`;
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

  test('a browser that comes by 127.0.0.1 is sent to the hub’s name', async ({
    browser
  }) => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto('http://127.0.0.1:8010/hub/login');
    expect(page.url()).toBe(`${HUB}/hub/login`);
    await expect(page.getByLabel('Identifiant')).toBeVisible();
    await context.close();
  });

  test('the share dialog gives the link through the hub and who may enter, from the keyboard', async ({
    browser
  }) => {
    const page = await openNotebook(browser, path);
    const origin = new URL(page.url()).origin;
    expect(origin).toBe('http://eleve3.localhost:8010');
    // jupyter-collaboration's link with the server's token is not offered.
    await expect(
      page.locator('[data-command="collaboration:shared-link"]')
    ).toHaveCount(0);

    const share = page.getByRole('button', { name: 'Partager', exact: true });
    await expect(share).toBeVisible();
    // From the top of the page, as a keyboard user starts (the button is a web
    // component: the focus is on its host).
    await page.evaluate(() => (document.activeElement as HTMLElement)?.blur());
    await tabTo(page, page.locator('#cdc-ShareButton jp-button'), 120);
    await page.keyboard.press('Enter');

    const dialog = page.locator('.jp-Dialog');
    await expect(dialog.locator('.jp-Dialog-header')).toHaveText(
      'Partager cet espace de travail'
    );
    const link = dialog.getByLabel('Lien vers ce document');
    await expect(link).toBeFocused();
    const expected = `${HUB}/user/${PUPIL}/lab/tree/${path
      .split('/')
      .map(encodeURIComponent)
      .join('/')}`;
    await expect(link).toHaveValue(expected);

    const person = dialog.locator('.cdc-Share-person');
    await expect(person).toHaveCount(1);
    await expect(person.locator('.cdc-Share-name')).toHaveText(DISPLAY_NAME);
    await expect(person.locator('.cdc-Share-why')).toHaveText(
      'propriétaire de l’espace de travail (moi)'
    );
    // The colour and initials of her cursor, as her server has them from the hub.
    const identity = await page.evaluate(async user => {
      const me = await (await fetch(`/user/${user}/api/me`)).json();
      return me.identity as { color: string; initials: string };
    }, PUPIL);
    const avatar = person.locator('.cdc-Share-avatar');
    await expect(avatar).toHaveText(identity.initials);
    await expect(avatar).toHaveCSS('background-color', rgb(identity.color));

    // Copy, from the keyboard: Enter in the link, or « Copier le lien »; the status
    // says so and the dialog stays.
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('status')).toHaveText('Lien copié.');
    const copy = dialog.getByRole('button', { name: 'Copier le lien' });
    await tabTo(page, copy, 5);
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(1);
    await expect(dialog.getByRole('button', { name: 'Fermer' })).toBeVisible();
    for (const english of ['Share', 'Copy', 'token', 'Anyone', 'Loading']) {
      await expect(dialog).not.toContainText(english);
    }
    await expectNoAxeViolationIn(page, '.jp-Dialog');
    await page.screenshot({ path: '/tmp/shots/share-dialog.png' });

    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    // Closed for good (one dialog, however the key reached the button), the focus
    // back on « Partager ».
    await page.waitForTimeout(500);
    await expect(dialog).toHaveCount(0);
    await expect(page.locator('#cdc-ShareButton jp-button')).toBeFocused();

    // The link opens the same document for its owner: through the hub, back here.
    const again = await page.context().newPage();
    await again.goto(expected);
    await again.waitForURL(
      url => url.origin === origin && url.pathname.includes('/lab/tree/'),
      { timeout: 60_000 }
    );
    await expect(again.locator('.jp-NotebookPanel:visible')).toHaveCount(1, {
      timeout: 60_000
    });
    await again.close();
    await page.context().close();
  });

  test('the collaboration panel says French, with the hub’s name', async ({
    browser
  }) => {
    const page = await openNotebook(browser, path);
    await page
      .locator('.jp-SideBar [data-id="jp-collaboration-panel"]')
      .click();
    const panel = page.locator('#jp-collaboration-panel');
    await expect(panel).toBeVisible();
    const titles = panel.locator('.jp-AccordionPanel-title');
    await expect(titles).toHaveText([
      /Informations utilisateur/,
      /Collaborateurs en ligne/
    ]);
    // Her avatar there: the hub's initials, its name the hub's display name.
    const me = panel.locator(`[title="${DISPLAY_NAME}"]`).first();
    await expect(me).toBeVisible();
    await expect(me).toHaveText('CP');
    for (const english of ['User info', 'Online Collaborators', 'Anonymous']) {
      await expect(panel).not.toContainText(english);
    }
    // Its tab in the left bar is named in French too.
    await expect(
      page.locator('.jp-SideBar [data-id="jp-collaboration-panel"]')
    ).toHaveAttribute('title', 'Collaboration');
    await page.screenshot({ path: '/tmp/shots/share-collaborators.png' });
    await page.context().close();
  });

  test('another pupil who follows the link is refused at the hub, in French', async ({
    browser
  }) => {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: VIEWPORT
    });
    const page = await context.newPage();
    await logIn(page, demoLogin('eleve1'));
    const refused = await page.goto(`${HUB}/user/${PUPIL}/lab/tree/x.ipynb`);
    expect(refused?.status()).toBe(403);
    expect(new URL(page.url()).origin).toBe(HUB);
    await expect(page.getByRole('alert')).toContainText(
      'Cet espace de travail n’est pas le vôtre.'
    );
    // Who may enter is not told to her either (asked with her session: the refusal
    // page's own policy lets it call nothing).
    const people = await page.request.get(
      `${HUB}/hub/api/v1/users/${PUPIL}/server/people`
    );
    expect(people.status()).toBe(403);
    await page.screenshot({ path: '/tmp/shots/share-refused.png' });
    await context.close();
  });
});

/** The pupil, at 1366×768, on a notebook of her own in a fresh workspace. */
async function openNotebook(browser: Browser, path: string): Promise<Page> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: VIEWPORT
  });
  const page = await context.newPage();
  await logIn(page, demoLogin(PUPIL));
  await page.goto(`${HUB}/user/${PUPIL}/lab?reset`);
  await page.locator('.jp-Launcher').first().waitFor({ timeout: 120_000 });
  await putFile(
    page,
    PUPIL,
    path,
    JSON.stringify(pythonNotebook([{ markdown: '# Partage' }, { code: '' }]))
  );
  const tree = path.split('/').map(encodeURIComponent).join('/');
  await page.goto(`${HUB}/user/${PUPIL}/lab/tree/${tree}`);
  await expect(page.locator('.jp-NotebookPanel:visible .jp-Cell')).toHaveCount(
    2,
    { timeout: 60_000 }
  );
  return page;
}

/** `#rrggbb` as the browser writes a computed colour. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map(at => parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
