import { candyceIcon, focusAfterPalette } from '@candyce/core';
import type { ILayoutRestorer, JupyterFrontEnd } from '@jupyterlab/application';
import { MainAreaWidget, WidgetTracker } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';

import { CommandIDs } from './commandIds';
import { LibraryPanel } from './panel';

/**
 * The id of the « Bibliothèque » view in the main area.
 */
export const LIBRARY_VIEW_ID = 'cdc-library';

/**
 * What the view focuses once shown: on a resource page its title, otherwise its
 * search field, or (no library here) its heading. The search page stays in the DOM,
 * hidden, under a resource page: a hidden field cannot take the focus.
 */
const FOCUS_TARGETS = [
  '#cdc-Resource-title',
  '.cdc-Library-page:not([hidden]) #cdc-Library-q',
  '.cdc-Library-page:not([hidden]) h2'
];

/**
 * Opens the one « Bibliothèque » view of the main area, creating it when needed; its
 * tracker lets the layout restorer reopen it with the workspace.
 */
export class LibraryViewOpener {
  constructor(options: LibraryViewOpener.IOptions) {
    this._options = options;
    this.tracker = new WidgetTracker<MainAreaWidget<LibraryPanel>>({
      namespace: 'cdc-library'
    });
    void options.restorer?.restore(this.tracker, {
      command: CommandIDs.open,
      // Restored with the workspace: shown, but the focus stays where it was.
      args: () => ({ focus: false }),
      name: () => 'library'
    });
  }

  /**
   * The tracker of the view (at most one widget).
   */
  readonly tracker: WidgetTracker<MainAreaWidget<LibraryPanel>>;

  /**
   * The view, if it is open.
   */
  get current(): MainAreaWidget<LibraryPanel> | null {
    const view = this.tracker.currentWidget;
    return view && !view.isDisposed ? view : null;
  }

  /**
   * Show the view (opened on a search, a resource or as it was), then focus it unless
   * told not to: once the palette, if it ran the command, has given the focus back.
   */
  open(request: LibraryViewOpener.IRequest = {}): MainAreaWidget<LibraryPanel> {
    const { app } = this._options;
    const view = this.current ?? this._create();
    if (!view.isAttached) {
      app.shell.add(view, 'main');
    }
    if (request.resource) {
      view.content.showResource(request.resource);
    } else if (request.q !== undefined) {
      view.content.search(request.q);
    }
    app.shell.activateById(view.id);
    if (request.focus !== false) {
      focusAfterPalette(view.content.node, FOCUS_TARGETS);
    }
    return view;
  }

  private _create(): MainAreaWidget<LibraryPanel> {
    const content = new LibraryPanel(this._options.panel);
    const view = new MainAreaWidget({ content });
    view.id = LIBRARY_VIEW_ID;
    view.addClass('cdc-LibraryMain');
    view.title.label = this._options.trans.__('Library');
    view.title.caption = this._options.trans.__(
      'Search, preview and open teaching notebooks'
    );
    view.title.icon = candyceIcon;
    view.title.closable = true;
    // The empty toolbar would be an empty `toolbar` landmark.
    view.toolbar.hide();
    void this.tracker.add(view);
    return view;
  }

  private _options: LibraryViewOpener.IOptions;
}

/**
 * The LibraryViewOpener options and requests.
 */
export namespace LibraryViewOpener {
  /**
   * What the opener needs.
   */
  export interface IOptions {
    app: JupyterFrontEnd;
    trans: TranslationBundle;
    restorer: ILayoutRestorer | null;
    /** What the view's content is built with. */
    panel: LibraryPanel.IOptions;
  }

  /**
   * What to show in the view.
   */
  export interface IRequest {
    /** Words to search (a new search; empty: every resource). */
    q?: string;
    /** A resource whose page to show. */
    resource?: string;
    /** Whether to focus the view (not when the workspace restores it). */
    focus?: boolean;
  }
}
