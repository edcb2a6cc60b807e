import { ICandyceSession } from '@candyce/core';
import type { INotebookTracker } from '@jupyterlab/notebook';
import { Signal } from '@lumino/signaling';

import plugins, { IEnvironmentPreparer } from '../src';
import { fakeApp, fakeSession } from '../../core/test/fakes';

const [preparePlugin, panelPlugin] = plugins;

/** A tracker with no notebook open. */
function fakeNotebooks(): INotebookTracker {
  const owner = {};
  return {
    currentWidget: null,
    currentChanged: new Signal(owner),
    widgetAdded: new Signal(owner),
    activeCellChanged: new Signal(owner),
    find: () => undefined
  } as unknown as INotebookTracker;
}

describe('@candyce/environment-panel plugins', () => {
  it('wires the preparer to the panel through its token', () => {
    expect(preparePlugin.provides).toBe(IEnvironmentPreparer);
    expect(panelPlugin.requires).toContain(IEnvironmentPreparer);
    expect(panelPlugin.requires).toContain(ICandyceSession);
  });

  it('prepares the notebooks the tracker adds', () => {
    const { app } = fakeApp();
    const notebooks = fakeNotebooks();
    const watched: unknown[] = [];
    const preparer = preparePlugin.activate(
      app,
      fakeSession(),
      null,
      notebooks
    ) as IEnvironmentPreparer & { watch(panel: unknown): void };
    preparer.watch = panel => watched.push(panel);
    const panel = {};
    (notebooks.widgetAdded as Signal<unknown, unknown>).emit(panel);
    expect(watched).toEqual([panel]);
  });

  it('adds the « Environnement » panel and its command', async () => {
    const { app, shell, commands } = fakeApp();
    const session = fakeSession();
    const notebooks = fakeNotebooks();
    const preparer = preparePlugin.activate(
      app,
      session,
      null,
      notebooks
    ) as IEnvironmentPreparer;
    panelPlugin.activate(app, session, notebooks, preparer, null, null, null);
    const added = shell.byId('cdc-environment');
    expect(added?.area).toBe('right');
    expect(added?.rank).toBe(600);
    expect(added?.widget.node.getAttribute('aria-label')).toBe('Environment');
    expect(commands.hasCommand('candyce-environment:open')).toBe(true);
    expect(commands.label('candyce-environment:open')).toBe(
      'Notebook environment'
    );
    await commands.execute('candyce-environment:open');
    expect(shell.activated).toEqual(['cdc-environment']);
  });
});
