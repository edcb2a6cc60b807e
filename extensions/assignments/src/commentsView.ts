import type { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import type { TranslationBundle } from '@jupyterlab/translation';

import type { ICellComment } from './api';
import { commentsFor, followCellComments, showCellComments } from './comments';
import type { AssignmentsStore } from './store';

/**
 * Shows teachers' comments under the cells of open notebooks: the returned ones to the
 * pupil. (The teacher reads a pupil's work in a ReviewView, never as a notebook of
 * their own: it shows the draft comments itself.)
 */
export class CommentsView {
  constructor(
    private _notebooks: INotebookTracker | null,
    private _store: () => AssignmentsStore | null,
    private _trans: TranslationBundle
  ) {
    _notebooks?.widgetAdded.connect((_sender, panel) => {
      void panel.context.ready.then(() => this.refresh(panel));
      panel.disposed.connect(() => {
        this._stops.get(panel)?.();
        this._stops.delete(panel);
      });
    });
  }

  /** Show again the comments of every open notebook. */
  refreshAll(): void {
    this._notebooks?.forEach(panel => void this.refresh(panel));
  }

  /** Show the comments of a notebook (none when it is no assignment's). */
  async refresh(panel: NotebookPanel): Promise<void> {
    const store = this._store();
    if (!store || panel.isDisposed) {
      return;
    }
    const trans = this._trans;
    try {
      if (!store.loaded) {
        await store.refresh();
      }
      const path = panel.context.path;
      let shown: ICellComment[] = [];
      const learning = store.learningAt(path);
      if (learning && learning.assignment.state === 'returned') {
        const feedback = await store.myFeedback(learning.assignment.id);
        shown = commentsFor(feedback?.cells ?? [], learning.relative);
      }
      const label = trans.__('Teacher’s comment');
      this._stops.get(panel)?.();
      this._stops.delete(panel);
      if (shown.length) {
        this._stops.set(
          panel,
          followCellComments(panel, () => shown, label)
        );
      } else {
        showCellComments(panel, [], label);
      }
    } catch (reason) {
      console.warn('Candyce assignments: comments not shown', reason);
    }
  }

  private _stops = new Map<NotebookPanel, () => void>();
}
