import { Dialog } from '@jupyterlab/apputils';
import type { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import type { ServiceManager } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';

import { relabelKernelOptions } from './kernelLabels';
import type { EnvironmentPanel } from './panel';
import type { IEnvironmentPreparer } from './tokens';
import { ToolbarProgress } from './toolbarProgress';

/**
 * Give each notebook's toolbar the progress of its environment (a build from the panel,
 * or the preparation when it is opened), beside the kernel's name.
 */
export function addToolbarProgress(options: {
  notebooks: INotebookTracker;
  panel: EnvironmentPanel;
  preparer: IEnvironmentPreparer;
  trans: TranslationBundle;
}): void {
  const { notebooks, panel, preparer, trans } = options;
  const add = (notebook: NotebookPanel) => {
    const item = new ToolbarProgress({
      operation: () =>
        panel.operationOf(notebook) ?? preparer.operationOf(notebook),
      changed: [panel.operationChanged, preparer.changed],
      trans
    });
    // First in the toolbar: a narrow toolbar (side panels open at 1366×768) moves its
    // last items into « More commands », and the preparation must stay in sight. It
    // takes no room when nothing is being prepared.
    notebook.toolbar.insertItem(0, 'cdc-environmentProgress', item);
  };
  // Activated before the workspace is restored: restored notebooks are added too.
  notebooks.widgetAdded.connect((_, notebook) => add(notebook));
}

/**
 * Name environments, not kernel ids, in JupyterLab's kernel picker: each dialog that
 * holds one has its running-kernel options renamed (see kernelLabels.ts).
 */
export function relabelKernelPickers(
  services: ServiceManager.IManager,
  trans: TranslationBundle
): void {
  Dialog.tracker.widgetAdded.connect((_, dialog) => {
    const select = dialog.node.querySelector<HTMLSelectElement>(
      '.jp-Dialog-body select'
    );
    if (!select) {
      return;
    }
    // JupyterLab's list has no name of its own: a screen reader says what it chooses.
    if (!select.labels?.length && !select.getAttribute('aria-label')) {
      select.setAttribute('aria-label', trans.__('Kernel of the notebook'));
    }
    relabelKernelOptions(
      select,
      Array.from(services.kernels.running()),
      services.kernelspecs.specs,
      trans
    );
  });
}
