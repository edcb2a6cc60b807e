import type { ICandyceSession } from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';

import { askConflict } from './dialogs';
import { UserError } from './errors';
import { formatDate } from './labels';
import type { ILearnerActions } from './learnerTypes';
import type { AssignmentsStore } from './store';
import { SubmissionSender } from './submit';
import { LearnerWork } from './work';

/**
 * What the learner's actions need.
 */
export interface ILearnerActionsOptions extends Omit<
  LearnerWork.IOptions,
  'api' | 'askConflict'
> {
  session: ICandyceSession;
  trans: TranslationBundle;
  /**
   * The store.
   *
   * @throws {UserError} without the platform.
   */
  store: () => AssignmentsStore;
}

/**
 * What « Mes devoirs » does: join with a code, fetch and open an assignment, hand it
 * in (or send again a hand-in that failed on the network).
 */
export function learnerActions(
  options: ILearnerActionsOptions
): ILearnerActions {
  const { session, trans, contents, docManager, notebooks } = options;
  const needStore = options.store;
  const work = (s: AssignmentsStore) =>
    new LearnerWork({
      api: s.api,
      contents,
      docManager,
      notebooks,
      askConflict: paths => askConflict(paths, trans)
    });
  const sender = new SubmissionSender({
    send: (id, requestId, files) => needStore().api.submit(id, requestId, files)
  });
  return {
    join: async code => {
      const joined = await needStore().api.join(code);
      return trans.__('« %1 » added to your assignments.', joined.title);
    },
    fetch: async assignment => {
      const fetched = await work(needStore()).fetch(assignment);
      if (!fetched) {
        return trans.__('Nothing was written: your files are unchanged.');
      }
      if (fetched.notebook) {
        work(needStore()).openPath(fetched.notebook);
      }
      return trans.__('Assignment fetched into %1.', fetched.folder);
    },
    open: async assignment => {
      const opened = await work(needStore()).open(assignment);
      if (!opened) {
        throw new UserError(
          trans.__(
            'No notebook in %1: get the assignment again.',
            assignment.folder
          )
        );
      }
      return trans.__('%1 opened.', opened);
    },
    submit: async (assignment, retry, onProgress) => {
      let submission;
      let leftOut: string[] = [];
      if (retry) {
        onProgress(trans.__('Sending your work again…'));
        submission = await sender.retry(assignment.id);
      } else {
        const read = await work(needStore()).read(assignment, (done, total) =>
          onProgress(trans.__('Reading your files: %1 of %2…', done, total))
        );
        const files = read.files;
        leftOut = read.leftOut;
        if (!files.length) {
          throw new UserError(
            trans.__(
              'The folder %1 is empty: nothing to hand in.',
              assignment.folder
            )
          );
        }
        onProgress(
          trans._n('Sending %1 file…', 'Sending %1 files…', files.length)
        );
        submission = await sender.submit(assignment.id, files);
      }
      const handedIn = trans.__(
        'Handed in on %1 (version %2).',
        formatDate(submission.submittedAt, session.locale),
        submission.version
      );
      return leftOut.length
        ? trans.__(
            '%1 Not handed in, as the assignment does not take them: %2.',
            handedIn,
            leftOut.join(', ')
          )
        : handedIn;
    },
    canRetry: assignment => sender.hasPending(assignment.id)
  };
}
