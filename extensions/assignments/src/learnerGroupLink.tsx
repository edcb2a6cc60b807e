import { hubPageUrl } from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { ILearnerAssignment } from './api';

/**
 * In a member's own JupyterLab, what replaces « Récupérer » and « Rendre » for work
 * handed out « par groupe »: its files live in the group's workspace, where the hub
 * takes them (elsewhere it answers 409 `group_assignment_elsewhere`). A real link, to
 * the hub page that starts the workspace's server and opens it, in a new tab.
 */
export function LearnerGroupLink(props: {
  group: NonNullable<ILearnerAssignment['group']>;
  /** The id of the assignment's title, which the link is described by. */
  titleId: string;
  trans: TranslationBundle;
}): JSX.Element {
  const { group, titleId, trans } = props;
  const hintId = `${titleId}-group`;
  return (
    <>
      <p id={hintId} className="cdc-Assignments-meta">
        {trans.__(
          'This assignment is fetched and handed in from the group workspace, which opens in a new tab.'
        )}
      </p>
      <div className="cdc-Assignments-actions">
        <a
          className="jp-Button jp-mod-styled jp-mod-accept cdc-Assignments-link"
          href={openUrl(group.openUrl)}
          target="_blank"
          rel="noopener"
          aria-describedby={`${titleId} ${hintId}`}
        >
          {trans.__('Open the group workspace')}
        </a>
      </div>
    </>
  );
}

/**
 * The hub page's address from this page: a hub path is on the hub's origin (each
 * server has an origin of its own), an absolute address is kept.
 */
function openUrl(url: string): string {
  return url.startsWith('/') ? hubPageUrl(url) : url;
}
