import {
  candyceIcon,
  addSidePanel,
  focusWhenRendered,
  HubClient,
  IAssignments,
  ICandyceSession,
  ILibrary
} from '@candyce/core';
import {
  ILabShell,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { LibraryApi } from './api';
import { CommandIDs } from './commandIds';
import { markdownRenderer } from './markdown';
// The panel's actions are built with it, at activation.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { resourceActions } from './panelActions';
import { publicApiBase, withoutCredentials } from './mode';
// The panel is added to the sidebar at activation: nothing to load lazily.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { LibraryPanel } from './panel';

const PANEL_PLUGIN = '@candyce/library:panel';

/**
 * The « Bibliothèque » panel in the left sidebar and its command.
 */
export const panelPlugin: JupyterFrontEndPlugin<ILibrary> = {
  id: PANEL_PLUGIN,
  description:
    'The « Bibliothèque » side panel: search, recommendations, preview, open a copy, endorse.',
  autoStart: true,
  provides: ILibrary,
  requires: [ICandyceSession],
  optional: [
    ITranslator,
    ILabShell,
    ICommandPalette,
    IRenderMimeRegistry,
    IDocumentManager,
    ISettingRegistry,
    IAssignments
  ],
  activate: async (
    app: JupyterFrontEnd,
    session: ICandyceSession,
    translator: ITranslator | null,
    labShell: ILabShell | null,
    palette: ICommandPalette | null,
    rendermime: IRenderMimeRegistry | null,
    docManager: IDocumentManager | null,
    settingRegistry: ISettingRegistry | null,
    assignments: IAssignments | null
  ): Promise<ILibrary> => {
    const trans = (translator ?? nullTranslator).load('candyce');
    let perPage = 10;
    let libraryUrl = '';
    if (settingRegistry) {
      try {
        const settings = await settingRegistry.load(PANEL_PLUGIN);
        perPage = (settings.composite.perPage as number) || perPage;
        libraryUrl = (settings.composite.libraryUrl as string) ?? '';
      } catch (reason) {
        console.warn('Candyce library settings could not be read', reason);
      }
    }
    // Without the platform, a public library is read anonymously (no cookies sent).
    const publicBase = publicApiBase(libraryUrl);
    const publicApi = publicBase
      ? new LibraryApi(
          new HubClient({
            baseUrl: publicBase,
            fetch: withoutCredentials((input, init) => fetch(input, init))
          }),
          true
        )
      : null;
    const panel = new LibraryPanel({
      session,
      trans,
      perPage,
      publicApi,
      renderMarkdown: markdownRenderer(rendermime, translator),
      actions: resourceActions({
        app,
        session,
        trans,
        publicApi,
        docManager,
        assignments
      })
    });
    addSidePanel(app.shell, panel, {
      id: 'cdc-library',
      icon: candyceIcon,
      name: trans.__('Library'),
      area: 'left',
      rank: 150
    });

    app.commands.addCommand(CommandIDs.open, {
      label: trans.__('Library'),
      caption: trans.__(
        'Open the library: search, preview and open teaching notebooks'
      ),
      icon: candyceIcon,
      describedBy: { args: { type: 'object', properties: {} } },
      execute: () => {
        (labShell ?? app.shell).activateById(panel.id);
        // The search field, or on a resource page its title.
        focusWhenRendered(panel.node, [
          '#cdc-Library-q',
          '#cdc-Resource-title'
        ]);
      }
    });
    palette?.addItem({
      command: CommandIDs.open,
      category: trans.__('Candyce')
    });
    return {
      open: () => void app.commands.execute(CommandIDs.open),
      showResource: id => {
        panel.showResource(id);
        (labShell ?? app.shell).activateById(panel.id);
      }
    };
  }
};
