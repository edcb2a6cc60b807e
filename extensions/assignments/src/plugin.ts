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
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import {
  AssignmentsApi,
  ICellComment,
  IPerson,
  ITeachingAssignment
} from './api';
import type { IAssignSource } from './assign';
import { commentsFor, followCellComments, showCellComments } from './comments';
import { errorMessage, UserError } from './errors';
import { firstNotebook, joinPath, writeFiles } from './files';
import { assignmentIcon } from './icons';
import { formatDate } from './labels';
// The panels are added to the sidebar at activation: nothing to load lazily.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { LearnerPanel } from './learner';
// The store and the learner's work are built synchronously, with the panels.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { AssignmentsStore, ORIGINAL_FOLDER } from './store';
import { SubmissionSender } from './submit';
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { canTeach, TeacherPanel } from './teacher';
import { IAssignments } from './tokens';
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { ConflictChoice, LearnerWork } from './work';

/**
 * The assignments' command ids.
 */
export namespace CommandIDs {
  export const open = 'candyce-assignments:open';
  export const follow = 'candyce-assignments:follow';
  export const commentCell = 'candyce-assignments:comment-cell';
  /** In the file browser's context menu for notebooks. */
  export const assignNotebook = 'candyce:assign-notebook';
  /** The library's « Donner en devoir » (args: `resourceId`, `version`, `title`). */
  export const assignResource = 'candyce:assign-resource';
}

/**
 * « Mes devoirs » and « Suivi des devoirs » in the left sidebar, the comments under
 * the cells of marked work, and « Commenter la cellule » for teachers.
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
    IDefaultFileBrowser
  ],
  activate: (
    app: JupyterFrontEnd,
    session: ICandyceSession,
    translator: ITranslator | null,
    labShell: ILabShell | null,
    palette: ICommandPalette | null,
    docManager: IDocumentManager | null,
    notebooks: INotebookTracker | null,
    fileBrowser: IDefaultFileBrowser | null
  ): IAssignments => {
    const trans = (translator ?? nullTranslator).load('candyce');
    const contents = app.serviceManager.contents;
    let store: AssignmentsStore | null = null;
    // Comments under the cells: the teacher's, returned, for the pupil; the draft ones
    // for the teacher reading a pupil's work in Corrections/.
    const comments = new Private.CommentsView(
      notebooks,
      () => getStore(),
      trans,
      () => canTeach(session)
    );
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
    const work = (s: AssignmentsStore) =>
      new LearnerWork({
        api: s.api,
        contents,
        docManager,
        notebooks,
        askConflict: paths => Private.askConflict(paths, trans)
      });
    const sender = new SubmissionSender({
      send: (id, requestId, files) =>
        needStore().api.submit(id, requestId, files)
    });
    const learnerPanel = new LearnerPanel({
      session,
      trans,
      store: getStore,
      actions: {
        join: async code => {
          const joined = await needStore().api.join(code);
          return trans.__('« %1 » added to your assignments.', joined.title);
        },
        fetch: async assignment => {
          const fetched = await work(needStore()).fetch(assignment);
          if (!fetched) {
            return trans.__('Nothing was written: your files are unchanged.');
          }
          if (fetched.notebook) {
            work(needStore()).openPath(fetched.notebook);
          }
          return trans.__('Assignment fetched into %1.', fetched.folder);
        },
        open: async assignment => {
          const opened = await work(needStore()).open(assignment);
          if (!opened) {
            throw new UserError(
              trans.__(
                'No notebook in %1: get the assignment again.',
                assignment.folder
              )
            );
          }
          return trans.__('%1 opened.', opened);
        },
        submit: async (assignment, retry, onProgress) => {
          let submission;
          if (retry) {
            onProgress(trans.__('Sending your work again…'));
            submission = await sender.retry(assignment.id);
          } else {
            const files = await work(needStore()).read(
              assignment,
              (done, total) =>
                onProgress(
                  trans.__('Reading your files: %1 of %2…', done, total)
                )
            );
            if (!files.length) {
              throw new UserError(
                trans.__(
                  'The folder %1 is empty: nothing to hand in.',
                  assignment.folder
                )
              );
            }
            onProgress(
              trans._n('Sending %1 file…', 'Sending %1 files…', files.length)
            );
            submission = await sender.submit(assignment.id, files);
          }
          return trans.__(
            'Handed in on %1 (version %2).',
            formatDate(submission.submittedAt, session.locale),
            submission.version
          );
        },
        canRetry: assignment => sender.hasPending(assignment.id)
      }
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
      const created = dialog.created;
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
    const openSubmission = async (
      assignment: ITeachingAssignment,
      learner: IPerson
    ): Promise<string> => {
      const s = needStore();
      const [latest, original] = await Promise.all([
        s.api.latestSubmission(assignment.id, learner.name),
        s.api.original(assignment.id)
      ]);
      await s.draft(assignment.id, learner.name);
      const folder = s.correctionsFolder(assignment);
      const mine = joinPath(folder, learner.name);
      const theirs = joinPath(folder, ORIGINAL_FOLDER);
      // These folders mirror the hub: written again at each opening.
      await writeFiles(contents, theirs, original);
      await writeFiles(contents, mine, latest.files);
      const notebook = firstNotebook(latest.files.map(f => f.path));
      if (notebook && docManager) {
        const noKernel = { shouldStart: false, canStart: false };
        const opened = docManager.openOrReveal(
          joinPath(mine, notebook),
          'default',
          undefined,
          undefined,
          noKernel
        );
        if (opened) {
          Private.makeReadOnly(opened);
          if (original.some(f => f.path === notebook)) {
            const beside = docManager.openOrReveal(
              joinPath(theirs, notebook),
              'default',
              undefined,
              { mode: 'split-right', ref: opened.id },
              noKernel
            );
            if (beside) {
              Private.makeReadOnly(beside);
            }
            shell.activateById(opened.id);
          }
        }
      }
      return trans.__(
        'Work of %1 (version %2) opened from %3, beside the original.',
        learner.displayName,
        latest.submission.version,
        mine
      );
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
          openSubmission,
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
      isEnabled: () => !!comments.correctionOfCurrent(),
      isVisible: () => !!comments.correctionOfCurrent(),
      execute: async () => {
        const found = comments.correctionOfCurrent();
        const panel = notebooks?.currentWidget;
        const cell = panel?.content.activeCell;
        const s = getStore();
        if (!found || !panel || !cell || !s) {
          return;
        }
        try {
          const { assignment, learner, relative } = found;
          const draft = await s.draft(assignment.id, learner);
          const known = (draft.cells ?? []).find(
            c => c.path === relative && c.cellId === cell.model.id
          );
          const text = await Private.askComment(known?.comment ?? '', trans);
          if (text === null) {
            return;
          }
          s.setCellComment(assignment.id, learner, {
            path: relative,
            cellId: cell.model.id,
            comment: text
          });
          await s.saveDraft(assignment.id, learner);
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

/**
 * « Donner en devoir »: in the file browser's context menu for notebooks and in the
 * palette, for teachers.
 */
