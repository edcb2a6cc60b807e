import { JupyterFrontEnd } from '@jupyterlab/application';
import { Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { candyceIcon, ICandyceSession, SessionSummary } from '@candyce/core';
import * as React from 'react';

import { CANDYCE_VERSION } from './version';

/**
 * Show the « À propos de Candyce » dialog: versions of Candyce and JupyterLab,
 * and whether this JupyterLab runs on the Candyce platform.
 */
export async function showAboutDialog(
  app: JupyterFrontEnd,
  trans: TranslationBundle,
  session: ICandyceSession | null
): Promise<void> {
  if (session) {
    await session.ready;
  }
  const body = (
    <div className="cdc-About">
      <candyceIcon.react
        className="cdc-About-logo"
        tag="span"
        width="64px"
        height="64px"
      />
      <p className="cdc-About-tagline">
        {trans.__(
          'Notebooks for teaching and learning, from school to university.'
        )}
      </p>
      <dl className="cdc-About-versions">
        <dt>{trans.__('Candyce version')}</dt>
        <dd data-testid="candyce-version">{CANDYCE_VERSION}</dd>
        <dt>{trans.__('JupyterLab version')}</dt>
        <dd data-testid="jupyterlab-version">{app.version}</dd>
      </dl>
      {session && <SessionSummary session={session} trans={trans} />}
      <p className="cdc-About-licence">
        {trans.__('Candyce is free software under the BSD 3-Clause licence.')}
      </p>
    </div>
  );
  await showDialog({
    title: trans.__('About Candyce'),
    body,
    buttons: [Dialog.okButton({ label: trans.__('Close') })]
  });
}
