import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { errorMessage } from './errors';
import type { AssignmentsStore } from './store';

/**
 * Render again at every change of the store, and load it once if nobody has yet; a
 * failed load is given to `onError` in the user's language.
 */
export function useStore(
  store: AssignmentsStore,
  trans: TranslationBundle,
  onError: (message: string) => void
): void {
  const [, setTick] = React.useState(0);
  React.useEffect(() => {
    const changed = () => setTick(t => t + 1);
    store.changed.connect(changed);
    if (!store.loaded) {
      store.refresh().catch(reason => onError(errorMessage(reason, trans)));
    }
    return () => {
      store.changed.disconnect(changed);
    };
  }, [store]);
}
