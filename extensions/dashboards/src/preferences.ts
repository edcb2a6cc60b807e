import type {
  DashboardKind,
  IDashboardChoice,
  IDashboardPreferences
} from './api';
import { PERIODS } from './period';
import { INDICATORS } from './sections';

/**
 * The hub calls the store makes (a `DashboardsApi`).
 */
export interface IPreferencesApi {
  preferences(): Promise<IDashboardPreferences>;
  savePreferences(
    preferences: IDashboardPreferences
  ): Promise<IDashboardPreferences>;
}

/**
 * What a user sees before choosing: the last 30 days, every indicator.
 */
export function defaultChoice(kind: DashboardKind): IDashboardChoice {
  return { period: 'month', indicators: [...INDICATORS[kind]] };
}

/**
 * A saved choice made usable: a known period, the indicators this version knows in
 * their order (a later version may have saved others), the default when none was saved.
 */
export function usableChoice(
  kind: DashboardKind,
  saved: IDashboardChoice | undefined
): IDashboardChoice {
  if (!saved) {
    return defaultChoice(kind);
  }
  const choice: IDashboardChoice = {
    period: PERIODS.includes(saved.period) ? saved.period : 'month',
    indicators: INDICATORS[kind].filter(i => saved.indicators.includes(i))
  };
  if (kind === 'class' && saved.classId) {
    choice.classId = saved.classId;
    if (saved.groupId) {
      choice.groupId = saved.groupId;
    }
  }
  if (kind === 'establishment' && saved.establishmentId) {
    choice.establishmentId = saved.establishmentId;
  }
  return choice;
}

/**
 * The user's dashboard choices, read once from the hub and saved back whole (the hub's
 * PUT replaces every choice): the dashboards share this store, so that saving
 * one never forgets another's. Saves are made one after the other, in order.
 */
export class PreferenceStore {
  constructor(api: IPreferencesApi) {
    this._api = api;
  }

  /**
   * The choice for a dashboard (the default if the user made none, or if the hub
   * could not be read: a dashboard must open all the same).
   */
  async choice(kind: DashboardKind): Promise<IDashboardChoice> {
    const saved = await this._load();
    return usableChoice(kind, saved.dashboards[kind]);
  }

  /**
   * Remember a dashboard's choice.
   *
   * @throws the hub's error when it refused or could not be reached.
   */
  save(kind: DashboardKind, choice: IDashboardChoice): Promise<void> {
    const run = async () => {
      const saved = await this._load();
      const next: IDashboardPreferences = {
        dashboards: { ...saved.dashboards, [kind]: { ...choice } }
      };
      this._saved = Promise.resolve(await this._api.savePreferences(next));
    };
    const done = this._queue.then(run, run);
    this._queue = done.catch(() => undefined);
    return done;
  }

  private _load(): Promise<IDashboardPreferences> {
    if (!this._saved) {
      this._saved = this._api.preferences().catch(reason => {
        console.warn('Candyce dashboards: choices not read', reason);
        this._saved = null;
        return { dashboards: {} };
      });
    }
    return this._saved;
  }

  private _api: IPreferencesApi;
  private _saved: Promise<IDashboardPreferences> | null = null;
  private _queue: Promise<void> = Promise.resolve();
}
