import { ISignal, Signal } from '@lumino/signaling';

import { HubClient } from './client';
import { detectHub } from './detect';
import {
  CandyceMode,
  CandyceRole,
  ICandyceSession,
  ICandyceUser
} from './tokens';

/**
 * The session implementation: detects the hub once, then holds what it said.
 */
export class CandyceSession implements ICandyceSession {
  constructor(options: CandyceSession.IOptions) {
    this._client = options.client;
    this._fallbackLocale = options.fallbackLocale;
    this.ready = options.detect
      ? this._detect()
      : Promise.resolve(this._setStandalone());
  }

  readonly ready: Promise<void>;

  get mode(): CandyceMode {
    return this._mode;
  }

  get user(): ICandyceUser | null {
    return this._user;
  }

  get locale(): string {
    return this._user?.locale ?? this._fallbackLocale;
  }

  get hub(): HubClient | null {
    return this._mode === 'hub' ? this._client : null;
  }

  get changed(): ISignal<ICandyceSession, void> {
    return this._changed;
  }

  hasRole(role: CandyceRole): boolean {
    return this._user?.roles.includes(role) ?? false;
  }

  private async _detect(): Promise<void> {
    try {
      const identity = await detectHub(this._client);
      if (identity) {
        this._client.xsrfToken = identity.xsrfToken;
        this._user = identity.user;
        this._mode = 'hub';
        this._changed.emit();
        return;
      }
    } catch (reason) {
      // A Candyce hub answered with an error: features that need it will say so.
      console.warn('Candyce hub detection failed', reason);
    }
    this._setStandalone();
  }

  private _setStandalone(): void {
    this._user = null;
    this._mode = 'standalone';
    this._changed.emit();
  }

  private _client: HubClient;
  private _fallbackLocale: string;
  private _mode: CandyceMode = 'detecting';
  private _user: ICandyceUser | null = null;
  private _changed = new Signal<ICandyceSession, void>(this);
}

/**
 * The CandyceSession options.
 */
export namespace CandyceSession {
  /**
   * Options of the session.
   */
  export interface IOptions {
    /**
     * The hub client to detect the hub with.
     */
    client: HubClient;
    /**
     * The locale to report when the hub does not give one (JupyterLab's).
     */
    fallbackLocale: string;
    /**
     * Whether to look for a hub at all (`false` forces standalone mode).
     */
    detect: boolean;
  }
}
