import {
  HubClient,
  HUB_ORIGIN_PAGE_OPTION,
  ICandyceSession
} from '@candyce/core';
import { PageConfig } from '@jupyterlab/coreutils';

import { chooseSetup, DEFAULT_SETTINGS } from '../src/setup';

describe('the link to the privacy page', () => {
  const session = {
    mode: 'hub',
    hub: new HubClient(),
    user: {
      name: 'eleve1',
      displayName: 'Élève 1',
      roles: ['learner'],
      locale: 'fr_FR'
    }
  } as unknown as ICandyceSession;

  afterEach(() => PageConfig.setOption(HUB_ORIGIN_PAGE_OPTION, ''));

  it('is the hub’s page on the hub’s origin', () => {
    expect(chooseSetup(session, DEFAULT_SETTINGS, null).privacyUrl).toBe(
      '/hub/privacy'
    );
    PageConfig.setOption(HUB_ORIGIN_PAGE_OPTION, 'https://candyce.example.fr');
    expect(chooseSetup(session, DEFAULT_SETTINGS, null).privacyUrl).toBe(
      'https://candyce.example.fr/hub/privacy'
    );
  });
});
