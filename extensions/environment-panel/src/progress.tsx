import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { useSignals } from './hooks';
import type { Operation } from './operation';

/**
 * A resolution or a build as it runs: a progress bar, the hub's last sentence, the
 * tools' log (folded, as on Binder) and « Annuler ».
 */
export function OperationProgress(props: {
  operation: Operation;
  /** What the bar measures (« Résolution de la liste »). */
  label: string;
  trans: TranslationBundle;
}): JSX.Element {
  const { operation, label, trans } = props;
  useSignals(operation.changed);
  const id = React.useId();
  const logRef = React.useRef<HTMLPreElement>(null);
  const [logOpen, setLogOpen] = React.useState(false);
  const percent = operation.percent;
  const lines = operation.log;

  // The newest lines stay in view while the log is open.
  React.useEffect(() => {
    const log = logRef.current;
    if (log && logOpen) {
      log.scrollTop = log.scrollHeight;
    }
  }, [lines.length, logOpen]);

  return (
    <div className="cdc-EnvProgress">
      <div
        className={
          percent === null
            ? 'cdc-EnvProgress-bar cdc-mod-indeterminate'
            : 'cdc-EnvProgress-bar'
        }
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={
          percent === null
            ? operation.message || undefined
            : trans.__('%1 % — %2', percent, operation.message)
        }
        aria-describedby={`${id}-message`}
      >
        <div
          className="cdc-EnvProgress-fill"
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
      <p id={`${id}-message`} className="cdc-EnvProgress-message">
        {operation.cancelled
          ? trans.__('Cancelling…')
          : operation.message || trans.__('Waiting for the platform…')}
      </p>
      <details
        className="cdc-EnvProgress-log"
        open={logOpen}
        onToggle={event =>
          setLogOpen((event.target as HTMLDetailsElement).open)
        }
      >
        <summary>
          {trans._n('Log (%1 line)', 'Log (%1 lines)', lines.length)}
        </summary>
        <pre
          ref={logRef}
          tabIndex={0}
          aria-label={trans.__('Log of the tools')}
        >
          {lines.join('\n')}
        </pre>
      </details>
      <button
        type="button"
        className="jp-mod-styled jp-mod-reject"
        onClick={() => operation.cancel()}
        disabled={operation.cancelled}
      >
        {trans.__('Cancel')}
      </button>
    </div>
  );
}
