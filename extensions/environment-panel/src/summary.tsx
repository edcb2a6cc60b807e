import { HubApiError } from '@candyce/core';
import type { KernelSpec } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { EnvironmentsApi } from './api';
import { hasKernelSpec } from './kernel';
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
}): JSX.Element {
  const { pinned, api, kernelspecs, trans } = props;
  const [built, setBuilt] = React.useState<BuiltState>('checking');

  React.useEffect(() => {
    if (!pinned) {
      return;
    }
    const summary = summaryOf(pinned);
    if (hasKernelSpec(kernelspecs, summary.kernelName)) {
      setBuilt('built');
      return;
    }
    if (!api) {
      setBuilt('unknown');
      return;
    }
    let current = true;
    setBuilt('checking');
    api
      .get(pinned.id)
      .then(environment => {
        if (current) {
          setBuilt(environment.built ? 'built' : 'not-built');
        }
      })
      .catch(reason => {
        if (current) {
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
  return (
    <div className="cdc-EnvSummary">
      <dl className="cdc-EnvSummary-facts">
        <dt>{trans.__('Environment')}</dt>
        <dd>
          <code>{summary.shortId}</code>
        </dd>
        <dt>{trans.__('Python')}</dt>
        <dd>{summary.python}</dd>
        <dt>{trans.__('Packages')}</dt>
        <dd>{summary.packages}</dd>
        <dt>{trans.__('State')}</dt>
        <dd>{Private.builtText(built, trans)}</dd>
      </dl>
    </div>
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
