import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { IThemeManager } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { isBrandingOn } from './enabled';

/**
 * The theme's name, as stored in the `@jupyterlab/apputils-extension:themes` settings.
 */
export const THEME_NAME = 'Candyce Light';

/**
 * Registers the Candyce Light theme: JupyterLab Light with the Candyce palette,
 * every text colour meeting WCAG AA contrast (see test/contrast.spec.ts), when the
 * deployment turns the branding on. The platform makes it the default theme through its
 * settings overrides; without it, @candyce/core:theme-fallback stands JupyterLab Light in.
 */
export const themePlugin: JupyterFrontEndPlugin<void> = {
  id: '@candyce/branding:theme',
  description: 'Adds the Candyce Light theme.',
  autoStart: true,
  requires: [IThemeManager],
  optional: [ITranslator],
  activate: (
    _app: JupyterFrontEnd,
    manager: IThemeManager,
    translator: ITranslator | null
  ): void => {
    if (!isBrandingOn()) {
      return;
    }
    const trans = (translator ?? nullTranslator).load('candyce');
    manager.register({
      name: THEME_NAME,
      displayName: trans.__('Candyce Light'),
      isLight: true,
      themeScrollbars: false,
      load: () => manager.loadCSS('@candyce/branding/index.css'),
      unload: () => Promise.resolve(undefined)
    });
  }
};
