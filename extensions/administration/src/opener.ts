import { focusAfterPalette } from '@candyce/core';
import type { ILayoutRestorer, JupyterFrontEnd } from '@jupyterlab/application';
import { MainAreaWidget, WidgetTracker } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';

import { CommandIDs } from './commandIds';
import { administrationIcon } from './icons';
import type { IAdministrationOptions } from './options';
import { AdministrationPanel } from './panel';

/**
 * Opens « Administration » in the main area (one tab), and lets the layout restorer
 * reopen it with the workspace.
 */
export class AdministrationOpener {
  constructor(
    private readonly _app: JupyterFrontEnd,
    private readonly _trans: TranslationBundle,
    restorer: ILayoutRestorer | null
  ) {
    this.tracker = new WidgetTracker<MainAreaWidget<AdministrationPanel>>({
      namespace: 'cdc-administration'
    });
    void restorer?.restore(this.tracker, {
      command: CommandIDs.open,
      args: () => ({ focus: false }),
      name: () => 'administration'
    });
  }

  readonly tracker: WidgetTracker<MainAreaWidget<AdministrationPanel>>;

  /** Show the administration, creating it when needed; focus its heading unless told not to. */
  open(
    options: () => IAdministrationOptions,
    focus = true
  ): MainAreaWidget<AdministrationPanel> {
    let view = this.tracker.find(v => !v.isDisposed);
    if (!view) {
      const content = new AdministrationPanel(options());
      view = new MainAreaWidget({ content });
      view.id = 'cdc-administration';
      view.addClass('cdc-AdministrationMain');
      view.title.icon = administrationIcon;
      view.title.label = this._trans.__('Administration');
      view.title.caption = this._trans.__('Administration');
      view.title.closable = true;
      // The empty toolbar would be an empty `toolbar` landmark.
      view.toolbar.hide();
      void this.tracker.add(view);
    }
    if (!view.isAttached) {
      this._app.shell.add(view, 'main');
    }
    this._app.shell.activateById(view.id);
    if (focus) {
      focusAfterPalette(view.content.node, ['h2']);
    }
    return view;
  }
}
