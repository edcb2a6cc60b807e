import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';

import {
  IPreferences,
  TEXT_SIZE_MAX,
  TEXT_SIZE_MIN,
  TEXT_SIZE_STEP
} from './preferences';

/**
 * The « Accessibilité » panel: one native control per preference, each with its
 * label and its explanation, so that it works with the keyboard and screen readers.
 */
export class AccessibilityPanel extends ReactWidget {
  constructor(options: AccessibilityPanel.IOptions) {
    super();
    this._options = options;
    this.addClass('cdc-a11y-Panel');
  }

  /**
   * Show new values (the settings changed, here or elsewhere).
   */
  setPreferences(preferences: IPreferences): void {
    this._options.preferences = preferences;
    this.update();
  }

  protected render(): JSX.Element {
    const { trans, preferences, onChange } = this._options;
    const sizes: number[] = [];
    for (let s = TEXT_SIZE_MIN; s <= TEXT_SIZE_MAX; s += TEXT_SIZE_STEP) {
      sizes.push(s);
    }
    const check = (key: keyof IPreferences, label: string, hint: string) => (
      <div className="cdc-a11y-Panel-field cdc-a11y-Panel-check">
        <input
          type="checkbox"
          id={`cdc-a11y-${key}`}
          aria-describedby={`cdc-a11y-${key}-hint`}
          checked={preferences[key] === true}
          onChange={event => onChange(key, event.currentTarget.checked)}
        />
        <div>
          <label htmlFor={`cdc-a11y-${key}`}>{label}</label>
          <p id={`cdc-a11y-${key}-hint`} className="cdc-a11y-Panel-hint">
            {hint}
          </p>
        </div>
      </div>
    );
    const choice = (
      key: keyof IPreferences,
      label: string,
      hint: string,
      values: number[],
      text: (value: number) => string
    ) => (
      <div className="cdc-a11y-Panel-field">
        <label htmlFor={`cdc-a11y-${key}`}>{label}</label>
        <select
          id={`cdc-a11y-${key}`}
          aria-describedby={`cdc-a11y-${key}-hint`}
          value={String(preferences[key])}
          onChange={event => onChange(key, Number(event.currentTarget.value))}
        >
          {values.map(value => (
            <option key={value} value={String(value)}>
              {text(value)}
            </option>
          ))}
        </select>
        <p id={`cdc-a11y-${key}-hint`} className="cdc-a11y-Panel-hint">
          {hint}
        </p>
      </div>
    );
    const percent = (value: number) => trans.__('%1 %', value);
    return (
      <section aria-labelledby="cdc-a11y-title">
        <h1 id="cdc-a11y-title">{trans.__('Accessibility')}</h1>
        {check(
          'highContrast',
          trans.__('High contrast'),
          trans.__('Use the Candyce high contrast theme (WCAG AAA contrast).')
        )}
        {choice(
          'uiTextSize',
          trans.__('Text size of the interface (%)'),
          trans.__(
            'Size of the menus, panels and toolbars’ text, in percent of the theme’s.'
          ),
          sizes,
          percent
        )}
        {choice(
          'notebookTextSize',
          trans.__('Text size of notebooks (%)'),
          trans.__(
            'Size of the text and code of notebooks, consoles and editors, in percent of the theme’s.'
          ),
          sizes,
          percent
        )}
        {check(
          'dyslexiaFont',
          trans.__('Dyslexia-friendly font'),
          trans.__('Show text in OpenDyslexic (code keeps a monospace font).')
        )}
        {choice(
          'lineSpacing',
          trans.__('Line spacing'),
          trans.__(
            'Space between lines of text and code, as a multiple of the theme’s.'
          ),
          [1, 1.25, 1.5, 1.75, 2],
          value => trans.__('× %1', value)
        )}
        {check(
          'reducedMotion',
          trans.__('Reduced motion'),
          trans.__('Turn off animations and transitions.')
        )}
        {check(
          'strongFocus',
          trans.__('Strong focus indicator'),
          trans.__(
            'Draw a thick outline around whatever has the keyboard focus.'
          )
        )}
      </section>
    );
  }

  private _options: AccessibilityPanel.IOptions;
}

/**
 * The AccessibilityPanel types.
 */
export namespace AccessibilityPanel {
  /**
   * Options of the panel.
   */
  export interface IOptions {
    trans: TranslationBundle;
    preferences: IPreferences;
    /** Store a new value (the panel shows it once the settings changed). */
    onChange(key: keyof IPreferences, value: boolean | number): void;
  }
}
