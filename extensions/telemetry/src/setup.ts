import { HubClient, hubPageUrl, ICandyceSession } from '@candyce/core';

import {
  basic,
  HubCredentials,
  ICredentialSource,
  StaticCredentials,
  withSlash
} from './credentials';
import { IActor, pathHash } from './statements';
import { DraftStorage } from './storage';

/** The settings of `@candyce/telemetry:plugin` (schema/plugin.json). */
export interface ITelemetrySettings {
  endpoint: string;
  username: string;
  password: string;
  traces: 'essential' | 'full';
  recordCode: boolean;
}

/** The settings' defaults: no LRS, essential statements, no code. */
export const DEFAULT_SETTINGS: ITelemetrySettings = {
  endpoint: '',
  username: '',
  password: '',
  traces: 'essential',
  recordCode: false
};

/** Where statements go and where they wait, or `null` source: nothing recorded. */
export interface ITraceSetup {
  source: ICredentialSource | null;
  storage: DraftStorage;
  /** The platform's privacy page, or `null` without the platform. */
  privacyUrl: string | null;
}

const PREFIX = 'candyce-telemetry:';

/**
 * On the platform, the hub's LRS with the user's own write-only credential; without
 * it, the LRS of the settings; with neither, none.
 */
export function chooseSetup(
  session: ICandyceSession,
  settings: ITelemetrySettings,
  storage: Storage | null
): ITraceSetup {
  const hub = session.hub;
  if (session.mode === 'hub' && hub && session.user) {
    const lrs = new HubClient({
      baseUrl: hub.baseUrl.replace(/\/api\/v1$/, '/lrs')
    });
    return {
      source: new HubCredentials(() => {
        lrs.xsrfToken = hub.xsrfToken;
        return lrs.post('/credential');
      }),
      // One queue per user: a school computer is shared.
      storage: new DraftStorage(
        storage,
        `${PREFIX}queue:${pathHash(session.user.name)}`
      ),
      privacyUrl: hubPageUrl('/hub/privacy')
    };
  }
  const endpoint = settings.endpoint.trim();
  const queueKey = `${PREFIX}queue:${pathHash(endpoint)}`;
  if (!endpoint) {
    return {
      source: null,
      storage: new DraftStorage(storage, queueKey),
      privacyUrl: null
    };
  }
  return {
    source: new StaticCredentials({
      endpoint: withSlash(endpoint),
      authorization: settings.username
        ? basic(settings.username, settings.password)
        : null,
      actor: browserActor(storage),
      level: settings.traces === 'full' ? 'full' : 'essential'
    }),
    storage: new DraftStorage(storage, queueKey),
    privacyUrl: null
  };
}

/**
 * Without the platform, the actor is this browser's: a random account name kept in
 * storage, so that the LRS can tell sessions apart but not who they are.
 */
export function browserActor(storage: Storage | null): IActor {
  const key = `${PREFIX}actor`;
  let name = storage?.getItem(key) ?? null;
  if (!name) {
    name = crypto.randomUUID();
    storage?.setItem(key, name);
  }
  return {
    objectType: 'Agent',
    account: { homePage: location.origin, name }
  };
}

/** Read the settings, each with its default when absent or of the wrong type. */
export function readSettings(
  composite: Partial<Record<keyof ITelemetrySettings, unknown>>
): ITelemetrySettings {
  const text = (key: 'endpoint' | 'username' | 'password') =>
    typeof composite[key] === 'string'
      ? (composite[key] as string)
      : DEFAULT_SETTINGS[key];
  return {
    endpoint: text('endpoint'),
    username: text('username'),
    password: text('password'),
    traces: composite.traces === 'full' ? 'full' : 'essential',
    recordCode: composite.recordCode === true
  };
}
