import { PageConfig } from '@jupyterlab/coreutils';

/**
 * The page config option that turns the branding on.
 *
 * The branding changes a deployment's identity (logo, browser title, theme, About
 * dialog, launcher section), so it is off unless the deployment asks for it: the
 * Candyce platform writes `"candyceBranding": true` in its `page_config.json`
 * (platform/page_config.json, installed into `<sys-prefix>/etc/jupyter/labconfig`),
 * beside the core plugins it disables. A JupyterLab that installs the `candyce`
 * distribution for its features keeps its own look. A page config value rather than a
 * user setting: it is the deployment's choice, known before any plugin starts (no
 * JupyterLab logo flashing while settings load), and not a user's to undo.
 */
export const BRANDING_PAGE_OPTION = 'candyceBranding';

/**
 * Whether the deployment turned the Candyce branding on.
 */
export function isBrandingOn(): boolean {
  // PageConfig hands JSON values other than strings back as JSON text.
  return PageConfig.getOption(BRANDING_PAGE_OPTION) === 'true';
}
