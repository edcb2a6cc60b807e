import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ISignal } from '@lumino/signaling';
import { Menu, MenuBar, Widget } from '@lumino/widgets';

/**
 * JupyterLab's commands whose enabled state depends on the current document's contents
 * model (`@jupyterlab/docmanager-extension`: `writable`, the file's path).
 */
export const DOCUMENT_COMMANDS = [
  'docmanager:save',
  'docmanager:save-as',
  'docmanager:save-all',
  'docmanager:reload',
  'docmanager:restore-checkpoint',
  'docmanager:rename',
  'docmanager:download'
];

/**
 * What this plugin reads of a document widget's context (`DocumentRegistry.IContext`),
 * typed here so that the core extension needs no document packages.
 */
export interface IDocumentContextLike {
  readonly isDisposed: boolean;
  readonly ready: Promise<void>;
  readonly fileChanged: ISignal<unknown, unknown>;
}

/**
 * The context of a document widget (`IDocumentWidget.context`), or null.
 */
export function documentContextOf(
  widget: Widget | null
): IDocumentContextLike | null {
  const context = (widget as { context?: Partial<IDocumentContextLike> })
    ?.context;
  if (
    context &&
    typeof context.fileChanged?.connect === 'function' &&
    context.ready instanceof Promise
  ) {
    return context as IDocumentContextLike;
  }
  return null;
}

/**
 * The menus open under a menu bar or from a context menu, outermost first.
 */
export function openMenus(roots: Iterable<MenuBar | Menu>): Menu[] {
  const menus: Menu[] = [];
  for (const root of roots) {
    let menu: Menu | null =
      root instanceof MenuBar ? root.childMenu : root.isAttached ? root : null;
    while (menu) {
      menus.push(menu);
      menu = menu.childMenu;
    }
  }
  return menus;
}

/**
 * Keeps « Save » and the other document commands in step with the current document,
 * in menus already open too.
 *
 * JupyterLab tells its menus that these commands changed only when the current widget
 * changes, and the save commands are enabled once the document's context has its
 * contents model. With real-time collaboration a document's context gets it after its
 * shared document is synchronised with the server, often after the widget became
 * current: a « File » menu opened in between showed « Save » greyed out until opened
 * again. Lumino draws an open menu's items when it opens and on hover only, so this
 * plugin also draws open menus again when a command changes (docs/jupyterlab-specs.md).
 */
export const commandStatePlugin: JupyterFrontEndPlugin<void> = {
  id: '@candyce/core:command-state',
  description:
    'Enables « Save » as soon as a document is ready, in menus already open too.',
  autoStart: true,
  activate: (app: JupyterFrontEnd): void => {
    const { commands, shell } = app;
    const notify = (): void => {
      for (const id of DOCUMENT_COMMANDS) {
        if (commands.hasCommand(id)) {
          commands.notifyCommandChanged(id);
        }
      }
    };
    watchCurrentDocument(shell, notify);
    redrawOpenMenusOnChange(commands, () => [
      ...menuBarsOf(shell),
      app.contextMenu.menu
    ]);
  }
};

/**
 * Call `notify` whenever the current document's context gets a new contents model
 * (its `fileChanged`) or becomes ready.
 */
function watchCurrentDocument(
  shell: JupyterFrontEnd.IShell,
  notify: () => void
): void {
  let watched: IDocumentContextLike | null = null;
  const onFileChanged = (): void => notify();
  const follow = (): void => {
    const context = documentContextOf(shell.currentWidget);
    if (context === watched) {
      return;
    }
    watched?.fileChanged.disconnect(onFileChanged);
    watched = context;
    if (!context || context.isDisposed) {
      return;
    }
    context.fileChanged.connect(onFileChanged);
    void context.ready.then(
      () => {
        if (watched === context) {
          notify();
        }
      },
      () => undefined // the context reports its own failures
    );
  };
  shell.currentChanged?.connect(follow);
  follow();
}

/**
 * Draw open menus again after a command changed, so that an item enabled while its
 * menu is open can be clicked. Lumino coalesces the redraw requests of one frame.
 */
export function redrawOpenMenusOnChange(
  commands: JupyterFrontEnd['commands'],
  roots: () => Iterable<MenuBar | Menu>
): void {
  commands.commandChanged.connect(() => {
    for (const menu of openMenus(roots())) {
      menu.update();
    }
  });
}

/** The menu bars of the shell's top areas (JupyterLab's main menu is one). */
function menuBarsOf(shell: JupyterFrontEnd.IShell): MenuBar[] {
  const bars: MenuBar[] = [];
  for (const area of ['menu', 'top'] as const) {
    for (const widget of shell.widgets(area)) {
      if (widget instanceof MenuBar) {
        bars.push(widget);
      }
    }
  }
  return bars;
}
