import type { IAssignments } from '@candyce/core';
import type { ICommandPalette } from '@jupyterlab/apputils';
import { NotebookActions } from '@jupyterlab/notebook';
import type { INotebookTracker } from '@jupyterlab/notebook';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { CommandRegistry } from '@lumino/commands';

import { CommandIDs } from './commandIds';
import type { SchoolModeState } from './state';

/** The school mode's commands take no argument. */
const NO_ARGS = { args: { type: 'object' as const, properties: {} } };

/**
 * What the school mode's commands need.
 */
export interface ISchoolCommandsOptions {
  commands: CommandRegistry;
  state: SchoolModeState;
  trans: TranslationBundle;
  notebooks: INotebookTracker | null;
  assignments: IAssignments | null;
  palette: ICommandPalette | null;
  /**
   * Say the outcome of an action in the school bar's status line.
   */
  announce: (message: string) => void;
}

/**
 * Add the school mode's commands: the bar's three actions, acting on the notebook in
 * front (through NotebookActions and IAssignments, not other commands' ids), and the
 * teacher's preview and way back.
 */
export function addSchoolCommands(options: ISchoolCommandsOptions): void {
  const { commands, state, trans, notebooks, assignments, announce } = options;
  const current = () =>
    state.isOn ? (notebooks?.currentWidget ?? null) : null;

  commands.addCommand(CommandIDs.run, {
    describedBy: NO_ARGS,
    label: trans.__('▶ Run'),
    caption: trans.__('Run the selected cell, then go to the next one'),
    isVisible: () => state.isOn,
    isEnabled: () => current() !== null,
    execute: async () => {
      const panel = current();
      if (panel) {
        await NotebookActions.runAndAdvance(
          panel.content,
          panel.sessionContext
        );
      }
    }
  });

  commands.addCommand(CommandIDs.runAll, {
    describedBy: NO_ARGS,
    label: trans.__('Run all'),
    caption: trans.__('Run every cell of the notebook, from the top'),
    isVisible: () => state.isOn,
    isEnabled: () => current() !== null,
    execute: async () => {
      const panel = current();
      if (panel) {
        await NotebookActions.runAll(panel.content, panel.sessionContext);
      }
    }
  });

  commands.addCommand(CommandIDs.handIn, {
    describedBy: NO_ARGS,
    label: trans.__('Hand in my work'),
    caption: trans.__(
      'Save the notebook and hand in its assignment to your teacher'
    ),
    isVisible: () => state.isOn && assignments !== null,
    isEnabled: () => current() !== null && assignments !== null,
    execute: async () => {
      const panel = current();
      if (!panel || !assignments) {
        return;
      }
      announce(trans.__('Handing in your work…'));
      try {
        await panel.context.save();
      } catch {
        announce(
          trans.__('Your notebook could not be saved: nothing was handed in.')
        );
        return;
      }
      const outcome = await assignments.handIn(panel.context.path);
      announce(outcome.message);
    }
  });

  commands.addCommand(CommandIDs.preview, {
    describedBy: NO_ARGS,
    label: trans.__('See as a pupil'),
    caption: trans.__('Show JupyterLab as your pupils see it in school mode'),
    isVisible: () => !state.isOn,
    execute: () => state.set('preview', true)
  });

  commands.addCommand(CommandIDs.leave, {
    describedBy: NO_ARGS,
    label: trans.__('Back to the full JupyterLab'),
    caption: trans.__('Leave school mode and show the full JupyterLab'),
    isVisible: () => state.canLeave,
    execute: () => {
      state.leave();
    }
  });

  notebooks?.currentChanged.connect(() => commands.notifyCommandChanged());
  state.changed.connect(() => commands.notifyCommandChanged());
  const category = trans.__('School mode');
  for (const command of [CommandIDs.preview, CommandIDs.leave]) {
    options.palette?.addItem({ command, category });
  }
}
