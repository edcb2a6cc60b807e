import { IAssignments, ICandyceSession, ILibrary } from '@candyce/core';
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStatusBar } from '@jupyterlab/statusbar';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

/** The plugin's id, which holds its settings. */
export const PLUGIN_ID = '@candyce/telemetry:plugin';

/** The class of `<body>` while school mode is on (`@candyce/school-ui`). */
const SCHOOL_MODE_CLASS = 'cdc-mod-school';

/** The command that shows what is recorded. */
export const SHOW_TRACES = 'candyce-telemetry:show';

/**
 * Learning traces: xAPI statements of what the user does in JupyterLab, sent in
 * batches to the hub's LRS (or the deployment's), within what the user's consent
 * allows, and a status bar item saying what is recorded.
 */
export const telemetryPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'Learning traces (xAPI): notebooks, cells, assignments and library resources, sent to the LRS within the consent of the user, with a status bar indicator.',
  autoStart: true,
  requires: [ICandyceSession],
  optional: [
    ITranslator,
    ISettingRegistry,
    IStatusBar,
    INotebookTracker,
    IAssignments,
    ILibrary
  ],
  activate: (
    app: JupyterFrontEnd,
    session: ICandyceSession,
    translator: ITranslator | null,
    settingRegistry: ISettingRegistry | null,
    statusBar: IStatusBar | null,
    notebooks: INotebookTracker | null,
    assignments: IAssignments | null,
    library: ILibrary | null
  ): void => {
    // Nothing at start waits for the hub: the emitter is set up once it is known.
    void Private.start({
      app,
      session,
      settingRegistry,
      statusBar,
      notebooks,
      assignments,
      library,
      translator
    }).catch(reason =>
      console.warn('Candyce telemetry could not start', reason)
    );
  }
};

namespace Private {
  export async function start(options: {
    app: JupyterFrontEnd;
    session: ICandyceSession;
    translator: ITranslator | null;
    settingRegistry: ISettingRegistry | null;
    statusBar: IStatusBar | null;
    notebooks: INotebookTracker | null;
    assignments: IAssignments | null;
    library: ILibrary | null;
  }): Promise<void> {
    const { app, session, statusBar } = options;
    const trans = (options.translator ?? nullTranslator).load('candyce');
    const [{ TraceEmitter }, setupModule, { trackActivity }, indicator] =
      await Promise.all([
        import('./emitter'),
        import('./setup'),
        import('./tracker'),
        import('./indicator')
      ]);
    const [composite] = await Promise.all([
      options.settingRegistry
        ?.load(PLUGIN_ID)
        .then(settings => settings.composite)
        .catch(reason => {
          console.warn('Candyce telemetry settings could not be read', reason);
          return {};
        }) ?? {},
      session.ready
    ]);
    const settings = setupModule.readSettings(composite);
    const setup = setupModule.chooseSetup(session, settings, localStorage());
    const emitter = new TraceEmitter({
      source: setup.source,
      storage: setup.storage,
      recordCode: settings.recordCode,
      language: session.locale.replace('_', '-')
    });
    emitter.start();
    trackActivity(emitter, options);
    window.addEventListener('online', () => emitter.queue?.wake());
    window.addEventListener('pagehide', () => emitter.queue?.persist());

    app.commands.addCommand(SHOW_TRACES, {
      label: trans.__('What is recorded of my activity'),
      caption: trans.__(
        'Show which learning traces are recorded, with a link to the privacy page'
      ),
      describedBy: { args: { type: 'object', properties: {} } },
      execute: () =>
        indicator.showTraces({
          level: emitter.level,
          recordCode: settings.recordCode,
          privacyUrl: setup.privacyUrl,
          trans
        })
    });
    // In school mode the status bar is hidden: the indicator shows in the top bar.
    const top = new indicator.TraceIndicator(
      trans,
      () => void app.commands.execute(SHOW_TRACES)
    );
    top.id = 'cdc-TraceIndicator-school';
    top.addClass('cdc-TraceIndicator-school');
    top.setLevel(emitter.level);
    emitter.levelChanged.connect((_, level) => top.setLevel(level));
    const followSchoolMode = () =>
      top.setHidden(!document.body.classList.contains(SCHOOL_MODE_CLASS));
    followSchoolMode();
    new MutationObserver(followSchoolMode).observe(document.body, {
      attributes: true,
      attributeFilter: ['class']
    });
    app.shell.add(top, 'top', { rank: 1000 });
    if (statusBar) {
      const item = new indicator.TraceIndicator(
        trans,
        () => void app.commands.execute(SHOW_TRACES)
      );
      item.setLevel(emitter.level);
      emitter.levelChanged.connect((_, level) => item.setLevel(level));
      statusBar.registerStatusItem(PLUGIN_ID, {
        item,
        align: 'left',
        rank: 1000
      });
    }
  }

  /** The browser's storage, or `null` where it is refused. */
  function localStorage(): Storage | null {
    try {
      return window.localStorage;
    } catch {
      return null;
    }
  }
}
