import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  ICommandPalette,
  IThemeManager,
  MainAreaWidget
} from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import type { AccessibilityPanel } from './panel';
import {
  applyPreferences,
  IPreferences,
  readPreferences,
  TEXT_SIZE_MAX,
  TEXT_SIZE_MIN,
  TEXT_SIZE_STEP
} from './preferences';
import { ThemeSwitch } from './theme';
import { isA11yOff } from './offSwitch';

/**
 * The plugin's commands.
 */
export namespace CommandIDs {
  export const open = 'candyce-a11y:open';
  export const toggleHighContrast = 'candyce-a11y:toggle-high-contrast';
  export const toggleDyslexiaFont = 'candyce-a11y:toggle-dyslexia-font';
  export const toggleReducedMotion = 'candyce-a11y:toggle-reduced-motion';
  export const toggleStrongFocus = 'candyce-a11y:toggle-strong-focus';
  export const increaseText = 'candyce-a11y:increase-text-size';
  export const decreaseText = 'candyce-a11y:decrease-text-size';
}

const PLUGIN_ID = '@candyce/a11y:settings';

/**
 * The « Accessibilité » settings: the panel, the palette's commands, and applying
 * them to the whole page (and the high contrast theme through the theme manager).
 */
export const preferencesPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'The « Accessibilité » panel and commands: high contrast, text size, dyslexia-friendly font, line spacing, reduced motion, strong focus.',
  autoStart: true,
  requires: [ISettingRegistry],
  optional: [ITranslator, IThemeManager, ICommandPalette],
  activate: async (
    app: JupyterFrontEnd,
    registry: ISettingRegistry,
    translator: ITranslator | null,
    themes: IThemeManager | null,
    palette: ICommandPalette | null
  ): Promise<void> => {
    if (isA11yOff()) {
      return;
    }
    const trans = (translator ?? nullTranslator).load('candyce');
    const themeSwitch = themes ? new ThemeSwitch(themes, trans) : null;
    const settings = await registry.load(PLUGIN_ID);
    let preferences = readPreferences(settings.composite);
    let panel: MainAreaWidget<AccessibilityPanel> | null = null;

    const apply = () => {
      preferences = readPreferences(settings.composite);
      applyPreferences(preferences, document.body, document.documentElement);
      void themeSwitch?.follow(preferences.highContrast);
      panel?.content.setPreferences(preferences);
      app.commands.notifyCommandChanged();
    };
    settings.changed.connect(apply);
    // Sizes are computed from the theme's values: compute them again for a new theme.
    themes?.themeChanged.connect(() =>
      applyPreferences(preferences, document.body, document.documentElement)
    );
    apply();

    const set = (key: keyof IPreferences, value: boolean | number) =>
      void settings.set(key, value);
    const category = trans.__('Accessibility');
    const toggle = (
      id: string,
      key: keyof IPreferences,
      label: string,
      caption: string
    ) => {
      app.commands.addCommand(id, {
        describedBy: { args: { type: 'object', properties: {} } },
        label,
        caption,
        isToggled: () => preferences[key] === true,
        execute: () => set(key, !preferences[key])
      });
      palette?.addItem({ command: id, category });
    };

    app.commands.addCommand(CommandIDs.open, {
      describedBy: { args: { type: 'object', properties: {} } },
      label: trans.__('Accessibility settings'),
      caption: trans.__(
        'High contrast, text size, font, line spacing, motion and focus.'
      ),
      execute: async () => {
        if (!panel || panel.isDisposed) {
          const { AccessibilityPanel } = await import('./panel');
          const content = new AccessibilityPanel({
            trans,
            preferences,
            onChange: set
          });
          panel = new MainAreaWidget({ content });
          panel.id = 'cdc-a11y-panel';
          panel.title.label = trans.__('Accessibility');
          panel.title.closable = true;
        }
        if (!panel.isAttached) {
          app.shell.add(panel, 'main');
        }
        app.shell.activateById(panel.id);
        // The form is drawn on a coming animation frame: focus its first control then.
        const node = panel.content.node;
        for (let frame = 0; frame < 30; frame++) {
          const first = node.querySelector<HTMLElement>('input, select');
          if (first) {
            first.focus();
            break;
          }
          await new Promise(resolve => requestAnimationFrame(resolve));
        }
      }
    });
    palette?.addItem({ command: CommandIDs.open, category });
    toggle(
      CommandIDs.toggleHighContrast,
      'highContrast',
      trans.__('High contrast'),
      trans.__('Use the Candyce high contrast theme (WCAG AAA contrast).')
    );
    toggle(
      CommandIDs.toggleDyslexiaFont,
      'dyslexiaFont',
      trans.__('Dyslexia-friendly font'),
      trans.__('Show text in OpenDyslexic (code keeps a monospace font).')
    );
    toggle(
      CommandIDs.toggleReducedMotion,
      'reducedMotion',
      trans.__('Reduced motion'),
      trans.__('Turn off animations and transitions.')
    );
    toggle(
      CommandIDs.toggleStrongFocus,
      'strongFocus',
      trans.__('Strong focus indicator'),
      trans.__('Draw a thick outline around whatever has the keyboard focus.')
    );
    const resize = (step: number) => async () => {
      const next = (value: number) =>
        Math.min(TEXT_SIZE_MAX, Math.max(TEXT_SIZE_MIN, value + step));
      await settings.set('uiTextSize', next(preferences.uiTextSize));
      await settings.set(
        'notebookTextSize',
        next(preferences.notebookTextSize)
      );
    };
    app.commands.addCommand(CommandIDs.increaseText, {
      describedBy: { args: { type: 'object', properties: {} } },
      label: trans.__('Larger text'),
      caption: trans.__('Make the interface’s and notebooks’ text larger.'),
      isEnabled: () =>
        preferences.uiTextSize < TEXT_SIZE_MAX ||
        preferences.notebookTextSize < TEXT_SIZE_MAX,
      execute: resize(TEXT_SIZE_STEP)
    });
    app.commands.addCommand(CommandIDs.decreaseText, {
      describedBy: { args: { type: 'object', properties: {} } },
      label: trans.__('Smaller text'),
      caption: trans.__('Make the interface’s and notebooks’ text smaller.'),
      isEnabled: () =>
        preferences.uiTextSize > TEXT_SIZE_MIN ||
        preferences.notebookTextSize > TEXT_SIZE_MIN,
      execute: resize(-TEXT_SIZE_STEP)
    });
    palette?.addItem({ command: CommandIDs.increaseText, category });
    palette?.addItem({ command: CommandIDs.decreaseText, category });
  }
};
