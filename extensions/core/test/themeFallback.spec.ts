import type { IThemeManager } from '@jupyterlab/apputils';

import {
  fallBackToDefaultTheme,
  JUPYTERLAB_DEFAULT_THEME
} from '../src/themeFallback';

/** A theme manager that only knows which themes are registered. */
function fakeManager(themes: string[]) {
  const loaded: string[] = [];
  const registered: IThemeManager.ITheme[] = [];
  const manager = {
    get themes() {
      return [...themes, ...registered.map(theme => theme.name)];
    },
    register: (theme: IThemeManager.ITheme) => registered.push(theme),
    loadCSS: async (path: string) => {
      loaded.push(path);
    }
  } as unknown as IThemeManager;
  return { manager, registered, loaded };
}

describe('fallBackToDefaultTheme', () => {
  it('tried: platform settings (default « Candyce Light ») without the branding: JupyterLab Light stands in', async () => {
    const { manager, registered, loaded } = fakeManager([
      JUPYTERLAB_DEFAULT_THEME,
      'JupyterLab Dark'
    ]);
    expect(fallBackToDefaultTheme(manager, 'Candyce Light')).toBe(true);
    expect(registered.map(theme => theme.name)).toEqual(['Candyce Light']);
    await registered[0].load();
    expect(loaded).toEqual(['@jupyterlab/theme-light-extension/index.css']);
  });

  it('tried: the default theme exists (stock settings, or the branding on): nothing registered', () => {
    for (const themes of [
      [JUPYTERLAB_DEFAULT_THEME],
      [JUPYTERLAB_DEFAULT_THEME, 'Candyce Light']
    ]) {
      const { manager, registered } = fakeManager(themes);
      const missing = themes[themes.length - 1];
      expect(fallBackToDefaultTheme(manager, missing)).toBe(false);
      expect(registered).toEqual([]);
    }
  });

  it('tried: no JupyterLab Light to stand in, or no theme named: nothing registered', () => {
    const { manager, registered } = fakeManager(['JupyterLab Dark']);
    expect(fallBackToDefaultTheme(manager, 'Candyce Light')).toBe(false);
    expect(fallBackToDefaultTheme(manager, undefined)).toBe(false);
    expect(registered).toEqual([]);
  });
});
