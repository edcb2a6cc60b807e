import type { TranslationBundle } from '@jupyterlab/translation';

/**
 * What a kernel says of an error (an nbformat `error` output's `ename` and `evalue`).
 */
export interface IPythonError {
  ename: string;
  evalue: string;
}

/**
 * A friendly explanation of a Python error, for a pupil: what it means, then what to
 * try, in « tu ».
 */
export interface IExplanation {
  /**
   * What the error means, in the pupil's words.
   */
  meaning: string;
  /**
   * What to check or try.
   */
  hint: string;
}

/**
 * Explain a common Python error to a pupil (primary school and collège), or `null` for
 * an error the table does not know: no guess is better than a wrong one.
 *
 * The kernel's message (`evalue`) picks the explanation when one error name covers
 * several mistakes (a `TypeError` may be text + number, or a missing argument).
 */
export function explainError(
  error: IPythonError,
  trans: TranslationBundle
): IExplanation | null {
  const explain = Private.TABLE[error.ename];
  return explain ? explain(error.evalue, trans) : null;
}

/**
 * The error names {@link explainError} knows.
 */
export function explainedErrors(): string[] {
  return Object.keys(Private.TABLE);
}

namespace Private {
  type Explain = (evalue: string, trans: TranslationBundle) => IExplanation;

