import { ICandyceSession } from '@candyce/core';
import {
  ILabShell,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  Dialog,
  ICommandPalette,
  showDialog,
  showErrorMessage
} from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry, renderMarkdown } from '@jupyterlab/rendermime';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { AssignmentsApi } from './api';
import type { IAssignSource } from './assign';
import { CommandIDs } from './commandIds';
import { CommentsView } from './commentsView';
import { askComment } from './dialogs';
import { errorMessage, UserError } from './errors';
import { assignmentIcon } from './icons';
// The panels are added to the sidebar at activation: nothing to load lazily.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { LearnerPanel } from './learner';
// The store and the learner's work are built synchronously, with the panels.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { learnerActions } from './learnerActions';
// What it needs beyond itself (the review view) loads with the panels anyway: a chunk
// of its own would only delay the first opening.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { openSubmission } from './openSubmission';
// The comment command tells a pupil's work from other widgets at once.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { ReviewView, type MarkdownRenderer } from './reviewView';
import { AssignmentsStore } from './store';
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { canTeach, TeacherPanel } from './teacher';
import { IAssignments } from './tokens';

/**
 * « Mes devoirs » and « Suivi des devoirs » in the left sidebar, the comments under
 * the cells of marked work, and « Commenter la cellule » for teachers reading a pupil's
 * work (shown read-only, see ReviewView).
 */
