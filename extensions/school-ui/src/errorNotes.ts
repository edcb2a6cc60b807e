import type { Cell, CodeCell } from '@jupyterlab/cells';
import type * as nbformat from '@jupyterlab/nbformat';
import { NotebookActions } from '@jupyterlab/notebook';
import type { Notebook } from '@jupyterlab/notebook';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { PanelLayout } from '@lumino/widgets';
import { Widget } from '@lumino/widgets';

import { explainError, IPythonError } from './explain';

/**
 * The class of the note under an error output.
 */
export const ERROR_NOTE_CLASS = 'cdc-ErrorNote';

/**
 * Friendly notes under the errors of executed cells: when a cell has run, its outputs
 * are read and, under an error output Python's table knows, a note explains it in
 * « tu ». The note follows the outputs (cleared with them, replaced when the cell runs
 * again) and is never written into the notebook: only what the pupil sees changes.
 */
export class ErrorNotes {
  constructor(
    private readonly _trans: TranslationBundle,
    private readonly _isOn: () => boolean
  ) {
    NotebookActions.executed.connect(this._onExecuted, this);
  }

  /**
   * Remove every note (school mode turned off).
   */
  clear(): void {
    for (const cell of [...this._notes.keys()]) {
      this._setNote(cell, null);
    }
  }

  /**
   * Add, replace or remove the note of a code cell from its current outputs.
   */
  refresh(cell: CodeCell): void {
    const trans = this._trans;
    const error = this._isOn() ? Private.firstError(cell) : null;
    const explanation = error ? explainError(error, trans) : null;
    this._setNote(
      cell,
      explanation
        ? Private.noteNode(
            trans.__('What this error means'),
            explanation.meaning,
            explanation.hint
          )
        : null
    );
  }

  dispose(): void {
    NotebookActions.executed.disconnect(this._onExecuted, this);
    this.clear();
  }

  private _onExecuted(
    _: unknown,
    args: { notebook: Notebook; cell: Cell }
  ): void {
    const cell = args.cell;
    if (cell.model.type !== 'code' || !this._isOn()) {
      return;
    }
    const code = cell as CodeCell;
    if (!this._watched.has(code)) {
      // From now on, the note follows the outputs: cleared, it goes with them.
      this._watched.add(code);
      code.model.outputs.changed.connect(() => this.refresh(code));
      code.disposed.connect(() => {
        this._watched.delete(code);
        this._notes.delete(code);
      });
    }
    this.refresh(code);
  }

  private _setNote(cell: CodeCell, node: HTMLElement | null): void {
    const old = this._notes.get(cell);
    if (old && node && old.node.textContent === node.textContent) {
      return;
    }
    old?.dispose();
    this._notes.delete(cell);
    if (node && !cell.isDisposed) {
      const note = new Widget({ node });
      (cell.layout as PanelLayout).addWidget(note);
      this._notes.set(cell, note);
    }
  }

  private _notes = new Map<CodeCell, Widget>();
  private _watched = new WeakSet<CodeCell>();
}

namespace Private {
  /**
   * The first error output of a cell.
   */
  export function firstError(cell: CodeCell): IPythonError | null {
    const outputs = cell.model.outputs;
    for (let i = 0; i < outputs.length; i++) {
      const output = outputs.get(i).toJSON();
      if (output.output_type === 'error') {
        const error = output as nbformat.IError;
        return { ename: error.ename, evalue: error.evalue };
      }
    }
    return null;
  }

  /**
   * The note: a titled, polite region read after the traceback.
   */
  export function noteNode(
    title: string,
    meaning: string,
    hint: string
  ): HTMLElement {
    const node = document.createElement('div');
    node.className = ERROR_NOTE_CLASS;
    node.setAttribute('role', 'note');
    node.setAttribute('aria-label', title);
    const heading = document.createElement('p');
    heading.className = `${ERROR_NOTE_CLASS}-title`;
    heading.textContent = title;
    const what = document.createElement('p');
    what.textContent = meaning;
    const tip = document.createElement('p');
    tip.textContent = hint;
    node.append(heading, what, tip);
    return node;
  }
}
