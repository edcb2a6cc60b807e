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
    this._interfaceLocale = options.interfaceLocale ?? null;
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
        await this._tellLanguage();
        this._changed.emit();
        return;
      }
    } catch (reason) {
      // A Candyce hub answered with an error: features that need it will say so.
      console.warn('Candyce hub detection failed', reason);
    }
    this._setStandalone();
  }

  /**
   * Tell the hub the interface's language when it knows another one for the user, so
   * that its refusals and pages speak it too (`PATCH /me`).
   */
  private async _tellLanguage(): Promise<void> {
    const wanted = hubLanguage(this._interfaceLocale);
    const user = this._user;
    if (!wanted || !user || hubLanguage(user.locale) === wanted) {
      return;
    }
    try {
      const { locale } = await this._client.patch<{ locale: string }>('me', {
        language: wanted
      });
      this._user = { ...user, locale };
    } catch (reason) {
      // The hub keeps its language; the extensions still translate its errors.
      console.warn('Candyce: the hub could not be told the language', reason);
    }
  }

  private _setStandalone(): void {
    this._user = null;
    this._mode = 'standalone';
    this._changed.emit();
  }

  private _client: HubClient;
  private _fallbackLocale: string;
  private _interfaceLocale: string | null;
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
    /**
     * The language JupyterLab shows (`ITranslator.languageCode`: `fr-FR`, `en`), told
     * to the hub when it knows another one for the user; none, nothing is told.
     */
    interfaceLocale?: string | null;
  }
}

/**
 * The hub's language (`fr`, `en`) for a JupyterLab locale (`fr-FR`, `fr_FR`, `en`,
 * `en-GB`), or null for a language the hub does not speak.
 */
export function hubLanguage(locale: string | null): 'fr' | 'en' | null {
  const primary = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return primary === 'fr' || primary === 'en' ? primary : null;
}
