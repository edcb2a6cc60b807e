import type { NotebookPanel } from '@jupyterlab/notebook';
import { Token } from '@lumino/coreutils';
import type { ISignal } from '@lumino/signaling';

import type { Operation } from './operation';

/**
 * The environment preparer token.
 */
export const IEnvironmentPreparer = new Token<IEnvironmentPreparer>(
  '@candyce/environment-panel:IEnvironmentPreparer',
  'Gets the environment of each opened notebook ready: builds it when the server lacks its kernel, then starts the notebook on it.'
);

/**
 * What other plugins see of the preparation of notebooks' environments.
 */
export interface IEnvironmentPreparer {
  /**
   * Emitted with the notebook whose preparation starts, progresses or ends.
   */
  readonly changed: ISignal<IEnvironmentPreparer, NotebookPanel>;
  /**
   * The preparation running for a notebook (its progress and « Annuler »), if any.
   */
  operationOf(panel: NotebookPanel): Operation | null;
}
