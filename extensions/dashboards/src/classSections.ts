import type { IClassDashboard } from './api';
import { total } from './format';
import { groupWorkSection } from './groupSections';
import type { ISection, ISectionContext } from './sections';
import { busiest, indicatorLabel } from './sections';
import { csvFileName } from './table';

/**
 * The sections of a class's dashboard, for its teachers: who started and handed in,
 * cells run, errors and help asked per pupil; the shared work in group workspaces;
 * frequent errors; hand-ins and activity per day. Figures of optional traces that are not collected are said so, not zeros.
 */
export function classSections(
  data: IClassDashboard,
  context: ISectionContext
): Record<string, ISection> {
  return {
    pupils: pupilsSection(data, context),
    groupWork: groupWorkSection(data, context),
    frequentErrors: errorsSection(data, context),
    handIns: handInsSection(data, context),
    activity: activitySection(data, context)
  };
}

/**
 * What the teacher should know about the class's traces before reading the figures.
 */
export function tracesNotice(
  data: IClassDashboard,
  { trans }: ISectionContext
): string {
  const policy = data.tracesPolicy;
  if (policy.policy === 'none') {
    return trans.__(
      'This class’s optional traces are not collected (its policy is « none »): cells run, errors and help asked are not shown. You can change the policy on the class page of the hub.'
    );
  }
  return trans.__(
    'Pupils whose optional traces are collected (those who agreed): %1 of %2. Cells run, errors and help asked count only theirs.',
    policy.pupilsWithOptionalTraces,
    data.pupils.length
  );
}

function pupilsSection(
  data: IClassDashboard,
  { trans, formats, period }: ISectionContext
): ISection {
  const pupils = data.pupils;
  // Traces of help (consent) or live help requests (the hub's records, always known).
  const helped = pupils
    .filter(p => (p.helpAsked ?? 0) > 0 || p.helpRequests > 0)
    .map(p => p.displayName);
  const summary = trans.__(
    '%1 pupils: %2 started, %3 handed in, %4 not active over the period.',
    pupils.length,
    pupils.filter(p => p.started > 0).length,
    pupils.filter(p => p.handedIn > 0).length,
    pupils.filter(p => p.lastActivity === null).length
  );
  return {
    indicator: 'pupils',
    title: indicatorLabel('class', 'pupils', trans),
    summary: helped.length
      ? `${summary} ${trans.__('Asked for help: %1.', helped.join(', '))}`
      : summary,
    chart: null,
    notice: null,
    tableShown: true,
    table: {
      caption: trans.__('Pupils of %1', shownName(data)),
      fileName: csvFileName(trans.__('pupils'), shownName(data), period),
      columns: [
        { label: trans.__('Pupil') },
        { label: trans.__('Assignments started'), numeric: true },
        { label: trans.__('Assignments handed in'), numeric: true },
        { label: trans.__('Cells run'), numeric: true },
        { label: trans.__('Errors'), numeric: true },
        { label: trans.__('Help asked'), numeric: true },
        { label: trans.__('Live help requests'), numeric: true },
        { label: trans.__('Last activity') }
      ],
      rows: pupils.map(p => [
        p.displayName,
        p.started,
        p.handedIn,
        p.cellsRun,
        p.errors,
        p.helpAsked,
        p.helpRequests,
        formats.dateTime(p.lastActivity) ?? ''
      ])
    }
  };
}

function errorsSection(
  data: IClassDashboard,
  { trans, period }: ISectionContext
): ISection {
  const errors = data.frequentErrors;
  const missing = data.tracesPolicy.missing.includes('frequentErrors');
  return {
    indicator: 'frequentErrors',
    title: indicatorLabel('class', 'frequentErrors', trans),
    summary: missing
      ? trans.__('Errors are not collected for this class.')
      : errors.length
        ? trans.__(
            'Most frequent errors over the period: %1.',
            errors.map(e => `${e.name} (${e.count})`).join(', ')
          )
        : trans.__('No error recorded over the period.'),
    chart: errors.length
      ? {
          kind: 'categories',
          yLabel: trans.__('Occurrences'),
          points: errors.map(e => ({ x: e.name, y: e.count }))
        }
      : null,
    notice: null,
    tableShown: false,
    table: {
      caption: trans.__('Frequent errors in %1', shownName(data)),
      fileName: csvFileName(trans.__('errors'), shownName(data), period),
      columns: [
        { label: trans.__('Error') },
        { label: trans.__('Occurrences'), numeric: true }
      ],
      rows: errors.map(e => [e.name, e.count])
    }
  };
}

function handInsSection(
  data: IClassDashboard,
  { trans, formats, period }: ISectionContext
): ISection {
  const days = data.handIns;
  const top = busiest(days, d => d.count);
  const count = total(days.map(d => d.count)) ?? 0;
  return {
    indicator: 'handIns',
    title: indicatorLabel('class', 'handIns', trans),
    summary: top
      ? trans.__(
          'Hand-ins over the period: %1; the most on %2 (%3).',
          count,
          formats.date(top.day),
          top.count
        )
      : trans.__('No hand-in over the period.'),
    chart: {
      kind: 'days',
      yLabel: trans.__('Hand-ins'),
      points: days.map(d => ({ x: d.day, y: d.count }))
    },
    notice: null,
    tableShown: false,
    table: {
      caption: trans.__('Hand-ins per day in %1', shownName(data)),
      fileName: csvFileName(trans.__('hand-ins'), shownName(data), period),
      columns: [
        { label: trans.__('Day') },
        { label: trans.__('Hand-ins'), numeric: true }
      ],
      rows: days.map(d => [formats.date(d.day), d.count])
    }
  };
}

function activitySection(
  data: IClassDashboard,
  { trans, formats, period }: ISectionContext
): ISection {
  const days = data.activity;
  const top = busiest(days, d => d.activePupils);
  const cells = total(days.map(d => d.cellsRun));
  const summary = top
    ? trans.__(
        'Busiest day: %1 (%2 active pupils).',
        formats.date(top.day),
        top.activePupils
      )
    : trans.__('No activity over the period.');
  return {
    indicator: 'activity',
    title: indicatorLabel('class', 'activity', trans),
    summary:
      cells === null
        ? summary
        : `${summary} ${trans.__('Cells run over the period: %1.', cells)}`,
    chart: {
      kind: 'days',
      yLabel: trans.__('Active pupils'),
      points: days.map(d => ({ x: d.day, y: d.activePupils }))
    },
    notice: null,
    tableShown: false,
    table: {
      caption: trans.__('Activity per day in %1', shownName(data)),
      fileName: csvFileName(trans.__('activity'), shownName(data), period),
      columns: [
        { label: trans.__('Day') },
        { label: trans.__('Active pupils'), numeric: true },
        { label: trans.__('Cells run'), numeric: true }
      ],
      rows: days.map(d => [formats.date(d.day), d.activePupils, d.cellsRun])
    }
  };
}

/** What the figures are of: the class, or the class and the group chosen. */
function shownName(data: IClassDashboard): string {
  const group = data.groups.find(one => one.id === data.group);
  return group ? `${data.class.name}, ${group.name}` : data.class.name;
}
