import * as path from 'path';

import { contrastRatio, overLightTheme } from '@candyce/core/testing';

/**
 * The Candyce Light theme is JupyterLab Light's variables plus Candyce's overrides,
 * in that order (style/theme/index.css). Each pair below is a text or UI colour and
 * a background it is drawn on in JupyterLab; WCAG AA asks 4.5:1 for text and 3:1
 * for the boundaries of controls and focus indicators.
 */
const { color } = overLightTheme(
  path.join(__dirname, '..', 'style', 'theme', 'candyce.css')
);

const TEXT_ON_BACKGROUNDS: [string, string][] = [];
for (const text of [
  '--jp-ui-font-color0',
  '--jp-ui-font-color1',
  '--jp-ui-font-color2',
  '--jp-ui-font-color3'
]) {
  for (const background of [
    '--jp-layout-color0',
    '--jp-layout-color1',
    '--jp-layout-color2'
  ]) {
    TEXT_ON_BACKGROUNDS.push([text, background]);
  }
}
for (const text of [
  '--jp-content-font-color0',
  '--jp-content-font-color1',
  '--jp-content-font-color2',
  '--jp-content-font-color3',
  '--jp-content-link-color'
]) {
  TEXT_ON_BACKGROUNDS.push([text, '--jp-layout-color0']);
}
for (const text of [
  '--jp-ui-inverse-font-color0',
  '--jp-ui-inverse-font-color1',
  '--jp-ui-inverse-font-color2',
  '--jp-ui-inverse-font-color3'
]) {
  TEXT_ON_BACKGROUNDS.push([text, '--jp-brand-color1']);
  TEXT_ON_BACKGROUNDS.push([text, '--jp-inverse-layout-color1']);
}
for (const text of [
  '--jp-error-color1',
  '--jp-warn-color1',
  '--jp-success-color1',
  '--jp-info-color1',
  '--jp-accent-color1',
  '--jp-brand-color1',
  '--jp-brand-color0'
]) {
  TEXT_ON_BACKGROUNDS.push([text, '--jp-layout-color0']);
}

const NON_TEXT: [string, string][] = [
  ['--jp-focus-outline-color', '--jp-layout-color0'],
  ['--jp-focus-outline-color', '--jp-layout-color2'],
  ['--jp-brand-color1', '--jp-layout-color2']
];

describe('Candyce Light contrast (WCAG AA)', () => {
  it.each(TEXT_ON_BACKGROUNDS)('%s on %s reaches 4.5:1', (text, background) => {
    expect(
      contrastRatio(color(text), color(background))
    ).toBeGreaterThanOrEqual(4.5);
  });

  it.each(NON_TEXT)('%s on %s reaches 3:1', (foreground, background) => {
    expect(
      contrastRatio(color(foreground), color(background))
    ).toBeGreaterThanOrEqual(3);
  });

  it('would catch JupyterLab Light’s own weak tertiary text (the check can fail)', () => {
    const stock = overLightTheme();
    const ratio = contrastRatio(
      stock.color('--jp-ui-font-color3'),
      stock.color('--jp-layout-color2')
    );
    expect(ratio).toBeLessThan(4.5);
  });
});
