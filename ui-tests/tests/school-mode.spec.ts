import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

import {
  CountingKeyboard,
  demoLogin,
  expectNoAxeViolationIn,
  HUB,
  hubApi,
  logIn,
  runFromPalette
} from './fixtures';

/**
 * School mode (issue 18) in Chromium, through the hub: a CM2 teacher turns school mode
 * on for her class, makes a class-code card for a pupil and hands out a notebook; the
 * pupil goes from her card's address to « Rendre mon travail » with the keyboard only:
 * her code, « Mes devoirs » (where she lands), « Récupérer », the cells run with
 * Shift+Enter, a NameError explained in French under its traceback, her answer typed,
 * « Rendre mon travail ». The keystrokes and clicks of her journey are counted and
 * reported (`school-mode journey` annotation); she never clicks. After it, the skip
 * links take her to « Mes devoirs », which says « tu » (« Tape le code que ton
 * professeur t’a donné. ») and never « vous ». Then the teacher
 * previews the mode (« Voir comme un élève ») and goes back to the full JupyterLab.
 */
test.describe('School mode', () => {
  test.setTimeout(600_000);

  test('a CM2 pupil goes from her card to « Rendre mon travail » with the keyboard only', async ({
    browser
  }, testInfo) => {
    const stamp = Date.now().toString(36);
    const title = `La table de 7 ${stamp}`;

    // The teacher prepares, through the hub's API: a CM2 class in school mode, a
    // class-code card for Jade, a notebook handed out to the class.
    const teacherContext = await browser.newContext({ locale: 'fr-FR' });
    const teacherPage = await teacherContext.newPage();
    await logIn(teacherPage, demoLogin('m.curie'));
    const api = await hubApi(teacherPage.request);
    const klass = await api.call<{ id: string }>('POST', '/classes', {
      name: `CM2 ${stamp}`,
      level: 'CM2'
    });
    expect(
      await api.call('PUT', `/classes/${klass.id}/school-mode`, {
        schoolMode: true
      })
    ).toEqual({ schoolMode: true });
    const codes = await api.call<{
      loginUrl: string;
      pupils: { name: string; code: string }[];
    }>('POST', `/classes/${klass.id}/codes`, {
      pupils: [{ displayName: 'Jade Leroy' }]
    });
    const card: { name: string; code: string } = codes.pupils[0];
    const loginUrl: string = codes.loginUrl;
    await api.call('POST', '/assignments', {
      title,
      classIds: [klass.id],
      source: {
        home: {
          path: 'table7.ipynb',
          files: [
            {
              path: 'table7.ipynb',
              content: Buffer.from(JSON.stringify(NOTEBOOK)).toString('base64')
            }
          ]
        }
      }
    });

    // The pupil, in a browser of her own, with the keyboard only.
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const keys = new CountingKeyboard(page);
    // Every pointer press of the pupil's pages (hub and JupyterLab) is counted.
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
    page.on('request', request => {
      // No request leaves the machine (the hub and its servers' origins on loopback).
      expect(new URL(request.url()).hostname).toMatch(
        /^(127\.0\.0\.1|localhost|[a-z0-9-]+\.localhost)$/
      );
    });
    try {
      // Her card's address; her code; Enter.
      await page.goto(loginUrl);
      await keys.tabTo(page.getByLabel('Tape ton code'));
      await keys.type(card.code);
      await keys.press('Enter');

      // She lands in her JupyterLab in school mode, in « Mes devoirs ».
      // (Her path, not the start page's `?next=` naming it.)
      await page.waitForURL(
        url => url.pathname.startsWith(`/user/${card.name}/lab`),
        { timeout: 120_000 }
      );
      // The start page on her way says « tu » too: hub/test/lifecycle.spec.ts reads it
      // while the start is held (here it may last less than its first answer).
      const bar = page.locator('#cdc-school-bar');
      await expect(bar).toBeVisible({ timeout: 90_000 });
      const mine = page.locator('#cdc-assignments');
      await expect(mine).toBeVisible({ timeout: 30_000 });
      await expect(
        mine.getByRole('heading', { name: 'Mes devoirs' })
      ).toBeVisible();
      const item = mine.getByRole('listitem').filter({
        has: page.getByRole('heading', { name: title })
      });
      await expect(item).toBeVisible({ timeout: 30_000 });

      // What school mode hides: menus, status bar, other side panels, the right side
      // bar (debugger…); the fonts are larger.
      await page.screenshot({ path: 'test-results/school-mode-landing.png' });
      await expect(page.locator('#jp-MainMenu')).toBeHidden();
      await expect(page.locator('.jp-StatusBar-Widget').first()).toBeHidden();
      await expect(
        page.locator('.jp-SideBar.jp-mod-left .lm-TabBar-tab:visible')
      ).toHaveCount(1);
      await expect(
        page.locator('.jp-SideBar.jp-mod-left .lm-TabBar-tab:visible')
      ).toHaveAttribute('data-id', 'cdc-assignments');
      await expect(page.locator('.jp-SideBar.jp-mod-right')).toBeHidden();
      expect(
        await page.evaluate(() =>
          getComputedStyle(document.body)
            .getPropertyValue('--jp-content-font-size1')
            .trim()
        )
      ).toBe('18px');
      await expect(
        bar.getByRole('button', { name: '▶ Exécuter' })
      ).toBeVisible();
      await expect(
        bar.getByRole('button', { name: 'Tout exécuter' })
      ).toBeVisible();
      await expect(
        bar.getByRole('button', { name: 'Rendre mon travail' })
      ).toBeVisible();
      // A pupil of a class in school mode cannot leave it.
      await expect(
        bar.getByRole('button', { name: 'Revenir à JupyterLab complet' })
      ).toBeHidden();
      await expectNoAxeViolationIn(page, '#cdc-school-bar');
      await expectNoAxeViolationIn(page, '#cdc-assignments');

      // « Récupérer », reached with Tab: the notebook opens, alone.
      const fetch = item.getByRole('button', {
        name: 'Récupérer',
        exact: true
      });
      await keys.tabTo(fetch);
      await keys.press('Enter');
      const notebook = page.locator('.jp-NotebookPanel:visible');
      await expect(notebook).toBeVisible({ timeout: 30_000 });
      await expect(notebook.locator('.jp-Cell')).toHaveCount(3);
      // The notebook's own toolbar, with its kernel's name, is not shown.
      await expect(notebook.locator('.jp-Toolbar').first()).toBeHidden();
      await expect(page.locator('.jp-KernelName:visible')).toHaveCount(0);

      // She waits for the notebook's kernel, as the hub starts it.
      await expect
        .poll(() => kernelState(page, card.name), { timeout: 120_000 })
        .toBe('idle');

      // Into the notebook (Tab), then the cells run one by one with Shift+Enter: the
      // last one uses the answer she has not written yet.
      await keys.tabTo(notebook.locator('.jp-Notebook'));
      await expect(notebook.locator('.jp-Cell').first()).toHaveClass(
        /jp-mod-active/
      );
      for (let i = 0; i < 3; i++) {
        await keys.press('Shift+Enter');
      }
      // The print cell (Shift+Enter on the last cell added an empty one below).
      const last = notebook.locator('.jp-CodeCell').nth(1);
      await expect(
        last.locator(
          '.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]'
        )
      ).toContainText('NameError', {
        timeout: 90_000
      });
      const note = last.locator('.cdc-ErrorNote');
      await expect(note).toContainText('Ce que veut dire cette erreur');
      await expect(note).toContainText(
        'Python ne connaît pas le nom « reponse ».'
      );
      await expect(note).toContainText(
        'As-tu exécuté les cellules au-dessus ?'
      );
      await page.screenshot({
        path: 'test-results/school-mode-error-note.png'
      });
      await expectNoAxeViolationIn(page, '.cdc-ErrorNote');

      // Back to the empty cell (Escape, ↑ ↑: Shift+Enter on the last cell added one
      // below), her answer, Shift+Enter twice.
      await keys.press('Escape');
      await keys.press('ArrowUp');
      await keys.press('ArrowUp');
      await keys.press('Enter');
      await keys.type('reponse = 7 * 8');
      await keys.press('Shift+Enter');
      await keys.press('Shift+Enter');
      await expect(last.locator('.jp-OutputArea-output')).toContainText(
        '7 x 8 = 56',
        { timeout: 30_000 }
      );
      // The explanation went with the error.
      await expect(note).toHaveCount(0);

      // « Rendre mon travail », reached with Shift+Tab from the notebook.
      await keys.press('Escape');
      const handIn = bar.getByRole('button', { name: 'Rendre mon travail' });
      await keys.tabTo(handIn, 'Shift+Tab');
      await keys.press('Enter');
      await expect(bar.getByRole('status')).toContainText(
        /Rendu le .+ \(version 1\)\./,
        { timeout: 30_000 }
      );

      const journey = {
        keystrokes: keys.keystrokes,
        keyPresses: keys.presses,
        typedCharacters: keys.characters,
        clicks
      };
      testInfo.annotations.push({
        type: 'school-mode journey',
        description: JSON.stringify(journey)
      });
      console.log(`school-mode journey: ${JSON.stringify(journey)}`);
      expect(clicks).toBe(0);

      // After the journey (not counted): the skip links work in school mode, and
      // « Mes devoirs » says « tu », as her card does. From the top of the page, the
      // first Tab is « Aller au document », the second « Aller au panneau latéral »,
      // whose Enter takes her to « Mes devoirs »; there, Enter on an empty code.
      await page.evaluate(() => {
        document.body.tabIndex = -1;
        document.body.focus();
        document.body.removeAttribute('tabindex');
      });
      await page.keyboard.press('Tab');
      await expect(
        page.getByRole('link', { name: 'Aller au document' })
      ).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(
        page.getByRole('link', { name: 'Aller au panneau latéral' })
      ).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(
        mine.getByRole('heading', { name: 'Mes devoirs' })
      ).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(mine.getByLabel('Rejoindre avec un code')).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(mine).toContainText(
        'Tape le code que ton professeur t’a donné.'
      );
      const said = await mine.innerText();
      expect(said).not.toMatch(/\b(vous|votre|vos)\b/i);
      expect(said).toMatch(/\b(tu|ton|ta|tes)\b/i);
      await expectNoAxeViolationIn(page, '#cdc-assignments');
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.screenshot({ path: 'test-results/school-mes-devoirs.png' });
    } finally {
      await context.close();
    }

    // Her teacher sees it handed in.
    const assignments = await api.call<{
      teaching: { id: string; title: string }[];
    }>('GET', '/assignments');
    const handedOut = assignments.teaching.find(a => a.title === title)!;
    const progress = await api.call(
      'GET',
      `/assignments/${handedOut.id}/progress`
    );
    expect(JSON.stringify(progress)).toContain('Jade Leroy');
    expect(JSON.stringify(progress)).toContain('"submitted"');

    // The teacher previews what her pupils see, and goes back.
    await teacherPage.goto(`${HUB}/user/m.curie/lab?reset`);
    await expect(teacherPage.locator('#jp-MainMenu')).toBeVisible({
      timeout: 120_000
    });
    await expect(teacherPage.locator('#cdc-school-bar')).toBeHidden();
    await runFromPalette(teacherPage, 'Voir comme un élève');
    const teacherBar = teacherPage.locator('#cdc-school-bar');
    await expect(teacherBar).toBeVisible();
    await expect(teacherPage.locator('#jp-MainMenu')).toBeHidden();
    const back = teacherBar.getByRole('button', {
      name: 'Revenir à JupyterLab complet'
    });
    await back.click();
    await expect(teacherBar).toBeHidden();
    await expect(teacherPage.locator('#jp-MainMenu')).toBeVisible();
    await expect(teacherPage.locator('.jp-SideBar.jp-mod-right')).toBeVisible();
    await teacherContext.close();
  });
});

