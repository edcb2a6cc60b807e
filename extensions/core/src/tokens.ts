import { Token } from '@lumino/coreutils';
import { ISignal } from '@lumino/signaling';

import type { HubClient } from './client';

/**
 * The roles a Candyce user can hold, as the hub names them.
 */
export type CandyceRole =
  'learner' | 'teacher' | 'author' | 'inspector' | 'admin';

/**
 * The person using this JupyterLab, as the hub describes them.
 */
export interface ICandyceUser {
  /**
   * The hub's user name (stable, URL-safe).
   */
  readonly name: string;
  /**
   * The name to show on screen.
   */
  readonly displayName: string;
  /**
   * The roles of the user.
   */
  readonly roles: readonly CandyceRole[];
  /**
   * The user's preferred locale (for example `fr_FR`), if the hub knows it.
   */
  readonly locale: string | null;
}

/**
 * Whether this JupyterLab runs inside the Candyce platform.
 *
 * - `detecting`: the hub has not answered yet.
 * - `hub`: the Candyce hub answered and the user is known.
 * - `standalone`: no Candyce hub here (plain JupyterLab or JupyterHub); features
 *   that need the hub say so instead of failing.
 */
export type CandyceMode = 'detecting' | 'hub' | 'standalone';

/**
 * The Candyce session token.
 */
export const ICandyceSession = new Token<ICandyceSession>(
  '@candyce/core:ICandyceSession',
  'The Candyce session: whether a Candyce hub is present, the current user, their roles and locale, and a client for the hub API.'
);

/**
 * The Candyce session: what every Candyce extension needs to know about the platform.
 */
export interface ICandyceSession {
  /**
   * Resolves once hub detection has finished (it never rejects).
   */
  readonly ready: Promise<void>;
  /**
   * The current mode.
   */
  readonly mode: CandyceMode;
  /**
   * The current user, in hub mode; `null` otherwise.
   */
  readonly user: ICandyceUser | null;
  /**
   * The locale the interface is shown in (the user's, or JupyterLab's).
   */
  readonly locale: string;
  /**
   * The hub API client, in hub mode; `null` otherwise.
   */
  readonly hub: HubClient | null;
  /**
   * Whether the current user holds a role (always `false` in standalone mode).
   */
  hasRole(role: CandyceRole): boolean;
  /**
   * Emitted when the mode or the user changes.
   */
  readonly changed: ISignal<ICandyceSession, void>;
}