export const assignPlugin: JupyterFrontEndPlugin<void> = {
  id: '@candyce/assignments:assign',
  description:
    'Hands out a notebook of your home as an assignment, from the file browser.',
  autoStart: true,
  requires: [ICandyceSession, IAssignments],
  optional: [
    ITranslator,
    IDefaultFileBrowser,
    INotebookTracker,
    ICommandPalette
  ],
  activate: (
    app: JupyterFrontEnd,
    session: ICandyceSession,
    assignments: IAssignments,
    translator: ITranslator | null,
    fileBrowser: IDefaultFileBrowser | null,
    notebooks: INotebookTracker | null,
    palette: ICommandPalette | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('candyce');
    app.commands.addCommand(CommandIDs.assignNotebook, {
      label: trans.__('Hand out as an assignment'),
      caption: trans.__(
        'Hand this notebook out to your classes, with a due date'
      ),
      icon: assignmentIcon,
      describedBy: {
        args: {
          type: 'object',
          properties: {
            path: {
              type: 'string',
              description: 'The notebook to hand out (default: the selection).'
            }
          }
        }
      },
      isEnabled: () => session.mode === 'hub' && canTeach(session),
      isVisible: () => session.mode === 'hub' && canTeach(session),
      execute: async args => {
        const path =
          typeof args.path === 'string'
            ? args.path
            : (Array.from(fileBrowser?.selectedItems() ?? []).find(item =>
                item.path.endsWith('.ipynb')
              )?.path ??
              notebooks?.currentWidget?.context.path ??
              null);
        try {
          return await assignments.assignNotebook(path);
        } catch (reason) {
          await showErrorMessage(
            trans.__('The assignment could not be created'),
            errorMessage(reason, trans)
          );
          return false;
        }
      }
    });
    palette?.addItem({
      command: CommandIDs.assignNotebook,
      category: trans.__('Candyce')
    });
    app.commands.addCommand(CommandIDs.assignResource, {
      label: trans.__('Assign as homework'),
      describedBy: {
        args: {
          type: 'object',
          required: ['resourceId', 'version', 'title'],
          properties: {
            resourceId: { type: 'string' },
            version: { type: 'number' },
            title: { type: 'string' }
          }
        }
      },
      isEnabled: () => session.mode === 'hub' && canTeach(session),
      execute: async args => {
        try {
          return await assignments.assignResource({
            resourceId: String(args.resourceId),
            version: Number(args.version),
            title: String(args.title)
          });
        } catch (reason) {
          await showErrorMessage(
            trans.__('The assignment could not be created'),
            errorMessage(reason, trans)
          );
          return false;
        }
      }
    });
  }
};

