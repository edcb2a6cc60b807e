import * as path from 'path';

import { contrastRatio, overLightTheme } from '@candyce/core/testing';

/**
 * Candyce High Contrast is JupyterLab Light's variables plus its own overrides, in that
 * order (style/theme/index.css). WCAG AAA asks 7:1 for text (1.4.6) and the theme
 * keeps 3:1 for boundaries of controls and the focus indicator (1.4.11).
 */
const { variables, color } = overLightTheme(
  path.join(__dirname, '..', 'style', 'theme', 'contrast.css')
);

const BACKGROUNDS = [
  '--jp-layout-color0',
  '--jp-layout-color1',
  '--jp-layout-color2',
  '--jp-cell-editor-background'
];
const TEXTS = [
  '--jp-ui-font-color0',
  '--jp-ui-font-color1',
  '--jp-ui-font-color2',
  '--jp-ui-font-color3',
  '--jp-content-font-color0',
  '--jp-content-font-color1',
  '--jp-content-font-color2',
  '--jp-content-font-color3',
  '--jp-content-link-color',
  '--jp-error-color0',
  '--jp-error-color1',
  '--jp-warn-color0',
  '--jp-warn-color1',
  '--jp-success-color0',
  '--jp-success-color1',
  '--jp-info-color0',
  '--jp-info-color1',
  '--jp-brand-color0',
  '--jp-brand-color1',
  '--jp-accent-color0',
  '--jp-accent-color1',
  '--jp-cell-inprompt-font-color',
  '--jp-cell-outprompt-font-color',
  ...Object.keys(Object.fromEntries(variables))
    .filter(name => /^--jp-mirror-editor-.*-color$/.test(name))
    .filter(name => name !== '--jp-mirror-editor-hr-color')
];

const PAIRS: [string, string][] = [];
for (const text of TEXTS) {
  for (const background of BACKGROUNDS) {
    PAIRS.push([text, background]);
  }
}
for (const text of [
  '--jp-ui-inverse-font-color0',
  '--jp-ui-inverse-font-color1',
  '--jp-ui-inverse-font-color2',
  '--jp-ui-inverse-font-color3'
]) {
  PAIRS.push([text, '--jp-brand-color1']);
  PAIRS.push([text, '--jp-inverse-layout-color1']);
}

describe('Candyce High Contrast (WCAG AAA)', () => {
  it.each(PAIRS)('%s on %s reaches 7:1', (text, background) => {
    expect(
      contrastRatio(color(text), color(background))
    ).toBeGreaterThanOrEqual(7);
  });

  it.each([
    ['--jp-focus-outline-color', '--jp-layout-color0'],
    ['--jp-focus-outline-color', '--jp-layout-color2'],
    ['--jp-border-color1', '--jp-layout-color0'],
    ['--jp-input-border-color', '--jp-input-background']
  ])('%s on %s reaches 3:1', (foreground, background) => {
    expect(
      contrastRatio(color(foreground), color(background))
    ).toBeGreaterThanOrEqual(3);
  });

  it('would catch JupyterLab Light’s own colours (the check can fail)', () => {
    const stock = overLightTheme();
    expect(
      contrastRatio(
        stock.color('--jp-mirror-editor-comment-color'),
        stock.color('--jp-layout-color0')
      )
    ).toBeLessThan(7);
  });
});
