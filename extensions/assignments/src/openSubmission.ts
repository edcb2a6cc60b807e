import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { IDocumentManager } from '@jupyterlab/docmanager';
import { NotebookPanel } from '@jupyterlab/notebook';
import type { Contents } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { Widget } from '@lumino/widgets';

import type { IPerson, ITeachingAssignment } from './api';
import { firstNotebook, joinPath, writeFiles } from './files';
import { ORIGINAL_FOLDER, type AssignmentsStore } from './store';

/**
 * What opening a pupil's work needs.
 */
export interface IOpenSubmissionOptions {
  /**
   * The store.
   *
   * @throws {UserError} without the platform.
   */
  store: () => AssignmentsStore;
  contents: Contents.IManager;
  docManager: IDocumentManager | null;
  shell: Pick<JupyterFrontEnd.IShell, 'activateById'>;
  trans: TranslationBundle;
}

/**
 * Open a pupil's latest hand-in, read-only, beside the original handed out: both are
 * written in the teacher's Corrections/ folder of the assignment, and the teacher's
 * draft feedback is loaded for the comments under the cells.
 *
 * @returns the sentence to announce.
 */
export async function openSubmission(
  options: IOpenSubmissionOptions,
  assignment: ITeachingAssignment,
  learner: IPerson
): Promise<string> {
  const { contents, docManager, shell, trans } = options;
  const s = options.store();
  const [latest, original] = await Promise.all([
    s.api.latestSubmission(assignment.id, learner.name),
    s.api.original(assignment.id)
  ]);
  await s.draft(assignment.id, learner.name);
  const folder = s.correctionsFolder(assignment);
  const mine = joinPath(folder, learner.name);
  const theirs = joinPath(folder, ORIGINAL_FOLDER);
  // These folders mirror the hub: written again at each opening.
  await writeFiles(contents, theirs, original);
  await writeFiles(contents, mine, latest.files);
  const notebook = firstNotebook(latest.files.map(f => f.path));
  if (notebook && docManager) {
    const noKernel = { shouldStart: false, canStart: false };
    const opened = docManager.openOrReveal(
      joinPath(mine, notebook),
      'default',
      undefined,
      undefined,
      noKernel
    );
    if (opened) {
      Private.makeReadOnly(opened);
      if (original.some(f => f.path === notebook)) {
        const beside = docManager.openOrReveal(
          joinPath(theirs, notebook),
          'default',
          undefined,
          { mode: 'split-right', ref: opened.id },
          noKernel
        );
        if (beside) {
          Private.makeReadOnly(beside);
        }
        shell.activateById(opened.id);
      }
    }
  }
  return trans.__(
    'Work of %1 (version %2) opened from %3, beside the original.',
    learner.displayName,
    latest.submission.version,
    mine
  );
}

namespace Private {
  /**
   * A pupil's work is read, not edited: its cells cannot be changed.
   */
  export function makeReadOnly(widget: Widget): void {
    if (!(widget instanceof NotebookPanel)) {
      return;
    }
    void widget.context.ready.then(() => {
      widget.context.model.readOnly = true;
      for (const cell of widget.content.widgets) {
        cell.readOnly = true;
      }
      widget.addClass('cdc-mod-readOnly');
    });
  }
}
