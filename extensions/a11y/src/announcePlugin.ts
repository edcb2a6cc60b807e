import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  INotebookTracker,
  NotebookActions,
  NotebookPanel
} from '@jupyterlab/notebook';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';

import { LiveAnnouncer } from './announcer';
import {
  executionMessage,
  htmlLang,
  kernelStatusMessage,
  STARTING_STATUSES
} from './messages';
import type { IOutputLike } from './messages';
import { isA11yOff } from './offSwitch';

/**
 * Says to screen readers what happens in notebooks: a cell ran and its result, the
 * kernel's state, the notebook saved. Sets the document's `lang` to the interface's
 * language, so that French is read with a French voice.
 */
export const announcePlugin: JupyterFrontEndPlugin<void> = {
  id: '@candyce/a11y:announcements',
  description:
    'Announces cell results, kernel state and saving to screen readers, and sets the document language.',
  autoStart: true,
  optional: [ITranslator, INotebookTracker],
  activate: (
    _app: JupyterFrontEnd,
    translator: ITranslator | null,
    notebooks: INotebookTracker | null
  ): void => {
    if (isA11yOff()) {
      return;
    }
    const actualTranslator = translator ?? nullTranslator;
    document.documentElement.lang = htmlLang(actualTranslator.languageCode);
    const trans = actualTranslator.load('candyce');
    const announcer = new LiveAnnouncer(document.body);
    NotebookActions.executed.connect((_, { notebook, cell, error }) => {
      if (cell.model.type !== 'code') {
        return;
      }
      const outputs = (
        cell.model as { outputs?: { toJSON(): unknown[] } }
      ).outputs?.toJSON() as IOutputLike[] | undefined;
      const { message, isError } = executionMessage(
        notebook.widgets.indexOf(cell) + 1,
        outputs ?? [],
        error?.errorName ?? null,
        trans
      );
      announcer.announce(message, isError ? 'assertive' : 'polite');
    });
    notebooks?.widgetAdded.connect((_, panel) =>
      Private.watchPanel(panel, announcer, trans)
    );
  }
};

namespace Private {
  /**
   * Announce a notebook's kernel changes and saves.
   */
  export function watchPanel(
    panel: NotebookPanel,
    announcer: LiveAnnouncer,
    trans: TranslationBundle
  ): void {
    let waitingReady = true;
    panel.sessionContext.statusChanged.connect((context, status) => {
      const said = kernelStatusMessage(
        status,
        waitingReady,
        context.kernelDisplayName,
        trans
      );
      if (STARTING_STATUSES.includes(status)) {
        waitingReady = true;
      } else if (status === 'idle') {
        waitingReady = false;
      }
      if (said) {
        announcer.announce(said.message, said.urgent ? 'assertive' : 'polite');
      }
    });
    panel.sessionContext.connectionStatusChanged.connect((_, status) => {
      if (status === 'disconnected') {
        announcer.announce(
          trans.__('Connection to the kernel lost.'),
          'assertive'
        );
      }
    });
    // With real-time collaboration the document is saved through the shared model
    // and `saveState` stays silent: the model turning clean is the one sign of a save
    // in both modes.
    const name = () =>
      panel.context.localPath.split('/').pop() ?? panel.context.localPath;
    panel.context.model.stateChanged.connect((_, change) => {
      if (
        change.name === 'dirty' &&
        change.oldValue === true &&
        change.newValue === false
      ) {
        announcer.announce(trans.__('%1 saved.', name()));
      }
    });
    panel.context.saveState.connect((_, state) => {
      if (state === 'failed') {
        announcer.announce(
          trans.__('%1 could not be saved.', name()),
          'assertive'
        );
      }
    });
  }
}
