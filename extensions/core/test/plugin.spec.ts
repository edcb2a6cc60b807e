import type { ISettingRegistry } from '@jupyterlab/settingregistry';

import plugins, {
  addSidePanel,
  candyceIcon,
  IAssignments,
  ICandyceSession,
  ILibrary,
  SIDE_PANEL_CLASS
} from '@candyce/core';
import { Widget } from '@lumino/widgets';

import * as sources from '../src';
import { fakeApp } from './fakes';

describe('@candyce/core plugins', () => {
  it('provides the session, standalone when detection is off', async () => {
    const [sessionPlugin] = plugins;
    expect(sessionPlugin.provides).toBe(ICandyceSession);
    const { app } = fakeApp();
    const registry = {
      load: async () => ({
        composite: { hubApiUrl: '/hub/api/v1', detectHub: false }
      })
    } as unknown as ISettingRegistry;
    const session = (await sessionPlugin.activate(
      app,
      registry,
      null
    )) as ICandyceSession;
    await session.ready;
    expect(session.mode).toBe('standalone');
    expect(session.hub).toBeNull();
    expect(session.hasRole('teacher')).toBe(false);
  });

  it('maps @candyce/core to its sources: one module, the same tokens', () => {
    expect(IAssignments).toBe(sources.IAssignments);
    expect(ILibrary).toBe(sources.ILibrary);
    expect(ICandyceSession).toBe(sources.ICandyceSession);
  });
});

describe('addSidePanel', () => {
  it('names the panel as a region and adds it to its sidebar', () => {
    const { app, shell } = fakeApp();
    const panel = new Widget();
    addSidePanel(app.shell, panel, {
      id: 'cdc-test',
      icon: candyceIcon,
      name: 'Test',
      area: 'right',
      rank: 42
    });
    expect(shell.byId('cdc-test')).toEqual({
      widget: panel,
      area: 'right',
      rank: 42
    });
    expect(panel.hasClass(SIDE_PANEL_CLASS)).toBe(true);
    expect(panel.title.caption).toBe('Test');
    expect(panel.node.getAttribute('role')).toBe('region');
    expect(panel.node.getAttribute('aria-label')).toBe('Test');
  });
});
