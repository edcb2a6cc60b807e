import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { useSignals } from './hooks';
import type { Operation } from './operation';

/** The engine's steps, in order, for « step 2 of 4 ». */
const STEPS = ['resolve', 'venv', 'install', 'compile', 'store'] as const;

/**
 * What is happening, in a teacher's words: the step, how many there are, what it does.
 */
export function stepText(
  operation: Pick<Operation, 'phase' | 'kind'>,
  trans: TranslationBundle
): string {
  const phase = operation.phase;
  if (phase === 'done') {
    return trans.__('Ready.');
  }
  if (phase === null) {
    return operation.kind === 'resolve'
      ? trans.__('Looking for versions of the software that work together…')
      : trans.__('Getting the notebook’s software ready…');
  }
  const what = {
    resolve: trans.__(
      'looking for versions of the software that work together'
    ),
    venv: trans.__('making room for the environment'),
    install: trans.__('installing the software'),
    compile: trans.__('preparing the software so that it starts quickly'),
    store: trans.__('putting the environment away, nearly ready')
  }[phase];
  // A resolution has one step; a build the four others.
  const steps = phase === 'resolve' ? ['resolve'] : STEPS.slice(1);
  return trans.__(
    'Step %1 of %2: %3…',
    steps.indexOf(phase) + 1,
    steps.length,
    what
  );
}

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
  const rootRef = React.useRef<HTMLDivElement>(null);

  // Where the teacher is looking: the panel may be scrolled down to « Épingler »;
  // back to its top, where the progress is, under the panel's title.
  React.useEffect(() => {
    const root = rootRef.current;
    const top = root?.closest('.cdc-Environment-body') ?? root;
    top?.scrollIntoView?.({ block: 'start' });
  }, [operation]);
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
    <div className="cdc-EnvProgress" ref={rootRef}>
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
      <p className="cdc-EnvProgress-step" aria-live="polite">
        {operation.cancelled
          ? trans.__('Cancelling…')
          : stepText(operation, trans)}
      </p>
      <p id={`${id}-message`} className="cdc-EnvProgress-message">
        {operation.message || trans.__('Waiting for the platform…')}
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
