import { PageConfig } from '@jupyterlab/coreutils';

import { HubClient } from './client';
import { HubApiError, HubUnreachableError } from './errors';
import { CandyceRole, ICandyceUser } from './tokens';

/**
 * What the hub says about the current user (`GET /hub/api/v1/me`).
 */
export interface IHubIdentity {
  /**
   * The user.
   */
  user: ICandyceUser;
  /**
   * The anti-CSRF token to send with state-changing calls.
   */
  xsrfToken: string;
}

/**
 * The page config option through which the Candyce hub names its API root.
 *
 * The hub starts each user's `jupyter lab` with
 * `--ServerApp.tornado_settings={"page_config_data":{"candyceHub":"/hub/api/v1"}}`
 * (hub/src/spawner/server.ts), so the page itself says whether a hub serves it.
 */
export const HUB_PAGE_OPTION = 'candyceHub';

/**
 * The hub API root the page was served with, or `null` in a plain JupyterLab.
 *
 * Reading the page instead of probing `/hub/api/v1/me` keeps a JupyterLab without
 * the hub quiet: no failing request, no 404 in its console.
 */
export function hubApiFromPage(): string | null {
  return PageConfig.getOption(HUB_PAGE_OPTION) || null;
}

/**
 * The page config option through which the hub names its own origin when JupyterLab is
 * served on another one (`serverOrigins: subdomain`: each server at
 * `<name>.<hub host>`).
 */
export const HUB_ORIGIN_PAGE_OPTION = 'candyceHubOrigin';

/**
 * The address of a hub page (`/hub/privacy`, `/hub/home`) for a link from JupyterLab:
 * on the hub's origin when the page names one, else on the page's own origin (one
 * origin for the hub and the servers).
 *
 * The hub API is not called there: on a server's origin the hub answers it itself, for
 * the server's owner, with that origin's cookie (the hub's session never reaches it).
 */
export function hubPageUrl(path: string): string {
  const origin = PageConfig.getOption(HUB_ORIGIN_PAGE_OPTION);
  return /^https?:\/\/[^/]+$/.test(origin) ? `${origin}${path}` : path;
}

const KNOWN_ROLES: readonly CandyceRole[] = [
  'learner',
  'teacher',
  'author',
  'inspector',
  'admin'
];

/**
 * Ask the hub who the current user is.
 *
 * Called only when the page names the hub (`hubApiFromPage`); the answers that mean
 * "no Candyce hub" are still recognised, in case a deployment names a wrong one.
 *
 * @returns the identity, or `null` when no Candyce hub answers (a plain Jupyter server
 * or a JupyterHub answers 404 or non-JSON; a network error counts too).
 * @throws {HubApiError} when a Candyce hub answers with another error (401, 500…).
 */
export async function detectHub(
  client: HubClient
): Promise<IHubIdentity | null> {
  let payload: unknown;
  try {
    payload = await client.get<unknown>('me');
  } catch (reason) {
    if (reason instanceof HubUnreachableError) {
      return null;
    }
    if (reason instanceof HubApiError && reason.status === 404) {
      return null;
    }
    throw reason;
  }
  return parseIdentity(payload);
}

/**
 * Validate the `/me` payload; anything malformed means this is not a Candyce hub.
 */
export function parseIdentity(payload: unknown): IHubIdentity | null {
  if (typeof payload !== 'object' || payload === null) {
    return null;
  }
  const data = payload as Record<string, unknown>;
  if (
    typeof data.name !== 'string' ||
    data.name === '' ||
    typeof data.xsrfToken !== 'string' ||
    !Array.isArray(data.roles)
  ) {
    return null;
  }
  const roles = data.roles.filter((role): role is CandyceRole =>
    KNOWN_ROLES.includes(role as CandyceRole)
  );
  return {
    user: {
      name: data.name,
      displayName:
        typeof data.displayName === 'string' && data.displayName
          ? data.displayName
          : data.name,
      roles,
      locale: typeof data.locale === 'string' ? data.locale : null
    },
    xsrfToken: data.xsrfToken
  };
}
