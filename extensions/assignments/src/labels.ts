import type { TranslationBundle } from '@jupyterlab/translation';

import type { IAutogradeSummary, LearnerState } from './api';

/**
 * Every learner state, in the order of a piece of work's life.
 */
export const STATES: readonly LearnerState[] = [
  'todo',
  'started',
  'submitted',
  'late',
  'returned'
];

/**
 * The words of a state badge (« à faire », « en cours », « rendu », « en retard »,
 * « corrigé »): the state is always said in text, its colour only repeats it.
 */
export function stateLabel(
  state: LearnerState,
  trans: TranslationBundle
): string {
  switch (state) {
    case 'todo':
      return trans.__('to do');
    case 'started':
      return trans.__('in progress');
    case 'submitted':
      return trans.__('handed in');
    case 'late':
      return trans.__('late');
    case 'returned':
      return trans.__('marked');
  }
}

/**
 * A date and time in the user's locale (`fr_FR` gives « mardi 2 décembre 2026 à 18:00 »).
 */
export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return new Intl.DateTimeFormat(Private.bcp47(locale), {
    dateStyle: 'full',
    timeStyle: 'short'
  }).format(date);
}

/**
 * A short date and time for tables (« 02/12/2026 18:00 »).
 */
export function formatShortDate(iso: string | null, locale: string): string {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return new Intl.DateTimeFormat(Private.bcp47(locale), {
    dateStyle: 'short',
    timeStyle: 'short'
  }).format(date);
}

/**
 * How far the due date is: « en retard », « dans 3 jours », « dans 5 heures »,
 * « dans 20 minutes ».
 *
 * Whole days and hours are rounded down, so that nobody believes they have more time
 * than they have: due in 3 days and 20 hours is « dans 3 jours ».
 */
export function dueWording(
  dueAt: string,
  now: Date,
  trans: TranslationBundle
): string {
  const ms = new Date(dueAt).getTime() - now.getTime();
  if (Number.isNaN(ms)) {
    return '';
  }
  if (ms < 0) {
    return trans.__('overdue');
  }
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 60) {
    return trans._n('in %1 minute', 'in %1 minutes', Math.max(minutes, 1));
  }
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 24) {
    return trans._n('in %1 hour', 'in %1 hours', hours);
  }
  const days = Math.floor(ms / 86_400_000);
  return trans._n('in %1 day', 'in %1 days', days);
}

/**
 * A grade as « 14 / 20 » (« 14,5 / 20 » in French), or `null` without one.
 */
/**
 * Where the automatic grading of a pupil's work stands, in a few words: « auto : 3 / 6 »
 * once done, else its state.
 */
export function autogradeText(
  summary: IAutogradeSummary | null,
  trans: TranslationBundle,
  locale: string
): string | null {
  if (!summary) {
    return null;
  }
  switch (summary.status) {
    case 'queued':
      return trans.__('automatic grading: waiting');
    case 'running':
      return trans.__('automatic grading: running');
    case 'timeout':
      return trans.__('automatic grading: time limit reached');
    case 'memory':
      return trans.__('automatic grading: memory limit reached');
    case 'failed':
      return trans.__('automatic grading: failed');
    case 'done':
      return trans.__(
        'automatic grading: %1',
        gradeText(summary.points ?? 0, summary.max, locale) ?? ''
      );
  }
}

export function gradeText(
  grade: number | null,
  maxGrade: number | null,
  locale: string
): string | null {
  if (grade === null) {
    return null;
  }
  const format = new Intl.NumberFormat(Private.bcp47(locale), {
    maximumFractionDigits: 2
  });
  return maxGrade === null
    ? format.format(grade)
    : `${format.format(grade)} / ${format.format(maxGrade)}`;
}

namespace Private {
  /**
   * JupyterLab names locales the POSIX way (`fr_FR`), Intl the BCP 47 way (`fr-FR`).
   */
  export function bcp47(locale: string): string {
    const tag = (locale || 'fr-FR').replace('_', '-');
    try {
      return Intl.getCanonicalLocales(tag)[0] ?? 'fr-FR';
    } catch {
      return 'fr-FR';
    }
  }
}
