import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';

import { isBrandingOn } from './enabled';

/**
 * The product name shown in the browser tab.
 */
export const PRODUCT_NAME = 'Candyce';

/**
 * Rewrite a JupyterLab window title so that it names Candyce.
 *
 * JupyterLab writes `<app>` or `<document> - <app>` (or `<document> - <workspace>`);
 * only the application name is replaced.
 */
export function brandTitle(title: string, appName: string): string {
  if (title === appName) {
    return PRODUCT_NAME;
  }
  const suffix = ` - ${appName}`;
  return title.endsWith(suffix)
    ? `${title.slice(0, -suffix.length)} - ${PRODUCT_NAME}`
    : title;
}

/**
 * Names Candyce in the browser tab, when the deployment turns the branding on.
 *
 * JupyterLab's application name is not configurable (`LabApp.app_name` is a class
 * constant) and the title is rewritten on every document change, so the plugin
 * watches the `<title>` element and brands each new value.
 */
export const titlePlugin: JupyterFrontEndPlugin<void> = {
  id: '@candyce/branding:title',
  description: 'Names Candyce in the browser tab title.',
  autoStart: true,
  activate: (app: JupyterFrontEnd): void => {
    if (!isBrandingOn()) {
      return;
    }
    const apply = (): void => {
      const branded = brandTitle(document.title, app.name);
      if (branded !== document.title) {
        document.title = branded;
      }
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, {
      subtree: true,
      childList: true,
      characterData: true
    });
  }
};
