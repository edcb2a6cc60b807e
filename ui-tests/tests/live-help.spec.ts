/**
 * Live help (issue 19, point 3) in Chromium, on a hub of this spec's own (port 8023,
 * subdomain mode, its own data): a pupil asks for help on a notebook (read-only), her
 * teacher, working in her own JupyterLab, is told at once and clicks « Rejoindre » in
 * the notification, which opens the pupil's notebook on the pupil's server's origin;
 * a banner tells her she may only look, the cells take no input and no kernel is
 * asked for; the pupil sees her there and ends the help; the teacher's « Rejoindre » on the hub's
 * home page is refused afterwards, and a teacher of another class is refused all along.
 */
import { Page } from '@playwright/test';

import {
  expect,
  expectNoAxeViolation,
  expectNoAxeViolationIn,
  notebookBase64,
  test
} from './fixtures';
import { IOwnHub, startOwnHub } from './ownHub';

const PORT = 8023;
const SHOTS = '/tmp/shots';

/** The pupil's notebook: one cell, a question. */
const NOTEBOOK = {
  cells: [
    {
      cell_type: 'code',
      execution_count: null,
      id: 'question-2',
      metadata: {},
      outputs: [],
      source: 'print(1 / 0)  # question 2'
    }
  ],
  metadata: {},
  nbformat: 4,
  nbformat_minor: 5
};

let hub: IOwnHub;

/** A call of the hub's API from a hub page, with the session's anti-CSRF token. */
function hubPost(page: Page, url: string) {
  return page.evaluate(async target => {
    const me = await fetch('/hub/api/v1/me').then(r => r.json());
    const answer = await fetch(target, {
      method: 'POST',
      headers: { 'X-Candyce-XSRF': me.xsrfToken }
    });
    return { status: answer.status, body: await answer.json() };
  }, url);
}

/**
 * No kernel is needed to ask for or give help: JupyterLab's kernel choice (the notebook
 * names none) is dismissed.
 */
async function dismissKernelChoice(page: Page): Promise<void> {
  const kernelChoice = page.locator('.jp-Dialog', {
    hasText: 'Sélectionnez le noyau'
  });
  await kernelChoice.waitFor({ timeout: 20_000 }).catch(() => undefined);
  if (await kernelChoice.isVisible()) {
    await page.keyboard.press('Escape');
    await expect(kernelChoice).toBeHidden();
  }
}

/** « Ouvrir mon espace de travail » on the hub's home page, until JupyterLab is up. */
async function openWorkspace(page: Page, name: string): Promise<void> {
  await page
    .getByRole('link', { name: 'Ouvrir mon espace de travail' })
    .click();
  await page.waitForURL(
    url =>
      url.hostname.endsWith('.localhost') &&
      url.pathname.startsWith(`/user/${name}/lab`),
    { timeout: 120_000 }
  );
  await expect(page.locator('#cdc-MainLogo')).toBeVisible({ timeout: 90_000 });
}

