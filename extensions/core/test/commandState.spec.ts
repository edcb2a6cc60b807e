import type { JupyterFrontEnd } from '@jupyterlab/application';
import { CommandRegistry } from '@lumino/commands';
import { PromiseDelegate } from '@lumino/coreutils';
import { MessageLoop } from '@lumino/messaging';
import { Signal } from '@lumino/signaling';
import { Menu, MenuBar, Widget } from '@lumino/widgets';

import {
  commandStatePlugin,
  documentContextOf,
  openMenus
} from '../src/commandState';

/**
 * A document widget's context as JupyterLab's docregistry makes it, reduced to what
 * the save command and the plugin read: its contents model arrives later, as with
 * collaboration, and `fileChanged` is emitted then.
 */
class LateContext {
  contentsModel: { writable: boolean } | null = null;
  readonly fileChanged = new Signal<this, unknown>(this);
  readonly isDisposed = false;
  private _ready = new PromiseDelegate<void>();
  get ready(): Promise<void> {
    return this._ready.promise;
  }
  /** The shared document is synchronised: the contents model comes. */
  arrive(): void {
    this.contentsModel = { writable: true };
    this.fileChanged.emit(this.contentsModel);
    this._ready.resolve();
  }
}

class DocumentWidget extends Widget {
  constructor(readonly context: LateContext) {
    super();
  }
}

/**
 * A page: a menu bar with a « File » menu holding docmanager's save command, enabled
 * as JupyterLab enables it (the current document's contents model is writable), and a
 * shell whose current widget is a new document.
 */
function page() {
  const commands = new CommandRegistry();
  const context = new LateContext();
  const document = new DocumentWidget(context);
  commands.addCommand('docmanager:save', {
    label: 'Save Text',
    isEnabled: () => !!document.context.contentsModel?.writable,
    execute: () => undefined
  });
  const file = new Menu({ commands });
  file.title.label = 'File';
  file.addItem({ command: 'docmanager:save' });
  const bar = new MenuBar();
  bar.addMenu(file);
  Widget.attach(bar, window.document.body);
  const currentChanged = new Signal<unknown, unknown>({});
  const app = {
    commands,
    shell: {
      currentWidget: document,
      currentChanged,
      widgets: (area: string) =>
        area === 'menu' ? [bar][Symbol.iterator]() : [][Symbol.iterator]()
    },
    contextMenu: { menu: new Menu({ commands }) }
  } as unknown as JupyterFrontEnd;
  /** Open « File », as a user (or galata's `clickMenuItem`) does. */
  const openFile = () => {
    bar.activeIndex = 0;
    bar.openActiveMenu();
    MessageLoop.flush();
  };
  const saveItem = () =>
    window.document.querySelector<HTMLElement>(
      '[data-command="docmanager:save"]'
    )!;
  const close = () => {
    bar.dispose();
  };
  return { app, context, openFile, saveItem, close };
}

describe('commandStatePlugin', () => {
  it('tried: without it, « Save » opened before the document is ready stays greyed out in the open menu', async () => {
    const { context, openFile, saveItem, close } = page();
    openFile();
    expect(saveItem().getAttribute('aria-disabled')).toBe('true');
    context.arrive();
    await context.ready;
    MessageLoop.flush();
    expect(saveItem().getAttribute('aria-disabled')).toBe('true');
    close();
  });

  it('tried: with it, the open menu enables « Save » when the document gets its contents model', async () => {
    const { app, context, openFile, saveItem, close } = page();
    await commandStatePlugin.activate(app);
    openFile();
    expect(saveItem().getAttribute('aria-disabled')).toBe('true');
    context.arrive();
    MessageLoop.flush();
    expect(saveItem().hasAttribute('aria-disabled')).toBe(false);
    expect(saveItem().classList.contains('lm-mod-disabled')).toBe(false);
    close();
  });
});

describe('openMenus', () => {
  it('tried: a menu bar with nothing open, a closed context menu: none', () => {
    const commands = new CommandRegistry();
    const bar = new MenuBar();
    bar.addMenu(new Menu({ commands }));
    expect(openMenus([bar, new Menu({ commands })])).toEqual([]);
  });
});

describe('documentContextOf', () => {
  it('tried: a document widget gives its context, any other widget or none gives null', () => {
    const context = new LateContext();
    expect(documentContextOf(new DocumentWidget(context))).toBe(context);
    expect(documentContextOf(new Widget())).toBeNull();
    expect(documentContextOf(null)).toBeNull();
  });
});
