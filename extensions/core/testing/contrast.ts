/**
 * WCAG 2.x contrast, computed from CSS custom properties.
 */
import * as fs from 'fs';
import * as path from 'path';

export type RGBA = [number, number, number, number];

/**
 * Read the custom properties declared in style sheets (later ones win).
 */
export function readVariables(...sheets: string[]): Map<string, string> {
  const variables = new Map<string, string>();
  for (const sheet of sheets) {
    const text = sheet.replace(/\/\*[\s\S]*?\*\//g, '');
    for (const match of text.matchAll(/(--[\w-]+)\s*:\s*([^;}]+)/g)) {
      variables.set(match[1], match[2].trim());
    }
  }
  return variables;
}

/**
 * Resolve `var(--x, fallback)` references until a literal colour remains.
 */
export function resolve(
  value: string,
  variables: Map<string, string>,
  depth = 0
): string {
  if (depth > 20) {
    throw new Error(`Circular variable: ${value}`);
  }
  const reference = value.match(/^var\(\s*(--[\w-]+)\s*(?:,\s*(.+))?\)$/);
  if (!reference) {
    return value;
  }
  const [, name, fallback] = reference;
  const next = variables.get(name) ?? fallback;
  if (next === undefined) {
    throw new Error(`Undefined variable ${name}`);
  }
  return resolve(next.trim(), variables, depth + 1);
}

const NAMED: Record<string, RGBA> = {
  white: [255, 255, 255, 1],
  black: [0, 0, 0, 1]
};

/**
 * Parse #rgb, #rrggbb, rgb() and rgba() colours.
 */
export function parseColor(value: string): RGBA {
  const named = NAMED[value.toLowerCase()];
  if (named) {
    return named;
  }
  const hex = value.match(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i);
  if (hex) {
    const digits =
      hex[1].length === 3
        ? hex[1]
            .split('')
            .map(d => d + d)
            .join('')
        : hex[1];
    return [0, 2, 4]
      .map(i => parseInt(digits.slice(i, i + 2), 16))
      .concat(1) as RGBA;
  }
  const fn = value.match(/^rgba?\(([^)]+)\)$/);
  if (fn) {
    const parts = fn[1].split(',').map(p => parseFloat(p));
    return [parts[0], parts[1], parts[2], parts[3] ?? 1];
  }
  throw new Error(`Unsupported colour: ${value}`);
}

/**
 * A colour with transparency painted over an opaque background.
 */
export function over(top: RGBA, background: RGBA): RGBA {
  const a = top[3];
  return [0, 1, 2]
    .map(i => top[i] * a + background[i] * (1 - a))
    .concat(1) as RGBA;
}

function luminance([r, g, b]: RGBA): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/**
 * The WCAG contrast ratio of a foreground (possibly translucent) on a background.
 */
export function contrastRatio(foreground: RGBA, background: RGBA): number {
  const fg = over(foreground, background);
  const [light, dark] = [luminance(fg), luminance(background)].sort(
    (a, b) => b - a
  );
  return (light + 0.05) / (dark + 0.05);
}

/** A theme's variables and its colours by variable name. */
export interface IThemeColors {
  variables: Map<string, string>;
  color: (name: string) => RGBA;
}

/**
 * A Candyce theme as JupyterLab draws it: JupyterLab Light's variables, then the
 * overrides of `themeCss` (a file's path), in that order (style/theme/index.css);
 * without a file, JupyterLab Light as it comes.
 */
export function overLightTheme(themeCss?: string): IThemeColors {
  // Resolved through package.json: jest maps every `.css` module to a stub.
  const light = fs.readFileSync(
    path.join(
      path.dirname(
        require.resolve('@jupyterlab/theme-light-extension/package.json')
      ),
      'style',
      'variables.css'
    ),
    'utf8'
  );
  const variables = readVariables(
    light,
    themeCss ? fs.readFileSync(themeCss, 'utf8') : ''
  );
  return {
    variables,
    color: name => parseColor(resolve(`var(${name})`, variables))
  };
}
