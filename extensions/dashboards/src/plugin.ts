import { HubApi, ICandyceSession } from '@candyce/core';
import { ISchoolMode, schoolBundle } from '@candyce/school-ui';
import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ILauncher } from '@jupyterlab/launcher';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { mayAdminister, mayOpen } from './access';
import type { IDashboardRequest } from './address';
import { requestedDashboard, withoutDashboardQuery } from './address';
import type { DashboardKind } from './api';
import { DashboardsApi } from './api';
import { CommandIDs } from './commandIds';
import { Formats } from './format';
import { dashboardIcon } from './icons';
// The workspace may restore a dashboard at start, and it reads its preferences at
// once: nothing to load lazily.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { dashboardTitle, DashboardOpener } from './opener';
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { PreferenceStore } from './preferences';

const KINDS: readonly DashboardKind[] = [
  'me',
  'class',
  'programme',
  'establishment'
];

/**
 * The dashboards in the main area: « Mon tableau de bord » for everyone, « Tableau de
 * bord de la classe » for teachers, « Indicateurs du programme » for administrators
 * and inspectors, « Tableau de bord de l'établissement » for those who administer
 * establishments (the hub lists them); opened from the palette, the launcher and the
 * page's address.
 */
export const dashboardsPlugin: JupyterFrontEndPlugin<void> = {
  id: '@candyce/dashboards:plugin',
  description:
    'Dashboards with charts, tables and CSV export: my activity and assignments, a class’s follow-up, the programme’s and an establishment’s indicators.',
  autoStart: true,
  requires: [ICandyceSession],
  optional: [
    ITranslator,
    ILayoutRestorer,
    ICommandPalette,
    ILauncher,
    ISchoolMode
  ],
  activate: (
    app: JupyterFrontEnd,
    session: ICandyceSession,
    translator: ITranslator | null,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    launcher: ILauncher | null,
    schoolMode: ISchoolMode | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('candyce');
    const pupilTrans = schoolBundle(trans, () => schoolMode?.isOn ?? false);
    // The address is read now: JupyterLab's router may rewrite it once started.
    const asked = requestedDashboard(window.location.search);
    let api: DashboardsApi | null = null;
    let preferences: PreferenceStore | null = null;
    const hubApi = (): DashboardsApi => {
      if (!api) {
        api = new DashboardsApi(new HubApi(session.hub!));
        preferences = new PreferenceStore(api);
      }
      return api;
    };
    const opener = new DashboardOpener({
      app,
      trans,
      pupilTrans,
      restorer,
      panel: {
        get api() {
          return hubApi();
        },
        get preferences() {
          hubApi();
          return preferences!;
        },
        // The user's language is known once the hub has answered.
        get formats() {
          return new Formats(session.locale);
        },
        today: () => new Date()
      }
    });

    // Whether the hub lists establishments to this user: administrators and
    // inspectors see every one; a grant of administration holds no role, so others
    // (but pupils) ask.
    let administers = false;
    const administration = session.ready.then(async () => {
      if (session.hasRole('admin') || session.hasRole('inspector')) {
        administers = session.hub !== null;
      } else if (mayAdminister(session)) {
        try {
          administers = (await hubApi().establishments()).length > 0;
        } catch (reason) {
          console.warn('Candyce dashboards: establishments not read', reason);
        }
      }
    });
    const allowed = (kind: DashboardKind) =>
      mayOpen(session, kind, administers);

    const kindOf = (args: Record<string, unknown>): DashboardKind =>
      KINDS.includes(args.kind as DashboardKind)
        ? (args.kind as DashboardKind)
        : 'me';
    app.commands.addCommand(CommandIDs.open, {
      label: args =>
        dashboardTitle(
          kindOf(args),
          null,
          kindOf(args) === 'me' ? pupilTrans : trans
        ),
      caption: args =>
        ({
          me: trans.__('My activity, my assignments and their feedback'),
          class: trans.__(
            'Who started, cells run, frequent errors, hand-ins, help asked'
          ),
          programme: trans.__(
            'Weekly users, establishments, collaboration, library, accessibility'
          ),
          establishment: trans.__(
            'Weekly users, classes with real use, collaboration, library reuse'
          )
        })[kindOf(args)],
      icon: dashboardIcon,
      isEnabled: args => allowed(kindOf(args)),
      isVisible: args => allowed(kindOf(args)),
      describedBy: {
        args: {
          type: 'object',
          properties: {
            kind: {
              type: 'string',
              enum: [...KINDS],
              description: 'Which dashboard'
            },
            classId: { type: 'string', description: 'The class to show' },
            focus: {
              type: 'boolean',
              description: 'Whether to focus the dashboard (default: true)'
            }
          }
        }
      },
      execute: async args => {
        // The workspace restores a dashboard before the hub has answered.
        await administration;
        const kind = kindOf(args);
        if (!allowed(kind)) {
          return;
        }
        opener.open({
          kind,
          classId: typeof args.classId === 'string' ? args.classId : undefined,
          focus: args.focus !== false
        });
      }
    });

    const category = trans.__('Candyce');
    const offer = (kind: DashboardKind) => {
      palette?.addItem({ command: CommandIDs.open, category, args: { kind } });
      launcher?.add({
        command: CommandIDs.open,
        category,
        rank: 30 + KINDS.indexOf(kind),
        args: { kind }
      });
    };
    // The establishment's dashboard once the hub has said whether it is offered.
    void session.ready.then(() =>
      KINDS.filter(kind => kind !== 'establishment' && allowed(kind)).forEach(
        offer
      )
    );
    void administration.then(() => {
      if (allowed('establishment')) {
        offer('establishment');
      }
    });
    if (asked) {
      void Promise.all([app.restored, administration]).then(() =>
        openAsked(app, asked)
      );
    }
  }
};

/**
 * Open the dashboard the address asked for, then take the parameter off the address.
 */
function openAsked(app: JupyterFrontEnd, asked: IDashboardRequest): void {
  void app.commands.execute(CommandIDs.open, { ...asked });
  window.history.replaceState(
    window.history.state,
    '',
    withoutDashboardQuery(window.location.href)
  );
}
