import {
  candyceIcon,
  HubApiError,
  hubErrorMessage,
  ICandyceSession,
  ILibrary
} from '@candyce/core';
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, showErrorMessage } from '@jupyterlab/apputils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { INotebookTracker } from '@jupyterlab/notebook';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';

// The library's panel plugin loads the API client at start anyway.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { LibraryApi } from './api';
import { CommandIDs } from './commandIds';
// `isEnabled` is synchronous, and the panel loads this module at start anyway.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { canUseLibrary } from './panel';
import { PublishSources } from './publishSources';

/**
 * « Publier dans la bibliothèque »: in the file browser's context menu for notebooks,
 * in the notebook toolbar and in the palette.
 */
export const publishPlugin: JupyterFrontEndPlugin<void> = {
  id: '@candyce/library:publish',
  description:
    'Publishes a notebook to the Candyce library, or a new version of one of your resources.',
  autoStart: true,
  requires: [ICandyceSession],
  optional: [
    ITranslator,
    INotebookTracker,
    IDefaultFileBrowser,
    ICommandPalette,
    ILibrary
  ],
  activate: (
    app: JupyterFrontEnd,
    session: ICandyceSession,
    translator: ITranslator | null,
    notebooks: INotebookTracker | null,
    fileBrowser: IDefaultFileBrowser | null,
    palette: ICommandPalette | null,
    library: ILibrary | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('candyce');
    const sources = new PublishSources({ app, notebooks, fileBrowser });

    app.commands.addCommand(CommandIDs.publish, {
      label: trans.__('Publish to the library'),
      caption: trans.__('Share this notebook with every teacher on Candyce'),
      icon: candyceIcon,
      describedBy: {
        args: {
          type: 'object',
          properties: {
            path: {
              type: 'string',
              description: 'The notebook to publish (default: the selection).'
            },
            resourceId: {
              type: 'string',
              description: 'Publish a new version of this resource.'
            }
          }
        }
      },
      isEnabled: () => session.mode === 'hub' && canUseLibrary(session),
      isVisible: () => session.mode === 'hub' && canUseLibrary(session),
      execute: async args => {
        const hub = session.hub;
        if (!hub) {
          return null;
        }
        const api = new LibraryApi(hub);
        const resourceId =
          typeof args.resourceId === 'string' ? args.resourceId : undefined;
        const paths = sources.candidates(args);
        try {
          const { PublishDialog, PublishForm } = await import('./publish');
          const [taxonomy, detail, found] = await Promise.all([
            api.taxonomy(),
            resourceId ? api.resource(resourceId) : Promise.resolve(null),
            Promise.all(paths.map(path => sources.source(path)))
          ]);
          const form = new PublishForm({
            api,
            taxonomy,
            trans,
            author: session.user?.displayName ?? '',
            sources: found,
            resourceId,
            metadata: detail ?? undefined
          });
          const dialog = new PublishDialog(
            form,
            detail
              ? trans.__('Publish a new version of « %1 »', detail.title)
              : trans.__('Publish to the library'),
            trans
          );
          await dialog.launch();
          const published = dialog.accepted;
          dialog.dispose();
          if (published && !resourceId) {
            library?.showResource(published.id);
          }
          return published;
        } catch (reason) {
          await showErrorMessage(
            trans.__('Publishing failed'),
            Private.message(reason, trans)
          );
          return null;
        }
      }
    });
    palette?.addItem({
      command: CommandIDs.publish,
      category: trans.__('Candyce')
    });
  }
};

namespace Private {
  export function message(reason: unknown, trans: TranslationBundle): string {
    return reason instanceof HubApiError
      ? hubErrorMessage(trans, reason)
      : trans.__(
          'The library cannot be reached right now. Check your connection and try again.'
        );
  }
}
