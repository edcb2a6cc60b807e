import { roleLabel } from '@candyce/core';

import type { IEstablishmentDashboard } from './api';
import { hiddenNotice, peopleCount, someHidden } from './format';
import { collaborationSection } from './groupSections';
import { librarySection } from './programmeSections';
import type { IPoint, ISection, ISectionContext } from './sections';
import { indicatorLabel } from './sections';
import { csvFileName } from './table';

/**
 * The sections of an establishment's dashboard: weekly unique users by role (the
 * chart) and by level and discipline (its table), the classes with real use by level,
 * real-time collaboration, the library resources its teachers reused. Figures only:
 * the hub answers no name, and counts of fewer than 5 people read « moins de 5 ».
 */
export function establishmentSections(
  data: IEstablishmentDashboard,
  context: ISectionContext
): Record<string, ISection> {
  const { trans } = context;
  return {
    weeklyUsers: weeklySection(data, context),
    classes: classesSection(data, context),
    collaboration: collaborationSection(
      data,
      context,
      indicatorLabel('establishment', 'collaboration', trans)
    ),
    library: librarySection(
      data,
      context,
      indicatorLabel('establishment', 'library', trans),
      (resources, reuses) =>
        trans.__(
          'Resources reused by the establishment’s teachers: %1, %2 times in all.',
          resources,
          reuses
        )
    )
  };
}

function weeklySection(
  data: IEstablishmentDashboard,
  { trans, formats, period }: ISectionContext
): ISection {
  const unset = trans.__('not given');
  // The bars: the week's distinct users in each role; hidden counts make no bar.
  const points: IPoint[] = data.weeklyTotals
    .filter(row => row.users !== null)
    .map(row => ({
      x: row.week,
      y: row.users!,
      series: roleLabel(row.role, trans)
    }));
  const weeks = [...new Set(data.weeklyTotals.map(row => row.week))];
  const last = weeks[weeks.length - 1];
  const hidden = someHidden([
    ...data.weeklyTotals.map(row => row.users),
    ...data.weeklyUsers.map(row => row.users)
  ]);
  return {
    indicator: 'weeklyUsers',
    title: indicatorLabel('establishment', 'weeklyUsers', trans),
    summary: last
      ? trans.__(
          'Weeks with activity: %1. Week of %2: %3.',
          weeks.length,
          formats.date(last),
          data.weeklyTotals
            .filter(row => row.week === last)
            .map(
              row =>
                `${roleLabel(row.role, trans)} ${peopleCount(row.users, trans)}`
            )
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
    notice: hidden ? hiddenNotice(trans) : null,
    // Without a bar to draw (every count hidden), the table is the content.
    tableShown: !points.length,
    table: {
      caption: trans.__('Weekly unique users by role, level and discipline'),
      fileName: csvFileName(
        trans.__('weekly users'),
        data.establishment.name,
        period
      ),
      columns: [
        { label: trans.__('Week of') },
        { label: trans.__('Role') },
        { label: trans.__('Level') },
        { label: trans.__('Discipline') },
        { label: trans.__('Users'), numeric: true }
      ],
      rows: data.weeklyUsers.map(row => [
        formats.date(row.week),
        roleLabel(row.role, trans),
        row.level ?? unset,
        row.discipline ?? unset,
        peopleCount(row.users, trans)
      ])
    }
  };
}

function classesSection(
  data: IEstablishmentDashboard,
  { trans, period }: ISectionContext
): ISection {
  const rows = data.classes;
  const classes = rows.reduce((sum, row) => sum + row.classes, 0);
  const withRealUse = rows.reduce((sum, row) => sum + row.withRealUse, 0);
  return {
    indicator: 'classes',
    title: indicatorLabel('establishment', 'classes', trans),
    summary: trans.__(
      '%1 of %2 classes had real use over the period (at least 5 of their members each active on 3 different days).',
      withRealUse,
      classes
    ),
    chart: null,
    notice: someHidden(rows.map(row => row.activeUsers))
      ? hiddenNotice(trans)
      : null,
    tableShown: true,
    table: {
      caption: trans.__('Classes by level'),
      fileName: csvFileName(
        trans.__('classes'),
        data.establishment.name,
        period
      ),
      columns: [
        { label: trans.__('Level') },
        { label: trans.__('Classes'), numeric: true },
        { label: trans.__('With real use'), numeric: true },
        { label: trans.__('Active users'), numeric: true }
      ],
      rows: rows.map(row => [
        row.level ?? trans.__('not given'),
        row.classes,
        row.withRealUse,
        peopleCount(row.activeUsers, trans)
      ])
    }
  };
}
