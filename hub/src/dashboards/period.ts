import { DomainError, trans } from '../errors';

/**
 * The period of a dashboard: days (YYYY-MM-DD, UTC), both ends included.
 */
export interface IPeriod {
  from: string;
  to: string;
}

/** The longest period a dashboard covers: a school year and some. */
export const PERIOD_MAX_DAYS = 400;

/** Without `from`, the 30 days ending with `to`. */
const DEFAULT_DAYS = 30;

const DAY_MS = 24 * 3600_000;

/**
 * The period a query asks for, or today's default.
 *
 * @throws {DomainError} 400 `invalid_period`: not a date, `from` after `to`, too long.
 */
export function parsePeriod(
  query: { from?: string; to?: string },
  now: Date
): IPeriod {
  const to = query.to === undefined ? day(now) : Private.checked(query.to);
  const from =
    query.from === undefined
      ? shift(to, -(DEFAULT_DAYS - 1))
      : Private.checked(query.from);
  if (from > to) {
    throw new DomainError(
      'invalid_period',
      trans.__('The period starts (%1) after it ends (%2).', from, to)
    );
  }
  if (daysBetween(from, to) + 1 > PERIOD_MAX_DAYS) {
    throw new DomainError(
      'invalid_period',
      trans.__('A period is at most %1 days.', String(PERIOD_MAX_DAYS))
    );
  }
  return { from, to };
}

/** The UTC day of a time. */
export function day(time: Date): string {
  return time.toISOString().slice(0, 10);
}

/** The day `count` days after (before, if negative) `from`. */
export function shift(from: string, count: number): string {
  return day(new Date(Date.parse(`${from}T00:00:00Z`) + count * DAY_MS));
}

export function daysBetween(from: string, to: string): number {
  return Math.round(
    (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS
  );
}

/** Every day of the period, in order. */
export function daysOf(period: IPeriod): string[] {
  const days: string[] = [];
  for (let at = period.from; at <= period.to; at = shift(at, 1)) {
    days.push(at);
  }
  return days;
}

/** The Monday of a day's ISO week (weeks are named by it). */
export function weekOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return shift(date, -((weekday + 6) % 7));
}

namespace Private {
  /** A real calendar day written YYYY-MM-DD (not 2026-02-30). */
  export function checked(value: string): string {
    const time = Date.parse(`${value}T00:00:00Z`);
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
      isNaN(time) ||
      day(new Date(time)) !== value
    ) {
      throw new DomainError(
        'invalid_period',
        trans.__('« %1 » is not a day written YYYY-MM-DD.', value)
      );
    }
    return value;
  }
}
