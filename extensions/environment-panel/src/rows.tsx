import type { TranslationBundle } from '@jupyterlab/translation';
import { closeIcon } from '@jupyterlab/ui-components';
import * as React from 'react';

import { IPackageRow, RowProblem, rowProblems } from './softwareList';

/**
 * The software list as a table: one row per package with its version constraint and a
 * button to remove it.
 */
export function PackageRows(props: {
  rows: readonly IPackageRow[];
  disabled: boolean;
  trans: TranslationBundle;
  onConstraint: (index: number, constraint: string) => void;
  onRemove: (index: number) => void;
  /** Where the focus goes when the last row is removed. */
  focusAfterLast: () => void;
}): JSX.Element {
  const { rows, disabled, trans } = props;
  const id = React.useId();
  const tableRef = React.useRef<HTMLTableElement>(null);
  const problems = rowProblems(rows);

  const remove = (index: number) => {
    props.onRemove(index);
    // The focus goes to the row that takes its place, or the one before.
    const next = rows.length - 1 > index ? index : index - 1;
    requestAnimationFrame(() => {
      const buttons =
        tableRef.current?.querySelectorAll<HTMLButtonElement>(
          'button.cdc-EnvRows-remove'
        ) ?? [];
      if (next >= 0 && buttons[next]) {
        buttons[next].focus();
      } else {
        props.focusAfterLast();
      }
    });
  };

  if (!rows.length) {
    return (
      <p className="cdc-EnvRows-empty">
        {trans.__(
          'No package yet: the notebook gets Python and its kernel only. Add the packages it imports.'
        )}
      </p>
    );
  }
  return (
    <table className="cdc-EnvRows" ref={tableRef}>
      <caption>{trans.__('Software list')}</caption>
      <thead>
        <tr>
          <th scope="col">{trans.__('Package')}</th>
          <th scope="col">{trans.__('Version')}</th>
          <th scope="col">
            <span className="cdc-EnvVisuallyHidden">{trans.__('Actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => {
          const problem = problems[index];
          const errorId = `${id}-error-${index}`;
          const constraintBad = problem === 'constraint-invalid';
          return (
            <tr key={`${index}-${row.name}`}>
              <th scope="row" className="cdc-EnvRows-name">
                <span className="cdc-EnvPackageName" title={row.name}>
                  {row.name}
                </span>
                {problem && !constraintBad && (
                  <span id={errorId} className="cdc-EnvRows-error">
                    {Private.problemText(problem, trans)}
                  </span>
                )}
              </th>
              <td>
                <input
                  type="text"
                  className="jp-mod-styled cdc-EnvRows-constraint"
                  aria-label={trans.__('Version of %1', row.name)}
                  aria-invalid={constraintBad}
                  aria-describedby={constraintBad ? errorId : undefined}
                  placeholder={trans.__('any')}
                  spellCheck={false}
                  autoComplete="off"
                  value={row.constraint}
                  disabled={disabled}
                  onChange={event =>
                    props.onConstraint(index, event.target.value)
                  }
                />
                {constraintBad && (
                  <span id={errorId} className="cdc-EnvRows-error">
                    {Private.problemText(problem, trans)}
                  </span>
                )}
              </td>
              <td>
                <button
                  type="button"
                  className="jp-mod-styled cdc-EnvRows-remove"
                  aria-label={trans.__('Remove %1', row.name)}
                  title={trans.__('Remove %1', row.name)}
                  disabled={disabled}
                  onClick={() => remove(index)}
                >
                  <closeIcon.react tag="span" elementSize="small" />
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

namespace Private {
  export function problemText(
    problem: RowProblem,
    trans: TranslationBundle
  ): string {
    switch (problem) {
      case 'name-empty':
        return trans.__('The name is empty.');
      case 'name-invalid':
        return trans.__('This is not a package name.');
      case 'name-duplicate':
        return trans.__('This package is already in the list.');
      case 'constraint-invalid':
        return trans.__(
          'Write a version constraint such as >=1.2, ==2.0 or >=1,<2, or leave it empty.'
        );
    }
  }
}
