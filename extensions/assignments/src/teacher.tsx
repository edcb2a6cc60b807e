import type { ICandyceSession } from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import { errorMessage } from './errors';
import { formatDate } from './labels';
import type { AssignmentsStore } from './store';
import { useStore } from './useStore';

/**
 * What the « Suivi des devoirs » panel asks the plugin to do.
 */
export interface ITeacherActions {
  /**
   * Open the « Nouveau devoir » form on the current notebook; resolves to whether an
   * assignment was created.
   */
  newAssignment(): Promise<boolean>;
  /**
   * Open the follow-up of an assignment in the main area (its table of pupils).
   */
  followUp(assignmentId: string): Promise<void>;
}

/**
 * Whether the session's user may hand out work.
 */
export function canTeach(session: ICandyceSession): boolean {
  return session.hasRole('teacher') || session.hasRole('admin');
}

/**
 * The « Suivi des devoirs » side panel: the assignments handed out, each opening its
 * follow-up in the main area (see FollowUpView), where the table has room.
 */
export class TeacherPanel extends ReactWidget {
  constructor(options: TeacherPanel.IOptions) {
    super();
    this._options = options;
    this.addClass('cdc-Assignments');
    this.addClass('cdc-TeacherPanel');
  }

  protected render(): JSX.Element {
    const { session, trans } = this._options;
    return (
      <UseSignal signal={session.changed}>
        {() => {
          const store = this._options.store();
          if (!store || !canTeach(session)) {
            return (
              <div>
                <h2>{trans.__('Assignment follow-up')}</h2>
                <p>
                  {trans.__(
                    'The follow-up of assignments is for teachers on the Candyce platform.'
                  )}
                </p>
              </div>
            );
          }
          return (
            <TeacherView
              store={store}
              trans={trans}
              locale={session.locale}
              actions={this._options.actions}
            />
          );
        }}
      </UseSignal>
    );
  }

  private _options: TeacherPanel.IOptions;
}

/**
 * The TeacherPanel options.
 */
export namespace TeacherPanel {
  /**
   * What the panel needs.
   */
  export interface IOptions {
    session: ICandyceSession;
    trans: TranslationBundle;
    store: () => AssignmentsStore | null;
    actions: ITeacherActions;
  }
}

interface IViewProps {
  store: AssignmentsStore;
  trans: TranslationBundle;
  locale: string;
  actions: ITeacherActions;
}

function TeacherView(props: IViewProps): JSX.Element {
  const { store, trans, actions } = props;
  const [status, setStatus] = React.useState('');
  const [error, setError] = React.useState<string | null>(null);

  useStore(store, trans, setError);

  return (
    <div className="cdc-Assignments-body">
      <h2>{trans.__('Assignment follow-up')}</h2>
      <p role="status" aria-live="polite" className="cdc-Assignments-status">
        {status}
      </p>
      {error && (
        <p role="alert" className="cdc-Assignments-error">
          {error}
        </p>
      )}
      <div className="cdc-Assignments-actions">
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-mod-accept"
          onClick={() => {
            setError(null);
            actions
              .newAssignment()
              .then(async created => {
                if (created) {
                  setStatus(trans.__('Assignment created.'));
                  await store.refresh();
                }
              })
              .catch(reason => setError(errorMessage(reason, trans)));
          }}
        >
          {trans.__('New assignment')}
        </button>
        <button
          type="button"
          className="jp-Button jp-mod-styled"
          onClick={() => {
            setError(null);
            store
              .refresh()
              .then(() => setStatus(trans.__('List updated.')))
              .catch(reason => setError(errorMessage(reason, trans)));
          }}
        >
          {trans.__('Refresh')}
        </button>
      </div>
      {store.loaded && store.teaching.length === 0 && (
        <p>
          {trans.__(
            'You have not handed out any assignment yet. Open a notebook, then choose « New assignment ».'
          )}
        </p>
      )}
      <ul className="cdc-Assignments-list">
        {store.teaching.map(a => (
          <li key={a.id} className="cdc-Assignments-item">
            <h3 className="cdc-Assignments-itemTitle">
              <button
                type="button"
                className="cdc-Assignments-link"
                aria-describedby={`cdc-Teacher-counts-${a.id}`}
                onClick={() => {
                  setError(null);
                  actions
                    .followUp(a.id)
                    .catch(reason => setError(errorMessage(reason, trans)));
                }}
              >
                {a.title}
              </button>
            </h3>
            <p
              id={`cdc-Teacher-counts-${a.id}`}
              className="cdc-Assignments-meta"
            >
              {trans.__(
                'Pupils: %1 · handed in: %2 · returned: %3',
                a.counts.learners,
                a.counts.submitted,
                a.counts.returned
              )}
            </p>
            {a.dueAt && (
              <p className="cdc-Assignments-meta">
                {trans.__('Due %1', formatDate(a.dueAt, props.locale))}
              </p>
            )}
            {a.shareCode && (
              <p className="cdc-Assignments-meta">
                {trans.__('Share code: %1', a.shareCode)}
              </p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
