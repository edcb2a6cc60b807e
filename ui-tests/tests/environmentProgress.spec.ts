import {
  lockId,
  parseSoftwareList,
  resolve,
  type ILock
} from '@candyce/environments';
import * as fs from 'fs';
import * as path from 'path';

import {
  expect,
  expectNoAxeViolationIn,
  HUB,
  openLab,
  putFile,
  runFromPalette,
  test
} from './fixtures';

const ROOT = path.resolve(__dirname, '..', '..');
const SHOTS = '/tmp/shots';

/**
 * A teacher opens a notebook pinned to an environment one package away from a standard
 * one (python-base + plotly): the platform prepares it, and the progress is where she
 * looks — at the top of the « Environnement » panel and in the notebook's toolbar — in
 * her words, with a bar that moves while the environment is stored; « Annuler » in the
 * toolbar stops the build and nothing of it is left. Then JupyterLab's kernel picker
 * names the running kernels by their environments, not by ids. The build is always
 * cancelled, so every run prepares it again.
 */
test.describe('preparing an environment, seen and cancelled', () => {
  test.setTimeout(8 * 60_000);

  test('progress in the panel and the toolbar, « Annuler », and environment names in the kernel picker', async ({
    browser
  }) => {
    const stamp = Date.now().toString(36);
    const notebookPath = `progres-${stamp}/statistiques.ipynb`;
    const files = [
      {
        path: 'requirements.txt',
        content:
          fs
            .readFileSync(
              path.join(ROOT, 'binder-configs/python-base/requirements.txt'),
              'utf8'
            )
            .trimEnd() + '\nplotly\n'
      },
      {
        path: 'runtime.txt',
        content: fs.readFileSync(
          path.join(ROOT, 'binder-configs/python-base/runtime.txt'),
          'utf8'
        )
      }
    ];
    const lock: ILock = await resolve(parseSoftwareList(files));
    const id = lockId(lock);
    const kernel = `candyce-${id.slice(0, 16)}`;

    const teacher = await openLab(browser, 'm.curie');
    // Closed at once whatever happens: the hub then cancels the build, which nobody
    // waits for any more, and the next run prepares it again.
    try {
      await teacher.setViewportSize({ width: 1366, height: 768 });
      const built = await teacher.evaluate(
        async url => (await (await fetch(url)).json())?.environment?.built,
        `/hub/api/v1/environments/${id}`
      );
      expect(built ?? false).toBe(false);

      await putFile(
        teacher,
        'm.curie',
        notebookPath,
        JSON.stringify({
          cells: [
            {
              cell_type: 'code',
              execution_count: null,
              metadata: {},
              outputs: [],
              source: 'import plotly'
            }
          ],
          metadata: {
            kernelspec: {
              name: kernel,
              display_name: 'Statistiques',
              language: 'python'
            },
            candyce: {
              environment: { id, files, lock, name: 'Statistiques — 2de' }
            }
          },
          nbformat: 4,
          nbformat_minor: 5
        })
      );
      await teacher.goto(`${HUB}/user/m.curie/lab/tree/${notebookPath}`);
      // Every value the panel's bar takes while the environment is stored.
      await teacher.evaluate(() => {
        const w = window as unknown as { cdcSaving: string[] };
        w.cdcSaving = [];
        new MutationObserver(() => {
          const bar = document.querySelector(
            '#cdc-environment [role="progressbar"]'
          );
          const text = bar?.getAttribute('aria-valuetext') ?? '';
          const value = bar?.getAttribute('aria-valuenow') ?? '';
          if (
            /Enregistrement de l’environnement/.test(text) &&
            !w.cdcSaving.includes(value)
          ) {
            w.cdcSaving.push(value);
          }
        }).observe(document.body, {
          subtree: true,
          attributes: true,
          attributeFilter: ['aria-valuenow', 'aria-valuetext'],
          childList: true
        });
      });
      await runFromPalette(teacher, 'Environnement du carnet');
      const panel = teacher.locator('#cdc-environment');
      const toolbar = teacher.locator(
        '.jp-NotebookPanel:visible .cdc-ToolbarProgress'
      );

      await test.step('the toolbar and the top of the panel show the preparation', async () => {
        const bar = toolbar.getByRole('progressbar', {
          name: 'Préparation de l’environnement du carnet'
        });
        await expect(bar).toBeVisible({ timeout: 120_000 });
        await expect(bar).toHaveAttribute(
          'aria-valuetext',
          /^Préparation de l’environnement( : \d+ %|…)$/
        );
        await expect(
          toolbar.getByRole('button', {
            name: 'Annuler la préparation de l’environnement'
          })
        ).toBeVisible();
        await expect(panel.getByRole('progressbar')).toBeInViewport();
        await teacher.screenshot({ path: `${SHOTS}/env-progress-install.png` });
        await expectNoAxeViolationIn(teacher, '.cdc-ToolbarProgress');
      });

      await test.step('« Enregistrement » moves the bar; « Annuler » stops it all', async () => {
        const bar = panel.getByRole('progressbar');
        await expect(bar).toHaveAttribute(
          'aria-valuetext',
          /Enregistrement de l’environnement/,
          {
            timeout: 240_000
          }
        );
        await teacher.screenshot({ path: `${SHOTS}/env-progress-saving.png` });
        // The bar moved while storing: at least two values, before « Annuler ».
        await expect
          .poll(
            () =>
              teacher.evaluate(
                () =>
                  (window as unknown as { cdcSaving: string[] }).cdcSaving
                    .length
              ),
            { timeout: 30_000, intervals: [100] }
          )
          .toBeGreaterThanOrEqual(2);
        await toolbar
          .getByRole('button', {
            name: 'Annuler la préparation de l’environnement'
          })
          .click();
        await expect(toolbar.getByRole('progressbar')).toHaveCount(0, {
          timeout: 30_000
        });
        await teacher.screenshot({
          path: `${SHOTS}/env-progress-cancelled.png`
        });
        // Nothing of it is left: the hub knows the lock, the store has no environment.
        await expect
          .poll(() =>
            teacher.evaluate(
              async url => (await (await fetch(url)).json()).environment?.built,
              `/hub/api/v1/environments/${id}`
            )
          )
          .toBe(false);
      });

      await test.step('the kernel picker names environments, not kernel ids', async () => {
        // A notebook on a standard environment's kernel, running beside this one.
        const specs = await teacher.evaluate(async () => {
          const answer = await fetch('/user/m.curie/api/kernelspecs');
          return (await answer.json()).kernelspecs as Record<
            string,
            { spec: { display_name: string } }
          >;
        });
        const [standard, spec] = Object.entries(specs).find(
          ([name, s]) =>
            name.startsWith('candyce-') &&
            /^Python — /.test(s.spec.display_name)
        )!;
        const other = `progres-${stamp}/autre.ipynb`;
        await putFile(
          teacher,
          'm.curie',
          other,
          JSON.stringify({
            cells: [],
            metadata: {
              kernelspec: {
                name: standard,
                display_name: spec.spec.display_name,
                language: 'python'
              }
            },
            nbformat: 4,
            nbformat_minor: 5
          })
        );
        await teacher.goto(`${HUB}/user/m.curie/lab/tree/${other}`);
        await expect(
          teacher
            .getByRole('contentinfo')
            .getByRole('button', { name: / \| Inactif$/ })
        ).toBeVisible({ timeout: 120_000 });
        await runFromPalette(teacher, 'Changer de noyau');
        const dialog = teacher.locator('.jp-Dialog');
        const select = dialog.locator('select');
        await expect(select).toBeVisible();
        const labels = await select
          .locator('option')
          .evaluateAll(options =>
            options.map(o => (o as HTMLOptionElement).text)
          );
        expect(labels).toContain(`autre.ipynb — ${spec.spec.display_name}`);
        expect(labels.join('\n')).not.toMatch(/\([0-9a-f]{8}\)|candyce-/);
        await teacher.screenshot({ path: `${SHOTS}/env-kernel-picker.png` });
        await expectNoAxeViolationIn(teacher, '.jp-Dialog');
        await teacher.keyboard.press('Escape');
        // Left as found: the sessions of this test shut down.
        await teacher.evaluate(async () => {
          const xsrf = document.cookie.match('\\b_xsrf=([^;]*)\\b')?.[1] ?? '';
          const sessions = await (
            await fetch('/user/m.curie/api/sessions')
          ).json();
          for (const session of sessions as { id: string; path: string }[]) {
            if (session.path.startsWith('progres-')) {
              await fetch(`/user/m.curie/api/sessions/${session.id}`, {
                method: 'DELETE',
                headers: { 'X-XSRFToken': xsrf }
              });
            }
          }
        });
      });
    } finally {
      await teacher.context().close();
    }
  });
});
