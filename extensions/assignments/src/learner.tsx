import type { ICandyceSession } from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { IFeedback, ILearnerAssignment, ISubmission } from './api';
import { errorMessage } from './errors';
import { dueWording, formatDate, gradeText, stateLabel } from './labels';
import type { AssignmentsStore } from './store';

/**
 * What the « Mes devoirs » panel asks the plugin to do; each returns the sentence to
 * announce, or throws.
 */
export interface ILearnerActions {
  join(code: string): Promise<string>;
  fetch(assignment: ILearnerAssignment): Promise<string>;
  open(assignment: ILearnerAssignment): Promise<string>;
  /**
   * Hand in (a new request), or send again the last one that failed on the network.
   */
  submit(
    assignment: ILearnerAssignment,
    retry: boolean,
    onProgress: (message: string) => void
  ): Promise<string>;
  /**
   * Whether the last hand-in failed on the network and can be sent again.
   */
  canRetry(assignment: ILearnerAssignment): boolean;
}

/**
 * The « Mes devoirs » side panel.
 */
export class LearnerPanel extends ReactWidget {
  constructor(options: LearnerPanel.IOptions) {
    super();
    this._options = options;
    this.addClass('cdc-Assignments');
    this.addClass('cdc-LearnerPanel');
  }

  protected override onAfterShow(): void {
    // Back to the panel: what the teacher did meanwhile shows.
    this._options
      .store()
      ?.refresh()
      .catch(reason =>
        console.warn('Candyce assignments: not refreshed', reason)
      );
  }

