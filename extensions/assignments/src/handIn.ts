import type { IAssignments } from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';

import { errorMessage, UserError } from './errors';
import type { ILearnerActions } from './learnerTypes';
import type { AssignmentsStore } from './store';

/**
 * Hand in the learner's assignment a path of her home belongs to (`IAssignments.handIn`,
 * used by the school mode's « Rendre mon travail »): the same hand-in as « Rendre » in
 * « Mes devoirs », found from the notebook instead of a row of the panel.
 */
export async function handInAt(
  path: string,
  store: () => AssignmentsStore,
  actions: ILearnerActions,
  trans: TranslationBundle
): Promise<IAssignments.IHandIn> {
  try {
    const found = store();
    // The lists may not be loaded yet (the panel was never shown), or be stale.
    await found.refresh();
    const at = found.learningAt(path);
    if (!at) {
      throw new UserError(
        trans.__(
          'This notebook is not in the folder of one of your assignments: nothing was handed in.'
        )
      );
    }
    const message = await actions.submit(at.assignment, false, () => undefined);
    // « Mes devoirs » shows the new hand-in.
    await found.refresh().catch(() => undefined);
    return { handedIn: true, message };
  } catch (reason) {
    return { handedIn: false, message: errorMessage(reason, trans) };
  }
}
