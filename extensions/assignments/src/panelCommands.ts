import { focusAfterPalette } from '@candyce/core';
import type { JupyterFrontEnd } from '@jupyterlab/application';
import { type ICommandPalette, showErrorMessage } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { Widget } from '@lumino/widgets';

import { CommandIDs } from './commandIds';
import { askComment } from './dialogs';
import { errorMessage } from './errors';
import { assignmentIcon } from './icons';
// The comment command tells a pupil's work from other widgets at once.
import { ReviewView } from './reviewView';
import type { AssignmentsStore } from './store';

/**
 * The panels' commands: « Mes devoirs », « Suivi des devoirs » and « Commenter la
 * cellule » (for teachers reading a pupil's work), in the palette too.
 */
export function addPanelCommands(
  app: JupyterFrontEnd,
  options: IPanelCommandsOptions
): void {
  const { shell, trans, learnerPanel, teacherPanel, store, palette } = options;
  app.commands.addCommand(CommandIDs.open, {
    label: trans.__('My assignments'),
    caption: trans.__(
      'Open my assignments: get them, hand them in, read the feedback'
    ),
    icon: assignmentIcon,
    describedBy: { args: { type: 'object', properties: {} } },
    execute: () => {
      shell.activateById(learnerPanel.id);
      focusAfterPalette(learnerPanel.node);
    }
  });
  app.commands.addCommand(CommandIDs.follow, {
    label: trans.__('Assignment follow-up'),
    caption: trans.__(
      'Follow, mark and return the assignments you have handed out'
    ),
    icon: assignmentIcon,
    describedBy: { args: { type: 'object', properties: {} } },
    isEnabled: () => !!teacherPanel(),
    isVisible: () => !!teacherPanel(),
    execute: () => {
      const panel = teacherPanel();
      if (panel) {
        shell.activateById(panel.id);
        focusAfterPalette(panel.node);
      }
    }
  });
  app.commands.addCommand(CommandIDs.commentCell, {
    label: trans.__('Comment the cell'),
    caption: trans.__(
      'Write a comment to the pupil under the active cell of their work'
    ),
    describedBy: { args: { type: 'object', properties: {} } },
    isEnabled: () => !!Private.reviewedCell(app.shell.currentWidget),
    isVisible: () => !!Private.reviewedCell(app.shell.currentWidget),
    execute: async () => {
      const found = Private.reviewedCell(app.shell.currentWidget);
      const s = store();
      if (!found || !s) {
        return;
      }
      try {
        const { assignmentId, learner, path, cellId } = found;
        const draft = await s.draft(assignmentId, learner);
        const known = (draft.cells ?? []).find(
          c => c.path === path && c.cellId === cellId
        );
        const text = await askComment(known?.comment ?? '', trans);
        if (text === null) {
          return;
        }
        s.setCellComment(assignmentId, learner, {
          path,
          cellId,
          comment: text
        });
        await s.saveDraft(assignmentId, learner);
      } catch (reason) {
        await showErrorMessage(
          trans.__('The comment could not be saved'),
          errorMessage(reason, trans)
        );
      }
    }
  });
  for (const command of [
    CommandIDs.open,
    CommandIDs.follow,
    CommandIDs.commentCell
  ]) {
    palette?.addItem({ command, category: trans.__('Candyce') });
  }
}

/**
 * What the panels' commands act on.
 */
export interface IPanelCommandsOptions {
  /** The shell that activates the panels (JupyterLab's, when there is one). */
  shell: JupyterFrontEnd.IShell;
  trans: TranslationBundle;
  learnerPanel: Widget;
  /** The « Suivi des devoirs » panel, once added. */
  teacherPanel: () => Widget | null;
  /** The store, once the hub is known. */
  store: () => AssignmentsStore | null;
  palette: ICommandPalette | null;
}

namespace Private {
  /**
   * The pupil's work a widget shows and the cell selected in it, if any.
   */
  export function reviewedCell(widget: Widget | null): {
    assignmentId: string;
    learner: string;
    path: string;
    cellId: string;
  } | null {
    if (!(widget instanceof ReviewView) || !widget.review) {
      return null;
    }
    const cell = widget.selectedCell;
    return cell ? { ...widget.review, ...cell } : null;
  }
}
