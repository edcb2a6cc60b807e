import { HubApiError, hubErrorMessage } from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';

/**
 * What to tell of a failed call: the hub's message in the user's language, or that
 * the platform did not answer.
 */
export function failureText(trans: TranslationBundle, reason: unknown): string {
  if (reason instanceof HubApiError) {
    return hubErrorMessage(trans, reason);
  }
  return trans.__(
    'The platform did not answer. Check your connection and try again.'
  );
}

/**
 * Dates and sizes as French readers expect them.
 */
export class Formats {
  constructor(locale: string) {
    const tag = locale.replace('_', '-') || 'fr-FR';
    this._dateTime = new Intl.DateTimeFormat(tag, {
      dateStyle: 'medium',
      timeStyle: 'short'
    });
    this._number = new Intl.NumberFormat(tag);
    this._tag = tag;
  }

  dateTime(iso: string): string {
    return this._dateTime.format(new Date(iso));
  }

  count(value: number): string {
    return this._number.format(value);
  }

  /** Bytes as kB, MB or GB (powers of 1,000, as disks are sold). */
  bytes(value: number): string {
    const units = ['B', 'kB', 'MB', 'GB', 'TB'];
    let unit = 0;
    let scaled = value;
    while (scaled >= 1000 && unit < units.length - 1) {
      scaled /= 1000;
      unit++;
    }
    return new Intl.NumberFormat(this._tag, {
      style: 'unit',
      unit: ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'][unit],
      maximumFractionDigits: unit === 0 ? 0 : 1
    }).format(scaled);
  }

  private _dateTime: Intl.DateTimeFormat;
  private _number: Intl.NumberFormat;
  private _tag: string;
}
