import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import type { INotebookTracker } from '@jupyterlab/notebook';

import type { IPublishSource } from './publish';

/**
 * Where « Publier dans la bibliothèque » finds the notebooks it offers to publish.
 */
export class PublishSources {
  constructor(options: PublishSources.IOptions) {
    this._options = options;
  }

  /**
   * The notebooks a call of the command means, the first being the one proposed.
   */
  candidates(args: Record<string, unknown>): string[] {
    if (typeof args.path === 'string') {
      return [args.path];
    }
    const { app, notebooks } = this._options;
    const current = notebooks?.currentWidget?.context.path;
    const fromBrowser = !!app.contextMenuHitTest(node =>
      node.classList.contains('jp-DirListing-item')
    );
    if (fromBrowser) {
      return this._selectedNotebooks();
    }
    if (args.toolbar || !args.resourceId) {
      return current ? [current] : this._selectedNotebooks();
    }
    // A new version: the file browser's selection first, then the open notebook.
    const paths = this._selectedNotebooks();
    if (current && !paths.includes(current)) {
      paths.push(current);
    }
    return paths;
  }

  /**
   * A notebook to publish, with its preview when it can be read.
   */
  async source(path: string): Promise<IPublishSource> {
    const { notebooks, app } = this._options;
    const contents = app.serviceManager.contents;
    const source: IPublishSource = {
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
    };
    try {
      const { notebookPreview } = await import('./preview');
      return {
        ...source,
        preview: notebookPreview(JSON.parse(await source.read()))
      };
    } catch {
      return source;
    }
  }

  private _selectedNotebooks(): string[] {
    return Array.from(this._options.fileBrowser?.selectedItems() ?? [])
      .filter(item => item.path.endsWith('.ipynb'))
      .map(item => item.path);
  }

  private readonly _options: PublishSources.IOptions;
}

/**
 * The PublishSources options.
 */
export namespace PublishSources {
  /**
   * Where the notebooks are found.
   */
  export interface IOptions {
    app: JupyterFrontEnd;
    notebooks: INotebookTracker | null;
    fileBrowser: IDefaultFileBrowser | null;
  }
}
