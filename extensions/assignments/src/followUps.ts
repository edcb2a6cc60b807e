import { focusAfterPalette, type ICandyceSession } from '@candyce/core';
import type { ILayoutRestorer, JupyterFrontEnd } from '@jupyterlab/application';
import { MainAreaWidget, WidgetTracker } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';

import { CommandIDs } from './commandIds';
import { UserError } from './errors';
import { FollowUpView, type IFollowUpActions } from './followUp';
import { assignmentIcon } from './icons';
import type { AssignmentsStore } from './store';

/**
 * The follow-ups of assignments in the main area, one per assignment: opened from
 * « Suivi des devoirs » (or the `follow-assignment` command), tracked, and restored
 * with the workspace.
 */
export class FollowUps {
  constructor(options: FollowUps.IOptions) {
    this._options = options;
    const { app, trans, restorer } = options;
    app.commands.addCommand(CommandIDs.followAssignment, {
      label: trans.__('Follow-up of an assignment'),
      caption: trans.__(
        'Open the table of the pupils of an assignment: hand-ins, grades, feedback'
      ),
      icon: assignmentIcon,
      describedBy: {
        args: {
          type: 'object',
          properties: {
            assignmentId: { type: 'string' },
            activate: { type: 'boolean', default: true }
          },
          required: ['assignmentId']
        }
      },
      execute: args =>
        this.open(String(args.assignmentId ?? ''), args.activate !== false)
    });
    void restorer?.restore(this.tracker, {
      command: CommandIDs.followAssignment,
      // Restored, a follow-up takes its place in the layout without taking the focus
      // from the tab that was current.
      args: widget => ({
        assignmentId: widget.content.assignmentId,
        activate: false
      }),
      name: widget => widget.content.assignmentId
    });
  }

  /**
   * The follow-ups open.
   */
  readonly tracker = new WidgetTracker<MainAreaWidget<FollowUpView>>({
    namespace: 'cdc-assignment-followup'
  });

  /**
   * Show the follow-up of an assignment the user handed out, opening it if needed, and
   * put the focus on its heading (unless `activate` is false: then it is only added).
   *
   * @throws {UserError} without the platform, or when the assignment is not (or no
   * longer) one the user handed out: a restored workspace then drops it.
   */
  async open(
    assignmentId: string,
    activate = true
  ): Promise<MainAreaWidget<FollowUpView>> {
    const found = this.tracker.find(
      widget => widget.content.assignmentId === assignmentId
    );
    if (found) {
      if (activate) {
        this._show(found);
      }
      return found;
    }
    // Two quick presses (or a press during the restore) open one view, not two.
    let opening = this._opening.get(assignmentId);
    if (!opening) {
      opening = this._create(assignmentId).finally(() =>
        this._opening.delete(assignmentId)
      );
      this._opening.set(assignmentId, opening);
    }
    const widget = await opening;
    if (activate) {
      this._show(widget);
    }
    return widget;
  }

  private async _create(
    assignmentId: string
  ): Promise<MainAreaWidget<FollowUpView>> {
    const { app, session, trans } = this._options;
    await session.ready;
    const store = this._options.store();
    if (!store.loaded) {
      await store.refresh();
    }
    const assignment = store.teaching.find(a => a.id === assignmentId);
    if (!assignment) {
      throw new UserError(
        trans.__('This assignment is no longer among those you handed out.')
      );
    }
    const widgetId = `cdc-followup-${assignmentId.replace(/[^A-Za-z0-9-]/g, '_')}`;
    const content = new FollowUpView({
      assignmentId,
      widgetId,
      store,
      trans,
      locale: session.locale,
      actions: this._options.actions
    });
    const widget = new MainAreaWidget({ content });
    widget.id = widgetId;
    widget.title.label = trans.__('Follow-up: %1', assignment.title);
    widget.title.caption = trans.__(
      'Follow-up of the assignment « %1 »',
      assignment.title
    );
    widget.title.icon = assignmentIcon;
    widget.title.closable = true;
    // Nothing goes in the toolbar: the view's actions are in its own page.
    widget.toolbar.hide();
    await this.tracker.add(widget);
    app.shell.add(widget, 'main', { activate: false });
    return widget;
  }

  private _show(widget: MainAreaWidget<FollowUpView>): void {
    this._options.app.shell.activateById(widget.id);
    focusAfterPalette(widget.content.node);
  }

  private readonly _options: FollowUps.IOptions;
  private readonly _opening = new Map<
    string,
    Promise<MainAreaWidget<FollowUpView>>
  >();
}

/**
 * The FollowUps options.
 */
export namespace FollowUps {
  /**
   * What the follow-ups need.
   */
  export interface IOptions {
    app: JupyterFrontEnd;
    session: ICandyceSession;
    trans: TranslationBundle;
    /**
     * The store.
     *
     * @throws {UserError} without the platform.
     */
    store: () => AssignmentsStore;
    actions: IFollowUpActions;
    restorer: ILayoutRestorer | null;
  }
}
