import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator } from '@jupyterlab/translation';

import { HubClient } from './client';
// The session is what this plugin provides, at once: nothing to load lazily.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { CandyceSession } from './session';
import { ICandyceSession } from './tokens';

const PLUGIN_ID = '@candyce/core:session';

/**
 * Provides the Candyce session: detects the hub and knows the current user.
 */
export const sessionPlugin: JupyterFrontEndPlugin<ICandyceSession> = {
  id: PLUGIN_ID,
  description:
    'Detects the Candyce hub and provides the session (user, roles, locale, hub client).',
  autoStart: true,
  provides: ICandyceSession,
  optional: [ISettingRegistry, ITranslator],
  activate: async (
    _app: JupyterFrontEnd,
    settingRegistry: ISettingRegistry | null,
    translator: ITranslator | null
  ): Promise<ICandyceSession> => {
    let baseUrl = HubClient.DEFAULT_BASE_URL;
    let detect = true;
    if (settingRegistry) {
      try {
        const settings = await settingRegistry.load(PLUGIN_ID);
        baseUrl = (settings.composite.hubApiUrl as string) || baseUrl;
        detect = settings.composite.detectHub as boolean;
      } catch (reason) {
        console.warn('Candyce session settings could not be read', reason);
      }
    }
    return new CandyceSession({
      client: new HubClient({ baseUrl }),
      fallbackLocale: translator?.languageCode ?? 'en',
      detect
    });
  }
};
