import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import type { User } from '@jupyterlab/services';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

/** The class of the page while the visitor may only look (CSS hides what she cannot use). */
const READ_ONLY_PAGE = 'cdc-mod-readOnlyVisit';

/**
 * Whom a read-only visitor helps, from the identity the server answers at `/api/me`
 * (`candyce.identity`: `read_only`, `helping`): the pupil's display name, `''` when the
 * server does not know it yet, or `null` when this visitor may act (not read-only).
 */
export function readOnlyVisitOf(
  identity: User.IIdentity | null | undefined
): string | null {
  if (!identity || identity['read_only'] !== true) {
    return null;
  }
  const helping = identity['helping'];
  return typeof helping === 'string' ? helping : '';
}

/** The sentence that says what a read-only visitor may not do. */
export function readOnlyMessage(
  trans: TranslationBundle,
  helping: string
): string {
  return helping
    ? trans.__(
        'Read-only: you are helping %1 — you can neither edit nor run.',
        helping
      )
    : trans.__('Read-only: you can neither edit nor run.');
}

/** The banner at the top of a read-only visitor's JupyterLab. */
export class ReadOnlyBanner extends Widget {
  constructor(trans: TranslationBundle, helping: string) {
    super();
    this.id = 'cdc-ReadOnlyBanner';
    this.addClass('cdc-ReadOnlyBanner');
    this.node.setAttribute('role', 'status');
    this.node.textContent = readOnlyMessage(trans, helping);
  }
}

/**
 * Keep a notebook read-only for a visitor who may only look: no kernel is started and
 * none is asked for (the server would refuse it), and no cell editor takes input. Her
 * edits would reach nobody anyway (`candyce.authorizer`); this says so up front.
 */
export function keepReadOnly(panel: NotebookPanel): void {
  const sessionContext = panel.context.sessionContext;
  // Before the context initialises: no kernel choice dialog, no start.
  sessionContext.kernelPreference = {
    ...sessionContext.kernelPreference,
    shouldStart: false,
    canStart: false,
    autoStartDefault: false
  };
  const lockCells = () => {
    for (const cell of panel.content.widgets) {
      // Not written into the shared notebook's metadata (« editable »).
      cell.syncEditable = false;
      cell.readOnly = true;
    }
  };
  void panel.context.ready.then(() => {
    panel.context.model.readOnly = true;
    lockCells();
    panel.content.model?.cells.changed.connect(lockCells);
  });
}

/**
 * Live help, read-only (issue 19, point 3): in the pupil's JupyterLab, a teacher she
 * let only look sees it said, and her notebooks open read-only without a kernel.
 */
export const helpReadOnlyPlugin: JupyterFrontEndPlugin<void> = {
  id: '@candyce/assignments:help-read-only',
  description:
    'Live help: a teacher the pupil let only look sees so, and cannot edit or run.',
  autoStart: true,
  optional: [ITranslator, INotebookTracker],
  activate: async (
    app: JupyterFrontEnd,
    translator: ITranslator | null,
    notebooks: INotebookTracker | null
  ) => {
    // Awaited here, so that no notebook opens before its rules are known.
    const user = app.serviceManager.user;
    await user.ready.catch(() => undefined);
    const helping = readOnlyVisitOf(user.identity);
    if (helping === null) {
      return;
    }
    const trans = (translator ?? nullTranslator).load('candyce');
    document.body.classList.add(READ_ONLY_PAGE);
    app.shell.add(new ReadOnlyBanner(trans, helping), 'top', { rank: 950 });
    // Told as a notebook widget is made: its context loads the file before it
    // initialises the session, so the preference is in place in time.
    notebooks?.widgetAdded.connect((_, panel) => keepReadOnly(panel));
  }
};
