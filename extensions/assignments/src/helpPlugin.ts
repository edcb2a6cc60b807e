import { IAssignments, ICandyceSession } from '@candyce/core';
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  Dialog,
  showDialog,
  showErrorMessage,
  ToolbarButton
} from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { tellActivity } from './activity';
import { CommandIDs } from './commandIds';
import { errorMessage } from './errors';
import {
  HelpApi,
  HelpChoiceBody,
  HelpIndicator,
  IHelpChoice,
  IHelpRequest
} from './help';

/** How often an open request is looked at again (who joined, whether it ended). */
const POLL_MS = 5000;

/**
 * Live help (issue 19, point 3): « Demander de l'aide » in each notebook's toolbar for
 * pupils, the indicator of who helps with « Mettre fin à l'aide », and the command a
 * teacher's « Rejoindre » runs (from the help news, `newsNotifier.ts`).
 */
export const helpPlugin: JupyterFrontEndPlugin<void> = {
  id: '@candyce/assignments:help',
  description:
    'Live help: a pupil asks her teachers for help on a notebook; a teacher joins it.',
  autoStart: true,
  requires: [ICandyceSession],
  optional: [ITranslator, INotebookTracker, IAssignments],
  activate: (
    app: JupyterFrontEnd,
    session: ICandyceSession,
    translator: ITranslator | null,
    notebooks: INotebookTracker | null,
    assignments: IAssignments | null
  ) => {
    const trans = (translator ?? nullTranslator).load('candyce');
    // A request the hub accepted is « help asked » in the learning traces.
    const api = () =>
      session.hub
        ? new HelpApi(session.hub, event => tellActivity(assignments, event))
        : null;
    const isPupil = () => session.mode === 'hub' && session.hasRole('learner');
    let timer = 0;
    const indicator = new HelpIndicator(trans, request => {
      void end(request);
    });
    indicator.id = 'cdc-HelpIndicator';

    /** Show the pupil's open request, and keep looking while it is open. */
    const follow = async () => {
      window.clearTimeout(timer);
      const help = api();
      if (!help || !isPupil()) {
        indicator.display(null);
        return;
      }
      try {
        indicator.display(await help.current());
      } catch (reason) {
        console.warn('Candyce help: not refreshed', reason);
      }
      if (indicator.request) {
        timer = window.setTimeout(() => void follow(), POLL_MS);
      }
    };
    const end = async (request: IHelpRequest) => {
      try {
        await api()?.close(request.id);
      } catch (reason) {
        await showErrorMessage(
          trans.__('The help could not be ended'),
          errorMessage(reason, trans)
        );
      }
      await follow();
    };

    app.commands.addCommand(CommandIDs.askHelp, {
      label: trans.__('Ask for help'),
      caption: trans.__('Ask your teachers for help on this notebook'),
      describedBy: { args: { type: 'object', properties: {} } },
      isVisible: () => isPupil(),
      isEnabled: () => isPupil() && !!notebooks?.currentWidget,
      execute: async () => {
        const path = notebooks?.currentWidget?.context.path;
        const help = api();
        if (!path || !help) {
          return;
        }
        const body = new HelpChoiceBody(trans, path);
        const result = await showDialog<IHelpChoice>({
          title: trans.__('Ask for help'),
          body,
          buttons: [
            Dialog.cancelButton({ label: trans.__('Cancel') }),
            Dialog.okButton({ label: trans.__('Ask for help') })
          ],
          focusNodeSelector: 'input[type="radio"]'
        });
        if (!result.button.accept || !result.value) {
          return;
        }
        try {
          indicator.display(await help.ask(path, result.value));
          await follow();
        } catch (reason) {
          await showErrorMessage(
            trans.__('Help could not be asked'),
            errorMessage(reason, trans)
          );
        }
      }
    });

    app.commands.addCommand(CommandIDs.joinHelp, {
      label: trans.__('Join'),
      caption: trans.__('Open the pupil’s notebook to help her'),
      describedBy: {
        args: {
          type: 'object',
          properties: {
            id: { type: 'string', description: 'The help request to join.' }
          },
          required: ['id']
        }
      },
      execute: async args => {
        const help = api();
        if (!help || typeof args.id !== 'string') {
          return;
        }
        try {
          const joined = await help.join(args.id);
          window.open(joined.joinUrl, '_blank', 'noopener');
        } catch (reason) {
          await showErrorMessage(
            trans.__('The help could not be joined'),
            errorMessage(reason, trans)
          );
        }
      }
    });

    notebooks?.widgetAdded.connect((_, panel) => {
      if (!isPupil()) {
        return;
      }
      const button = new ToolbarButton({
        className: 'cdc-HelpButton',
        label: trans.__('Ask for help'),
        tooltip: trans.__('Ask your teachers for help on this notebook'),
        onClick: () => void app.commands.execute(CommandIDs.askHelp)
      });
      panel.toolbar.insertItem(10, 'cdc-askHelp', button);
    });

    app.shell.add(indicator, 'top', { rank: 960 });
    void session.ready.then(follow);
    session.changed.connect(() => void follow());
  }
};