namespace Private {
  /**
   * Ask what to do with files the learner has changed; « keep » is the default.
   */
  export async function askConflict(
    paths: string[],
    trans: TranslationBundle
  ): Promise<ConflictChoice> {
    const body = document.createElement('div');
    const intro = document.createElement('p');
    intro.textContent = trans._n(
      'This file of the assignment is already in your folder, with your changes:',
      'These files of the assignment are already in your folder, with your changes:',
      paths.length
    );
    const list = document.createElement('ul');
    for (const path of paths.slice(0, 10)) {
      const item = document.createElement('li');
      item.textContent = path;
      list.appendChild(item);
    }
    if (paths.length > 10) {
      const item = document.createElement('li');
      item.textContent = trans.__('and %1 more', paths.length - 10);
      list.appendChild(item);
    }
    const advice = document.createElement('p');
    advice.textContent = trans.__(
      'Keep them to go on with your work; replace them to start again from the teacher’s version (your changes would be lost).'
    );
    body.append(intro, list, advice);
    const keep = Dialog.okButton({
      label: trans.__('Keep them (recommended)')
    });
    const replace = Dialog.warnButton({ label: trans.__('Replace them') });
    const result = await showDialog({
      title: trans.__('Your files already exist'),
      body: new Widget({ node: body }),
      buttons: [
        Dialog.cancelButton({ label: trans.__('Cancel') }),
        replace,
        keep
      ],
      defaultButton: 2
    });
    if (!result.button.accept) {
      return 'cancel';
    }
    return result.button.label === replace.label ? 'replace' : 'keep';
  }

  /**
   * Ask for a comment on a cell.
   *
   * @returns the text, or `null` when cancelled.
   */
  export async function askComment(
    initial: string,
    trans: TranslationBundle
  ): Promise<string | null> {
    const body = document.createElement('div');
    const label = document.createElement('label');
    label.htmlFor = 'cdc-CommentCell-text';
    label.textContent = trans.__(
      'Comment to the pupil (plain text; empty to remove it)'
    );
    const area = document.createElement('textarea');
    area.id = 'cdc-CommentCell-text';
    area.className = 'jp-mod-styled cdc-CommentCell-text';
    area.rows = 5;
    area.value = initial;
    body.append(label, area);
    const widget = new (class extends Widget {
      getValue(): string {
        return area.value;
      }
    })({ node: body });
    const result = await showDialog({
      title: trans.__('Comment the cell'),
      body: widget,
      buttons: [
        Dialog.cancelButton({ label: trans.__('Cancel') }),
        Dialog.okButton({ label: trans.__('Save') })
      ],
      focusNodeSelector: '#cdc-CommentCell-text'
    });
    return result.button.accept ? (result.value ?? area.value) : null;
  }

  /**
   * A pupil's work is read, not edited: its cells cannot be changed.
   */
  export function makeReadOnly(widget: Widget): void {
    if (!(widget instanceof NotebookPanel)) {
      return;
    }
    void widget.context.ready.then(() => {
      widget.context.model.readOnly = true;
      for (const cell of widget.content.widgets) {
        cell.readOnly = true;
      }
      widget.addClass('cdc-mod-readOnly');
    });
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

  /**
   * Shows teachers' comments under the cells of open notebooks.
   */
  export class CommentsView {
    constructor(
      private _notebooks: INotebookTracker | null,
      private _store: () => AssignmentsStore | null,
      private _trans: TranslationBundle,
      private _isTeacher: () => boolean
    ) {
      _notebooks?.widgetAdded.connect((_sender, panel) => {
        void panel.context.ready.then(() => this.refresh(panel));
        panel.disposed.connect(() => {
          this._stops.get(panel)?.();
          this._stops.delete(panel);
        });
      });
    }

    /**
     * The pupil's work the current notebook is, for a teacher.
     */
    correctionOfCurrent() {
      const path = this._notebooks?.currentWidget?.context.path;
      const store = this._store();
      if (!path || !store || !this._isTeacher()) {
        return null;
      }
      return store.correctionAt(path);
    }

    refreshAll(): void {
      this._notebooks?.forEach(panel => void this.refresh(panel));
    }

    async refresh(panel: NotebookPanel): Promise<void> {
      const store = this._store();
      if (!store || panel.isDisposed) {
        return;
      }
      const trans = this._trans;
      try {
        if (!store.loaded) {
          await store.refresh();
        }
        const path = panel.context.path;
        let shown: ICellComment[] = [];
        let label = '';
        const correction = this._isTeacher() ? store.correctionAt(path) : null;
        if (correction) {
          const draft = store.loadedDraft(
            correction.assignment.id,
            correction.learner
          );
          shown = commentsFor(draft?.cells ?? [], correction.relative);
          label = trans.__('Your comment to the pupil');
        } else {
          const learning = store.learningAt(path);
          if (learning && learning.assignment.state === 'returned') {
            const feedback = await store.myFeedback(learning.assignment.id);
            shown = commentsFor(feedback?.cells ?? [], learning.relative);
          }
          label = trans.__('Teacher’s comment');
        }
        this._stops.get(panel)?.();
        this._stops.delete(panel);
        if (shown.length) {
          this._stops.set(
            panel,
            followCellComments(panel, () => shown, label)
          );
        } else {
          showCellComments(panel, [], label);
        }
      } catch (reason) {
        console.warn('Candyce assignments: comments not shown', reason);
      }
    }

    private _stops = new Map<NotebookPanel, () => void>();
  }
}
