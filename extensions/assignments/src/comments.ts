import type { NotebookPanel } from '@jupyterlab/notebook';
import { PanelLayout, Widget } from '@lumino/widgets';

import type { ICellComment } from './api';

/**
 * The class of the comment boxes shown under cells.
 */
export const COMMENT_CLASS = 'cdc-CellComment';

/**
 * A read-only box under a cell with a teacher's comment, as plain text.
 */
export class CellCommentBox extends Widget {
  constructor(label: string, comment: string) {
    super();
    fillCommentNode(this.node, label, comment);
  }
}

/**
 * Make a node the box of a teacher's comment, as plain text (also used outside
 * notebooks, under the cells of a pupil's work read by the teacher).
 */
export function fillCommentNode(
  node: HTMLElement,
  label: string,
  comment: string
): HTMLElement {
  const doc = node.ownerDocument;
  node.classList.add(COMMENT_CLASS);
  // A note, not a landmark: there is one under each commented cell.
  node.setAttribute('role', 'note');
  node.setAttribute('aria-label', label);
  const title = doc.createElement('p');
  title.className = 'cdc-CellComment-label';
  title.textContent = label;
  const text = doc.createElement('p');
  text.className = 'cdc-CellComment-text';
  // Text only: a comment is never read as HTML.
  text.textContent = comment;
  node.append(title, text);
  return node;
}

/**
 * The comments of one notebook, found by its path relative to the assignment folder.
 */
export function commentsFor(
  comments: readonly ICellComment[],
  relativePath: string
): ICellComment[] {
  return comments.filter(
    c => c.path === relativePath && c.comment.trim() !== ''
  );
}

/**
 * Show comments under the cells whose ids they name, replacing those shown before.
 *
 * The box goes into the cell's own layout, after its input and outputs: it moves,
 * hides and scrolls with the cell, and leaves the notebook's content untouched.
 */
export function showCellComments(
  panel: NotebookPanel,
  comments: readonly ICellComment[],
  label: string
): void {
  const byCell = new Map<string, string>();
  for (const c of comments) {
    byCell.set(c.cellId, c.comment);
  }
  for (const cell of panel.content.widgets) {
    const layout = cell.layout as PanelLayout | null;
    if (!layout) {
      continue;
    }
    for (const widget of [...layout.widgets]) {
      if (widget instanceof CellCommentBox) {
        widget.dispose();
      }
    }
    const comment = byCell.get(cell.model.id);
    if (comment) {
      layout.addWidget(new CellCommentBox(label, comment));
    }
  }
}

/**
 * Keep comments shown while a notebook's cells change (cells added or moved get their
 * box back); returns a function that stops.
 */
export function followCellComments(
  panel: NotebookPanel,
  comments: () => readonly ICellComment[],
  label: string
): () => void {
  let timer = 0;
  const apply = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      if (!panel.isDisposed) {
        showCellComments(panel, comments(), label);
      }
    }, 50);
  };
  apply();
  const cells = panel.content.model?.cells;
  cells?.changed.connect(apply);
  return () => {
    window.clearTimeout(timer);
    cells?.changed.disconnect(apply);
  };
}
