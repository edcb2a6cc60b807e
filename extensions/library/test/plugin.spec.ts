import { IAssignments, ILibrary } from '@candyce/core';

import { Signal } from '@lumino/signaling';

import type { MainAreaWidget } from '@jupyterlab/apputils';

import plugins from '../src';
import type { LibraryPanel } from '../src/panel';
import { fakeApp, fakeSession } from '../../core/test/fakes';

const [panelPlugin, publishPlugin] = plugins;

const RESOURCE = {
  id: 'r1',
  version: 3,
  title: 'Les listes'
} as Parameters<LibraryPanel['actions']['assign']>[0];

/** An IAssignments that records what it is asked. */
function fakeAssignments(canAssign: boolean) {
  const calls: IAssignments.IResource[] = [];
  const assignments: IAssignments = {
    openLearnerPanel: () => undefined,
    openTeacherPanel: () => undefined,
    canAssign: () => canAssign,
    assignNotebook: async () => false,
    assignResource: async resource => {
      calls.push(resource);
      return true;
    },
    handIn: async () => ({ handedIn: false, message: '' }),
    get activity() {
      return activity;
    }
  };
  const activity = new Signal<IAssignments, IAssignments.IActivity>(
    assignments
  );
  return { assignments, calls };
}

async function activatePanel(assignments: IAssignments | null) {
  const { app, shell, commands } = fakeApp();
  const library = (await panelPlugin.activate(
    app,
    fakeSession(),
    null,
    null,
    null,
    null,
    null,
    null,
    assignments,
    null
  )) as ILibrary;
  // The view is created when first opened.
  library.open();
  const view = shell.byId('cdc-library')
    ?.widget as MainAreaWidget<LibraryPanel>;
  return { library, view, panel: view.content, shell, commands };
}

describe('@candyce/library plugins', () => {
  it('provides ILibrary and takes IAssignments, both core tokens, optionally', () => {
    expect(panelPlugin.provides).toBe(ILibrary);
    expect(panelPlugin.optional).toContain(IAssignments);
    expect(panelPlugin.requires).not.toContain(IAssignments);
    expect(publishPlugin.optional).toContain(ILibrary);
  });

  it('opens one « Bibliothèque » view in the main area, and keeps a sidebar entry', async () => {
    const { library, view, shell, commands } = await activatePanel(null);
    expect(shell.byId('cdc-library')?.area).toBe('main');
    expect(view.title.label).toBe('Library');
    expect(view.title.closable).toBe(true);
    const entry = shell.byId('cdc-library-entry');
    expect(entry?.area).toBe('left');
    expect(entry?.widget.node.getAttribute('aria-label')).toBe('Library');
    expect(commands.hasCommand('candyce-library:open')).toBe(true);
    // Opening again, on a resource or from the palette, shows the same view.
    library.showResource('r1');
    await commands.execute('candyce-library:open', { q: 'fonctions' });
    // (The fake shell attaches nothing, so the view is added again each time.)
    const views = shell.added.filter(a => a.area === 'main');
    expect(new Set(views.map(a => a.widget))).toEqual(new Set([view]));
    expect(shell.activated).toEqual([
      'cdc-library',
      'cdc-library',
      'cdc-library'
    ]);
  });

  it('opens the view again once closed', async () => {
    const { library, view, shell } = await activatePanel(null);
    view.dispose();
    library.open();
    const views = shell.added.filter(a => a.area === 'main');
    const last = views[views.length - 1].widget;
    expect(last).not.toBe(view);
    expect(last.isDisposed).toBe(false);
    expect(last.id).toBe('cdc-library');
  });

  it('offers no « Donner en devoir » without the assignments extension', async () => {
    const { panel } = await activatePanel(null);
    expect(panel.actions.canAssign()).toBe(false);
    expect(await panel.actions.assign(RESOURCE)).toBe('');
  });

  it('hands out a resource through the IAssignments token', async () => {
    const { assignments, calls } = fakeAssignments(true);
    const { panel } = await activatePanel(assignments);
    expect(panel.actions.canAssign()).toBe(true);
    expect(await panel.actions.assign(RESOURCE)).toBe(
      'Assignment created: follow it in the « Assignment follow-up » panel.'
    );
    expect(calls).toEqual([
      { resourceId: 'r1', version: 3, title: 'Les listes' }
    ]);
  });

  it('follows IAssignments on who may hand out', async () => {
    const { assignments } = fakeAssignments(false);
    const { panel } = await activatePanel(assignments);
    expect(panel.actions.canAssign()).toBe(false);
  });

  it('registers « Publier dans la bibliothèque », disabled without the platform', () => {
    const { app, commands } = fakeApp();
    publishPlugin.activate(app, fakeSession(), null, null, null, null, null);
    expect(commands.hasCommand('candyce-library:publish')).toBe(true);
    expect(commands.isEnabled('candyce-library:publish')).toBe(false);
    expect(commands.label('candyce-library:publish')).toBe(
      'Publish to the library'
    );
  });
});
