import { roleLabel } from '@candyce/core';

import type { IProgrammeDashboard } from './api';
import { hiddenNotice, peopleCount, someHidden, yesNo } from './format';
import { collaborationSection } from './groupSections';
import type { IPoint, ISection, ISectionContext } from './sections';
import { indicatorLabel } from './sections';
import { csvFileName } from './table';

/**
 * The sections of « Indicateurs du programme »: weekly unique users by role, level
 * and discipline; establishments with real use; real-time collaboration; library
 * resources and their reuse; the accessibility figures.
 */
export function programmeSections(
  data: IProgrammeDashboard,
  context: ISectionContext
): Record<string, ISection> {
  return {
    weeklyUsers: weeklySection(data, context),
    establishments: establishmentsSection(data, context),
    collaboration: collaborationSection(
      data,
      context,
      indicatorLabel('programme', 'collaboration', context.trans)
    ),
    library: librarySection(
      data,
      context,
      indicatorLabel('programme', 'library', context.trans),
      (resources, reuses) =>
        context.trans.__(
          'Resources published: %1, reused %2 times.',
          resources,
          reuses
        )
    ),
    accessibility: accessibilitySection(data, context)
  };
}

function weeklySection(
  data: IProgrammeDashboard,
  { trans, formats, period }: ISectionContext
): ISection {
  const rows = data.weeklyUsers;
  const unset = trans.__('not given');
  // Users per week and role: the rows split them further by level and discipline.
  const byWeekRole = new Map<string, IPoint>();
  for (const row of rows) {
    const series = roleLabel(row.role, trans);
    const key = `${row.week} ${series}`;
    const point = byWeekRole.get(key) ?? { x: row.week, y: 0, series };
    // Hidden counts (fewer than 5) are left out of the bars: the notice says so.
    point.y += row.users ?? 0;
    byWeekRole.set(key, point);
  }
  const points = [...byWeekRole.values()].sort((a, b) =>
    a.x.localeCompare(b.x)
  );
  const weeks = [...new Set(points.map(p => p.x))];
  const last = weeks[weeks.length - 1];
  return {
    indicator: 'weeklyUsers',
    title: indicatorLabel('programme', 'weeklyUsers', trans),
    summary: last
      ? trans.__(
          'Weeks with activity: %1. Week of %2: %3.',
          weeks.length,
          formats.date(last),
          points
            .filter(p => p.x === last)
            .map(p => `${p.series} ${p.y}`)
            .join(', ')
        )
      : trans.__('No user was active over the period.'),
    chart: points.length
      ? {
          kind: 'weeks',
          yLabel: trans.__('Users'),
          seriesLabel: trans.__('Role'),
          points
        }
      : null,
    notice: rows.length
      ? [
          trans.__(
            'A user with classes of several levels counts once in each level.'
          ),
          ...(someHidden(rows.map(r => r.users)) ? [hiddenNotice(trans)] : [])
        ].join(' ')
      : null,
    tableShown: false,
    table: {
      caption: trans.__('Weekly unique users by role, level and discipline'),
      fileName: csvFileName(trans.__('weekly users'), period),
      columns: [
        { label: trans.__('Week of') },
        { label: trans.__('Role') },
        { label: trans.__('Level') },
        { label: trans.__('Discipline') },
        { label: trans.__('Users'), numeric: true }
      ],
      rows: rows.map(r => [
        formats.date(r.week),
        roleLabel(r.role, trans),
        r.level ?? unset,
        r.discipline ?? unset,
        peopleCount(r.users, trans)
      ])
    }
  };
}

function establishmentsSection(
  data: IProgrammeDashboard,
  { trans, period }: ISectionContext
): ISection {
  const rows = data.establishments;
  return {
    indicator: 'establishments',
    title: indicatorLabel('programme', 'establishments', trans),
    summary: trans.__(
      '%1 of %2 establishments had real use over the period (at least 5 users each active on 3 different days).',
      rows.filter(r => r.withRealUse).length,
      rows.length
    ),
    chart: null,
    notice: someHidden(rows.map(r => r.activeUsers))
      ? hiddenNotice(trans)
      : null,
    tableShown: true,
    table: {
      caption: trans.__('Establishments'),
      fileName: csvFileName(trans.__('establishments'), period),
      columns: [
        { label: trans.__('Establishment') },
        { label: trans.__('Active users'), numeric: true },
        { label: trans.__('Real use') }
      ],
      rows: rows.map(r => [
        r.name,
        peopleCount(r.activeUsers, trans),
        yesNo(r.withRealUse, trans)
      ])
    }
  };
}

/**
 * Library resources by discipline and level and their reuses (the programme's: every
 * resource published; an establishment's: those its teachers reused).
 */
export function librarySection(
  data: Pick<IProgrammeDashboard, 'library'>,
  { trans, period }: ISectionContext,
  title: string,
  summary: (resources: number, reuses: number) => string
): ISection {
  const rows = data.library;
  const unset = trans.__('not given');
  const byDiscipline = new Map<string, number>();
  for (const row of rows) {
    const name = row.discipline ?? unset;
    byDiscipline.set(name, (byDiscipline.get(name) ?? 0) + row.resources);
  }
  const resources = rows.reduce((sum, r) => sum + r.resources, 0);
  const reuses = rows.reduce((sum, r) => sum + r.reuses, 0);
  return {
    indicator: 'library',
    title,
    summary: summary(resources, reuses),
    chart: byDiscipline.size
      ? {
          kind: 'categories',
          yLabel: trans.__('Resources'),
          points: [...byDiscipline].map(([x, y]) => ({ x, y }))
        }
      : null,
    notice: null,
    tableShown: false,
    table: {
      caption: trans.__('Library resources by discipline and level'),
      fileName: csvFileName(trans.__('library'), period),
      columns: [
        { label: trans.__('Discipline') },
        { label: trans.__('Level') },
        { label: trans.__('Resources'), numeric: true },
        { label: trans.__('Reuses'), numeric: true }
      ],
      rows: rows.map(r => [
        r.discipline ?? unset,
        r.level ?? unset,
        r.resources,
        r.reuses
      ])
    }
  };
}

function accessibilitySection(
  data: IProgrammeDashboard,
  { trans, period }: ISectionContext
): ISection {
  const a = data.accessibility;
  const applicable = a.criteriaMet + a.criteriaNotMet;
  const rate = applicable ? Math.round((100 * a.criteriaMet) / applicable) : 0;
  return {
    indicator: 'accessibility',
    title: indicatorLabel('programme', 'accessibility', trans),
    summary: trans.__(
      'RGAA 4.1: %1 criteria met, %2 not met, %3 not applicable; compliance rate %4 %.',
      a.criteriaMet,
      a.criteriaNotMet,
      a.criteriaNotApplicable,
      rate
    ),
    chart: null,
    notice: null,
    tableShown: true,
    table: {
      caption: trans.__('RGAA 4.1 criteria'),
      fileName: csvFileName(trans.__('accessibility'), period),
      columns: [
        { label: trans.__('Criteria met'), numeric: true },
        { label: trans.__('Criteria not met'), numeric: true },
        { label: trans.__('Not applicable'), numeric: true },
        { label: trans.__('Compliance rate (%)'), numeric: true }
      ],
      rows: [[a.criteriaMet, a.criteriaNotMet, a.criteriaNotApplicable, rate]]
    }
  };
}
