/**
 * A real demo hub for the dashboards' tests (`hub/src/cli.ts serve`, demo accounts, a
 * fresh SQLite file), started before a file's tests and stopped after, and the
 * dashboards' API and panels as a signed-in user's JupyterLab makes them.
 */
import * as fs from 'fs';

import { HubApi, HubClient } from '@candyce/core';
import { trans } from '@candyce/core/testing';

import { HubSession, startDemoHub } from '../../telemetry/test/hubSession';
import type { HubProcess } from '../../../hub/test/helpers/hubProcess';
import { DashboardsApi } from '../src/api';
import { Formats } from '../src/format';
import { DashboardPanel } from '../src/panel';
import { PreferenceStore } from '../src/preferences';

/**
 * Start a demo hub in `beforeAll` with these demo accounts signed in (their sessions
 * by name, filled then), and stop it in `afterAll`.
 */
export function useDemoHub(names: readonly string[]): {
  hub: () => HubProcess;
  sessions: Record<string, HubSession>;
} {
  let hub: HubProcess | undefined;
  let dataDir: string | undefined;
  const sessions: Record<string, HubSession> = {};
  beforeAll(async () => {
    const started = await startDemoHub();
    hub = started.hub;
    dataDir = started.dataDir;
    for (const name of names) {
      const password = started.logins.find(l => l.name === name)!.password;
      sessions[name] = await HubSession.signIn(hub.url, name, password);
    }
  });
  afterAll(async () => {
    await hub?.stop('SIGTERM');
    if (dataDir) {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
  return { hub: () => hub!, sessions };
}

/** The dashboards' API as a user's JupyterLab calls it: their cookies, their token. */
export function apiOf(session: HubSession): DashboardsApi {
  const client = new HubClient({
    baseUrl: `${session.url}/hub/api/v1`,
    fetch: (input, init) =>
      session.request(
        init?.method ?? 'GET',
        String(input).slice(session.url.length),
        {
          body: init?.body as string | undefined,
          headers: {
            ...Object.fromEntries(new Headers(init?.headers)),
            Origin: session.url
          }
        }
      )
  });
  client.xsrfToken = session.xsrf;
  return new DashboardsApi(new HubApi(client));
}

/** A dashboard panel of `kind` for this user, with these preferences or theirs. */
export function panelOf(
  session: HubSession,
  kind: DashboardPanel.IOptions['kind'],
  preferences?: PreferenceStore
): DashboardPanel {
  const api = apiOf(session);
  return new DashboardPanel({
    kind,
    api,
    preferences: preferences ?? new PreferenceStore(api),
    trans,
    formats: new Formats('fr_FR'),
    today: () => new Date()
  });
}
