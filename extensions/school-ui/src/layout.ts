import type { ILabShell } from '@jupyterlab/application';
import type { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { IMessageHandler, Message, MessageLoop } from '@lumino/messaging';
import type { Widget } from '@lumino/widgets';

/**
 * The class on `<body>` while school mode is on: the style (larger fonts, the side
 * bar's other tabs hidden) applies only under it, so the full JupyterLab is untouched.
 */
export const SCHOOL_MODE_CLASS = 'cdc-mod-school';

/**
 * Where the shell's dock mode before school mode is kept, so that a page closed in
 * school mode does not leave the next full JupyterLab in single-document mode (the
 * workspace saves the mode).
 */
export const SAVED_MODE_KEY = 'candyce-school-ui:mode-before';

/**
 * Applies school mode to JupyterLab's shell with its own means, and undoes it exactly:
 * single-document mode, the menu bar, status bar and right side bar hidden, the
 * notebooks' small toolbars hidden (the school bar replaces them, and the kernel's
 * name is never shown).
 */
export class SchoolLayout {
  constructor(
    private readonly _shell: ILabShell,
    private readonly _notebooks: INotebookTracker | null,
    private readonly _storage: Pick<
      Storage,
      'getItem' | 'setItem' | 'removeItem'
    > = window.localStorage
  ) {
    _notebooks?.widgetAdded.connect(this._onNotebook, this);
  }

  /**
   * Whether school mode is applied.
   */
  get applied(): boolean {
    return this._saved !== null;
  }

  /**
   * Apply school mode (twice does nothing more).
   */
  apply(): void {
    if (this._saved) {
      return;
    }
    const shell = this._shell;
    const saved: Private.ISaved = {
      mode: shell.mode,
      rightBar: shell.isSideTabBarVisible('right'),
      hidden: [],
      guarded: []
    };
    this._saved = saved;
    this._storage.setItem(SAVED_MODE_KEY, saved.mode);
    document.body.classList.add(SCHOOL_MODE_CLASS);
    shell.mode = 'single-document';
    shell.collapseRight();
    if (saved.rightBar) {
      shell.toggleSideTabBarVisibility('right');
    }
    for (const area of ['menu', 'bottom'] as const) {
      for (const widget of shell.widgets(area)) {
        this._hide(widget);
      }
    }
    this._notebooks?.forEach(panel => this._hide(panel.toolbar));
  }

  /**
   * Give back the full JupyterLab as it was.
   */
  restore(): void {
    const saved = this._saved;
    if (!saved) {
      return;
    }
    this._saved = null;
    document.body.classList.remove(SCHOOL_MODE_CLASS);
    for (const widget of saved.guarded) {
      MessageLoop.removeMessageHook(widget, this._keepHidden);
    }
    for (const widget of saved.hidden) {
      if (!widget.isDisposed) {
        widget.show();
      }
    }
    if (saved.rightBar && !this._shell.isSideTabBarVisible('right')) {
      this._shell.toggleSideTabBarVisibility('right');
    }
    this._shell.mode = saved.mode;
    this._storage.removeItem(SAVED_MODE_KEY);
  }

  /**
   * At start with school mode off: give back the mode a page closed in school mode
   * left in the workspace.
   */
  restoreSavedMode(): void {
    const mode = this._storage.getItem(SAVED_MODE_KEY);
    if (mode === 'multiple-document' || mode === 'single-document') {
      this._shell.mode = mode;
    }
    this._storage.removeItem(SAVED_MODE_KEY);
  }

  private _onNotebook(_: INotebookTracker, panel: NotebookPanel): void {
    if (this._saved) {
      this._hide(panel.toolbar);
    }
  }

  private _hide(widget: Widget): void {
    const saved = this._saved;
    if (!saved) {
      return;
    }
    if (!widget.isHidden) {
      widget.hide();
      saved.hidden.push(widget);
    }
    if (!saved.guarded.includes(widget)) {
      // JupyterLab may show it again once its settings are read (the status bar
      // does, after the layout is restored): hidden again while school mode is on.
      saved.guarded.push(widget);
      MessageLoop.installMessageHook(widget, this._keepHidden);
    }
  }

  private _keepHidden = (handler: IMessageHandler, msg: Message): boolean => {
    if (msg.type === 'after-show' && this._saved) {
      const widget = handler as Widget;
      void Promise.resolve().then(() => this._hide(widget));
    }
    return true;
  };

  private _saved: Private.ISaved | null = null;
}

namespace Private {
  /**
   * What school mode changed, to give it back.
   */
  export interface ISaved {
    mode: ILabShell['mode'];
    rightBar: boolean;
    /** What school mode hid, to show again. */
    hidden: Widget[];
    /** The widgets kept hidden while school mode is on. */
    guarded: Widget[];
  }
}
