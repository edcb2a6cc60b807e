import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { IPerson, IProgressRow } from './api';
import {
  autogradeText,
  formatShortDate,
  gradeText,
  stateLabel
} from './labels';
import {
  feedbackStatus,
  sortRows,
  type IProgressSort,
  type ProgressSortKey
} from './progress';

/**
 * What a row's buttons do.
 */
export interface IRowActions {
  open(learner: IPerson): void;
  mark(learner: IPerson): void;
  giveBack(learner: IPerson): void;
}

/**
 * The pupils of an assignment, one row each: state, last activity, hand-in, grade,
 * feedback and the actions on their work. Sortable by the headers' buttons, which say
 * the order with `aria-sort`.
 */
export function ProgressTable(props: {
  rows: readonly IProgressRow[];
  trans: TranslationBundle;
  locale: string;
  busy: boolean;
  actions: IRowActions;
}): JSX.Element {
  const { rows, trans, locale, busy, actions } = props;
  const [sort, setSort] = React.useState<IProgressSort>({
    key: 'pupil',
    ascending: true
  });
  const header = (key: ProgressSortKey | null, label: string) => {
    if (!key) {
      return <th scope="col">{label}</th>;
    }
    const current = sort.key === key;
    return (
      <th
        scope="col"
        aria-sort={
          current ? (sort.ascending ? 'ascending' : 'descending') : undefined
        }
      >
        <button
          type="button"
          className="cdc-Assignments-sort"
          onClick={() =>
            setSort({ key, ascending: current ? !sort.ascending : true })
          }
        >
          {label}
          <span aria-hidden="true" className="cdc-Assignments-sortMark">
            {current ? (sort.ascending ? ' ▲' : ' ▼') : ''}
          </span>
        </button>
      </th>
    );
  };
  return (
    <table className="cdc-Assignments-table cdc-Assignments-progress">
      <caption>
        {trans.__('Progress of the pupils')}
        <span className="cdc-Assignments-meta">
          {' '}
          {trans.__('(choose a column title to sort by it)')}
        </span>
      </caption>
      <thead>
        <tr>
          {header('pupil', trans.__('Pupil'))}
          {header('state', trans.__('State'))}
          {header(null, trans.__('Last activity'))}
          {header('submitted', trans.__('Handed in on'))}
          {header('grade', trans.__('Grade'))}
          {header(null, trans.__('Feedback'))}
          {header(null, trans.__('Actions'))}
        </tr>
      </thead>
      <tbody>
        {sortRows(rows, sort).map(row => (
          <tr key={row.learner.name}>
            <th scope="row">
              {row.learner.displayName}
              {row.members && (
                // A group handed the assignment « par groupe »: who is in it.
                <span className="cdc-Assignments-members">
                  {trans.__(
                    'Group of %1',
                    row.members.map(member => member.displayName).join(', ')
                  )}
                </span>
              )}
            </th>
            <td>
              <span className={`cdc-Assignments-badge cdc-mod-${row.state}`}>
                {stateLabel(row.state, trans)}
              </span>
            </td>
            <td>{formatShortDate(row.lastActivityAt, locale)}</td>
            <td>
              {row.submittedAt
                ? trans.__(
                    '%1 (v%2)',
                    formatShortDate(row.submittedAt, locale),
                    row.version ?? 1
                  )
                : '—'}
            </td>
            <td>
              <span className="cdc-Assignments-gradeText">
                {gradeText(row.grade, row.maxGrade, locale) ?? '—'}
              </span>
              {row.autograde && (
                <span className="cdc-Assignments-auto">
                  {autogradeText(row.autograde, trans, locale)}
                </span>
              )}
            </td>
            <td>{feedbackStatus(row, trans, locale)}</td>
            <td className="cdc-Assignments-rowActions">
              {row.version !== null && (
                <RowButtons
                  learner={row.learner}
                  trans={trans}
                  busy={busy}
                  actions={actions}
                />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RowButtons(props: {
  learner: IPerson;
  trans: TranslationBundle;
  busy: boolean;
  actions: IRowActions;
}): JSX.Element {
  const { learner, trans, busy, actions } = props;
  const button = (label: string, name: string, act: () => void) => (
    <button
      type="button"
      className="jp-Button jp-mod-styled"
      aria-label={name}
      disabled={busy}
      onClick={act}
    >
      {label}
    </button>
  );
  return (
    <>
      {button(
        trans.__('Open'),
        trans.__('Open the work of %1', learner.displayName),
        () => actions.open(learner)
      )}
      {button(
        trans.__('Mark'),
        trans.__('Mark the work of %1', learner.displayName),
        () => actions.mark(learner)
      )}
      {button(
        trans.__('Return'),
        trans.__('Return the work of %1', learner.displayName),
        () => actions.giveBack(learner)
      )}
    </>
  );
}
