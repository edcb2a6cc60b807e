/**
 * @packageDocumentation
 * @module branding
 *
 * Candyce branding: logo, browser title, theme, About dialog and launcher section,
 * each doing nothing unless the deployment turns the branding on (see `isBrandingOn`).
 */
import { aboutPlugin } from './aboutPlugin';
import { logoPlugin } from './logo';
import { themePlugin } from './theme';
import { titlePlugin } from './title';

export { CommandIDs } from './aboutPlugin';
export { BRANDING_PAGE_OPTION, isBrandingOn } from './enabled';
export { brandTitle } from './title';
export { THEME_NAME } from './theme';

export default [logoPlugin, titlePlugin, themePlugin, aboutPlugin];
