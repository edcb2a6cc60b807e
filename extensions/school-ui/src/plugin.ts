import {
  CandyceRole,
  HubApi,
  IAssignments,
  ICandyceSession
} from '@candyce/core';
import {
  ILabShell,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';

import { SchoolBar } from './bar';
import { chooseClassModes } from './classMode';
import { CommandIDs } from './commandIds';
import { addSchoolCommands } from './commands';
// The notes watch every executed cell from the start: nothing to load lazily.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { ErrorNotes } from './errorNotes';
import { SchoolLayout } from './layout';
import { addressAsksSchoolMode, SchoolModeState } from './state';
import { ISchoolMode } from './tokens';

/**
 * The id of the mode plugin, which holds the per-user setting.
 */
export const MODE_PLUGIN_ID = '@candyce/school-ui:mode';

/**
 * Where a tab remembers that its address asked for school mode: JupyterLab rewrites
 * the address as documents open, and a reload must stay in school mode.
 */
export const ADDRESS_KEY = 'candyce-school-ui:address';

/** The roles that may always go back to the full JupyterLab. */
const MAY_LEAVE: readonly CandyceRole[] = [
  'teacher',
  'admin',
  'author',
  'inspector'
];

/**
 * School mode: decides whether it is on (`?mode=ecole`, the user's setting, a class in
 * school mode on the hub, a teacher's preview) and applies it: JupyterLab's shell in
 * single-document mode without menus, status bar or other side panels than « Mes
 * devoirs », the school bar's big buttons, « Mes devoirs » shown at once. Off, nothing
 * of JupyterLab changes.
 */
export const modePlugin: JupyterFrontEndPlugin<ISchoolMode> = {
  id: MODE_PLUGIN_ID,
  description:
    'School mode for primary school and collège: one notebook, big labelled buttons, larger fonts, « Mes devoirs » only.',
  autoStart: true,
  provides: ISchoolMode,
  optional: [
    ITranslator,
    ILabShell,
    ICandyceSession,
    IAssignments,
    INotebookTracker,
    ISettingRegistry,
    ICommandPalette
  ],
  activate: (
    app: JupyterFrontEnd,
    translator: ITranslator | null,
    labShell: ILabShell | null,
    session: ICandyceSession | null,
    assignments: IAssignments | null,
    notebooks: INotebookTracker | null,
    settings: ISettingRegistry | null,
    palette: ICommandPalette | null
  ): ISchoolMode => {
    const trans = (translator ?? nullTranslator).load('candyce');
    const state = new SchoolModeState({
      mayLeave: () =>
        !session ||
        session.mode !== 'hub' ||
        MAY_LEAVE.some(role => session.hasRole(role))
    });
    Private.followAddress(state);
    if (settings) {
      void Private.followSetting(state, settings);
    }
    if (session) {
      void Private.followClass(state, session);
    }

    const bar = new SchoolBar({
      commands: app.commands,
      buttons: [
        CommandIDs.run,
        CommandIDs.runAll,
        CommandIDs.handIn,
        CommandIDs.leave
      ],
      label: trans.__('School mode')
    });
    addSchoolCommands({
      commands: app.commands,
      state,
      trans,
      notebooks,
      assignments,
      palette,
      announce: message => bar.announce(message)
    });
    Private.addClassModesCommand(app, session, trans, palette);
    state.changed.connect(() => {
      if (!state.isOn) {
        window.sessionStorage.removeItem(ADDRESS_KEY);
      }
    });

    const layout = labShell ? new SchoolLayout(labShell, notebooks) : null;
    const follow = () => {
      if (state.isOn) {
        layout?.apply();
        if (!bar.isAttached) {
          app.shell.add(bar, 'top', { rank: 50 });
        }
        bar.show();
        // Straight into her work: « Mes devoirs ».
        assignments?.openLearnerPanel();
      } else {
        layout?.restore();
        bar.hide();
      }
    };
    // After the layout is restored: the workspace would otherwise set the mode back.
    void app.restored.then(() => {
      if (!state.isOn) {
        layout?.restoreSavedMode();
      }
      follow();
      state.changed.connect(follow);
    });
    return state;
  }
};

/**
 * Friendly French explanations under the errors of executed cells, in school mode.
 */
export const errorsPlugin: JupyterFrontEndPlugin<void> = {
  id: '@candyce/school-ui:errors',
  description:
    'In school mode, explains common Python errors in friendly words under their traceback.',
  autoStart: true,
  requires: [ISchoolMode],
  optional: [ITranslator],
  activate: (
    _app: JupyterFrontEnd,
    mode: ISchoolMode,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('candyce');
    const notes = new ErrorNotes(trans, () => mode.isOn);
    mode.changed.connect(() => {
      if (!mode.isOn) {
        notes.clear();
      }
    });
  }
};

namespace Private {
  /**
   * « Mode école des classes… », for the teachers on the platform.
   */
  export function addClassModesCommand(
    app: JupyterFrontEnd,
    session: ICandyceSession | null,
    trans: TranslationBundle,
    palette: ICommandPalette | null
  ): void {
    const hub = () =>
      session?.hub && (session.hasRole('teacher') || session.hasRole('admin'))
        ? session.hub
        : null;
    app.commands.addCommand(CommandIDs.classModes, {
      label: trans.__('School mode of classes…'),
      caption: trans.__('Choose the classes whose pupils see the school mode'),
      describedBy: { args: { type: 'object', properties: {} } },
      isVisible: () => hub() !== null,
      execute: async () => {
        const client = hub();
        if (!client) {
          return;
        }
        const changed = await chooseClassModes(new HubApi(client), trans);
        if (changed) {
          Notification.success(
            trans._n(
              'School mode saved for %1 class.',
              'School mode saved for %1 classes.',
              changed
            ),
            { autoClose: 5000 }
          );
        }
      }
    });
    palette?.addItem({
      command: CommandIDs.classModes,
      category: trans.__('School mode')
    });
  }

  /**
   * `?mode=ecole` turns school mode on for this tab, reloads included.
   */
  export function followAddress(state: SchoolModeState): void {
    const asked = addressAsksSchoolMode(window.location.search);
    if (asked) {
      window.sessionStorage.setItem(ADDRESS_KEY, '1');
    }
    state.set(
      'address',
      asked || window.sessionStorage.getItem(ADDRESS_KEY) === '1'
    );
  }

  /**
   * The user's own setting.
   */
  export async function followSetting(
    state: SchoolModeState,
    registry: ISettingRegistry
  ): Promise<void> {
    try {
      const settings = await registry.load(MODE_PLUGIN_ID);
      const read = () =>
        state.set('setting', settings.composite.schoolMode === true);
      read();
      settings.changed.connect(read);
    } catch (reason) {
      console.warn('Candyce school mode: settings not read', reason);
    }
  }

  /**
   * The hub's answer: a class of the user is in school mode (its teacher chose).
   */
  export async function followClass(
    state: SchoolModeState,
    session: ICandyceSession
  ): Promise<void> {
    await session.ready;
    if (!session.hub) {
      return;
    }
    try {
      const me = await new HubApi(session.hub).get('/me');
      state.set('class', me.schoolMode);
    } catch (reason) {
      console.warn('Candyce school mode: the hub did not say', reason);
    }
  }
}
