import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { IPerson, IProgressRow, ITeachingAssignment } from './api';
import { errorMessage } from './errors';
import { FeedbackForm } from './feedbackForm';
import { formatDate } from './labels';
import { ProgressTable } from './progressTable';
import type { AssignmentsStore } from './store';
import { useStore } from './useStore';

/**
 * What the follow-up of an assignment asks the plugin to do.
 */
export interface IFollowUpActions {
  /**
   * Show a learner's latest submission beside the original, read-only, from the hub
   * (nothing written to the teacher's home, nothing run), next to the follow-up whose
   * widget id is `beside`; returns the sentence to announce.
   */
  openSubmission(
    assignment: ITeachingAssignment,
    learner: IPerson,
    beside: string
  ): Promise<string>;
  /**
   * Ask before returning feedback.
   */
  confirm(title: string, body: string, accept: string): Promise<boolean>;
}

/**
 * The follow-up of one assignment, in the main area: its facts, the table of its
 * pupils with every action, and the feedback form of the pupil being marked.
 */
export class FollowUpView extends ReactWidget {
  constructor(options: FollowUpView.IOptions) {
    super();
    this._options = options;
    this.assignmentId = options.assignmentId;
    this.addClass('cdc-Assignments');
    this.addClass('cdc-FollowUp');
  }

  /**
   * The assignment followed.
   */
  readonly assignmentId: string;

  protected render(): JSX.Element {
    return <FollowUp {...this._options} />;
  }

  private readonly _options: FollowUpView.IOptions;
}

/**
 * The FollowUpView options.
 */
export namespace FollowUpView {
  /**
   * What the follow-up needs.
   */
  export interface IOptions {
    assignmentId: string;
    /** The DOM id of the widget that holds the view: pupils' work opens beside it. */
    widgetId: string;
    store: AssignmentsStore;
    trans: TranslationBundle;
    locale: string;
    actions: IFollowUpActions;
  }
}

function FollowUp(props: FollowUpView.IOptions): JSX.Element {
  const { store, trans } = props;
  const [error, setError] = React.useState<string | null>(null);
  useStore(store, trans, setError);
  const assignment = store.teaching.find(a => a.id === props.assignmentId);
  if (!assignment) {
    return (
      <div className="cdc-FollowUp-body">
        <h2 tabIndex={-1}>{trans.__('Assignment follow-up')}</h2>
        {error ? (
          <p role="alert" className="cdc-Assignments-error">
            {error}
          </p>
        ) : (
          <p>
            {store.loaded
              ? trans.__(
                  'This assignment is no longer among those you handed out.'
                )
              : trans.__('Loading…')}
          </p>
        )}
      </div>
    );
  }
  return <AssignmentFollowUp {...props} assignment={assignment} />;
}

function AssignmentFollowUp(
  props: FollowUpView.IOptions & { assignment: ITeachingAssignment }
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
  }, [a.id]);
  // A hand-in told by the hub's news: the table updates itself.
  React.useEffect(() => {
    const changed = (_: AssignmentsStore, id: string | null) => {
      if (id === null || id === a.id) {
        void load();
      }
    };
    store.progressChanged.connect(changed);
    return () => {
      store.progressChanged.disconnect(changed);
    };
  }, [store, a.id]);

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
    <div className="cdc-FollowUp-body">
      <h2 className="cdc-FollowUp-title" tabIndex={-1}>
        {trans.__('Follow-up: %1', a.title)}
      </h2>
      <p role="status" aria-live="polite" className="cdc-Assignments-status">
        {busy ? trans.__('Working…') : status}
      </p>
      {error && (
        <p role="alert" className="cdc-Assignments-error">
          {error}
        </p>
      )}
      <ul className="cdc-FollowUp-facts">
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
      {rows && rows.length === 0 && (
        <p>{trans.__('No pupil has this assignment yet.')}</p>
      )}
      {rows && rows.length > 0 && (
        <div className="cdc-Assignments-tableWrap">
          <ProgressTable
            rows={rows}
            trans={trans}
            locale={locale}
            busy={busy}
            actions={{
              open: learner =>
                void run(() =>
                  actions.openSubmission(a, learner, props.widgetId)
                ).then(() => setMarking(learner)),
              mark: setMarking,
              giveBack: learner => giveBack([learner])
            }}
          />
        </div>
      )}
      {marking && (
        <FeedbackForm
          key={marking.name}
          store={store}
          trans={trans}
          assignment={a}
          learner={marking}
          idPrefix={`${props.widgetId}-feedback`}
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
