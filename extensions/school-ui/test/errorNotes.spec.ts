import { NotebookActions } from '@jupyterlab/notebook';
import { Signal } from '@lumino/signaling';
import { PanelLayout, Widget } from '@lumino/widgets';

import { ERROR_NOTE_CLASS, ErrorNotes } from '../src/errorNotes';
import { trans } from '@candyce/core/testing';

/**
 * A code cell as the notes see it: its outputs (nbformat JSON) in a list that signals
 * its changes, and a layout the note is added to.
 */
function fakeCell() {
  let outputs: Record<string, unknown>[] = [];
  const changed = new Signal<unknown, unknown>({});
  const cell = new Widget();
  cell.layout = new PanelLayout();
  (cell.layout as PanelLayout).addWidget(new Widget());
  Object.assign(cell, {
    model: {
      type: 'code',
      outputs: {
        get length() {
          return outputs.length;
        },
        get: (i: number) => ({ toJSON: () => outputs[i] }),
        changed
      }
    }
  });
  const setOutputs = (next: Record<string, unknown>[]) => {
    outputs = next;
    changed.emit(undefined);
  };
  return { cell, setOutputs };
}

const executed = NotebookActions.executed as unknown as Signal<
  unknown,
  { notebook: unknown; cell: unknown; success: boolean }
>;

const nameError = {
  output_type: 'error',
  ename: 'NameError',
  evalue: "name 'reponse' is not defined",
  traceback: ['…']
};

describe('ErrorNotes', () => {
  let on = true;
  let notes: ErrorNotes;
  beforeEach(() => {
    on = true;
    notes = new ErrorNotes(trans, () => on);
  });
  afterEach(() => notes.dispose());

  const noteOf = (cell: Widget) =>
    cell.node.querySelector(`.${ERROR_NOTE_CLASS}`);

  it('explains the error of an executed cell under its outputs, and follows them', () => {
    const { cell, setOutputs } = fakeCell();
    setOutputs([nameError]);
    executed.emit({ notebook: {}, cell, success: false });
    const note = noteOf(cell);
    expect(note?.getAttribute('role')).toBe('note');
    expect(note?.textContent).toContain('What this error means');
    expect(note?.textContent).toContain(
      'Python does not know the name « reponse ».'
    );
    expect(note?.textContent).toContain('Have you run the cells above?');
    // The note comes after the cell's other parts (its outputs).
    expect(cell.node.lastElementChild).toBe(note);

    // Run again: cleared with the outputs, back with a new error, gone on success.
    setOutputs([]);
    expect(noteOf(cell)).toBeNull();
    setOutputs([
      {
        output_type: 'error',
        ename: 'ZeroDivisionError',
        evalue: 'division by zero',
        traceback: []
      }
    ]);
    expect(noteOf(cell)?.textContent).toContain('You divide by zero');
    expect(cell.node.querySelectorAll(`.${ERROR_NOTE_CLASS}`)).toHaveLength(1);
    setOutputs([
      { output_type: 'stream', name: 'stdout', text: '7 x 8 = 56\n' }
    ]);
    expect(noteOf(cell)).toBeNull();
  });

  it('adds nothing for an unknown error, or when school mode is off', () => {
    const { cell, setOutputs } = fakeCell();
    setOutputs([
      { output_type: 'error', ename: 'MonErreur', evalue: '', traceback: [] }
    ]);
    executed.emit({ notebook: {}, cell, success: false });
    expect(noteOf(cell)).toBeNull();

    on = false;
    const other = fakeCell();
    other.setOutputs([nameError]);
    executed.emit({ notebook: {}, cell: other.cell, success: false });
    expect(noteOf(other.cell)).toBeNull();
  });

  it('removes every note when school mode turns off', () => {
    const { cell, setOutputs } = fakeCell();
    setOutputs([nameError]);
    executed.emit({ notebook: {}, cell, success: false });
    expect(noteOf(cell)).not.toBeNull();
    on = false;
    notes.clear();
    expect(noteOf(cell)).toBeNull();
  });
});
