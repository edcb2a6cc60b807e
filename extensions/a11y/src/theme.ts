import type { IThemeManager } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';

/**
 * The theme's name, as stored in the `@jupyterlab/apputils-extension:themes` settings.
 */
export const HIGH_CONTRAST_THEME = 'Candyce High Contrast';

/** Themes to go back to when high contrast is turned off, in order of preference. */
const LIGHT_THEMES = ['Candyce Light', 'JupyterLab Light'];

/**
 * Registers the high contrast theme and turns it on and off with the preference,
 * going back to the theme in use before.
 */
export class ThemeSwitch {
  constructor(manager: IThemeManager, trans: TranslationBundle) {
    this._manager = manager;
    manager.register({
      name: HIGH_CONTRAST_THEME,
      displayName: trans.__('Candyce High Contrast'),
      isLight: true,
      themeScrollbars: true,
      load: () => manager.loadCSS('@candyce/a11y/index.css'),
      unload: () => Promise.resolve(undefined)
    });
  }

  /**
   * Make the theme follow the preference (nothing to do when it already does).
   */
  async follow(highContrast: boolean): Promise<void> {
    const current = this._manager.theme;
    if (highContrast && current !== HIGH_CONTRAST_THEME) {
      this._previous = current;
      await this._manager.setTheme(HIGH_CONTRAST_THEME);
    } else if (!highContrast && current === HIGH_CONTRAST_THEME) {
      const back =
        this._previous ??
        LIGHT_THEMES.find(name => this._manager.themes.includes(name)) ??
        this._manager.themes[0];
      await this._manager.setTheme(back);
    }
  }

  private _manager: IThemeManager;
  private _previous: string | null = null;
}
