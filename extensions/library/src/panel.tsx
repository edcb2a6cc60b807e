import type { CandyceRole, ICandyceSession } from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import { LibraryApi } from './api';
import { LibraryView } from './libraryView';
import { libraryMode } from './mode';
import type { MarkdownRenderer } from './preview';
import type { IResourceActions } from './resource';

/**
 * Roles that may use the library (pupils may not: the hub answers them 403).
 */
const LIBRARY_ROLES: readonly CandyceRole[] = [
  'teacher',
  'author',
  'inspector',
  'admin'
];

/**
 * Whether the session's user may use the library.
 */
export function canUseLibrary(session: ICandyceSession): boolean {
  return LIBRARY_ROLES.some(role => session.hasRole(role));
}

/**
 * The « Bibliothèque » side panel.
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
    this._showId = id;
    this._showCount++;
    this.update();
  }

  protected render(): JSX.Element {
    const { session, trans } = this._options;
    const publicApi = this._options.publicApi ?? null;
    return (
      <UseSignal signal={session.changed}>
        {() => {
          const hub = session.hub;
          const mode = libraryMode(session, publicApi?.hub.baseUrl ?? '');
          if (mode === 'detecting') {
            return (
              <p role="status">
                {trans.__('Looking for the Candyce platform…')}
              </p>
            );
          }
          if (mode === 'none' || (mode === 'public' && !publicApi)) {
            return (
              <div className="cdc-Library-unavailable">
                <h2>{trans.__('Library')}</h2>
                <p>
                  {trans.__(
                    'The library needs the Candyce platform, which this JupyterLab runs without. You can still read a public Candyce library: give its address in Settings › Candyce library › Read-only library URL.'
                  )}
                </p>
              </div>
            );
          }
          if (mode === 'hub' && !canUseLibrary(session)) {
            return (
              <div className="cdc-Library-unavailable">
                <h2>{trans.__('Library')}</h2>
                <p>
                  {trans.__(
                    'The library is for teachers: your teachers share its notebooks with you as assignments.'
                  )}
                </p>
              </div>
            );
          }
          const api =
            mode === 'hub' && hub
              ? (this._api = this._api ?? new LibraryApi(hub))
              : publicApi!;
          return (
            <LibraryView
              key={this._showCount}
              api={api}
              trans={trans}
              perPage={this._options.perPage}
              renderMarkdown={this._options.renderMarkdown}
              actions={this._options.actions}
              initialResource={this._showId}
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
  private _showId: string | null = null;
  private _showCount = 0;
}

/**
 * The LibraryPanel options.
 */
export namespace LibraryPanel {
  /**
   * What the panel needs.
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