test.describe('live help', () => {
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    hub = await startOwnHub(PORT);
  });

  test.afterAll(async () => {
    await hub?.stop();
  });

  test('a teacher joins a pupil’s notebook on her request, and only then', async ({
    browser
  }) => {
    test.setTimeout(360_000);
    const pupilOrigin = hub.serverOrigin('eleve1');
    // The pupil and her teacher open their workspaces (the servers start side by side);
    // the teacher keeps a hub page open too, where news also arrives.
    const pupil = await hub.signIn(browser, 'eleve1');
    const teacher = await hub.signIn(browser, 'm.curie');
    const teacherLab = await teacher.context.newPage();
    await teacherLab.goto(`${hub.origin}/hub/home`);
    await Promise.all([
      openWorkspace(pupil.page, 'eleve1'),
      openWorkspace(teacherLab, 'm.curie')
    ]);
    await pupil.page.evaluate(async content => {
      const xsrf = document.cookie.match(/_xsrf=([^;]+)/)?.[1] ?? '';
      await fetch('/user/eleve1/api/contents/aide-en-direct.ipynb', {
        method: 'PUT',
        headers: { 'X-XSRFToken': decodeURIComponent(xsrf) },
        body: JSON.stringify({ type: 'file', format: 'base64', content })
      });
    }, notebookBase64(NOTEBOOK));
    await pupil.page.goto(
      `${pupilOrigin}/user/eleve1/lab/tree/aide-en-direct.ipynb`
    );
    const ask = pupil.page.getByRole('button', { name: 'Demander de l’aide' });
    await expect(ask).toBeVisible({ timeout: 90_000 });
    await dismissKernelChoice(pupil.page);

    // « Demander de l'aide »; in the dialog, the keyboard moves between the choices.
    await ask.click();
    const dialog = pupil.page.locator('.jp-Dialog');
    await expect(dialog.getByRole('group')).toContainText(
      'Que peut faire votre enseignant ?'
    );
    await expect(
      dialog.getByRole('radio', {
        name: 'Mon enseignant peut seulement regarder'
      })
    ).toBeChecked();
    await dialog
      .getByRole('radio', { name: 'Mon enseignant peut seulement regarder' })
      .focus();
    await pupil.page.keyboard.press('ArrowDown');
    await expect(
      dialog.getByRole('radio', { name: 'Mon enseignant peut modifier' })
    ).toBeChecked();
    await pupil.page.keyboard.press('ArrowUp');
    await expect(
      dialog.getByRole('radio', {
        name: 'Mon enseignant peut seulement regarder'
      })
    ).toBeChecked();
    await dialog
      .getByLabel('Message (facultatif)')
      .fill('Je bloque à la question 2');
    await expectNoAxeViolationIn(pupil.page, '.jp-Dialog');
    await pupil.page.screenshot({ path: `${SHOTS}/help-dialog.png` });
    await dialog.getByRole('button', { name: 'Demander de l’aide' }).click();
    const indicator = pupil.page.locator('#cdc-HelpIndicator');
    await expect(indicator.getByRole('status')).toHaveText(
      'Aide demandée : vos enseignants sont prévenus (lecture seule)'
    );

    // Her teacher is told at once, on the hub's page and in her JupyterLab.
    await expect(teacher.page.locator('#cdc-news')).toContainText(
      'Léa Martin (2de B)'
    );
    const toast = teacherLab.locator('.Toastify__toast', {
      hasText: 'Léa Martin (2de B) demande de l’aide sur aide-en-direct.ipynb.'
    });
    await expect(toast).toBeVisible({ timeout: 30_000 });
    const join = toast.getByRole('button', { name: 'Rejoindre' });
    // Once the toast has slid in.
    await expect(join).toBeInViewport({ ratio: 1 });
    await teacherLab.screenshot({ path: `${SHOTS}/help-notification.png` });

    // « Rejoindre » in the notification opens the pupil's notebook in a new tab, on
    // the pupil's server's origin (handed over by the hub).
    const opened = teacher.context.waitForEvent('page');
    await join.click();
    const helping = await opened;
    await helping.waitForURL(`${pupilOrigin}/user/eleve1/lab/**`, {
      timeout: 60_000
    });
    await expect(helping.locator('.jp-Notebook .jp-Cell').first()).toBeVisible({
      timeout: 90_000
    });
    await expect(
      helping.locator('.jp-Notebook .jp-Cell').first()
    ).toContainText('question 2');
    // Read-only: she is told so, in French, and whom she helps.
    const banner = helping.locator('#cdc-ReadOnlyBanner');
    await expect(banner).toHaveText(
      'Lecture seule : vous aidez Léa Martin — vous ne pouvez ni modifier ni exécuter.'
    );
    await expectNoAxeViolationIn(helping, '#cdc-ReadOnlyBanner');
    // Typing in the cell changes nothing; no kernel is asked for, none is named.
    const editor = helping
      .locator('.jp-Notebook .jp-Cell')
      .first()
      .locator('.cm-content');
    await editor.click();
    await helping.keyboard.type('abc');
    await expect(editor).toHaveText('print(1 / 0)  # question 2');
    // The kernel choice would have opened by now (the notebook is loaded).
    await helping.waitForTimeout(2000);
    await expect(helping.locator('.jp-Dialog')).toHaveCount(0);
    // Nothing in English in her toolbar: no « No Kernel », no « read-only ».
    const toolbar = helping.locator('.jp-NotebookPanel-toolbar');
    await expect(toolbar).not.toContainText('No Kernel', {
      useInnerText: true
    });
    await expect(toolbar).not.toContainText('read-only', {
      useInnerText: true
    });
    // No cell tools (duplicate, move, delete) either.
    await expect(helping.locator('.jp-cell-toolbar')).toBeHidden();
    // Saving is disabled, JupyterLab saying why (in French).
    await expect(
      toolbar.locator('[data-jp-item-name="save"] button')
    ).toBeDisabled();
    await helping.screenshot({ path: `${SHOTS}/help-teacher-readonly.png` });
    // The pupil's server refuses her a save all the same.
    const save = await helping.evaluate(async content => {
      const xsrf = document.cookie.match(/_xsrf=([^;]+)/)?.[1] ?? '';
      const answer = await fetch(
        '/user/eleve1/api/contents/aide-en-direct.ipynb',
        {
          method: 'PUT',
          headers: { 'X-XSRFToken': decodeURIComponent(xsrf) },
          body: JSON.stringify({ type: 'file', format: 'base64', content })
        }
      );
      return answer.status;
    }, notebookBase64(NOTEBOOK));
    expect(save).toBe(403);
    await helping.screenshot({ path: `${SHOTS}/help-teacher.png` });

    // A teacher of another class is refused, at the hub, in French, while she helps.
    const open = await teacher.page.evaluate(() =>
      fetch('/hub/api/v1/help-requests').then(r => r.json())
    );
    const requestId = open.requests[0].id as string;
    const other = await hub.signIn(browser, 'a.turing');
    const refusedJoin = await hubPost(
      other.page,
      `/hub/api/v1/help-requests/${requestId}/join`
    );
    expect(refusedJoin.status).toBe(403);
    expect(refusedJoin.body.error.message).toContain(
      'Seul un enseignant des classes de cet élève'
    );
    const refusedEnter = await other.page.goto(
      `${hub.origin}/user/eleve1/lab/tree/aide-en-direct.ipynb`
    );
    expect(refusedEnter?.status()).toBe(403);
    await expect(other.page.getByRole('alert')).toContainText('pas le vôtre');
    await expectNoAxeViolation(other.page);
    await other.page.screenshot({ path: `${SHOTS}/help-refused-other.png` });

    // The pupil sees who is there.
    await expect(indicator.getByRole('status')).toHaveText(
      'Marie Curie vous aide (lecture seule)',
      { timeout: 15_000 }
    );
    await expectNoAxeViolationIn(pupil.page, '#cdc-HelpIndicator');
    await pupil.page.screenshot({ path: `${SHOTS}/help-pupil.png` });

    // She ends it: the teacher is refused from then on.
    await indicator
      .getByRole('button', { name: 'Mettre fin à l’aide' })
      .click();
    await expect(indicator).toBeHidden();
    // From the teacher's tab, still on the pupil's origin: her cookie counts no more.
    const after = await helping.evaluate(() =>
      fetch('/user/eleve1/api/me').then(answer => answer.status)
    );
    expect(after).toBe(401);
    // « Rejoindre » of the news on the hub's home page: a page says it is over.
    await teacher.page.goto(`${hub.origin}/hub/home`);
    await teacher.page
      .locator('#cdc-news li', { hasText: 'Léa Martin (2de B)' })
      .first()
      .getByRole('button', { name: 'Rejoindre' })
      .click();
    await expect(teacher.page.getByRole('alert')).toContainText(
      'Cette demande d’aide est terminée.'
    );
    expect(new URL(teacher.page.url()).origin).toBe(hub.origin);
    await expectNoAxeViolation(teacher.page);
    await teacher.page.screenshot({ path: `${SHOTS}/help-refused-after.png` });
    const again = await helping.goto(`${hub.origin}/user/eleve1/lab`);
    expect(again?.status()).toBe(403);

    for (const each of [pupil, teacher, other]) {
      await each.context.close();
    }
  });
});
