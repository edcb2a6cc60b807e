import {
  ILabShell,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { candyceIcon } from '@candyce/core';
import { Widget } from '@lumino/widgets';

import { isBrandingOn } from './enabled';

/**
 * Puts the Candyce logo in the top bar, when the deployment turns the branding on
 * (the deployment then disables `@jupyterlab/application-extension:logo` in its own page
 * config, as platform/page_config.json does).
 */
export const logoPlugin: JupyterFrontEndPlugin<void> = {
  id: '@candyce/branding:logo',
  description: 'Shows the Candyce logo in the top bar.',
  autoStart: true,
  requires: [ILabShell],
  optional: [ITranslator],
  activate: (
    _app: JupyterFrontEnd,
    shell: ILabShell,
    translator: ITranslator | null
  ): void => {
    if (!isBrandingOn()) {
      return;
    }
    const trans = (translator ?? nullTranslator).load('candyce');
    const logo = new Widget();
    logo.id = 'cdc-MainLogo';
    logo.addClass('cdc-MainLogo');
    logo.node.setAttribute('role', 'img');
    logo.node.setAttribute('aria-label', trans.__('Candyce'));
    candyceIcon.element({
      container: logo.node,
      elementPosition: 'center',
      height: 'auto',
      width: '24px'
    });
    shell.add(logo, 'top', { rank: 0 });
  }
};
