import type { TranslationBundle } from '@jupyterlab/translation';

import type { AdministrationApi, IEstablishment } from './api';
import type { Formats } from './format';

/**
 * What every view of the administration is built with.
 */
export interface IAdministrationOptions {
  api: AdministrationApi;
  trans: TranslationBundle;
  formats: Formats;
  /** The caller's roles: what they may grant. */
  callerRoles: readonly string[];
  /** The schools new accounts may join. */
  establishments: readonly IEstablishment[];
  /** Whether new accounts must join one (an establishment's administrator). */
  establishmentRequired: boolean;
  /** Whether the caller sees the environments (the platform's administrators). */
  environments: boolean;
  /** The hub's page where a reset code is used, as a full address. */
  resetPageUrl: string;
  /** Ask before a destructive action; resolves to whether to go on. */
  confirm: (title: string, body: string, action: string) => Promise<boolean>;
}
