import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { IGroupWorkspace } from './api';
import { errorMessage } from './errors';
import type { ILearnerActions } from './learnerTypes';
import { LearnerItem } from './learnerItem';
import type { AssignmentsStore } from './store';
import { useStore } from './useStore';

/**
 * The content of « Mes devoirs »: joining with a code, and the learner's assignments.
 * In a group workspace, the group's assignments, said to be the group's (no code is
 * joined there: the workspace's account is the group's, not the visitor's).
 */
export function LearnerView(props: {
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

  const [workspace, setWorkspace] = React.useState<IGroupWorkspace | null>(
    null
  );

  useStore(store, trans, setError);
  React.useEffect(() => {
    store
      .workspace()
      .then(setWorkspace)
      .catch(reason => setError(errorMessage(reason, trans)));
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
      {workspace && (
        <p className="cdc-Assignments-workspace">
          {trans.__(
            'Group workspace « %1 » — you are here as %2',
            workspace.group.name,
            workspace.visitor.displayName
          )}
        </p>
      )}
      <p role="status" aria-live="polite" className="cdc-Assignments-status">
        {busy === 'list' ? trans.__('Loading…') : status}
      </p>
      {error && (
        <p role="alert" className="cdc-Assignments-error">
          {error}
        </p>
      )}
      {!workspace && (
        <form className="cdc-Assignments-join" onSubmit={join} noValidate>
          <label htmlFor="cdc-Learner-code">
            {trans.__('Join with a code')}
          </label>
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
              aria-describedby={
                codeError ? 'cdc-Learner-code-error' : undefined
              }
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
      )}
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
            workspace={workspace}
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
