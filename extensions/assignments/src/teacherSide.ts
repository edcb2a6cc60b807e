import {
  addSidePanel,
  type ICandyceSession,
  type MarkdownRenderer
} from '@candyce/core';
import type { ILayoutRestorer, JupyterFrontEnd } from '@jupyterlab/application';
import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import type { INotebookTracker } from '@jupyterlab/notebook';
import type { TranslationBundle } from '@jupyterlab/translation';

import type { IAssignSource } from './assign';
import { FollowUps } from './followUps';
import { assignmentIcon } from './icons';
// What it needs beyond itself (the review view) loads with the panels anyway: a chunk
// of its own would only delay the first opening.
import { openSubmission } from './openSubmission';
import type { AssignmentsStore } from './store';
// The panel is added to the sidebar as soon as the user is known to teach.
import { canTeach, TeacherPanel } from './teacher';

/**
 * The teacher's side: the « Suivi des devoirs » panel, added once the user is known to
 * teach, the follow-up of each assignment in the main area, and the « Nouveau devoir »
 * form.
 */
export class TeacherSide {
  constructor(options: TeacherSide.IOptions) {
    this._options = options;
    const { app, session, trans, needStore } = options;
    this.followUps = new FollowUps({
      app,
      session,
      trans,
      store: needStore,
      restorer: options.restorer,
      actions: {
        openSubmission: (assignment, learner, beside) =>
          openSubmission(
            {
              store: needStore,
              shell: app.shell,
              renderMarkdown: options.renderMarkdown,
              trans
            },
            assignment,
            learner,
            beside
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
  }

  /**
   * The follow-ups of assignments, in the main area.
   */
  readonly followUps: FollowUps;

  /**
   * The « Suivi des devoirs » panel, once added.
   */
  get panel(): TeacherPanel | null {
    return this._panel;
  }

  /**
   * Show the « Suivi des devoirs » panel, if it is there.
   */
  show(): void {
    if (this._panel) {
      this._options.shell.activateById(this._panel.id);
    }
  }

  /**
   * Add the « Suivi des devoirs » panel, once the user is known to teach.
   */
  addPanel(): void {
    const { app, session, trans, store } = this._options;
    if (this._panel || !canTeach(session) || !store()) {
      return;
    }
    this._panel = new TeacherPanel({
      session,
      trans,
      store,
      actions: {
        newAssignment: () => this.assignNotebook(this._currentNotebook()),
        followUp: async id => {
          await this.followUps.open(id);
        }
      }
    });
    addSidePanel(app.shell, this._panel, {
      id: 'cdc-assignments-teacher',
      icon: assignmentIcon,
      name: trans.__('Assignment follow-up'),
      area: 'left',
      rank: 170
    });
    app.commands.notifyCommandChanged();
  }

  /**
   * Open the « Nouveau devoir » form for a notebook of the home (`null`: none chosen).
   *
   * @returns whether an assignment was created.
   */
  async assignNotebook(path: string | null): Promise<boolean> {
    const { app, notebooks, trans } = this._options;
    const { homeSource } = await import('./sources');
    return this._assign(
      path
        ? homeSource(path, app.serviceManager.contents, notebooks, trans)
        : null
    );
  }

  /**
   * Open the « Nouveau devoir » form for a version of a library resource.
   *
   * @returns whether an assignment was created.
   */
  async assignResource(resource: {
    resourceId: string;
    version: number;
    title: string;
  }): Promise<boolean> {
    const { librarySource } = await import('./sources');
    return this._assign(librarySource(resource, this._options.trans));
  }

  private async _assign(source: IAssignSource | null): Promise<boolean> {
    const s = this._options.needStore();
    const [{ AssignDialog, AssignForm }, classes, groupCounts] =
      await Promise.all([
        import('./assign'),
        s.api.classes().catch(() => []),
        // Without the workspaces' list, the form offers individual work only.
        s.api.groupCounts().catch(() => new Map<string, number>())
      ]);
    const { trans } = this._options;
    const form = new AssignForm({
      api: s.api,
      trans,
      classes,
      groupCounts,
      source
    });
    const dialog = new AssignDialog(form, trans);
    await dialog.launch();
    const created = dialog.accepted;
    dialog.dispose();
    if (created) {
      await s.refresh().catch(() => undefined);
      this.show();
    }
    return !!created;
  }

  /**
   * The notebook « Nouveau devoir » proposes: the one right-clicked in the file browser,
   * else the current one, else the file browser's selection.
   */
  private _currentNotebook(): string | null {
    const { app, fileBrowser, notebooks } = this._options;
    const selected = Array.from(fileBrowser?.selectedItems() ?? []).find(item =>
      item.path.endsWith('.ipynb')
    );
    const fromBrowser = !!app.contextMenuHitTest(node =>
      node.classList.contains('jp-DirListing-item')
    );
    if (fromBrowser && selected) {
      return selected.path;
    }
    return notebooks?.currentWidget?.context.path ?? selected?.path ?? null;
  }

  private readonly _options: TeacherSide.IOptions;
  private _panel: TeacherPanel | null = null;
}

/**
 * The TeacherSide options.
 */
export namespace TeacherSide {
  /**
   * What the teacher's side needs.
   */
  export interface IOptions {
    app: JupyterFrontEnd;
    /** The shell that activates the panel (JupyterLab's, when there is one). */
    shell: JupyterFrontEnd.IShell;
    session: ICandyceSession;
    trans: TranslationBundle;
    /** The store, once the hub is known. */
    store: () => AssignmentsStore | null;
    /** The store, or a UserError without the platform. */
    needStore: () => AssignmentsStore;
    notebooks: INotebookTracker | null;
    fileBrowser: IDefaultFileBrowser | null;
    /** How the pupils' markdown is rendered in their work. */
    renderMarkdown: MarkdownRenderer;
    /** Restores the follow-ups open with the workspace. */
    restorer: ILayoutRestorer | null;
  }
}
