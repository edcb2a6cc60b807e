import type { ICandyceSession, MarkdownRenderer } from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import { libraryAccess, NoLibrary } from './access';
import { LibraryApi } from './api';
import { ILibraryRequest, LibraryView } from './libraryView';
import type { IResourceActions } from './resource';

export { canUseLibrary } from './access';

/**
 * The content of the « Bibliothèque » view in the main area: search, facets, results
 * and the page of a resource with its preview.
 */
export class LibraryPanel extends ReactWidget {
  constructor(options: LibraryPanel.IOptions) {
    super();
    this._options = options;
    this.addClass('cdc-Library');
  }

  /**
   * Show one resource's page (for example after publishing it).
   */
  showResource(id: string): void {
    this._request = { seq: this._request.seq + 1, resource: id, q: null };
    this.update();
  }

  /**
   * Start a new search for these words (from the sidebar's search box).
   */
  search(q: string): void {
    this._request = { seq: this._request.seq + 1, resource: null, q };
    this.update();
  }

  protected render(): JSX.Element {
    const { session, trans } = this._options;
    return (
      <UseSignal signal={session.changed}>
        {() => {
          const access = libraryAccess(
            session,
            this._options.publicApi ?? null,
            () => (this._api = this._api ?? new LibraryApi(session.hub!))
          );
          if (access.kind !== 'ready') {
            return (
              <div className="cdc-Library-page">
                <h2 className="cdc-Library-title">{trans.__('Library')}</h2>
                <NoLibrary access={access} trans={trans} />
              </div>
            );
          }
          return (
            <LibraryView
              api={access.api}
              trans={trans}
              perPage={this._options.perPage}
              renderMarkdown={this._options.renderMarkdown}
              actions={this._options.actions}
              request={this._request}
            />
          );
        }}
      </UseSignal>
    );
  }

  /**
   * What the resource pages ask the plugin to do.
   */
  get actions(): IResourceActions {
    return this._options.actions;
  }

  private _options: LibraryPanel.IOptions;
  private _api: LibraryApi | null = null;
  private _request: ILibraryRequest = { seq: 0, resource: null, q: null };
}

/**
 * The LibraryPanel options.
 */
export namespace LibraryPanel {
  /**
   * What the view needs.
   */
  export interface IOptions {
    session: ICandyceSession;
    trans: TranslationBundle;
    renderMarkdown: MarkdownRenderer;
    actions: IResourceActions;
    perPage: number;
    /**
     * A public library to read without the platform (the `libraryUrl` setting), or
     * null: search, preview and « Ouvrir une copie » only.
     */
    publicApi?: LibraryApi | null;
  }
}
