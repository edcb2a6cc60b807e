import { HubApiError } from '@candyce/core';
import type { KernelSpec } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { EnvironmentsApi, IEnvironment } from './api';
import { describeFailure } from './errors';
import { hasKernelSpec } from './kernel';
import { ListNotes } from './listNotes';
import { IPinnedEnvironment, summaryOf } from './metadata';

/**
 * Whether a pinned environment is built: the server lists its kernel, or the hub says.
 */
type BuiltState =
  'checking' | 'built' | 'not-built' | 'unknown-to-hub' | 'unknown';

/**
 * What a notebook runs on: its pinned environment (short id, Python, how many packages,
 * whether it is built) or « Environnement de base ».
 */
export function EnvironmentSummary(props: {
  pinned: IPinnedEnvironment | null;
  api: EnvironmentsApi | null;
  kernelspecs: KernelSpec.IManager;
  trans: TranslationBundle;
  /** Changes when the server may have built it (after a preparation, a pin…). */
  refreshKey: number;
  /** Told the new name once the hub renamed it. */
  onRenamed?: (name: string) => void;
}): JSX.Element {
  const { pinned, api, kernelspecs, trans } = props;
  const [built, setBuilt] = React.useState<BuiltState>('checking');
  const [known, setKnown] = React.useState<IEnvironment | null>(null);

  React.useEffect(() => {
    if (!pinned) {
      return;
    }
    const summary = summaryOf(pinned);
    const listed = hasKernelSpec(kernelspecs, summary.kernelName);
    if (listed) {
      setBuilt('built');
    }
    if (!api) {
      setBuilt('unknown');
      return;
    }
    let current = true;
    if (!listed) {
      setBuilt('checking');
    }
    // Asked even when built: its name, and whether this user may rename it.
    api
      .get(pinned.id)
      .then(environment => {
        if (current) {
          setKnown(environment);
          setBuilt(environment.built || listed ? 'built' : 'not-built');
        }
      })
      .catch(reason => {
        if (current && !listed) {
          setBuilt(
            reason instanceof HubApiError && reason.status === 404
              ? 'unknown-to-hub'
              : 'unknown'
          );
        }
      });
    return () => {
      current = false;
    };
  }, [pinned?.id, api, props.refreshKey]);

  if (!pinned) {
    return (
      <div className="cdc-EnvSummary">
        <p className="cdc-EnvSummary-base">{trans.__('Base environment')}</p>
        <p>
          {trans.__(
            'This notebook is not pinned to an environment: it runs on the platform’s base Python, which may change from one year to the next.'
          )}
        </p>
      </div>
    );
  }
  const summary = summaryOf(pinned);
  const name =
    (known?.id === pinned.id ? known.name : null) ??
    kernelspecs.specs?.kernelspecs[summary.kernelName]?.display_name ??
    pinned.name ??
    trans.__('Environment without a name');
  return (
    <div className="cdc-EnvSummary">
      <EnvironmentName
        name={name}
        renamable={!!api && known?.id === pinned.id && known.renamable}
        onRename={async value => {
          const renamed = await api!.rename(pinned.id, value);
          setKnown(renamed);
          props.onRenamed?.(renamed.name);
          // The kernel's display name changed on the server.
          await kernelspecs.refreshSpecs();
        }}
        trans={trans}
      />
      <dl className="cdc-EnvSummary-facts">
        <dt>{trans.__('Python')}</dt>
        <dd>{summary.python}</dd>
        <dt>{trans.__('Packages')}</dt>
        <dd>{summary.packages}</dd>
        <dt>{trans.__('State')}</dt>
        <dd>{Private.builtText(built, trans)}</dd>
      </dl>
      {known?.id === pinned.id && (
        <ListNotes notes={known.notes} trans={trans} />
      )}
      <details className="cdc-EnvSummary-details">
        <summary>{trans.__('Technical details')}</summary>
        <p>
          {trans.__('Identifier: %1', summary.shortId)}
          <br />
          {trans.__('Kernel: %1', summary.kernelName)}
        </p>
      </details>
    </div>
  );
}

/**
 * The environment's name, and for its author « Renommer »: a field, « Enregistrer »
 * and « Annuler »; the hub's refusal is said in place.
 */
function EnvironmentName(props: {
  name: string;
  renamable: boolean;
  onRename: (name: string) => Promise<void>;
  trans: TranslationBundle;
}): JSX.Element {
  const { name, renamable, trans } = props;
  const id = React.useId();
  const [editing, setEditing] = React.useState(false);
  const [value, setValue] = React.useState(name);
  const [error, setError] = React.useState('');
  const [saving, setSaving] = React.useState(false);
  if (!editing) {
    return (
      <div className="cdc-EnvSummary-name">
        <p className="cdc-EnvSummary-title">{name}</p>
        {renamable && (
          <button
            type="button"
            className="jp-mod-styled"
            onClick={() => {
              setValue(name);
              setError('');
              setEditing(true);
            }}
          >
            {trans.__('Rename')}
          </button>
        )}
      </div>
    );
  }
  return (
    <form
      className="cdc-EnvSummary-rename"
      onSubmit={event => {
        event.preventDefault();
        setSaving(true);
        props
          .onRename(value)
          .then(() => setEditing(false))
          .catch(reason => {
            const failure = describeFailure(reason, trans);
            setError([failure.title, failure.detail].filter(Boolean).join(' '));
          })
          .finally(() => setSaving(false));
      }}
    >
      <label htmlFor={`${id}-name`}>
        {trans.__('Name of the environment')}
      </label>
      <input
        id={`${id}-name`}
        className="jp-mod-styled"
        value={value}
        maxLength={80}
        autoFocus
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={event => setValue(event.target.value)}
      />
      <div className="cdc-EnvEditor-actions">
        <button
          type="submit"
          className="jp-mod-styled jp-mod-accept"
          disabled={saving}
        >
          {trans.__('Save')}
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => setEditing(false)}
        >
          {trans.__('Cancel')}
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} className="cdc-EnvError" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

namespace Private {
  export function builtText(state: BuiltState, trans: TranslationBundle) {
    switch (state) {
      case 'checking':
        return trans.__('checking…');
      case 'built':
        return trans.__('built');
      case 'not-built':
        return trans.__('not built yet: it is built when the notebook opens');
      case 'unknown-to-hub':
        return trans.__(
          'unknown to this platform: it is registered from the notebook’s lock when a teacher opens it'
        );
      case 'unknown':
        return trans.__('unknown');
    }
  }
}
