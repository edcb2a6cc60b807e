import {
  candyceIcon,
  addSidePanel,
  focusAfterPalette,
  HubClient,
  IAssignments,
  ICandyceSession,
  ILibrary,
  markdownRenderer
} from '@candyce/core';
import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { ILauncher } from '@jupyterlab/launcher';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';

// Both are needed at activation (the launcher item, the public library's client).
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { canUseLibrary } from './access';
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { LibraryApi } from './api';
import { libraryActivity } from './activity';
import { CommandIDs } from './commandIds';
// The sidebar entry is added at activation: nothing to load lazily.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { LibraryEntry } from './entry';
// The view's actions are built with it, at activation.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { resourceActions } from './panelActions';
import { publicApiBase, withoutCredentials } from './mode';
// The workspace may restore the view at start: nothing to load lazily.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { LibraryViewOpener } from './viewOpener';

const PANEL_PLUGIN = '@candyce/library:panel';

/**
 * The « Bibliothèque » view in the main area, its entry in the left sidebar, and the
 * command that opens it (palette, launcher, shortcut).
 */
export const panelPlugin: JupyterFrontEndPlugin<ILibrary> = {
  id: PANEL_PLUGIN,
  description:
    'The « Bibliothèque » view (search, facets, results, preview, open a copy, endorse) and its sidebar entry.',
  autoStart: true,
  provides: ILibrary,
  requires: [ICandyceSession],
  optional: [
    ITranslator,
    ILayoutRestorer,
    ICommandPalette,
    IRenderMimeRegistry,
    IDocumentManager,
    ISettingRegistry,
    IAssignments,
    ILauncher
  ],
  activate: async (
    app: JupyterFrontEnd,
    session: ICandyceSession,
    translator: ITranslator | null,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    rendermime: IRenderMimeRegistry | null,
    docManager: IDocumentManager | null,
    settingRegistry: ISettingRegistry | null,
    assignments: IAssignments | null,
    launcher: ILauncher | null
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
    const views = new LibraryViewOpener({
      app,
      trans,
      restorer,
      panel: {
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
      }
    });

    const entry = new LibraryEntry({
      session,
      trans,
      publicApi,
      onSearch: q => views.open({ q }),
      onShowResource: resource => views.open({ resource })
    });
    addSidePanel(app.shell, entry, {
      id: 'cdc-library-entry',
      icon: candyceIcon,
      name: trans.__('Library'),
      area: 'left',
      rank: 150
    });
    restorer?.add(entry, 'cdc-library-entry');

    app.commands.addCommand(CommandIDs.open, {
      label: trans.__('Library'),
      caption: trans.__(
        'Open the library: search, preview and open teaching notebooks'
      ),
      icon: candyceIcon,
      describedBy: {
        args: {
          type: 'object',
          properties: {
            q: { type: 'string', description: 'Words to search' },
            focus: {
              type: 'boolean',
              description: 'Whether to focus the view (default: true)'
            }
          }
        }
      },
      execute: args =>
        void views.open({
          q: typeof args.q === 'string' ? args.q : undefined,
          focus: args.focus !== false
        })
    });
    app.commands.addCommand(CommandIDs.searchEntry, {
      label: trans.__('Library search in the sidebar'),
      caption: trans.__('Show the library’s search box in the left sidebar'),
      icon: candyceIcon,
      describedBy: { args: { type: 'object', properties: {} } },
      execute: () => {
        app.shell.activateById(entry.id);
        focusAfterPalette(entry.node, ['#cdc-LibraryEntry-q', 'h2']);
      }
    });
    const category = trans.__('Candyce');
    palette?.addItem({ command: CommandIDs.open, category });
    palette?.addItem({ command: CommandIDs.searchEntry, category });
    // In the launcher's Candyce section, for those who may use the library.
    void session.ready.then(() => {
      if (launcher && (canUseLibrary(session) || (!session.hub && publicApi))) {
        launcher.add({ command: CommandIDs.open, category, rank: 10 });
      }
    });
    const provided: ILibrary = {
      open: () => void app.commands.execute(CommandIDs.open),
      showResource: id => void views.open({ resource: id }),
      get activity() {
        return activity;
      }
    };
    // What every LibraryApi saw (resource pages, copies, endorsements), for the traces.
    const activity = new Signal<ILibrary, ILibrary.IActivity>(provided);
    libraryActivity.connect((_, event) => activity.emit(event));
    return provided;
  }
};
