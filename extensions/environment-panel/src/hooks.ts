import type { ISignal } from '@lumino/signaling';
import * as React from 'react';

/**
 * Render again whenever one of the signals is emitted (null ones are skipped).
 */
export function useSignals(
  ...signals: (ISignal<unknown, unknown> | null | undefined)[]
): void {
  const [, setTick] = React.useState(0);
  React.useEffect(() => {
    const bump = () => setTick(tick => tick + 1);
    const connected = signals.filter(
      (s): s is ISignal<unknown, unknown> => !!s
    );
    connected.forEach(signal => signal.connect(bump));
    return () => connected.forEach(signal => signal.disconnect(bump));
  }, signals);
}
