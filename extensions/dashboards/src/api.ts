import type { HubApi, HubSchema } from '@candyce/core';

/**
 * A pupil's own dashboard, as the hub answers it (`GET /dashboards/me`).
 */
export type IMyDashboard = HubSchema<'MyDashboard'>;

/**
 * A class's dashboard (`GET /dashboards/classes/{id}`).
 */
export type IClassDashboard = HubSchema<'ClassDashboard'>;

/**
 * The programme's indicators (`GET /dashboards/programme`).
 */
export type IProgrammeDashboard = HubSchema<'ProgrammeDashboard'>;

/**
 * An establishment's indicators (`GET /dashboards/establishments/{id}`).
 */
export type IEstablishmentDashboard = HubSchema<'EstablishmentDashboard'>;

/**
 * What a user chose for one kind of dashboard: period, class, indicators shown.
 */
export type IDashboardChoice = HubSchema<'DashboardChoice'>;

/**
 * Every choice of a user (`/me/dashboard-preferences`).
 */
export type IDashboardPreferences = HubSchema<'DashboardPreferences'>;

/**
 * The dashboards: the user's own, a class's, the programme's, an establishment's.
 */
export type DashboardKind = 'me' | 'class' | 'programme' | 'establishment';

/**
 * A period the user picks, counted back from today.
 */
export type Period = IDashboardChoice['period'];

/**
 * A class the user may see the dashboard of.
 */
export interface IClassChoice {
  id: string;
  name: string;
}

/**
 * An establishment the user may see the dashboard of.
 */
export interface IEstablishmentChoice {
  id: string;
  name: string;
}

/**
 * The hub calls of the dashboards, typed by the contract.
 */
export class DashboardsApi {
  constructor(private readonly _api: HubApi) {}

  mine(range: IRange): Promise<IMyDashboard> {
    return this._api.get('/dashboards/me', { query: { ...range } });
  }

  /**
   * A class's dashboard, limited to one assignment and to one of its group workspaces
   * when they are given.
   */
  ofClass(
    classId: string,
    range: IRange,
    assignment: string | null,
    group: string | null = null
  ): Promise<IClassDashboard> {
    return this._api.get('/dashboards/classes/{id}', {
      params: { id: classId },
      query: {
        ...range,
        ...(assignment ? { assignment } : {}),
        ...(group ? { group } : {})
      }
    });
  }

  programme(range: IRange): Promise<IProgrammeDashboard> {
    return this._api.get('/dashboards/programme', { query: { ...range } });
  }

  /**
   * The establishments whose dashboard the user may see, by name (none for most).
   */
  async establishments(): Promise<IEstablishmentChoice[]> {
    return (await this._api.get('/dashboards/establishments')).establishments;
  }

  ofEstablishment(
    establishmentId: string,
    range: IRange
  ): Promise<IEstablishmentDashboard> {
    return this._api.get('/dashboards/establishments/{id}', {
      params: { id: establishmentId },
      query: { ...range }
    });
  }

  /**
   * The classes whose dashboard the user may see: those they teach (every class for an
   * administrator), by name.
   */
  async classes(): Promise<IClassChoice[]> {
    const { classes } = await this._api.get('/classes');
    return classes
      .filter(c => c.membership === undefined || c.membership === 'teacher')
      .map(c => ({ id: c.id, name: c.name }));
  }

  preferences(): Promise<IDashboardPreferences> {
    return this._api.get('/me/dashboard-preferences');
  }

  savePreferences(
    preferences: IDashboardPreferences
  ): Promise<IDashboardPreferences> {
    return this._api.put('/me/dashboard-preferences', { body: preferences });
  }
}

/**
 * A period as days, both included (YYYY-MM-DD, UTC).
 */
export interface IRange {
  from: string;
  to: string;
}
