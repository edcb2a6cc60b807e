/**
 * The « Accessibilité » preferences and how they change the page: classes on <body>
 * for what CSS can do alone (font, motion, focus), and CSS variables on <body> for
 * sizes, computed from the theme's own values so that every theme keeps its scale.
 */

/**
 * The user's preferences (schema/settings.json).
 */
export interface IPreferences {
  highContrast: boolean;
  uiTextSize: number;
  notebookTextSize: number;
  dyslexiaFont: boolean;
  lineSpacing: number;
  reducedMotion: boolean;
  strongFocus: boolean;
}

/**
 * The defaults: the theme as it is.
 */
export const DEFAULT_PREFERENCES: IPreferences = {
  highContrast: false,
  uiTextSize: 100,
  notebookTextSize: 100,
  dyslexiaFont: false,
  lineSpacing: 1,
  reducedMotion: false,
  strongFocus: false
};

/** Text sizes offered, in percent. */
export const TEXT_SIZE_STEP = 10;
export const TEXT_SIZE_MIN = 100;
export const TEXT_SIZE_MAX = 200;

/**
 * Preferences from stored settings, each value checked (a hand-edited setting that is
 * out of range falls back to its default).
 */
export function readPreferences(
  stored: Partial<Record<keyof IPreferences, unknown>>
): IPreferences {
  const flag = (key: keyof IPreferences): boolean =>
    typeof stored[key] === 'boolean'
      ? (stored[key] as boolean)
      : (DEFAULT_PREFERENCES[key] as boolean);
  const number = (key: keyof IPreferences, min: number, max: number) => {
    const value = stored[key];
    return typeof value === 'number' && value >= min && value <= max
      ? value
      : (DEFAULT_PREFERENCES[key] as number);
  };
  return {
    highContrast: flag('highContrast'),
    uiTextSize: number('uiTextSize', TEXT_SIZE_MIN, TEXT_SIZE_MAX),
    notebookTextSize: number('notebookTextSize', TEXT_SIZE_MIN, TEXT_SIZE_MAX),
    dyslexiaFont: flag('dyslexiaFont'),
    lineSpacing: number('lineSpacing', 1, 2),
    reducedMotion: flag('reducedMotion'),
    strongFocus: flag('strongFocus')
  };
}

/** The theme's variables each size preference scales. */
const UI_SIZES = [
  '--jp-ui-font-size0',
  '--jp-ui-font-size1',
  '--jp-ui-font-size2',
  '--jp-ui-font-size3'
];
const NOTEBOOK_SIZES = [
  '--jp-content-font-size0',
  '--jp-content-font-size1',
  '--jp-content-font-size2',
  '--jp-content-font-size3',
  '--jp-content-font-size4',
  '--jp-content-font-size5',
  '--jp-code-font-size'
];
const LINE_HEIGHTS = ['--jp-content-line-height', '--jp-code-line-height'];

/**
 * A CSS length or number times `factor`; null when it is not one CSS can be sure of
 * (a `calc()`, an empty value): then the theme's value stays.
 */
export function scaleValue(value: string, factor: number): string | null {
  const match = value.trim().match(/^(\d*\.?\d+)(px|em|rem|pt|%)?$/);
  if (!match) {
    return null;
  }
  const scaled = Math.round(parseFloat(match[1]) * factor * 1000) / 1000;
  return `${scaled}${match[2] ?? ''}`;
}

/** Classes set on <body>, one per on/off preference. */
export const CLASSES = {
  dyslexiaFont: 'cdc-a11y-dyslexiaFont',
  reducedMotion: 'cdc-a11y-reducedMotion',
  strongFocus: 'cdc-a11y-strongFocus'
} as const;

/**
 * Apply the preferences (but the theme, which the theme manager changes) to `body`,
 * reading the theme's values from `root` (<html>, where themes set them).
 */
export function applyPreferences(
  preferences: IPreferences,
  body: HTMLElement,
  root: HTMLElement
): void {
  for (const [key, className] of Object.entries(CLASSES)) {
    body.classList.toggle(
      className,
      preferences[key as keyof typeof CLASSES] === true
    );
  }
  const theme = getComputedStyle(root);
  const scale = (names: string[], factor: number) => {
    for (const name of names) {
      const value =
        factor === 1 ? null : scaleValue(theme.getPropertyValue(name), factor);
      if (value === null) {
        body.style.removeProperty(name);
      } else {
        body.style.setProperty(name, value);
      }
    }
  };
  // The smallest interface size is relative (em): scaling it twice would compound.
  scale(
    UI_SIZES.filter(name => !/em$/.test(theme.getPropertyValue(name).trim())),
    preferences.uiTextSize / 100
  );
  scale(
    NOTEBOOK_SIZES.filter(
      name => !/em$/.test(theme.getPropertyValue(name).trim())
    ),
    preferences.notebookTextSize / 100
  );
  scale(LINE_HEIGHTS, preferences.lineSpacing);
}
