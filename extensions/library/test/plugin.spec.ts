import { IAssignments, ILibrary } from '@candyce/core';

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
    handIn: async () => ({ handedIn: false, message: '' })
  };
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
    assignments
  )) as ILibrary;
  const panel = shell.byId('cdc-library')?.widget as LibraryPanel;
  return { library, panel, shell, commands };
}

describe('@candyce/library plugins', () => {
  it('provides ILibrary and takes IAssignments, both core tokens, optionally', () => {
    expect(panelPlugin.provides).toBe(ILibrary);
    expect(panelPlugin.optional).toContain(IAssignments);
    expect(panelPlugin.requires).not.toContain(IAssignments);
    expect(publishPlugin.optional).toContain(ILibrary);
  });

  it('adds the « Bibliothèque » panel and its command', async () => {
    const { library, panel, shell, commands } = await activatePanel(null);
    expect(shell.byId('cdc-library')?.area).toBe('left');
    expect(panel.node.getAttribute('aria-label')).toBe('Library');
    expect(commands.hasCommand('candyce-library:open')).toBe(true);
    library.showResource('r1');
    expect(shell.activated).toEqual(['cdc-library']);
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