  /** The first quoted name of a message: `name 'x' is not defined` → `x`. */
  export function quoted(evalue: string): string {
    return /'([^']*)'/.exec(evalue)?.[1] ?? evalue;
  }

  /** The cell's line a syntax error points at: `(…py, line 2)` → `2`. */
  function lineOf(evalue: string): string | null {
    return /line (\d+)\)\s*$/.exec(evalue)?.[1] ?? null;
  }

  function whereSyntax(evalue: string, trans: TranslationBundle): string {
    const line = lineOf(evalue);
    return line
      ? trans.__('Look at line %1 of the cell, where the arrow ^ points.', line)
      : trans.__('Look at the line the arrow ^ points at.');
  }

  const nameError: Explain = (evalue, trans) => ({
    meaning: trans.__('Python does not know the name « %1 ».', quoted(evalue)),
    hint: trans.__(
      'Have you run the cells above? Check its spelling too: capital letters and accents count.'
    )
  });

  const syntaxError: Explain = (evalue, trans) => {
    if (evalue.startsWith('incomplete input')) {
      return {
        meaning: trans.__(
          'Python reached the end of the cell before the end of your instruction.'
        ),
        hint: trans.__(
          'A closing bracket, parenthesis or quote is probably missing.'
        )
      };
    }
    if (evalue.startsWith("expected ':'")) {
      return {
        meaning: trans.__('A colon « : » is missing at the end of a line.'),
        hint: trans.__(
          'Lines starting with if, else, for, while or def end with « : ». %1',
          whereSyntax(evalue, trans)
        )
      };
    }
    return {
      meaning: trans.__(
        'Python cannot read this code: it is not written the way Python expects.'
      ),
      hint: trans.__(
        'A parenthesis, a quote or a colon may be missing or extra. %1',
        whereSyntax(evalue, trans)
      )
    };
  };

  const indentationError: Explain = (evalue, trans) => {
    if (evalue.startsWith('expected an indented block')) {
      return {
        meaning: trans.__(
          'After a line ending with « : », the next lines must be shifted to the right.'
        ),
        hint: trans.__(
          'Put the cursor at the start of those lines and press Tab. %1',
          whereSyntax(evalue, trans)
        )
      };
    }
    if (evalue.startsWith('unexpected indent')) {
      return {
        meaning: trans.__(
          'This line is shifted to the right, but nothing asks for it.'
        ),
        hint: trans.__(
          'Remove the spaces at the start of the line. %1',
          whereSyntax(evalue, trans)
        )
      };
    }
    return {
      meaning: trans.__('The lines of this block are not shifted alike.'),
      hint: trans.__(
        'Line them up with the same number of spaces. %1',
        whereSyntax(evalue, trans)
      )
    };
  };

  const typeError: Explain = (evalue, trans) => {
    if (/^can only concatenate str/.test(evalue)) {
      return {
        meaning: trans.__(
          'You are trying to stick a text and a number together with +.'
        ),
        hint: trans.__(
          'Turn the number into text with str(…), or separate them with a comma in print(…).'
        )
      };
    }
    if (/is not callable$/.test(evalue)) {
      return {
        meaning: trans.__(
          'You use a value as if it were a function, with parentheses after it.'
        ),
        hint: trans.__(
          'Did you give a variable the name of a function? Or is a sign (such as *) missing before the parenthesis?'
        )
      };
    }
    if (/missing \d+ required positional argument/.test(evalue)) {
      return {
        meaning: trans.__(
          'The function « %1 » needs more values between its parentheses.',
          evalue.split('(')[0]
        ),
        hint: trans.__(
          'Look at how the function is defined (def) to see how many values it takes.'
        )
      };
    }
    if (
      /takes \d+ positional arguments? but \d+ (was|were) given/.test(evalue)
    ) {
      return {
        meaning: trans.__(
          'You give the function « %1 » more values than it takes.',
          evalue.split('(')[0]
        ),
        hint: trans.__(
          'Look at how the function is defined (def) to see how many values it takes.'
        )
      };
    }
    return {
      meaning: trans.__(
        'This operation does not work with these kinds of values (a text and a number, for instance).'
      ),
      hint: trans.__(
        'Check what your variables hold: print(type(…)) tells you the kind of a value.'
      )
    };
  };

  const zeroDivisionError: Explain = (_evalue, trans) => ({
    meaning: trans.__('You divide by zero, and that is impossible.'),
    hint: trans.__(
      'Check the value of the number after the / : is it 0 at that moment?'
    )
  });

  const indexError: Explain = (_evalue, trans) => ({
    meaning: trans.__(
      'You ask for a position that does not exist in the list.'
    ),
    hint: trans.__(
      'Positions start at 0: a list of 3 elements goes from 0 to 2. len(…) gives its length.'
    )
  });

  const keyError: Explain = (evalue, trans) => ({
    meaning: trans.__(
      'The key « %1 » is not in the dictionary.',
      quoted(evalue)
    ),
    hint: trans.__('Check its spelling, or add it to the dictionary first.')
  });

  const moduleNotFoundError: Explain = (evalue, trans) => ({
    meaning: trans.__(
      'The module « %1 » is not installed for this notebook.',
      quoted(evalue)
    ),
    hint: trans.__('Check its name, or ask your teacher.')
  });

  const valueError: Explain = (evalue, trans) =>
    evalue.startsWith('invalid literal for int()') ||
    evalue.startsWith('could not convert string to float')
      ? {
          meaning: trans.__(
            'The text « %1 » cannot be turned into a number.',
            quoted(evalue.slice(evalue.indexOf(':')))
          ),
          hint: trans.__(
            'Only digits can be turned into a number: check what was typed.'
          )
        }
      : {
          meaning: trans.__('The value is not one this function accepts.'),
          hint: trans.__('Check the value you give it.')
        };

  const attributeError: Explain = (evalue, trans) => ({
    meaning: trans.__(
      'This value has no « %1 ».',
      /attribute '([^']*)'/.exec(evalue)?.[1] ?? evalue
    ),
    hint: trans.__(
      'Check the spelling of what follows the dot, and the kind of value before it.'
    )
  });

  const unboundLocalError: Explain = (evalue, trans) => ({
    meaning: trans.__(
      'The variable « %1 » is used in the function before it gets a value.',
      quoted(evalue)
    ),
    hint: trans.__(
      'Give it a value at the start of the function, or pass it between the parentheses.'
    )
  });

  /** Error name → explanation. */
  export const TABLE: Readonly<Record<string, Explain>> = {
    NameError: nameError,
    SyntaxError: syntaxError,
    IndentationError: indentationError,
    TabError: indentationError,
    TypeError: typeError,
    ZeroDivisionError: zeroDivisionError,
    IndexError: indexError,
    KeyError: keyError,
    ModuleNotFoundError: moduleNotFoundError,
    ValueError: valueError,
    AttributeError: attributeError,
    UnboundLocalError: unboundLocalError
  };
}
