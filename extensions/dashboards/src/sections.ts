import type { TranslationBundle } from '@jupyterlab/translation';

import type { DashboardKind } from './api';
import type { Formats } from './format';
import type { ITable } from './table';

/**
 * What a chart draws: bars per day, bars per category, or bars per week stacked by a
 * series (a role). Its data is also its section's table.
 */
export interface IChart {
  kind: 'days' | 'categories' | 'weeks';
  points: IPoint[];
  /** What the bars count, for the axis and the screen reader's label. */
  yLabel: string;
  /** The series' legend title (`weeks` only). */
  seriesLabel?: string;
}

/**
 * One bar (or part of a stacked bar).
 */
export interface IPoint {
  /** A day or a week's Monday (YYYY-MM-DD), or a category's name. */
  x: string;
  y: number;
  series?: string;
}

/**
 * One indicator of a dashboard, ready to show: a title, a summary in words (what a
 * screen reader reads of the chart), the chart, and its data as a table.
 */
export interface ISection {
  /** The indicator's key, as the preferences name it (`activity`, `pupils`…). */
  indicator: string;
  title: string;
  summary: string;
  chart: IChart | null;
  table: ITable;
  /** Whether the table is the section's content (a list), not the chart's alternative. */
  tableShown: boolean;
  /** A figure that is not collected, said instead of a misleading zero. */
  notice: string | null;
  /**
   * Figures of the whole period beside a chart's (the collaboration sessions beside
   * the group workspaces per week): a second table, always shown, with its own CSV.
   */
  more?: ITable;
}

/**
 * What the section builders need.
 */
export interface ISectionContext {
  trans: TranslationBundle;
  formats: Formats;
  /** The period's words for file names (« 2026-11-08-2026-12-07 »). */
  period: string;
}

/**
 * The indicators of each dashboard, in the order shown: the top-level parts of the
 * hub's answers, as `DashboardChoice.indicators` names them.
 */
export const INDICATORS: Readonly<Record<DashboardKind, readonly string[]>> = {
  me: ['activity', 'assignments'],
  class: ['pupils', 'groupWork', 'frequentErrors', 'handIns', 'activity'],
  programme: [
    'weeklyUsers',
    'establishments',
    'collaboration',
    'library',
    'accessibility'
  ],
  establishment: ['weeklyUsers', 'classes', 'collaboration', 'library']
};

/**
 * An indicator's name, for its section's heading and its check box.
 */
export function indicatorLabel(
  kind: DashboardKind,
  indicator: string,
  trans: TranslationBundle
): string {
  switch (`${kind}.${indicator}`) {
    case 'me.activity':
      return trans.__('My activity');
    case 'me.assignments':
      return trans.__('My assignments and feedback');
    case 'class.pupils':
      return trans.__('Pupils');
    case 'class.groupWork':
      return trans.__('Work in group workspaces');
    case 'class.frequentErrors':
      return trans.__('Frequent errors');
    case 'class.handIns':
      return trans.__('Hand-ins over time');
    case 'class.activity':
      return trans.__('Class activity');
    case 'programme.weeklyUsers':
      return trans.__('Weekly users');
    case 'programme.establishments':
      return trans.__('Establishments with real use');
    case 'programme.collaboration':
      return trans.__('Real-time collaboration');
    case 'programme.library':
      return trans.__('Library resources and reuse');
    case 'programme.accessibility':
      return trans.__('Accessibility');
    case 'establishment.weeklyUsers':
      return trans.__('Weekly users');
    case 'establishment.classes':
      return trans.__('Classes with real use');
    case 'establishment.collaboration':
      return trans.__('Real-time collaboration');
    case 'establishment.library':
      return trans.__('Resources reused by its teachers');
    default:
      return indicator;
  }
}

/**
 * The day with the highest figure (the first of equals), or null when every figure is 0.
 */
export function busiest<T>(
  rows: readonly T[],
  figure: (row: T) => number | null
): T | null {
  let best: T | null = null;
  let max = 0;
  for (const row of rows) {
    const value = figure(row) ?? 0;
    if (value > max) {
      max = value;
      best = row;
    }
  }
  return best;
}
