import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ILauncher } from '@jupyterlab/launcher';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { candyceIcon, ICandyceSession } from '@candyce/core';

import { showAboutDialog } from './about';
import { isBrandingOn } from './enabled';

/**
 * The command ids of the branding plugins.
 */
export namespace CommandIDs {
  export const about = 'candyce-branding:about';
}

/**
 * Adds « À propos de Candyce » to the Help menu (see schema/about.json), the
 * command palette and the Candyce section of the launcher, when the deployment turns
 * the branding on. Otherwise the command does not exist, and JupyterLab hides the
 * schema's menu item with it.
 */
export const aboutPlugin: JupyterFrontEndPlugin<void> = {
  id: '@candyce/branding:about',
  description:
    'Adds the About Candyce dialog to the Help menu, the palette and the launcher.',
  autoStart: true,
  optional: [ITranslator, ICandyceSession, ICommandPalette, ILauncher],
  activate: (
    app: JupyterFrontEnd,
    translator: ITranslator | null,
    session: ICandyceSession | null,
    palette: ICommandPalette | null,
    launcher: ILauncher | null
  ): void => {
    if (!isBrandingOn()) {
      return;
    }
    const trans = (translator ?? nullTranslator).load('candyce');
    app.commands.addCommand(CommandIDs.about, {
      label: trans.__('About Candyce'),
      caption: trans.__('Show the versions of Candyce and JupyterLab'),
      icon: candyceIcon,
      describedBy: { args: { type: 'object', properties: {} } },
      execute: () => showAboutDialog(app, trans, session)
    });
    // Candyce's own entries share one palette category and one launcher section.
    const category = trans.__('Candyce');
    palette?.addItem({ command: CommandIDs.about, category });
    launcher?.add({
      command: CommandIDs.about,
      category,
      rank: 100
    });
  }
};
