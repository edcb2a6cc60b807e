import type { TranslationBundle } from '@jupyterlab/translation';

import type { IMyDashboard } from './api';
import { total, yesNo } from './format';
import type { ISection, ISectionContext } from './sections';
import { indicatorLabel } from './sections';
import { csvFileName } from './table';

type Assignment = IMyDashboard['assignments'][number];

/**
 * The sections of « Mon tableau de bord »: the user's activity per day and their
 * assignments with state, grade and feedback. `trans` says « tu » in school mode.
 */
export function mySections(
  data: IMyDashboard,
  context: ISectionContext
): Record<string, ISection> {
  return {
    activity: activitySection(data, context),
    assignments: assignmentsSection(data, context)
  };
}

/**
 * An assignment's state, as a pupil reads it.
 */
export function assignmentStateLabel(
  state: Assignment['state'],
  trans: TranslationBundle
): string {
  switch (state) {
    case 'not-started':
      return trans.__('Not started');
    case 'started':
      return trans.__('Started');
    case 'handed-in':
      return trans.__('Handed in');
    case 'returned':
      return trans.__('Returned');
  }
}

function activitySection(
  data: IMyDashboard,
  { trans, formats, period }: ISectionContext
): ISection {
  const rows = data.activity;
  const cells = total(rows.map(r => r.cellsRun));
  const collected = data.optionalTraces || cells !== null;
  const activeDays = rows.filter(
    r => (r.cellsRun ?? 0) + (r.notebooksOpened ?? 0) > 0
  ).length;
  return {
    indicator: 'activity',
    title: indicatorLabel('me', 'activity', trans),
    summary: collected
      ? trans.__(
          'From %1 to %2: cells run: %3, with an error: %4, notebooks opened: %5, active days: %6.',
          formats.date(data.from),
          formats.date(data.to),
          cells ?? 0,
          total(rows.map(r => r.errors)) ?? 0,
          total(rows.map(r => r.notebooksOpened)) ?? 0,
          activeDays
        )
      : trans.__('Your activity is not recorded.'),
    chart: collected
      ? {
          kind: 'days',
          yLabel: trans.__('Cells run'),
          points: rows.map(r => ({ x: r.day, y: r.cellsRun ?? 0 }))
        }
      : null,
    notice: data.optionalTraces
      ? null
      : trans.__(
          'Your optional traces are not recorded: notebooks opened and cells run do not show here. You can change this on the privacy page.'
        ),
    tableShown: false,
    table: {
      caption: trans.__('My activity per day'),
      fileName: csvFileName(trans.__('my activity'), period),
      columns: [
        { label: trans.__('Day') },
        { label: trans.__('Notebooks opened'), numeric: true },
        { label: trans.__('Cells run'), numeric: true },
        { label: trans.__('Errors'), numeric: true }
      ],
      rows: rows.map(r => [
        formats.date(r.day),
        r.notebooksOpened,
        r.cellsRun,
        r.errors
      ])
    }
  };
}

function assignmentsSection(
  data: IMyDashboard,
  { trans, formats, period }: ISectionContext
): ISection {
  const list = data.assignments;
  const withFeedback = list.filter(a => a.hasFeedback).map(a => a.title);
  const handedIn = list.filter(
    a => a.state === 'handed-in' || a.state === 'returned'
  ).length;
  const summary = list.length
    ? trans.__(
        'Assignments: %1; handed in: %2; returned: %3.',
        list.length,
        handedIn,
        list.filter(a => a.state === 'returned').length
      )
    : trans.__('You have no assignment for now.');
  return {
    indicator: 'assignments',
    title: indicatorLabel('me', 'assignments', trans),
    summary: withFeedback.length
      ? `${summary} ${trans.__('Your teacher left feedback on: %1.', withFeedback.join(', '))}`
      : summary,
    chart: null,
    notice: null,
    tableShown: true,
    table: {
      caption: trans.__('My assignments'),
      fileName: csvFileName(trans.__('my assignments'), period),
      columns: [
        { label: trans.__('Assignment') },
        { label: trans.__('Class') },
        { label: trans.__('State') },
        { label: trans.__('Due') },
        { label: trans.__('Handed in on') },
        { label: trans.__('Returned on') },
        { label: trans.__('Grade'), numeric: true },
        { label: trans.__('Out of'), numeric: true },
        { label: trans.__('Comments') }
      ],
      rows: list.map(a => [
        a.title,
        a.className ?? trans.__('by code'),
        assignmentStateLabel(a.state, trans),
        formats.dateTime(a.dueAt) ?? '',
        formats.dateTime(a.handedInAt) ?? '',
        formats.dateTime(a.returnedAt) ?? '',
        a.grade,
        a.maxGrade,
        yesNo(a.hasFeedback, trans)
      ])
    }
  };
}
