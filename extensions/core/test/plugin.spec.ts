import { PageConfig } from '@jupyterlab/coreutils';
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
import { FakeHubServer } from './hubServer';

describe('@candyce/core plugins', () => {
  describe('the session plugin', () => {
    const [sessionPlugin] = plugins;
    const server = new FakeHubServer();
    let origin: string;
    beforeAll(async () => {
      origin = await server.start();
    });
    afterAll(() => server.stop());
    afterEach(() => {
      PageConfig.setOption('candyceHub', '');
      jest.restoreAllMocks();
    });

    const activate = async (detectHub: boolean) => {
      const registry = {
        load: async () => ({ composite: { detectHub } })
      } as unknown as ISettingRegistry;
      const session = (await sessionPlugin.activate(
        fakeApp().app,
        registry,
        null
      )) as ICandyceSession;
      await session.ready;
      return session;
    };

    it('tried: a plain JupyterLab (no candyceHub in the page): standalone, and no request at all', async () => {
      expect(sessionPlugin.provides).toBe(ICandyceSession);
      const fetchSpy = jest.spyOn(globalThis, 'fetch');
      const session = await activate(true);
      expect(session.mode).toBe('standalone');
      expect(session.hub).toBeNull();
      expect(session.hasRole('teacher')).toBe(false);
      expect(fetchSpy).not.toHaveBeenCalled();
    });

    it('tried: a page the hub served: asks the API it names, and finds the user', async () => {
      PageConfig.setOption('candyceHub', `${origin}/hub/api/v1`);
      const session = await activate(true);
      expect(session.mode).toBe('hub');
      expect(session.user?.name).toBe('ada');
    });

    it('tried: detection turned off in the settings: standalone even behind the hub, no request', async () => {
      PageConfig.setOption('candyceHub', `${origin}/hub/api/v1`);
      const fetchSpy = jest.spyOn(globalThis, 'fetch');
      const session = await activate(false);
      expect(session.mode).toBe('standalone');
      expect(fetchSpy).not.toHaveBeenCalled();
    });
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
