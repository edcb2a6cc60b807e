/**
 * @candyce/a11y: an accessibility layer for the whole of JupyterLab.
 */
import { announcePlugin } from './announcePlugin';
import { preferencesPlugin } from './preferencesPlugin';
import { repairPlugin } from './repairPlugin';
import { skipLinksPlugin } from './skipLinksPlugin';

export * from './announcer';
export * from './messages';
export * from './preferences';
export * from './repairs';
export * from './skipLinks';
export { CommandIDs } from './preferencesPlugin';
export { isA11yOff } from './offSwitch';
export { HIGH_CONTRAST_THEME } from './theme';

export default [
  repairPlugin,
  announcePlugin,
  preferencesPlugin,
  skipLinksPlugin
];
