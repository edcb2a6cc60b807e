import * as fs from 'fs';
import * as path from 'path';

import { explainError, explainedErrors } from '../src/explain';
import { trans } from '@candyce/core/testing';

/**
 * Errors as a real ipykernel reported them (ename, evalue, traceback with its ANSI
 * colours), recorded from the snippets in each `code` by running them in the
 * repository's Python 3 kernel.
 */
const RECORDED: Record<
  string,
  { code: string; ename: string; evalue: string; traceback: string[] }
> = JSON.parse(
  fs.readFileSync(path.join(__dirname, 'tracebacks.json'), 'utf8')
);

/** Recorded error → what the pupil must read (English msgids, filled in). */
const EXPECTED: [string, string, RegExp][] = [
  [
    'NameError',
    'Python does not know the name « prenom ».',
    /^Have you run the cells above\?/
  ],
  [
    'NameErrorFunction',
    'Python does not know the name « affiche ».',
    /Have you run the cells above\?/
  ],
  [
    'SyntaxError',
    'Python reached the end of the cell before the end of your instruction.',
    /closing bracket, parenthesis or quote/
  ],
  [
    'SyntaxErrorColon',
    'A colon « : » is missing at the end of a line.',
    /Look at line 1 of the cell/
  ],
  [
    'IndentationError',
    'After a line ending with « : », the next lines must be shifted to the right.',
    /press Tab\. Look at line 2 of the cell/
  ],
  [
    'IndentationErrorUnexpected',
    'This line is shifted to the right, but nothing asks for it.',
    /Remove the spaces.*line 2/
  ],
  [
    'TypeErrorConcat',
    'You are trying to stick a text and a number together with +.',
    /str\(…\)/
  ],
  [
    'TypeErrorOperand',
    'This operation does not work with these kinds of values (a text and a number, for instance).',
    /type\(…\)/
  ],
  [
    'TypeErrorNotCallable',
    'You use a value as if it were a function, with parentheses after it.',
    /name of a function/
  ],
  [
    'TypeErrorArgs',
    'The function « carre » needs more values between its parentheses.',
    /how many values it takes/
  ],
  [
    'ZeroDivisionError',
    'You divide by zero, and that is impossible.',
    /after the \//
  ],
  [
    'IndexError',
    'You ask for a position that does not exist in the list.',
    /start at 0/
  ],
  ['KeyError', 'The key « Italie » is not in the dictionary.', /spelling/],
  [
    'ModuleNotFoundError',
    'The module « turtle_magique » is not installed for this notebook.',
    /ask your teacher/
  ],
  [
    'ValueError',
    'The text « douze » cannot be turned into a number.',
    /Only digits/
  ],
  [
    'AttributeError',
    'This value has no « majuscule ».',
    /after the dot|follows the dot/
  ]
];

describe('explainError', () => {
  it('has a recorded kernel error for every case', () => {
    expect(Object.keys(RECORDED).sort()).toEqual(
      EXPECTED.map(([name]) => name).sort()
    );
    for (const recorded of Object.values(RECORDED)) {
      // A real traceback: the kernel's colours and the error's name in its last line.
      expect(recorded.traceback.join('\n')).toContain('\u001b[');
      expect(recorded.traceback[recorded.traceback.length - 1]).toContain(
        recorded.ename
      );
    }
  });

  it.each(EXPECTED)('explains %s', (name, meaning, hint) => {
    const { ename, evalue } = RECORDED[name];
    const explanation = explainError({ ename, evalue }, trans);
    expect(explanation?.meaning).toBe(meaning);
    expect(explanation?.hint).toMatch(hint);
  });

  it('covers every error the issue names', () => {
    expect(explainedErrors()).toEqual(
      expect.arrayContaining([
        'NameError',
        'SyntaxError',
        'IndentationError',
        'TypeError',
        'ZeroDivisionError',
        'IndexError',
        'KeyError',
        'ModuleNotFoundError'
      ])
    );
  });

  it('says nothing of an error it does not know, rather than guess', () => {
    expect(
      explainError(
        { ename: 'RecursionError', evalue: 'maximum recursion depth exceeded' },
        trans
      )
    ).toBeNull();
    expect(
      explainError({ ename: 'MonErreur', evalue: 'perdu' }, trans)
    ).toBeNull();
  });

  it('falls back to the general explanation of a known name', () => {
    const explanation = explainError(
      { ename: 'TypeError', evalue: "object of type 'int' has no len()" },
      trans
    );
    expect(explanation?.meaning).toMatch(/does not work with these kinds/);
  });
});
