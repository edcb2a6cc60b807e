import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import type { ISignal } from '@lumino/signaling';
import * as React from 'react';

import { useSignals } from './hooks';
import type { Operation } from './operation';

/**
 * In a notebook's toolbar, where the teacher is looking while the environment is being
 * prepared: what is happening in a few words, a bar, and « Annuler ». Empty otherwise.
 * The « Environnement » panel shows the same operation in full (step, log).
 */
export class ToolbarProgress extends ReactWidget {
  constructor(private readonly _options: ToolbarProgress.IOptions) {
    super();
    this.addClass('cdc-ToolbarProgress');
  }

  protected render(): JSX.Element {
    return <ToolbarProgressView {...this._options} />;
  }
}

/**
 * The ToolbarProgress statics.
 */
export namespace ToolbarProgress {
  export interface IOptions {
    /** The operation running for this notebook, if any. */
    operation: () => Operation | null;
    /** Emitted when an operation starts, moves or ends (for any notebook). */
    changed: readonly ISignal<unknown, unknown>[];
    trans: TranslationBundle;
  }
}

/** The words of the toolbar, by kind of work. */
export function toolbarLabel(
  operation: Pick<Operation, 'kind' | 'percent' | 'cancelled'>,
  trans: TranslationBundle
): string {
  if (operation.cancelled) {
    return trans.__('Cancelling…');
  }
  const what =
    operation.kind === 'resolve'
      ? trans.__('Looking for versions')
      : trans.__('Preparing the environment');
  return operation.percent === null
    ? trans.__('%1…', what)
    : trans.__('%1: %2 %', what, operation.percent);
}

function ToolbarProgressView(props: ToolbarProgress.IOptions): JSX.Element {
  const { trans } = props;
  useSignals(...props.changed);
  const operation = props.operation();
  useSignals(operation?.changed);
  if (!operation) {
    return <></>;
  }
  const label = toolbarLabel(operation, trans);
  const percent = operation.percent;
  return (
    <div className="cdc-ToolbarProgress-body" title={operation.message}>
      <span className="cdc-ToolbarProgress-label" aria-hidden="true">
        {label}
      </span>
      <div
        className={
          percent === null
            ? 'cdc-EnvProgress-bar cdc-mod-indeterminate'
            : 'cdc-EnvProgress-bar'
        }
        role="progressbar"
        aria-label={trans.__('Preparing the notebook’s environment')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={label}
      >
        <div
          className="cdc-EnvProgress-fill"
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
      <button
        type="button"
        className="jp-mod-styled jp-mod-reject cdc-ToolbarProgress-cancel"
        onClick={() => operation.cancel()}
        disabled={operation.cancelled}
        aria-label={trans.__('Cancel preparing the environment')}
      >
        {trans.__('Cancel')}
      </button>
    </div>
  );
}
