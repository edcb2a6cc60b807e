import { HubApi, hubPageUrl, ICandyceSession } from '@candyce/core';
import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Dialog, ICommandPalette, showDialog } from '@jupyterlab/apputils';
import { ILauncher } from '@jupyterlab/launcher';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import type { IAdministered } from './access';
import { administered } from './access';
import { AdministrationApi } from './api';
import { CommandIDs } from './commandIds';
import { Formats } from './format';
import { administrationIcon } from './icons';
// The workspace may restore the administration at start: nothing to load lazily.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { AdministrationOpener } from './opener';
import type { IAdministrationOptions } from './options';

/**
 * « Administration » in the main area, for the platform's, an academy's and an
 * establishment's administrators (those the hub lists schools to administer);
 * opened from the palette and the launcher, restored with the workspace.
 */
export const administrationPlugin: JupyterFrontEndPlugin<void> = {
  id: '@candyce/administration:plugin',
  description:
    'The administration in the main area: people (search, paging, create, roles, deactivation, reset codes), environments and the audit log.',
  autoStart: true,
  requires: [ICandyceSession],
  optional: [ITranslator, ILayoutRestorer, ICommandPalette, ILauncher],
  activate: (
    app: JupyterFrontEnd,
    session: ICandyceSession,
    translator: ITranslator | null,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    launcher: ILauncher | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('candyce');
    let api: AdministrationApi | null = null;
    const hubApi = () =>
      (api ??= new AdministrationApi(new HubApi(session.hub!)));
    let rights: IAdministered | null = null;
    const asked = session.ready.then(async () => {
      rights = await administered(session, hubApi);
    });
    const opener = new AdministrationOpener(app, trans, restorer);
    const options = (): IAdministrationOptions => ({
      api: hubApi(),
      trans,
      formats: new Formats(session.locale),
      callerRoles: session.user?.roles ?? [],
      establishments: rights?.establishments ?? [],
      establishmentRequired: !rights?.everything,
      environments: session.hasRole('admin'),
      // On the hub's origin, whichever origin JupyterLab is served on.
      resetPageUrl: new URL(
        hubPageUrl('/hub/mot-de-passe'),
        window.location.origin
      ).href,
      confirm: async (title, body, action) =>
        (
          await showDialog({
            title,
            body,
            buttons: [
              Dialog.cancelButton({ label: trans.__('Cancel') }),
              Dialog.warnButton({ label: action })
            ]
          })
        ).button.accept
    });

    app.commands.addCommand(CommandIDs.open, {
      label: trans.__('Administration'),
      caption: trans.__(
        'People, roles, reset codes, environments and the audit log'
      ),
      icon: administrationIcon,
      isEnabled: () => rights !== null,
      isVisible: () => rights !== null,
      describedBy: {
        args: {
          type: 'object',
          properties: {
            focus: {
              type: 'boolean',
              description: 'Whether to focus the view (default: true)'
            }
          }
        }
      },
      execute: async args => {
        // The workspace restores the view before the hub has answered.
        await asked;
        if (rights) {
          opener.open(options, args.focus !== false);
        }
      }
    });

    void asked.then(() => {
      if (!rights) {
        return;
      }
      const category = trans.__('Candyce');
      palette?.addItem({ command: CommandIDs.open, category });
      launcher?.add({ command: CommandIDs.open, category, rank: 40 });
    });
  }
};