  protected render(): JSX.Element {
    const { session, trans } = this._options;
    return (
      <UseSignal signal={session.changed}>
        {() => {
          if (session.mode === 'detecting') {
            return (
              <p role="status">
                {trans.__('Looking for the Candyce platform…')}
              </p>
            );
          }
          const store = this._options.store();
          if (!store) {
            return (
              <div>
                <h2>{trans.__('My assignments')}</h2>
                <p>
                  {trans.__(
                    'Assignments need the Candyce platform: this JupyterLab runs without it.'
                  )}
                </p>
              </div>
            );
          }
          return (
            <LearnerView
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

  private _options: LearnerPanel.IOptions;
}

/**
 * The LearnerPanel options.
 */
export namespace LearnerPanel {
  /**
   * What the panel needs.
   */
  export interface IOptions {
    session: ICandyceSession;
    trans: TranslationBundle;
    /** The store, once the hub is known (`null` without the platform). */
    store: () => AssignmentsStore | null;
    actions: ILearnerActions;
  }
}

function LearnerView(props: {
  store: AssignmentsStore;
  trans: TranslationBundle;
  locale: string;
  actions: ILearnerActions;
}): JSX.Element {
  const { store, trans, actions } = props;
  const [status, setStatus] = React.useState('');
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState<string | null>(null);
  const [code, setCode] = React.useState('');
  const [codeError, setCodeError] = React.useState<string | null>(null);
  const [, setTick] = React.useState(0);

  React.useEffect(() => {
    const changed = () => setTick(t => t + 1);
    store.changed.connect(changed);
    if (!store.loaded) {
      store.refresh().catch(reason => setError(errorMessage(reason, trans)));
    }
    return () => {
      store.changed.disconnect(changed);
    };
  }, [store]);

  const run = async (
    key: string,
    action: () => Promise<string>,
    refresh = true
  ) => {
    setBusy(key);
    setError(null);
    try {
      const message = await action();
      if (message) {
        setStatus(message);
      }
      if (refresh) {
        await store.refresh();
      }
    } catch (reason) {
      setStatus('');
      setError(errorMessage(reason, trans));
    } finally {
      setBusy(null);
    }
  };

  const join = (event: React.FormEvent) => {
    event.preventDefault();
    const typed = code.trim();
    if (!typed) {
      setCodeError(trans.__('Type the code your teacher gave you.'));
      document.getElementById('cdc-Learner-code')?.focus();
      return;
    }
    setCodeError(null);
    setBusy('join');
    setError(null);
    actions
      .join(typed)
      .then(async message => {
        setStatus(message);
        setCode('');
        await store.refresh();
      })
      .catch(reason => {
        setCodeError(errorMessage(reason, trans));
        document.getElementById('cdc-Learner-code')?.focus();
      })
      .finally(() => setBusy(null));
  };

  const list = store.learning;
  return (
    <div className="cdc-Assignments-body">
      <h2>{trans.__('My assignments')}</h2>
      <p role="status" aria-live="polite" className="cdc-Assignments-status">
        {busy === 'list' ? trans.__('Loading…') : status}
      </p>
      {error && (
        <p role="alert" className="cdc-Assignments-error">
          {error}
        </p>
      )}
      <form className="cdc-Assignments-join" onSubmit={join} noValidate>
        <label htmlFor="cdc-Learner-code">{trans.__('Join with a code')}</label>
        <div className="cdc-Assignments-inline">
          <input
            id="cdc-Learner-code"
            className="jp-mod-styled"
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder={trans.__('e.g. ABCD-EFGH')}
            value={code}
            aria-invalid={codeError ? true : undefined}
            aria-describedby={codeError ? 'cdc-Learner-code-error' : undefined}
            onChange={event => setCode(event.target.value)}
          />
          <button
            type="submit"
            className="jp-Button jp-mod-styled jp-mod-accept"
            disabled={busy === 'join'}
          >
            {trans.__('Join')}
          </button>
        </div>
        {codeError && (
          <p id="cdc-Learner-code-error" className="cdc-Assignments-error">
            {codeError}
          </p>
        )}
      </form>
      <div className="cdc-Assignments-actions">
        <button
          type="button"
          className="jp-Button jp-mod-styled"
          disabled={busy !== null}
          onClick={() =>
            void run('list', async () => trans.__('List updated.'))
          }
        >
          {trans.__('Refresh')}
        </button>
      </div>
      {store.loaded && list.length === 0 && (
        <p>{trans.__('You have no assignment for now.')}</p>
      )}
      {!store.loaded && !error && <p>{trans.__('Loading…')}</p>}
      <ul className="cdc-Assignments-list">
        {list.map(assignment => (
          <LearnerItem
            key={assignment.id}
            assignment={assignment}
            store={store}
            trans={trans}
            locale={props.locale}
            busy={busy}
            canRetry={actions.canRetry(assignment)}
            onFetch={() =>
              void run(`fetch:${assignment.id}`, () =>
                actions.fetch(assignment)
              )
            }
            onOpen={() =>
              void run(
                `open:${assignment.id}`,
                () => actions.open(assignment),
                false
              )
            }
            onSubmit={retry =>
              void run(`submit:${assignment.id}`, () =>
                actions.submit(assignment, retry, setStatus)
              )
            }
          />
        ))}
      </ul>
    </div>
  );
}

function LearnerItem(props: {
  assignment: ILearnerAssignment;
  store: AssignmentsStore;
  trans: TranslationBundle;
  locale: string;
  busy: string | null;
  canRetry: boolean;
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
            {submitting ? trans.__('Handing in…') : trans.__('Hand in')}
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
      <Submissions {...props} />
      {a.state === 'returned' && <Feedback {...props} />}
    </li>
  );
}

/**
 * The learner's hand-ins, loaded when they open the list.
 */
function Submissions(props: {
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

/**
 * The teacher's returned feedback: comment, grade, rubric, and how many cells carry a
 * comment (shown under the cells in the notebook).
 */
function Feedback(props: {
  assignment: ILearnerAssignment;
  store: AssignmentsStore;
  trans: TranslationBundle;
  locale: string;
}): JSX.Element {
  const { assignment, store, trans, locale } = props;
  const [feedback, setFeedback] = React.useState<IFeedback | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  React.useEffect(() => {
    store
      .myFeedback(assignment.id)
      .then(setFeedback)
      .catch(reason => setError(errorMessage(reason, trans)));
  }, [assignment.id, assignment.returnedAt]);
  const headingId = `cdc-Learner-feedback-${assignment.id}`;
  const grade = feedback
    ? gradeText(feedback.grade, feedback.maxGrade, locale)
    : null;
  return (
    <section className="cdc-Assignments-feedback" aria-labelledby={headingId}>
      <h4 id={headingId}>{trans.__('Your teacher’s feedback')}</h4>
      {error && <p className="cdc-Assignments-error">{error}</p>}
      {!feedback && !error && <p>{trans.__('Loading…')}</p>}
      {feedback && (
        <>
          {grade && (
            <p className="cdc-Assignments-grade">
              {trans.__('Grade: %1', grade)}
            </p>
          )}
          {feedback.comment && (
            <p className="cdc-Assignments-comment">{feedback.comment}</p>
          )}
          {feedback.rubric.length > 0 && (
            <table className="cdc-Assignments-table">
              <caption>{trans.__('Marking rubric')}</caption>
              <thead>
                <tr>
                  <th scope="col">{trans.__('Criterion')}</th>
                  <th scope="col">{trans.__('Points')}</th>
                </tr>
              </thead>
              <tbody>
                {feedback.rubric.map((row, i) => (
                  <tr key={i}>
                    <th scope="row">{row.criterion}</th>
                    <td>
                      {gradeText(row.points, row.max, locale) ??
                        trans.__('not marked')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {feedback.cells.length > 0 && (
            <p className="cdc-Assignments-meta">
              {trans._n(
                '%1 comment in the notebook, under the cell it is about.',
                '%1 comments in the notebook, under the cells they are about.',
                feedback.cells.length
              )}
            </p>
          )}
        </>
      )}
    </section>
  );
}
