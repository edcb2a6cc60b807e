import type { TranslationBundle } from '@jupyterlab/translation';

import type { IRange, Period } from './api';

/**
 * The periods a user can pick, shortest first.
 */
export const PERIODS: readonly Period[] = ['week', 'month', 'term', 'year'];

/**
 * The days of a period ending today (UTC, as the hub counts days): the last 7 or 30
 * days, the last 91 days (about a term), or the school year so far (from 1 September).
 */
export function periodRange(period: Period, today: Date): IRange {
  const to = Private.utcDay(today);
  let from: Date;
  if (period === 'year') {
    const year =
      to.getUTCMonth() >= 8 ? to.getUTCFullYear() : to.getUTCFullYear() - 1;
    from = new Date(Date.UTC(year, 8, 1));
  } else {
    const days = { week: 7, month: 30, term: 91 }[period];
    from = new Date(to.getTime() - (days - 1) * Private.DAY);
  }
  return { from: isoDay(from), to: isoDay(to) };
}

/**
 * A period's name, as the period menu says it.
 */
export function periodLabel(period: Period, trans: TranslationBundle): string {
  switch (period) {
    case 'week':
      return trans.__('Last 7 days');
    case 'month':
      return trans.__('Last 30 days');
    case 'term':
      return trans.__('Last 3 months');
    case 'year':
      return trans.__('School year so far');
  }
}

/**
 * A day as YYYY-MM-DD (UTC).
 */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

namespace Private {
  export const DAY = 24 * 60 * 60 * 1000;

  export function utcDay(date: Date): Date {
    return new Date(
      Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())
    );
  }
}
