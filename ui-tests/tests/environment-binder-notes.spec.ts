import {
  expect,
  expectNoAxeViolationIn,
  HUB,
  openLab,
  putFile,
  pythonNotebook,
  runFromPalette,
  test
} from './fixtures';

/**
 * A teacher's Binder repository with a Pipfile (and a requirements.txt that repo2docker
 * ignores beside it, and a postBuild) resolved by the hub as `candyce-env` reads it; a
 * notebook pinned to the environment shows the engine's French notes in the
 * « Environnement » panel's details of the notebook's environment.
 */
test.describe('Binder repository notes in the « Environnement » panel', () => {
  test.setTimeout(5 * 60_000);

  test('the notebook’s environment details say what the builder does with the list', async ({
    browser
  }) => {
    const stamp = Date.now().toString(36);
    const teacher = await openLab(browser, 'm.curie');
    await teacher.setViewportSize({ width: 1366, height: 768 });

    const environment = await teacher.evaluate(
      async ({ base, stamp }) => {
        const me = await (await fetch(`${base}/me`)).json();
        const answer = await fetch(`${base}/environments/resolve`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-Candyce-XSRF': me.xsrfToken
          },
          body: JSON.stringify({
            name: `Dépôt Binder ${stamp}`,
            files: [
              { path: 'Pipfile', content: '[packages]\nsix = "*"\n' },
              { path: 'requirements.txt', content: 'six\n' },
              { path: 'postBuild', content: `#!/bin/sh\necho ${stamp}\n` }
            ]
          })
        });
        const events = (await answer.text()).split('\n\n');
        const result = events.find(block => block.startsWith('event: result'));
        return result
          ? JSON.parse(result.split('\ndata: ')[1]).environment
          : null;
      },
      { base: '/hub/api/v1', stamp }
    );
    expect(environment).not.toBeNull();

    const notebook = pythonNotebook([{ code: 'import six' }]);
    notebook.metadata.kernelspec = {
      name: environment.kernelName,
      display_name: environment.name,
      language: 'python'
    };
    notebook.metadata.candyce = {
      environment: {
        id: environment.id,
        files: environment.files,
        lock: environment.lock,
        name: environment.name
      }
    };
    const path = `binder-${stamp}/carnet.ipynb`;
    await putFile(teacher, 'm.curie', path, JSON.stringify(notebook));
    await teacher.goto(`${HUB}/user/m.curie/lab/tree/${path}`);
    await expect(
      teacher.locator('.jp-NotebookPanel:visible .jp-Cell').first()
    ).toBeVisible({ timeout: 60_000 });

    await runFromPalette(teacher, 'Environnement du carnet');
    const panel = teacher.locator('#cdc-environment');
    await expect(panel.locator('.cdc-EnvSummary-title')).toHaveText(
      `Dépôt Binder ${stamp}`,
      { timeout: 30_000 }
    );
    const notes = panel.locator('.cdc-EnvSummary .cdc-EnvLock-note');
    await expect(notes).toContainText(
      'Ce que le constructeur de la plateforme fait de la liste :'
    );
    await expect(notes.locator('li')).toHaveText([
      'requirements.txt : ignoré : avec un Pipfile, repo2docker n’installe que le Pipfile (ou Pipfile.lock).',
      /^postBuild : exécuté à la construction, après l’installation des paquets, dans un bac à sable : sans réseau/,
      /^runtime\.txt : aucune version de Python n’est demandée/
    ]);
    await teacher.screenshot({ path: '/tmp/shots/binder-import-notes.png' });
    await expectNoAxeViolationIn(teacher, '#cdc-environment');
    await teacher.context().close();
  });
});
