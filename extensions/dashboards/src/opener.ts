import { focusAfterPalette } from '@candyce/core';
import type { ILayoutRestorer, JupyterFrontEnd } from '@jupyterlab/application';
import { MainAreaWidget, WidgetTracker } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';

import type { DashboardKind } from './api';
import type { IDashboardRequest } from './address';
import { CommandIDs } from './commandIds';
import { dashboardIcon } from './icons';
import { DashboardPanel } from './panel';

/**
 * Opens the dashboards in the main area, one tab per kind (the class tab switches
 * class), and lets the layout restorer reopen them with the workspace, on the class
 * they showed.
 */
export class DashboardOpener {
  constructor(options: DashboardOpener.IOptions) {
    this._options = options;
    this.tracker = new WidgetTracker<MainAreaWidget<DashboardPanel>>({
      namespace: 'cdc-dashboards'
    });
    void options.restorer?.restore(this.tracker, {
      command: CommandIDs.open,
      args: view => ({
        kind: view.content.kind,
        ...(view.content.classId ? { classId: view.content.classId } : {}),
        focus: false
      }),
      name: view => view.content.kind
    });
  }

  /** The open dashboards. */
  readonly tracker: WidgetTracker<MainAreaWidget<DashboardPanel>>;

  /**
   * Show a dashboard, creating its tab when needed; focus its heading unless told not to.
   */
  open(
    request: IDashboardRequest & { focus?: boolean }
  ): MainAreaWidget<DashboardPanel> {
    const { app } = this._options;
    let view = this.tracker.find(
      v => !v.isDisposed && v.content.kind === request.kind
    );
    if (!view) {
      view = this._create(request.kind, request.classId ?? null);
    } else if (request.classId) {
      void view.content.showClass(request.classId);
    }
    if (!view.isAttached) {
      app.shell.add(view, 'main');
    }
    app.shell.activateById(view.id);
    if (request.focus !== false) {
      focusAfterPalette(view.content.node, ['h2']);
    }
    return view;
  }

  private _create(
    kind: DashboardKind,
    classId: string | null
  ): MainAreaWidget<DashboardPanel> {
    const { trans } = this._options;
    const content = new DashboardPanel({
      ...this._options.panel,
      kind,
      classId,
      trans: kind === 'me' ? this._options.pupilTrans : trans,
      onTitle: panel => this._retitle(view, panel)
    });
    const view = new MainAreaWidget({ content });
    view.id = `cdc-dashboard-${kind}`;
    view.addClass('cdc-DashboardMain');
    view.title.icon = dashboardIcon;
    view.title.closable = true;
    // The empty toolbar would be an empty `toolbar` landmark.
    view.toolbar.hide();
    this._retitle(view, content);
    void this.tracker.add(view);
    return view;
  }

  private _retitle(
    view: MainAreaWidget<DashboardPanel>,
    panel: DashboardPanel
  ): void {
    const label = dashboardTitle(
      panel.kind,
      panel.kind === 'establishment'
        ? panel.establishmentName
        : panel.className,
      panel.kind === 'me' ? this._options.pupilTrans : this._options.trans
    );
    view.title.label = label;
    view.title.caption = label;
    panel.heading.textContent = label;
    // The class shown is part of what the workspace restores.
    if (this.tracker.has(view)) {
      void this.tracker.save(view);
    }
  }

  private _options: DashboardOpener.IOptions;
}

/**
 * A dashboard's title: its tab, its heading, its command (with the class's or the
 * establishment's name once known).
 */
export function dashboardTitle(
  kind: DashboardKind,
  className: string | null,
  trans: TranslationBundle
): string {
  switch (kind) {
    case 'me':
      return trans.__('My dashboard');
    case 'class':
      return className
        ? trans.__('Class dashboard: %1', className)
        : trans.__('Class dashboard');
    case 'programme':
      return trans.__('Programme indicators');
    case 'establishment':
      return className
        ? trans.__('Establishment dashboard: %1', className)
        : trans.__('Establishment dashboard');
  }
}

/**
 * The DashboardOpener options.
 */
export namespace DashboardOpener {
  export interface IOptions {
    app: JupyterFrontEnd;
    trans: TranslationBundle;
    /** The bundle of « Mon tableau de bord » (« tu » in school mode). */
    pupilTrans: TranslationBundle;
    restorer: ILayoutRestorer | null;
    /** What every panel is built with. */
    panel: Pick<
      DashboardPanel.IOptions,
      'api' | 'preferences' | 'formats' | 'today'
    >;
  }
}
