import { candyceIcon, HubClient, ICandyceSession } from '@candyce/core';
import {
  ILabShell,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, showErrorMessage } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry, renderMarkdown } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';

import { LibraryApi } from './api';
import { publicApiBase, withoutCredentials } from './mode';
// The panel is added to the sidebar at activation: nothing to load lazily.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { canUseLibrary, LibraryPanel } from './panel';
import type { MarkdownRenderer } from './preview';
import type { IPublishSource } from './publish';
import { ILibrary } from './tokens';

/**
 * The library's command ids.
 */
export namespace CommandIDs {
  export const open = 'candyce-library:open';
  export const publish = 'candyce-library:publish';
}

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
    ISettingRegistry
  ],
  activate: async (
    app: JupyterFrontEnd,
    session: ICandyceSession,
    translator: ITranslator | null,
    labShell: ILabShell | null,
    palette: ICommandPalette | null,
    rendermime: IRenderMimeRegistry | null,
    docManager: IDocumentManager | null,
    settingRegistry: ISettingRegistry | null
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
      renderMarkdown: Private.markdownRenderer(rendermime, translator),
      actions: {
        openCopy: async resource => {
          const hub = session.hub;
          const api = hub ? new LibraryApi(hub) : publicApi;
          if (!api) {
            throw new Error('no library');
          }
          const { copyResource } = await import('./open');
          const copy = await copyResource(
            api,
            app.serviceManager.contents,
            resource
          );
          if (copy.notebook) {
            if (docManager) {
              docManager.openOrReveal(copy.notebook);
            } else {
              await app.commands.execute('docmanager:open', {
                path: copy.notebook
              });
            }
          }
          if (!api.readOnly) {
            await api.recordUse(resource.id, 'open').catch(reason => {
              console.warn('Candyce library: use not recorded', reason);
            });
          }
          return trans.__('Copy opened from %1.', copy.folder);
        },
        publishVersion: async resource => {
          const published = await app.commands.execute(CommandIDs.publish, {
            resourceId: resource.id
          });
          return !!published;
        },
        // The assignments extension's command: the library works without it.
        canAssign: () =>
          app.commands.hasCommand(ASSIGN_RESOURCE) &&
          app.commands.isEnabled(ASSIGN_RESOURCE),
        assign: async resource =>
          (await app.commands.execute(ASSIGN_RESOURCE, {
            resourceId: resource.id,
            version: resource.version,
            title: resource.title
          }))
            ? trans.__(
                'Assignment created: follow it in the « Assignment follow-up » panel.'
              )
            : ''
      }
    });
    panel.id = 'cdc-library';
    panel.title.icon = candyceIcon;
    panel.title.caption = trans.__('Library');
    panel.title.label = '';
    panel.node.setAttribute('role', 'region');
    panel.node.setAttribute('aria-label', trans.__('Library'));
    app.shell.add(panel, 'left', { rank: 150 });

    app.commands.addCommand(CommandIDs.open, {
      label: trans.__('Library'),
      caption: trans.__(
        'Open the library: search, preview and open teaching notebooks'
      ),
      icon: candyceIcon,
      describedBy: { args: { type: 'object', properties: {} } },
      execute: () => {
        if (labShell) {
          labShell.activateById(panel.id);
        } else {
          app.shell.activateById(panel.id);
        }
        Private.focusPanel(panel.node);
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
    const contents = app.serviceManager.contents;

    const source = (path: string): IPublishSource => ({
      path,
      preview: null,
      read: async () => {
        // An open notebook is published as the teacher sees it, unsaved changes
        // included, from its model: saving it here could meet the copy that the
        // collaboration server has just written (« le fichier a changé sur le disque »).
        const open = notebooks?.find(panel => panel.context.path === path);
        if (open) {
          return JSON.stringify(open.context.model.toJSON());
        }
        const model = await contents.get(path, {
          type: 'file',
          format: 'text',
          content: true
        });
        return model.content as string;
      }
    });
    const withPreview = async (s: IPublishSource): Promise<IPublishSource> => {
      try {
        const { notebookPreview } = await import('./preview');
        return { ...s, preview: notebookPreview(JSON.parse(await s.read())) };
      } catch {
        return s;
      }
    };
    const selectedNotebooks = (): string[] =>
      Array.from(fileBrowser?.selectedItems() ?? [])
        .filter(item => item.path.endsWith('.ipynb'))
        .map(item => item.path);
    const candidates = (args: Record<string, unknown>): string[] => {
      if (typeof args.path === 'string') {
        return [args.path];
      }
      const current = notebooks?.currentWidget?.context.path;
      const fromBrowser = !!app.contextMenuHitTest(node =>
        node.classList.contains('jp-DirListing-item')
      );
      if (fromBrowser) {
        return selectedNotebooks();
      }
      if (args.toolbar || !args.resourceId) {
        return current ? [current] : selectedNotebooks();
      }
      // A new version: the file browser's selection first, then the open notebook.
      const paths = selectedNotebooks();
      if (current && !paths.includes(current)) {
        paths.push(current);
      }
      return paths;
    };

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
        const paths = candidates(args);
        try {
          const { PublishDialog, PublishForm } = await import('./publish');
          const [taxonomy, detail, sources] = await Promise.all([
            api.taxonomy(),
            resourceId ? api.resource(resourceId) : Promise.resolve(null),
            Promise.all(paths.map(path => withPreview(source(path))))
          ]);
          const form = new PublishForm({
            api,
            taxonomy,
            trans,
            author: session.user?.displayName ?? '',
            sources,
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

/** « Donner en devoir », provided by @candyce/assignments when it is installed. */
const ASSIGN_RESOURCE = 'candyce:assign-resource';

namespace Private {
  /**
   * Focus the panel's search field (or, on a resource page, its title) once React
   * has rendered it.
   */
  export function focusPanel(node: HTMLElement, tries = 20): void {
    const target =
      node.querySelector<HTMLElement>('#cdc-Library-q') ??
      node.querySelector<HTMLElement>('#cdc-Resource-title');
    if (target) {
      target.focus();
    } else if (tries > 0) {
      setTimeout(() => focusPanel(node, tries - 1), 50);
    }
  }

  export function markdownRenderer(
    rendermime: IRenderMimeRegistry | null,
    translator: ITranslator | null
  ): MarkdownRenderer {
    return async (host, source) => {
      if (!rendermime) {
        // Without rendermime, markdown is shown as the text it is.
        const pre = document.createElement('pre');
        pre.textContent = source;
        host.appendChild(pre);
        return;
      }
      await renderMarkdown({
        host,
        source,
        trusted: false,
        sanitizer: rendermime.sanitizer,
        resolver: null,
        linkHandler: null,
        shouldTypeset: true,
        latexTypesetter: rendermime.latexTypesetter,
        markdownParser: rendermime.markdownParser,
        translator: translator ?? undefined
      });
    };
  }

  export function message(reason: unknown, trans: TranslationBundle): string {
    return reason instanceof Error && reason.name === 'HubApiError'
      ? reason.message
      : trans.__(
          'The library cannot be reached right now. Check your connection and try again.'
        );
  }
}
