import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { EnvironmentsApi, IEnvironmentOptions } from './api';
import { PackageCombobox } from './combobox';
import type { EnvironmentDraft } from './draft';
import { useSignals } from './hooks';
import { LockView } from './lockView';
import { PackageRows } from './rows';

/**
 * The teacher's side of the panel: edit the software list, resolve it, read the lock,
 * pin it.
 */
export function EnvironmentEditor(props: {
  draft: EnvironmentDraft;
  api: EnvironmentsApi;
  options: IEnvironmentOptions | null;
  trans: TranslationBundle;
}): JSX.Element {
  const { draft, api, options, trans } = props;
  useSignals(draft.changed);
  const id = React.useId();
  const rootRef = React.useRef<HTMLElement>(null);
  const resolveRef = React.useRef<HTMLButtonElement>(null);
  const statusRef = React.useRef<HTMLParagraphElement>(null);
  const [announce, setAnnounce] = React.useState('');
  const operation = draft.operation;
  const busy = !!operation;
  const environment = draft.environment;

  // When an operation ends, the focus (on « Annuler », now gone) goes somewhere
  // useful: the lock takes it itself; otherwise the status or « Résoudre ».
  const wasBusy = React.useRef(false);
  React.useEffect(() => {
    if (wasBusy.current && !busy) {
      const lost =
        document.activeElement === document.body ||
        !document.activeElement?.isConnected ||
        rootRef.current?.contains(document.activeElement);
      if (lost && !environment) {
        (draft.status ? statusRef.current : resolveRef.current)?.focus();
      }
    }
    wasBusy.current = busy;
  }, [busy]);

  const pythons = [...(options?.pythons ?? [])];
  if (draft.python && !pythons.includes(draft.python)) {
    pythons.push(draft.python);
  }
  const focusCombobox = () =>
    rootRef.current
      ?.querySelector<HTMLInputElement>('input[role="combobox"]')
      ?.focus();

  return (
    <section
      className="cdc-EnvEditor"
      ref={rootRef}
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`}>{trans.__('Software of the notebook')}</h3>
      <PackageRows
        rows={draft.rows}
        disabled={busy}
        trans={trans}
        onConstraint={(index, value) => draft.setConstraint(index, value)}
        onRemove={index => {
          const name = draft.rows[index]?.name ?? '';
          draft.remove(index);
          setAnnounce(trans.__('« %1 » removed.', name));
        }}
        focusAfterLast={focusCombobox}
      />
      {draft.otherLines.length > 0 && (
        <p className="cdc-EnvEditor-note">
          {trans.__(
            'Also kept as written in requirements.txt: %1',
            draft.otherLines.join(' ; ')
          )}
        </p>
      )}
      {draft.keptFiles.length > 0 && (
        <p className="cdc-EnvEditor-note">
          {trans.__('Files kept unchanged: %1', draft.keptFiles.join(', '))}
        </p>
      )}
      <PackageCombobox
        search={q => api.searchPackages(q)}
        disabled={busy}
        trans={trans}
        onChoose={name => {
          const { added } = draft.add(name);
          setAnnounce(
            added
              ? trans.__('« %1 » added to the list.', name)
              : trans.__('« %1 » is already in the list.', name)
          );
        }}
      />
      <div className="cdc-EnvEditor-field">
        <label htmlFor={`${id}-python`}>{trans.__('Python version')}</label>
        <select
          id={`${id}-python`}
          className="jp-mod-styled"
          value={draft.python}
          disabled={busy || !pythons.length}
          onChange={event => draft.setPython(event.target.value)}
        >
          {pythons.map(version => (
            <option key={version} value={version}>
              {options?.pythons.includes(version)
                ? trans.__('Python %1', version)
                : trans.__('Python %1 (not available here)', version)}
            </option>
          ))}
        </select>
      </div>
      <div className="cdc-EnvEditor-actions">
        <button
          ref={resolveRef}
          type="button"
          className="jp-mod-styled jp-mod-accept"
          disabled={busy}
          onClick={() => void draft.resolve()}
        >
          {trans.__('Resolve')}
        </button>
        {draft.dirty && (
          <button
            type="button"
            className="jp-mod-styled"
            disabled={busy}
            onClick={() => {
              draft.revert();
              setAnnounce(trans.__('Back to the notebook’s pinned list.'));
            }}
          >
            {trans.__('Undo the changes')}
          </button>
        )}
      </div>
      {draft.failure && (
        <div className="cdc-EnvError" role="alert">
          <p className="cdc-EnvError-title">{draft.failure.title}</p>
          {draft.failure.detail && (
            <p className="cdc-EnvError-detail">{draft.failure.detail}</p>
          )}
        </div>
      )}
      {environment && <LockView environment={environment} trans={trans} />}
      {environment && (
        <div className="cdc-EnvEditor-actions">
          <button
            type="button"
            className="jp-mod-styled jp-mod-accept"
            disabled={busy}
            onClick={() => void draft.pin()}
          >
            {trans.__('Pin')}
          </button>
          <span className="cdc-EnvEditor-hint">
            {trans.__(
              'Builds the environment, records it in the notebook, switches its kernel and saves it.'
            )}
          </span>
        </div>
      )}
      <p
        ref={statusRef}
        tabIndex={-1}
        className="cdc-EnvEditor-status"
        role="status"
      >
        {draft.status || announce}
      </p>
    </section>
  );
}
