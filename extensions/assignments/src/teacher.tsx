import type { ICandyceSession } from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { IPerson, IProgressRow, ITeachingAssignment } from './api';
import { errorMessage } from './errors';
import {
  autogradeText,
  formatDate,
  formatShortDate,
  gradeText,
  stateLabel
} from './labels';
import { FeedbackForm } from './feedbackForm';
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
   * Show a learner's latest submission and the original side by side, read-only,
   * from the hub (nothing written to the teacher's home, nothing run); returns the
   * sentence to announce.
   */
  openSubmission(
    assignment: ITeachingAssignment,
    learner: IPerson
  ): Promise<string>;
  /**
   * Ask before returning feedback.
   */
  confirm(title: string, body: string, accept: string): Promise<boolean>;
}

/**
 * Whether the session's user may hand out work.
 */
export function canTeach(session: ICandyceSession): boolean {
  return session.hasRole('teacher') || session.hasRole('admin');
}

/**
 * The « Suivi des devoirs » side panel.
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
  const [selected, setSelected] = React.useState<string | null>(null);
  const [status, setStatus] = React.useState('');
  const [error, setError] = React.useState<string | null>(null);
  const lastOpened = React.useRef<string | null>(null);

  useStore(store, trans, setError);

  React.useEffect(() => {
    if (!selected && lastOpened.current) {
      document
        .getElementById(`cdc-Teacher-open-${lastOpened.current}`)
        ?.focus();
    }
  }, [selected]);

  const assignment = store.teaching.find(a => a.id === selected);
  if (assignment) {
    return (
      <AssignmentPage
        {...props}
        assignment={assignment}
        onBack={() => setSelected(null)}
      />
    );
  }
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
                id={`cdc-Teacher-open-${a.id}`}
                type="button"
                className="cdc-Assignments-link"
                onClick={() => {
                  lastOpened.current = a.id;
                  setSelected(a.id);
                }}
              >
                {a.title}
              </button>
            </h3>
            <p className="cdc-Assignments-meta">
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

function AssignmentPage(
  props: IViewProps & { assignment: ITeachingAssignment; onBack: () => void }
): JSX.Element {
  const { assignment: a, store, trans, locale, actions } = props;
  const [rows, setRows] = React.useState<IProgressRow[] | null>(null);
  const [status, setStatus] = React.useState('');
  const [error, setError] = React.useState<string | null>(null);
  const [marking, setMarking] = React.useState<IPerson | null>(null);
  const [busy, setBusy] = React.useState(false);

  const load = () =>
    store.api
      .progress(a.id)
      .then(setRows)
      .catch(reason => setError(errorMessage(reason, trans)));
  React.useEffect(() => {
    void load();
    document.getElementById('cdc-Teacher-title')?.focus();
  }, [a.id]);

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      setStatus(await action());
      await Promise.all([load(), store.refresh()]);
    } catch (reason) {
      setStatus('');
      setError(errorMessage(reason, trans));
    } finally {
      setBusy(false);
    }
  };

  const giveBack = (learners?: IPerson[]) =>
    void run(async () => {
      const ok = await actions.confirm(
        learners
          ? trans.__('Return the work')
          : trans.__('Return all the work'),
        learners
          ? trans.__(
              '%1 will see your feedback and grade. Return it now?',
              learners.map(l => l.displayName).join(', ')
            )
          : trans.__(
              'Every pupil with feedback will see it, with their grade. Return it now?'
            ),
        trans.__('Return')
      );
      if (!ok) {
        return '';
      }
      const returned = await store.api.returnFeedback(
        a.id,
        learners?.map(l => l.name)
      );
      return trans._n(
        'Work returned to %1 pupil.',
        'Work returned to %1 pupils.',
        returned.length
      );
    });

  return (
    <div className="cdc-Assignments-body">
      <button
        type="button"
        className="cdc-Assignments-link cdc-Assignments-back"
        onClick={props.onBack}
      >
        {trans.__('← Back to the assignments')}
      </button>
      <h2 id="cdc-Teacher-title" tabIndex={-1}>
        {a.title}
      </h2>
      <p role="status" aria-live="polite" className="cdc-Assignments-status">
        {busy ? trans.__('Working…') : status}
      </p>
      {error && (
        <p role="alert" className="cdc-Assignments-error">
          {error}
        </p>
      )}
      <ul className="cdc-Assignments-facts">
        {a.classes.length > 0 && (
          <li>
            {trans.__('Classes: %1', a.classes.map(c => c.name).join(', '))}
          </li>
        )}
        {a.shareCode && <li>{trans.__('Share code: %1', a.shareCode)}</li>}
        {a.opensAt && (
          <li>{trans.__('Opens %1', formatDate(a.opensAt, locale))}</li>
        )}
        {a.dueAt && <li>{trans.__('Due %1', formatDate(a.dueAt, locale))}</li>}
        <li>
          {a.latePolicy === 'accept'
            ? trans.__('Late work accepted')
            : trans.__('Late work refused')}
        </li>
        <li>{trans.__('Folder of the pupils: %1', a.folder)}</li>
      </ul>
      <div className="cdc-Assignments-actions">
        <button
          type="button"
          className="jp-Button jp-mod-styled"
          disabled={busy}
          onClick={() => giveBack()}
        >
          {trans.__('Return all the work')}
        </button>
        <a
          className="jp-Button jp-mod-styled cdc-Assignments-csv"
          href={store.api.gradesUrl(a.id)}
          download
        >
          {trans.__('Export the grades (CSV)')}
        </a>
        <button
          type="button"
          className="jp-Button jp-mod-styled"
          disabled={busy}
          onClick={() => void load()}
        >
          {trans.__('Refresh')}
        </button>
      </div>
      {!rows && !error && <p>{trans.__('Loading…')}</p>}
      {rows && (
        <div className="cdc-Assignments-tableWrap">
          <table className="cdc-Assignments-table cdc-Assignments-progress">
            <caption>{trans.__('Progress of the pupils')}</caption>
            <thead>
              <tr>
                <th scope="col">{trans.__('Pupil')}</th>
                <th scope="col">{trans.__('State')}</th>
                <th scope="col">{trans.__('Last activity')}</th>
                <th scope="col">{trans.__('Handed in on')}</th>
                <th scope="col">{trans.__('Grade')}</th>
                <th scope="col">{trans.__('Actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(row => (
                <tr key={row.learner.name}>
                  <th scope="row">{row.learner.displayName}</th>
                  <td>
                    <span
                      className={`cdc-Assignments-badge cdc-mod-${row.state}`}
                    >
                      {stateLabel(row.state, trans)}
                    </span>
                  </td>
                  <td>{formatShortDate(row.lastActivityAt, locale)}</td>
                  <td>
                    {row.submittedAt
                      ? trans.__(
                          '%1 (v%2)',
                          formatShortDate(row.submittedAt, locale),
                          row.version ?? 1
                        )
                      : '—'}
                  </td>
                  <td>
                    {gradeText(row.grade, row.maxGrade, locale) ?? '—'}
                    {row.autograde && (
                      <span className="cdc-Assignments-auto">
                        {autogradeText(row.autograde, trans, locale)}
                      </span>
                    )}
                  </td>
                  <td className="cdc-Assignments-rowActions">
                    {row.version !== null && (
                      <>
                        <button
                          type="button"
                          className="jp-Button jp-mod-styled"
                          aria-label={trans.__(
                            'Open the work of %1',
                            row.learner.displayName
                          )}
                          disabled={busy}
                          onClick={() =>
                            void run(() =>
                              actions.openSubmission(a, row.learner)
                            ).then(() => setMarking(row.learner))
                          }
                        >
                          {trans.__('Open')}
                        </button>
                        <button
                          type="button"
                          className="jp-Button jp-mod-styled"
                          aria-label={trans.__(
                            'Mark the work of %1',
                            row.learner.displayName
                          )}
                          disabled={busy}
                          onClick={() => setMarking(row.learner)}
                        >
                          {trans.__('Mark')}
                        </button>
                        <button
                          type="button"
                          className="jp-Button jp-mod-styled"
                          aria-label={trans.__(
                            'Return the work of %1',
                            row.learner.displayName
                          )}
                          disabled={busy}
                          onClick={() => giveBack([row.learner])}
                        >
                          {trans.__('Return')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {marking && (
        <FeedbackForm
          key={marking.name}
          store={store}
          trans={trans}
          assignment={a}
          learner={marking}
          onSaved={message => {
            setStatus(message);
            void load();
          }}
          onReturn={() => giveBack([marking])}
        />
      )}
    </div>
  );
}
