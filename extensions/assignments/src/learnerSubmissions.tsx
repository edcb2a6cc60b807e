import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { ILearnerAssignment, ISubmission } from './api';
import { errorMessage } from './errors';
import { formatDate } from './labels';
import type { AssignmentsStore } from './store';

/**
 * The learner's hand-ins, loaded when they open the list.
 */
export function LearnerSubmissions(props: {
  assignment: ILearnerAssignment;
  store: AssignmentsStore;
  trans: TranslationBundle;
  locale: string;
}): JSX.Element | null {
  const { assignment, store, trans, locale } = props;
  const [list, setList] = React.useState<ISubmission[] | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const last = assignment.lastSubmission?.version;
  const load = () => {
    store.api
      .mySubmissions(assignment.id)
      .then(setList)
      .catch(reason => setError(errorMessage(reason, trans)));
  };
  React.useEffect(() => {
    if (list) {
      load();
    }
  }, [last]);
  if (!assignment.lastSubmission) {
    return null;
  }
  return (
    <details
      className="cdc-Assignments-details"
      onToggle={event => {
        if ((event.target as HTMLDetailsElement).open && !list) {
          load();
        }
      }}
    >
      <summary>{trans.__('My hand-ins')}</summary>
      {error && <p className="cdc-Assignments-error">{error}</p>}
      {!list && !error && <p>{trans.__('Loading…')}</p>}
      {list && (
        <ul className="cdc-Assignments-submissions">
          {list.map(s => (
            <li key={s.version}>
              {trans._n(
                'Version %2, %3: %1 file',
                'Version %2, %3: %1 files',
                s.files.length,
                s.version,
                formatDate(s.submittedAt, locale)
              )}
              {s.late ? ` — ${trans.__('after the due date')}` : ''}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
