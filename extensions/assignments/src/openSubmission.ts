import type { MarkdownRenderer } from '@candyce/core';
import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { TranslationBundle } from '@jupyterlab/translation';

import type { IPerson, ITeachingAssignment } from './api';
import { ReviewView } from './reviewView';
import type { AssignmentsStore } from './store';

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
  shell: Pick<JupyterFrontEnd.IShell, 'add' | 'activateById'>;
  renderMarkdown: MarkdownRenderer;
  trans: TranslationBundle;
}

/**
 * Open a pupil's latest hand-in, read-only, beside the files handed out, and load the
 * teacher's draft feedback for the comments under the cells.
 *
 * With the id of the assignment's follow-up (`beside`), both open under it, the work on
 * the left and the original on its right, so that the table and the feedback form stay
 * in sight; the work of another pupil of the same assignment takes the place of the
 * last one opened (as a tab beside it).
 *
 * Both are shown from the hub's data in {@link ReviewView}s: nothing is written to the
 * teacher's home and nothing runs, so no file of the pupil's (a `numpy.py` beside the
 * notebook) can ever be imported by a kernel of the teacher's.
 *
 * @returns the sentence to announce.
 */
export async function openSubmission(
  options: IOpenSubmissionOptions,
  assignment: ITeachingAssignment,
  learner: IPerson,
  beside?: string
): Promise<string> {
  const { shell, renderMarkdown, trans } = options;
  const s = options.store();
  const [latest, original] = await Promise.all([
    s.api.latestSubmission(assignment.id, learner.name),
    s.api.original(assignment.id)
  ]);
  await s.draft(assignment.id, learner.name);
  const version = latest.submission.version;
  const work = new ReviewView({
    heading: trans.__('Work of %1 (version %2)', learner.displayName, version),
    files: latest.files,
    review: { assignmentId: assignment.id, learner: learner.name },
    renderMarkdown,
    trans
  });
  work.id = Private.id(assignment.id, learner.name);
  work.title.label = trans.__('Work of %1', learner.displayName);
  work.title.caption = trans.__(
    'Work of %1 (version %2), read-only',
    learner.displayName,
    version
  );
  work.title.closable = true;
  const comments = () =>
    work.showComments(
      s.loadedDraft(assignment.id, learner.name)?.cells ?? [],
      trans.__('Your comment to the pupil')
    );
  s.changed.connect(comments);
  work.disposed.connect(() => s.changed.disconnect(comments));
  void work.ready.then(comments);

  const handedOut = new ReviewView({
    heading: trans.__('Handed out: %1', assignment.title),
    files: original,
    renderMarkdown,
    trans
  });
  handedOut.id = Private.id(assignment.id, '');
  handedOut.title.label = trans.__('Handed out: %1', assignment.title);
  handedOut.title.closable = true;

  const lastWork = Private.lastWork(assignment.id, work.id);
  // Opened again, the views show the hub's latest: the former ones go.
  for (const view of [work, handedOut]) {
    Private.opened.get(view.id)?.dispose();
    Private.opened.set(view.id, view);
    view.disposed.connect(() => {
      if (Private.opened.get(view.id) === view) {
        Private.opened.delete(view.id);
      }
    });
  }
  shell.add(
    work,
    'main',
    lastWork
      ? { mode: 'tab-after', ref: lastWork }
      : beside
        ? { mode: 'split-bottom', ref: beside }
        : undefined
  );
  shell.add(handedOut, 'main', { mode: 'split-right', ref: work.id });
  shell.activateById(work.id);
  return trans.__(
    'Work of %1 (version %2) opened read-only, beside the original: nothing of it runs, nothing is written to your files.',
    learner.displayName,
    version
  );
}

namespace Private {
  /** The views open, by id. */
  export const opened = new Map<string, ReviewView>();

  /**
   * The id of the pupil's work of this assignment opened last, other than `except`,
   * if one is still open.
   */
  export function lastWork(
    assignmentId: string,
    except: string
  ): string | undefined {
    return Array.from(opened.values())
      .reverse()
      .find(
        view => view.review?.assignmentId === assignmentId && view.id !== except
      )?.id;
  }

  /** A view's DOM id: the assignment and the learner (empty for the original). */
  export function id(assignmentId: string, learner: string): string {
    // One character for another: two learners never share an id.
    const safe = (text: string) =>
      Array.from(text)
        .map(c => (/[A-Za-z0-9-]/.test(c) ? c : `_${c.codePointAt(0)}_`))
        .join('');
    return `cdc-review-${safe(assignmentId)}-${learner ? safe(learner) : 'original'}`;
  }
}
