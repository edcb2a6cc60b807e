/**
 * @packageDocumentation
 * @module branding
 *
 * Candyce branding: logo, browser title, theme, About dialog and launcher section.
 */
import { aboutPlugin } from './aboutPlugin';
import { logoPlugin } from './logo';
import { themePlugin } from './theme';
import { titlePlugin } from './title';

export { CommandIDs } from './aboutPlugin';
export { brandTitle } from './title';
export { THEME_NAME } from './theme';

export default [logoPlugin, titlePlugin, themePlugin, aboutPlugin];
