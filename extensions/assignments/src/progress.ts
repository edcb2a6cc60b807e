import type { TranslationBundle } from '@jupyterlab/translation';

import type { IProgressRow } from './api';
import { formatShortDate, STATES } from './labels';

/**
 * The columns of the follow-up table a teacher can sort by.
 */
export type ProgressSortKey = 'pupil' | 'state' | 'submitted' | 'grade';

/**
 * How the follow-up table is sorted.
 */
export interface IProgressSort {
  key: ProgressSortKey;
  ascending: boolean;
}

/**
 * The rows sorted by a column; pupils without a value (nothing handed in, no grade)
 * always come last, and equal rows keep the order of the pupils' names.
 */
export function sortRows(
  rows: readonly IProgressRow[],
  sort: IProgressSort
): IProgressRow[] {
  const byName = (a: IProgressRow, b: IProgressRow) =>
    a.learner.displayName.localeCompare(b.learner.displayName, 'fr', {
      sensitivity: 'base'
    });
  const value = (row: IProgressRow): number | null => {
    switch (sort.key) {
      case 'pupil':
        return 0;
      case 'state':
        return STATES.indexOf(row.state);
      case 'submitted':
        return row.submittedAt ? Date.parse(row.submittedAt) : null;
      case 'grade':
        // Out of different maxima, grades compare as fractions.
        return row.grade === null
          ? null
          : row.maxGrade
            ? row.grade / row.maxGrade
            : row.grade;
    }
  };
  const sign = sort.ascending ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (sort.key === 'pupil') {
      return sign * byName(a, b);
    }
    const [va, vb] = [value(a), value(b)];
    if (va === null || vb === null || Number.isNaN(va) || Number.isNaN(vb)) {
      const missing = Number(va === null) - Number(vb === null);
      return missing || byName(a, b);
    }
    return sign * (va - vb) || byName(a, b);
  });
}

/**
 * Where the teacher's feedback on a pupil's work stands, in words: nothing to mark yet,
 * to mark, marked but not returned, returned (and when).
 */
export function feedbackStatus(
  row: IProgressRow,
  trans: TranslationBundle,
  locale: string
): string {
  if (row.returnedAt) {
    return trans.__('returned %1', formatShortDate(row.returnedAt, locale));
  }
  if (row.version === null) {
    return '—';
  }
  return row.grade === null
    ? trans.__('to mark')
    : trans.__('marked, not returned');
}
