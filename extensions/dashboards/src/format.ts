import type { TranslationBundle } from '@jupyterlab/translation';

/**
 * How dates and numbers are written for the reader: JupyterLab's locale (`fr_FR`) as
 * the browser names it (`fr-FR`).
 */
export class Formats {
  constructor(locale: string) {
    this.locale = locale.replace('_', '-') || 'fr-FR';
    this.decimalComma = this.locale.startsWith('fr');
    this._day = new Intl.DateTimeFormat(this.locale, {
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC'
    });
    this._date = new Intl.DateTimeFormat(this.locale, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'UTC'
    });
    this._dateTime = new Intl.DateTimeFormat(this.locale, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit'
    });
  }

  /** The browser's name of the locale (`fr-FR`). */
  readonly locale: string;

  /** Whether numbers take a decimal comma (and CSV files `;`). */
  readonly decimalComma: boolean;

  /** A day of a chart's axis: « 7 déc. ». */
  shortDay(day: string | Date): string {
    return this._day.format(typeof day === 'string' ? Private.day(day) : day);
  }

  /** A day in a table: « 07/12/2026 ». */
  date(day: string): string {
    return this._date.format(Private.day(day));
  }

  /** A moment in a table, in the reader's time zone: « 07/12/2026 14:05 »; null stays null. */
  dateTime(iso: string | null): string | null {
    return iso === null ? null : this._dateTime.format(new Date(iso));
  }

  /** A number as the reader writes it. */
  number(value: number): string {
    return value.toLocaleString(this.locale);
  }

  private _day: Intl.DateTimeFormat;
  private _date: Intl.DateTimeFormat;
  private _dateTime: Intl.DateTimeFormat;
}

/**
 * « oui » or « non ».
 */
export function yesNo(value: boolean, trans: TranslationBundle): string {
  return value ? trans.__('yes') : trans.__('no');
}

/**
 * A count of people as a table shows it: the hub hides counts from 1 to 4 (null) so
 * that nobody is singled out; they read « moins de 5 », never « 0 » or a dash.
 */
export function peopleCount(
  value: number | null,
  trans: TranslationBundle
): number | string {
  return value ?? trans.__('fewer than 5');
}

/**
 * Why a count reads « moins de 5 ».
 */
export function hiddenNotice(trans: TranslationBundle): string {
  return trans.__(
    'Counts of fewer than 5 people are not shown, so that nobody can be recognised.'
  );
}

/**
 * Whether some count of people was hidden (the sections then say why).
 */
export function someHidden(values: readonly (number | null)[]): boolean {
  return values.some(value => value === null);
}

/**
 * The sum of the non-null figures, or null when every figure is null (not collected).
 */
export function total(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}

namespace Private {
  export function day(day: string): Date {
    return new Date(`${day}T00:00:00Z`);
  }
}
