import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { IGroupWorkspace, ILearnerAssignment } from './api';
import { dueWording, formatDate, stateLabel } from './labels';
import { LearnerFeedback } from './learnerFeedback';
import { LearnerGroupLink } from './learnerGroupLink';
import { LearnerSubmissions } from './learnerSubmissions';
import type { AssignmentsStore } from './store';

/**
 * One of the learner's assignments: where it stands, its actions, the hand-ins and the
 * feedback. Work handed out « par groupe » is fetched and handed in from the group's
 * workspace only: elsewhere its actions give way to a link there.
 */
export function LearnerItem(props: {
  assignment: ILearnerAssignment;
  store: AssignmentsStore;
  trans: TranslationBundle;
  locale: string;
  busy: string | null;
  canRetry: boolean;
  /** The group workspace this JupyterLab serves, or `null` (or absent) elsewhere. */
  workspace?: IGroupWorkspace | null;
  onFetch: () => void;
  onOpen: () => void;
  onSubmit: (retry: boolean) => void;
}): JSX.Element {
  const { assignment: a, trans, locale, busy } = props;
  const titleId = `cdc-Learner-title-${a.id}`;
  const last = a.lastSubmission;
  const canSubmit =
    !!a.fetchedAt && a.state !== 'returned' && (!last || a.multipleSubmissions);
  const submitting = busy === `submit:${a.id}`;
  const inWorkspace = !!props.workspace;
  // In a member's own server: the group's work is done in the group's workspace.
  const elsewhere = a.group && !inWorkspace ? a.group : null;
  return (
    <li className="cdc-Assignments-item" aria-labelledby={titleId}>
      <h3 id={titleId} className="cdc-Assignments-itemTitle">
        {a.title}
      </h3>
      <p className="cdc-Assignments-meta">
        <span className={`cdc-Assignments-badge cdc-mod-${a.state}`}>
          {trans.__('State: %1', stateLabel(a.state, trans))}
        </span>
      </p>
      <p className="cdc-Assignments-meta">
        {trans.__('Teacher: %1', a.owner.displayName)}
      </p>
      {a.group && (
        <p className="cdc-Assignments-meta">
          {trans.__('Group work: %1', a.group.name)}
        </p>
      )}
      {a.dueAt && (
        <p className="cdc-Assignments-meta">
          {trans.__(
            'Due %1 (%2)',
            formatDate(a.dueAt, locale),
            dueWording(a.dueAt, new Date(), trans)
          )}
        </p>
      )}
      {a.instructions && (
        <p className="cdc-Assignments-instructions">{a.instructions}</p>
      )}
      {last && (
        <p className="cdc-Assignments-meta">
          {last.late
            ? trans.__(
                'Handed in on %1 (version %2), after the due date',
                formatDate(last.submittedAt, locale),
                last.version
              )
            : trans.__(
                'Handed in on %1 (version %2)',
                formatDate(last.submittedAt, locale),
                last.version
              )}
        </p>
      )}
      {elsewhere ? (
        <LearnerGroupLink group={elsewhere} titleId={titleId} trans={trans} />
      ) : (
        <div className="cdc-Assignments-actions">
          {a.fetchedAt ? (
            <button
              type="button"
              className="jp-Button jp-mod-styled jp-mod-accept"
              aria-describedby={titleId}
              disabled={busy !== null}
              onClick={props.onOpen}
            >
              {trans.__('Open')}
            </button>
          ) : (
            <button
              type="button"
              className="jp-Button jp-mod-styled jp-mod-accept"
              aria-describedby={titleId}
              disabled={busy !== null}
              onClick={props.onFetch}
            >
              {trans.__('Get')}
            </button>
          )}
          {a.fetchedAt && (
            <button
              type="button"
              className="jp-Button jp-mod-styled"
              aria-describedby={titleId}
              disabled={busy !== null}
              onClick={props.onFetch}
            >
              {trans.__('Get again')}
            </button>
          )}
          {canSubmit && (
            <button
              type="button"
              className="jp-Button jp-mod-styled jp-mod-accept"
              aria-describedby={titleId}
              disabled={busy !== null}
              onClick={() => props.onSubmit(false)}
            >
              {submitting
                ? trans.__('Handing in…')
                : inWorkspace
                  ? trans.__('Hand in for the group')
                  : trans.__('Hand in')}
            </button>
          )}
          {props.canRetry && (
            <button
              type="button"
              className="jp-Button jp-mod-styled"
              aria-describedby={titleId}
              disabled={busy !== null}
              onClick={() => props.onSubmit(true)}
            >
              {trans.__('Send again')}
            </button>
          )}
        </div>
      )}
      <LearnerSubmissions {...props} />
      {a.state === 'returned' && <LearnerFeedback {...props} />}
    </li>
  );
}