/**
 * A CM2 notebook: the table of 7, an empty cell for the pupil's answer, and a cell
 * that prints it.
 */
const NOTEBOOK = {
  cells: [
    {
      id: 'consigne',
      cell_type: 'markdown',
      metadata: {},
      source: 'La table de 7 : écris `reponse = 7 * 8` dans la cellule vide.'
    },
    {
      id: 'reponse',
      cell_type: 'code',
      metadata: {},
      source: '',
      outputs: [],
      execution_count: null
    },
    {
      id: 'affichage',
      cell_type: 'code',
      metadata: {},
      source: "print('7 x 8 =', reponse)",
      outputs: [],
      execution_count: null
    }
  ],
  metadata: {
    kernelspec: {
      name: 'python3',
      display_name: 'Python 3',
      language: 'python'
    }
  },
  nbformat: 4,
  nbformat_minor: 5
};

/**
 * The execution state of the kernel of a user's open notebook, or null.
 */
async function kernelState(page: Page, user: string): Promise<string | null> {
  return page.evaluate(async user => {
    const response = await fetch(`/user/${user}/api/sessions`);
    const sessions = (await response.json()) as {
      path: string;
      kernel: { execution_state: string } | null;
    }[];
    return (
      sessions.find(s => s.path.endsWith('table7.ipynb'))?.kernel
        ?.execution_state ?? null
    );
  }, user);
}
