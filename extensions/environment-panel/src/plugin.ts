import {
  addSidePanel,
  CandyceRole,
  focusWhenRendered,
  ICandyceSession
} from '@candyce/core';
import {
  ILabShell,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { environmentIcon } from './icons';
// The panel is added to the sidebar at activation: nothing to load lazily.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { EnvironmentPanel } from './panel';
// Toolbars and the kernel picker are set up at activation: nothing to load lazily.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { addToolbarProgress, relabelKernelPickers } from './notebookHooks';
// The preparer follows notebooks from the start: nothing to load lazily.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { EnvironmentPreparer } from './prepare';
import { IEnvironmentPreparer } from './tokens';

/**
 * The environment panel's command ids.
 */
export namespace CommandIDs {
  export const open = 'candyce-environment:open';
}

/**
 * Roles that may change a notebook's software list (the hub allows them to resolve).
 */
const EDITOR_ROLES: readonly CandyceRole[] = ['teacher', 'author', 'admin'];

/**
 * Whether the session's user may edit software lists.
 */
export function canEditEnvironments(session: ICandyceSession): boolean {
  return EDITOR_ROLES.some(role => session.hasRole(role));
}

/**
 * Prepares the environment of each notebook opened, for every role.
 */
export const preparePlugin: JupyterFrontEndPlugin<IEnvironmentPreparer> = {
  id: '@candyce/environment-panel:prepare',
  description:
    'Gets the environment of each opened notebook ready: builds it when the server lacks its kernel, then starts the notebook on it.',
  autoStart: true,
  provides: IEnvironmentPreparer,
  requires: [ICandyceSession],
  // The tracker's plugin registers the notebook widget factory: it comes first.
  optional: [ITranslator, INotebookTracker],
  activate: (
    app: JupyterFrontEnd,
    session: ICandyceSession,
    translator: ITranslator | null,
    notebooks: INotebookTracker | null
  ): IEnvironmentPreparer => {
    const preparer = new EnvironmentPreparer({
      kernelspecs: app.serviceManager.kernelspecs,
      session,
      canRegister: () => canEditEnvironments(session),
      translator
    });
    // The factory says at once when it creates a notebook, before its file is read
    // (it only makes NotebookPanels); the tracker catches those of other factories.
    app.docRegistry
      .getWidgetFactory('Notebook')
      ?.widgetCreated.connect((_, widget) =>
        preparer.watch(widget as NotebookPanel)
      );
    notebooks?.widgetAdded.connect((_, panel) => preparer.watch(panel));
    return preparer;
  }
};

/**
 * The « Environnement » panel in the right sidebar, and its command.
 */
export const panelPlugin: JupyterFrontEndPlugin<void> = {
  id: '@candyce/environment-panel:panel',
  description:
    'The « Environnement » side panel: the current notebook’s environment, and for teachers its software list to resolve and pin.',
  autoStart: true,
  requires: [ICandyceSession, INotebookTracker, IEnvironmentPreparer],
  optional: [ITranslator, ILabShell, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    session: ICandyceSession,
    notebooks: INotebookTracker,
    preparer: IEnvironmentPreparer,
    translator: ITranslator | null,
    labShell: ILabShell | null,
    palette: ICommandPalette | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('candyce');
    const panel = new EnvironmentPanel({
      session,
      notebooks,
      kernelspecs: app.serviceManager.kernelspecs,
      preparer,
      canEdit: () => canEditEnvironments(session),
      trans
    });
    // The same progress in each notebook's toolbar; environments' names, not kernel
    // ids, in JupyterLab's kernel picker.
    addToolbarProgress({ notebooks, panel, preparer, trans });
    relabelKernelPickers(app.serviceManager, trans);
    addSidePanel(app.shell, panel, {
      id: 'cdc-environment',
      icon: environmentIcon,
      name: trans.__('Environment'),
      area: 'right',
      rank: 600
    });

    app.commands.addCommand(CommandIDs.open, {
      label: trans.__('Notebook environment'),
      caption: trans.__(
        'Show the environment of the current notebook and, for teachers, pin its software list'
      ),
      icon: environmentIcon,
      describedBy: { args: { type: 'object', properties: {} } },
      execute: () => {
        (labShell ?? app.shell).activateById(panel.id);
        // From the palette, the palette then activates the main area's widget (a
        // message processed at the next animation frame): focus after it.
        // Its title, so that Tab goes on into the panel.
        requestAnimationFrame(() =>
          focusWhenRendered(panel.node, ['.cdc-Environment-title'])
        );
      }
    });
    palette?.addItem({
      command: CommandIDs.open,
      category: trans.__('Candyce')
    });
  }
};
