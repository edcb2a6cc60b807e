import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { CandyceRole, ICandyceSession } from './tokens';

/**
 * The user-facing name of each role.
 */
export function roleLabel(role: CandyceRole, trans: TranslationBundle): string {
  switch (role) {
    case 'learner':
      return trans.__('Learner');
    case 'teacher':
      return trans.__('Teacher');
    case 'author':
      return trans.__('Author');
    case 'inspector':
      return trans.__('Inspector');
    case 'admin':
      return trans.__('Administrator');
  }
}

/**
 * One sentence that says whether Candyce runs on its platform and who is logged in.
 *
 * Extensions show it wherever a feature depends on the hub, so that standalone
 * users learn why something is unavailable instead of meeting an error.
 */
export function SessionSummary(props: {
  session: ICandyceSession;
  trans: TranslationBundle;
}): JSX.Element {
  const { session, trans } = props;
  let text: string;
  switch (session.mode) {
    case 'detecting':
      text = trans.__('Looking for the Candyce platform…');
      break;
    case 'standalone':
      text = trans.__(
        'Standalone mode: no Candyce platform serves this JupyterLab, so the library, assignments and dashboards are unavailable.'
      );
      break;
    case 'hub': {
      const user = session.user;
      const roles = (user?.roles ?? [])
        .map(role => roleLabel(role, trans))
        .join(', ');
      text = roles
        ? trans.__(
            'Connected to the Candyce platform as %1 (%2).',
            user?.displayName ?? '',
            roles
          )
        : trans.__(
            'Connected to the Candyce platform as %1.',
            user?.displayName ?? ''
          );
      break;
    }
  }
  return (
    <p className="cdc-SessionSummary" data-mode={session.mode}>
      {text}
    </p>
  );
}