export const panelsPlugin: JupyterFrontEndPlugin<IAssignments> = {
  id: '@candyce/assignments:panels',
  description:
    'The « Mes devoirs » and « Suivi des devoirs » side panels: fetch, hand in and get feedback; hand out, follow, mark and return.',
  autoStart: true,
  provides: IAssignments,
  requires: [ICandyceSession],
  optional: [
    ITranslator,
    ILabShell,
    ICommandPalette,
    IDocumentManager,
    INotebookTracker,
    IDefaultFileBrowser,
    IRenderMimeRegistry
  ],
  activate: (
    app: JupyterFrontEnd,
    session: ICandyceSession,
    translator: ITranslator | null,
    labShell: ILabShell | null,
    palette: ICommandPalette | null,
    docManager: IDocumentManager | null,
    notebooks: INotebookTracker | null,
    fileBrowser: IDefaultFileBrowser | null,
    rendermime: IRenderMimeRegistry | null
  ): IAssignments => {
    const trans = (translator ?? nullTranslator).load('candyce');
    const contents = app.serviceManager.contents;
    let store: AssignmentsStore | null = null;
    // Comments under the cells: the teacher's, returned, for the pupil (the teacher
    // sees their draft ones under the cells of the pupil's work, in its ReviewView).
    const comments = new CommentsView(notebooks, () => getStore(), trans);
    const getStore = (): AssignmentsStore | null => {
      if (!store && session.hub) {
        store = new AssignmentsStore(new AssignmentsApi(session.hub));
        store.changed.connect(() => comments.refreshAll());
      }
      return store;
    };
    const needStore = (): AssignmentsStore => {
      const found = getStore();
      if (!found) {
        throw new UserError(
          trans.__(
            'Assignments need the Candyce platform: this JupyterLab runs without it.'
          )
        );
      }
      return found;
    };
    const shell = labShell ?? app.shell;

    // The learner's side.
    const learnerPanel = new LearnerPanel({
      session,
      trans,
      store: getStore,
      actions: learnerActions({
        session,
        trans,
        store: needStore,
        contents,
        docManager,
        notebooks
      })
    });
    learnerPanel.id = 'cdc-assignments';
    learnerPanel.title.icon = assignmentIcon;
    learnerPanel.title.caption = trans.__('My assignments');
    learnerPanel.node.setAttribute('role', 'region');
    learnerPanel.node.setAttribute('aria-label', trans.__('My assignments'));
    app.shell.add(learnerPanel, 'left', { rank: 160 });

    // The teacher's side.
    const currentNotebook = (): string | null => {
      const selected = Array.from(fileBrowser?.selectedItems() ?? []).find(
        item => item.path.endsWith('.ipynb')
      );
      const fromBrowser = !!app.contextMenuHitTest(node =>
        node.classList.contains('jp-DirListing-item')
      );
      if (fromBrowser && selected) {
        return selected.path;
      }
      return notebooks?.currentWidget?.context.path ?? selected?.path ?? null;
    };
    const assign = async (source: IAssignSource | null): Promise<boolean> => {
      const s = needStore();
      const [{ AssignDialog, AssignForm }, classes] = await Promise.all([
        import('./assign'),
        s.api.classes().catch(() => [])
      ]);
      const form = new AssignForm({
        api: s.api,
        trans,
        classes,
        source
      });
      const dialog = new AssignDialog(form, trans);
      await dialog.launch();
      const created = dialog.accepted;
      dialog.dispose();
      if (created) {
        await s.refresh().catch(() => undefined);
        showTeacherPanel();
      }
      return !!created;
    };
    const assignNotebook = async (path: string | null) => {
      const { homeSource } = await import('./sources');
      return assign(path ? homeSource(path, contents, notebooks, trans) : null);
    };
    let teacherPanel: TeacherPanel | null = null;
    const showTeacherPanel = () => {
      if (teacherPanel) {
        shell.activateById(teacherPanel.id);
      }
    };
    const addTeacherPanel = () => {
      if (teacherPanel || !canTeach(session) || !getStore()) {
        return;
      }
      teacherPanel = new TeacherPanel({
        session,
        trans,
        store: getStore,
        actions: {
          newAssignment: () => assignNotebook(currentNotebook()),
          openSubmission: (assignment, learner) =>
            openSubmission(
              {
                store: needStore,
                shell: app.shell,
                renderMarkdown: Private.markdownRenderer(
                  rendermime,
                  translator
                ),
                trans
              },
              assignment,
              learner
            ),
          confirm: async (title, body, accept) =>
            (
              await showDialog({
                title,
                body,
                buttons: [
                  Dialog.cancelButton({ label: trans.__('Cancel') }),
                  Dialog.okButton({ label: accept })
                ]
              })
            ).button.accept
        }
      });
      teacherPanel.id = 'cdc-assignments-teacher';
      teacherPanel.title.icon = assignmentIcon;
      teacherPanel.title.caption = trans.__('Assignment follow-up');
      teacherPanel.node.setAttribute('role', 'region');
      teacherPanel.node.setAttribute(
        'aria-label',
        trans.__('Assignment follow-up')
      );
      app.shell.add(teacherPanel, 'left', { rank: 170 });
      app.commands.notifyCommandChanged();
    };
    void session.ready.then(addTeacherPanel);
    session.changed.connect(addTeacherPanel);

    app.commands.addCommand(CommandIDs.open, {
      label: trans.__('My assignments'),
      caption: trans.__(
        'Open my assignments: get them, hand them in, read the feedback'
      ),
      icon: assignmentIcon,
      describedBy: { args: { type: 'object', properties: {} } },
      execute: () => {
        shell.activateById(learnerPanel.id);
        Private.focusFirst(learnerPanel.node, 'h2');
      }
    });
    app.commands.addCommand(CommandIDs.follow, {
      label: trans.__('Assignment follow-up'),
      caption: trans.__(
        'Follow, mark and return the assignments you have handed out'
      ),
      icon: assignmentIcon,
      describedBy: { args: { type: 'object', properties: {} } },
      isEnabled: () => !!teacherPanel,
      isVisible: () => !!teacherPanel,
      execute: () => {
        if (teacherPanel) {
          shell.activateById(teacherPanel.id);
          Private.focusFirst(teacherPanel.node, 'h2');
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
        const s = getStore();
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
    palette?.addItem({
      command: CommandIDs.open,
      category: trans.__('Candyce')
    });
    palette?.addItem({
      command: CommandIDs.follow,
      category: trans.__('Candyce')
    });
    palette?.addItem({
      command: CommandIDs.commentCell,
      category: trans.__('Candyce')
    });

    return {
      openLearnerPanel: () => void app.commands.execute(CommandIDs.open),
      openTeacherPanel: () => void app.commands.execute(CommandIDs.follow),
      assignNotebook,
      assignResource: async resource => {
        const { librarySource } = await import('./sources');
        return assign(librarySource(resource, trans));
      }
    };
  }
};

namespace Private {
  /**
   * The pupil's work a widget shows and the cell selected in it, if any.
   */
  export function reviewedCell(widget: unknown): {
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

  /**
   * Markdown of a pupil's work, rendered untrusted: through JupyterLab's sanitizer,
   * with no link handler nor resolver into the teacher's files.
   */
  export function markdownRenderer(
    rendermime: IRenderMimeRegistry | null,
    translator: ITranslator | null
  ): MarkdownRenderer {
    return async (host, source) => {
      if (!rendermime) {
        // Without rendermime, markdown is shown as the text it is.
        const pre = host.ownerDocument.createElement('pre');
        pre.textContent = source;
        host.appendChild(pre);
        return;
      }
      await renderMarkdown({
        host,
        source,
        trusted: false,
        sanitizer: rendermime.sanitizer,
        resolver: null,
        linkHandler: null,
        shouldTypeset: true,
        latexTypesetter: rendermime.latexTypesetter,
        markdownParser: rendermime.markdownParser,
        translator: translator ?? undefined
      });
    };
  }

  /**
   * Focus the first element matching a selector once React has rendered it.
   */
  export function focusFirst(node: HTMLElement, selector: string, tries = 20) {
    const target = node.querySelector<HTMLElement>(selector);
    if (target) {
      if (!target.hasAttribute('tabindex')) {
        target.tabIndex = -1;
      }
      target.focus();
    } else if (tries > 0) {
      setTimeout(() => focusFirst(node, selector, tries - 1), 50);
    }
  }
}
