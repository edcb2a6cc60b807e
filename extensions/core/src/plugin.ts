import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator } from '@jupyterlab/translation';

import { HubClient } from './client';
// Activation reads the page config at once (the session module imports it anyway).
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { hubApiFromPage } from './detect';
// The session is what this plugin provides, at once: nothing to load lazily.
// eslint-disable-next-line jupyter/prefer-lazy-imports
import { CandyceSession } from './session';
import { ICandyceSession } from './tokens';

const PLUGIN_ID = '@candyce/core:session';

/**
 * Provides the Candyce session: detects the hub and knows the current user.
 *
 * It asks the hub who the user is only when the page says a hub serves it
 * (`candyceHub` in the page config): a plain JupyterLab makes no request.
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
    const baseUrl = hubApiFromPage();
    let detect = baseUrl !== null;
    if (detect && settingRegistry) {
      try {
        const settings = await settingRegistry.load(PLUGIN_ID);
        detect = settings.composite.detectHub as boolean;
      } catch (reason) {
        console.warn('Candyce session settings could not be read', reason);
      }
    }
    return new CandyceSession({
      client: new HubClient({ baseUrl: baseUrl ?? undefined }),
      fallbackLocale: translator?.languageCode ?? 'en',
      interfaceLocale: translator?.languageCode ?? null,
      detect
    });
  }
};
