import {
  ILabShell,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { isA11yOff } from './offSwitch';
import { addSkipLinks, focusSidePanel } from './skipLinks';

/**
 * « Aller au panneau latéral » beside JupyterLab's « Aller au document » (its one skip
 * link, which the repairs name): the first stops of the keyboard, in full JupyterLab
 * and in school mode (where the side panel is « Mes devoirs »).
 */
export const skipLinksPlugin: JupyterFrontEndPlugin<void> = {
  id: '@candyce/a11y:skip-links',
  description:
    'Adds a « go to the side panel » skip link beside JupyterLab’s « go to the document » one.',
  autoStart: true,
  optional: [ILabShell, ITranslator],
  activate: (
    _app: JupyterFrontEnd,
    shell: ILabShell | null,
    translator: ITranslator | null
  ): void => {
    const box = shell?.node.querySelector<HTMLElement>('.jp-skiplink');
    if (isA11yOff() || !shell || !box) {
      return;
    }
    const trans = (translator ?? nullTranslator).load('candyce');
    addSkipLinks(box, [
      {
        id: 'side-panel',
        text: trans.__('Skip to the side panel'),
        go: () => focusSidePanel(shell)
      }
    ]);
  }
};
