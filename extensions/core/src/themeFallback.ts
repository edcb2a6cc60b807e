import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { IThemeManager } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';

/**
 * The settings of JupyterLab's theme manager.
 */
const THEMES_PLUGIN = '@jupyterlab/apputils-extension:themes';

/**
 * A little longer than JupyterLab's theme manager waits for a missing theme.
 */
const GIVE_UP_MS = 2000;

/**
 * JupyterLab's own default theme, the one a missing theme falls back to.
 */
export const JUPYTERLAB_DEFAULT_THEME = 'JupyterLab Light';

/**
 * Keeps the page loading when its theme setting names a theme no extension provides.
 *
 * JupyterLab falls back to the theme setting's default, but a deployment's settings
 * overrides change that default too (the platform's names « Candyce Light », which
 * @candyce/branding provides): with branding disabled neither theme exists, and
 * JupyterLab's splash screen never goes away. Once every plugin has registered its
 * themes, this plugin registers the missing default name as JupyterLab Light. It
 * writes no setting (but when JupyterLab had already given up: then it saves the
 * default's name, unchanged), so the deployment's theme comes back with its extension.
 */
export const themeFallbackPlugin: JupyterFrontEndPlugin<void> = {
  id: '@candyce/core:theme-fallback',
  description:
    'Falls back to the JupyterLab Light theme when the theme settings name a missing theme.',
  autoStart: true,
  requires: [IThemeManager, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    manager: IThemeManager,
    registry: ISettingRegistry
  ): void => {
    // Not awaited: `started` waits for every start-up plugin, this one included.
    void Promise.all([registry.load(THEMES_PLUGIN), app.started])
      .then(async ([settings]) => {
        const missing = settings.default('theme');
        if (!fallBackToDefaultTheme(manager, missing)) {
          return;
        }
        // JupyterLab stops waiting for a theme after 1.5 s (20 tries, 75 ms apart); if
        // it gave up before every plugin had started, asking again makes it look again.
        await new Promise(resolve => setTimeout(resolve, GIVE_UP_MS));
        if (manager.theme === null) {
          await manager.setTheme(missing as string);
        }
      })
      .catch(reason =>
        console.warn('Candyce could not check the theme settings', reason)
      );
  }
};

/**
 * Register `missing` as JupyterLab's default theme when no extension provides it.
 *
 * @returns whether the fallback was registered.
 */
export function fallBackToDefaultTheme(
  manager: IThemeManager,
  missing: unknown
): boolean {
  if (
    typeof missing !== 'string' ||
    missing === '' ||
    manager.themes.includes(missing) ||
    !manager.themes.includes(JUPYTERLAB_DEFAULT_THEME)
  ) {
    return false;
  }
  console.warn(
    `The theme « ${missing} » is missing: ${JUPYTERLAB_DEFAULT_THEME} stands in for it.`
  );
  manager.register({
    name: missing,
    // The missing theme's name in the theme menu: what the settings ask for.
    displayName: missing,
    isLight: true,
    themeScrollbars: false,
    load: () => manager.loadCSS('@jupyterlab/theme-light-extension/index.css'),
    unload: () => Promise.resolve(undefined)
  });
  return true;
}
