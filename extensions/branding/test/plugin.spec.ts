import type { ILabShell } from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';
import type { IThemeManager } from '@jupyterlab/apputils';
import type { ILauncher } from '@jupyterlab/launcher';

import plugins, { BRANDING_PAGE_OPTION, CommandIDs, THEME_NAME } from '../src';
import { fakeApp, fakeSession } from '../../core/test/fakes';

const [logoPlugin, titlePlugin, themePlugin, aboutPlugin] = plugins;

describe('@candyce/branding plugins, the deployment having turned the branding on', () => {
  beforeAll(() => PageConfig.setOption(BRANDING_PAGE_OPTION, 'true'));
  afterAll(() => PageConfig.setOption(BRANDING_PAGE_OPTION, ''));

  it('puts the logo in the top bar, named for screen readers', () => {
    const { app, shell } = fakeApp();
    logoPlugin.activate(app, shell as unknown as ILabShell, null);
    const logo = shell.byId('cdc-MainLogo');
    expect(logo?.area).toBe('top');
    expect(logo?.widget.node.getAttribute('role')).toBe('img');
    expect(logo?.widget.node.getAttribute('aria-label')).toBe('Candyce');
  });

  it('brands the browser title', () => {
    const { app } = fakeApp();
    document.title = 'JupyterLab';
    titlePlugin.activate(app);
    expect(document.title).not.toBe('JupyterLab');
    expect(document.title).toContain('Candyce');
  });

  it('registers the Candyce Light theme', () => {
    const registered: { name: string; isLight: boolean }[] = [];
    const manager = {
      register: (theme: { name: string; isLight: boolean }) =>
        registered.push(theme),
      loadCSS: async () => undefined
    } as unknown as IThemeManager;
    themePlugin.activate(fakeApp().app, manager, null);
    expect(registered).toEqual([
      expect.objectContaining({ name: THEME_NAME, isLight: true })
    ]);
  });

  it('adds « À propos de Candyce » to the launcher, with or without a session', () => {
    for (const session of [null, fakeSession()]) {
      const { app, commands } = fakeApp();
      const items: { command: string }[] = [];
      const launcher = {
        add: (item: { command: string }) => items.push(item)
      } as unknown as ILauncher;
      aboutPlugin.activate(app, null, session, null, launcher);
      expect(commands.hasCommand(CommandIDs.about)).toBe(true);
      expect(commands.label(CommandIDs.about)).toBe('About Candyce');
      expect(items.map(item => item.command)).toEqual([CommandIDs.about]);
    }
  });
});

describe('@candyce/branding plugins in a JupyterLab that did not turn the branding on', () => {
  it("tried: no logo, JupyterLab's title, no theme, no About, no launcher section", () => {
    const { app, shell, commands } = fakeApp();
    logoPlugin.activate(app, shell as unknown as ILabShell, null);
    expect(shell.byId('cdc-MainLogo')).toBeFalsy();

    document.title = 'JupyterLab';
    titlePlugin.activate(app);
    document.title = 'Untitled.ipynb - JupyterLab';
    expect(document.title).toBe('Untitled.ipynb - JupyterLab');

    const register = jest.fn();
    themePlugin.activate(app, { register } as unknown as IThemeManager, null);
    expect(register).not.toHaveBeenCalled();

    const add = jest.fn();
    aboutPlugin.activate(app, null, null, null, {
      add
    } as unknown as ILauncher);
    expect(commands.hasCommand(CommandIDs.about)).toBe(false);
    expect(add).not.toHaveBeenCalled();
  });
});
