import type { IClassDashboard, IProgrammeDashboard } from './api';
import { hiddenNotice, peopleCount, total } from './format';
import type { ISection, ISectionContext } from './sections';
import { busiest, indicatorLabel } from './sections';
import { csvFileName } from './table';

/**
 * What is done in group workspaces: their shared servers send traces under the group's
 * account, not its members', so these figures are the groups', shown apart from the
 * pupils' (a class's « Work in group workspaces ») and in « real-time collaboration »
 * (the group workspaces active each week).
 */

/**
 * A class's group workspaces' shared work: per day, and the period's totals — the
 * chosen group's, next to its members' own figures, or all the class's workspaces'.
 */
export function groupWorkSection(
  data: IClassDashboard,
  { trans, formats, period }: ISectionContext
): ISection {
  const work = data.groupWork;
  const group = data.groups.find(one => one.id === data.group) ?? null;
  const days = work.days;
  const cells = total(days.map(d => d.cellsRun));
  const top = busiest(days, d => d.activeWorkspaces);
  const summary = !work.workspaces
    ? trans.__('This class has no group workspace.')
    : !work.activeWorkspaces
      ? group
        ? trans.__('No work in the group « %1 » over the period.', group.name)
        : trans.__('No work in the class’s group workspaces over the period.')
      : [
          Private.totals(data, trans),
          top && !group
            ? trans.__(
                'The most workspaces active on %1 (%2).',
                formats.date(top.day),
                top.activeWorkspaces
              )
            : ''
        ]
          .filter(Boolean)
          .join(' ');
  const name = group ? `${data.class.name}, ${group.name}` : data.class.name;
  return {
    indicator: 'groupWork',
    title: indicatorLabel('class', 'groupWork', trans),
    summary,
    chart: work.workspaces
      ? {
          kind: 'days',
          yLabel:
            cells === null
              ? trans.__('Active group workspaces')
              : trans.__('Cells run in group workspaces'),
          points: days.map(d => ({
            x: d.day,
            y: cells === null ? d.activeWorkspaces : (d.cellsRun ?? 0)
          }))
        }
      : null,
    notice: work.workspaces
      ? [
          trans.__(
            'Work done together in a group workspace counts for the group, not for each of its pupils: it is in none of the pupils’ figures.'
          ),
          work.cellsRun === null
            ? trans.__(
                'The optional traces of these group workspaces are not collected: they are only when the class’s policy allows them and every member of the group agreed.'
              )
            : ''
        ]
          .filter(Boolean)
          .join(' ')
      : null,
    tableShown: !work.workspaces,
    table: {
      caption: trans.__('Work in group workspaces per day in %1', name),
      fileName: csvFileName(trans.__('group work'), name, period),
      columns: [
        { label: trans.__('Day') },
        { label: trans.__('Active group workspaces'), numeric: true },
        { label: trans.__('Cells run'), numeric: true }
      ],
      rows: days.map(d => [formats.date(d.day), d.activeWorkspaces, d.cellsRun])
    },
    more: work.workspaces
      ? {
          caption: trans.__('Shared work in all, %1', name),
          fileName: csvFileName(trans.__('group work totals'), name, period),
          columns: [
            { label: trans.__('Group workspaces') },
            { label: trans.__('Active workspaces'), numeric: true },
            { label: trans.__('Notebooks opened'), numeric: true },
            { label: trans.__('Cells run'), numeric: true },
            { label: trans.__('Errors'), numeric: true },
            { label: trans.__('Last activity') }
          ],
          rows: [
            [
              group ? group.name : trans.__('All (%1)', work.workspaces),
              work.activeWorkspaces,
              work.notebooksOpened,
              work.cellsRun,
              work.errors,
              formats.dateTime(work.lastActivity) ?? ''
            ]
          ]
        }
      : undefined
  };
}

/**
 * Real-time collaboration (the programme's and an establishment's): the group
 * workspaces active each week (the chart, its table), and the sessions joined and by
 * how many people over the period (the second table).
 */
export function collaborationSection(
  data: Pick<IProgrammeDashboard, 'collaboration'>,
  { trans, formats, period }: ISectionContext,
  title: string
): ISection {
  const { sessions, groupWorkspaces: weeks } = data.collaboration;
  const users = peopleCount(data.collaboration.users, trans);
  const busiestWeek = busiest(weeks, week => week.workspaces);
  const sessionsText = trans.__(
    'Real-time collaboration sessions joined: %1, by %2 users.',
    sessions,
    users
  );
  const totals = {
    caption: trans.__('Real-time collaboration sessions and their users'),
    fileName: csvFileName(trans.__('collaboration'), period),
    columns: [
      { label: trans.__('Sessions joined'), numeric: true },
      { label: trans.__('Users'), numeric: true }
    ],
    rows: [[sessions, users]]
  };
  return {
    indicator: 'collaboration',
    title,
    summary: busiestWeek
      ? `${sessionsText} ${trans.__(
          'Group workspaces active: %1 weeks, at most %2 in the week of %3; cells run in them: %4.',
          weeks.length,
          busiestWeek.workspaces,
          formats.date(busiestWeek.week),
          weeks.reduce((sum, week) => sum + week.cellsRun, 0)
        )}`
      : `${sessionsText} ${trans.__('No group workspace was active over the period.')}`,
    chart: weeks.length
      ? {
          kind: 'weeks',
          yLabel: trans.__('Active group workspaces'),
          seriesLabel: trans.__('Workspaces'),
          points: weeks.map(week => ({
            x: week.week,
            y: week.workspaces,
            series: trans.__('Group workspaces')
          }))
        }
      : null,
    notice: data.collaboration.users === null ? hiddenNotice(trans) : null,
    tableShown: !weeks.length,
    table: weeks.length
      ? {
          caption: trans.__('Group workspaces active per week'),
          fileName: csvFileName(trans.__('group workspaces'), period),
          columns: [
            { label: trans.__('Week of') },
            { label: trans.__('Active group workspaces'), numeric: true },
            { label: trans.__('Cells run'), numeric: true }
          ],
          rows: weeks.map(week => [
            formats.date(week.week),
            week.workspaces,
            week.cellsRun
          ])
        }
      : totals,
    more: weeks.length ? totals : undefined
  };
}

namespace Private {
  /** The period's shared work in words, « not collected » where it is not. */
  export function totals(
    data: IClassDashboard,
    trans: ISectionContext['trans']
  ): string {
    const work = data.groupWork;
    const group = data.groups.find(one => one.id === data.group) ?? null;
    const figures = [
      work.notebooksOpened ?? trans.__('not collected'),
      work.cellsRun ?? trans.__('not collected'),
      work.errors ?? trans.__('not collected')
    ];
    return group
      ? trans.__(
          'Shared work of the group « %1 » over the period: notebooks opened %2, cells run %3, errors %4.',
          group.name,
          ...figures
        )
      : trans.__(
          'Shared work of the class’s %1 group workspaces over the period: notebooks opened %2, cells run %3, errors %4.',
          work.workspaces,
          ...figures
        );
  }
}
