/**
 * The group workspaces' figures on screen: a class's « Work in group workspaces »
 * (the chosen group's shared work beside its members', or all the class's per day) and
 * the group workspaces active per week in « Real-time collaboration », each with its
 * table alternative and CSV, in French.
 */
import { trans } from '@candyce/core/testing';

import { classSections } from '../src/classSections';
import { Formats } from '../src/format';
import { programmeSections } from '../src/programmeSections';
import { renderSection } from '../src/sectionView';
import { toCsv } from '../src/table';
import { classDashboard, programmeDashboard } from './samples';

const formats = new Formats('fr_FR');
const context = { trans, formats, period: '2026-12-05-2026-12-07' };

describe('work in group workspaces', () => {
  it('gives the class’s group workspaces per day, apart from the pupils’, with its table and totals', () => {
    const { groupWork } = classSections(classDashboard(), context);
    expect(groupWork.title).toBe('Work in group workspaces');
    expect(groupWork.summary).toBe(
      'Shared work of the class’s 2 group workspaces over the period: notebooks opened 1, cells run 6, errors 1. The most workspaces active on 06/12/2026 (1).'
    );
    expect(groupWork.notice).toContain('in none of the pupils’ figures');
    expect(groupWork.chart).toEqual({
      kind: 'days',
      yLabel: 'Cells run in group workspaces',
      points: [
        { x: '2026-12-05', y: 0 },
        { x: '2026-12-06', y: 6 },
        { x: '2026-12-07', y: 0 }
      ]
    });
    expect(groupWork.tableShown).toBe(false);
    expect(groupWork.table.rows[1]).toEqual(['06/12/2026', 1, 6]);
    expect(groupWork.more?.rows).toEqual([
      ['All (2)', 1, 1, 6, 1, formats.dateTime('2026-12-06T15:00:00Z')]
    ]);
    expect(toCsv(groupWork.table, true)).toContain(
      'Day;Active group workspaces;Cells run\r\n05/12/2026;0;0'
    );
    expect(groupWork.table.fileName).toBe(
      'group-work-2de-b-2026-12-05-2026-12-07.csv'
    );
  });

  it('names the chosen group, and says what is not collected rather than 0', () => {
    const data = classDashboard();
    data.groups = [{ id: 'g1', name: 'Binôme A' }];
    data.group = 'g1';
    data.groupWork = {
      ...data.groupWork,
      workspaces: 1,
      notebooksOpened: null,
      cellsRun: null,
      errors: null,
      days: data.groupWork.days.map(d => ({ ...d, cellsRun: null }))
    };
    const { groupWork } = classSections(data, context);
    expect(groupWork.summary).toBe(
      'Shared work of the group « Binôme A » over the period: notebooks opened not collected, cells run not collected, errors not collected.'
    );
    expect(groupWork.notice).toContain('are not collected');
    expect(groupWork.chart?.yLabel).toBe('Active group workspaces');
    expect(groupWork.chart?.points.map(p => p.y)).toEqual([0, 1, 0]);
    expect(groupWork.more?.rows[0].slice(0, 5)).toEqual([
      'Binôme A',
      1,
      null,
      null,
      null
    ]);
    expect(groupWork.table.caption).toBe(
      'Work in group workspaces per day in 2de B, Binôme A'
    );
  });

  it('says so when the class has no group workspace, with no chart', () => {
    const data = classDashboard();
    data.groupWork = {
      workspaces: 0,
      activeWorkspaces: 0,
      notebooksOpened: null,
      cellsRun: null,
      errors: null,
      lastActivity: null,
      days: []
    };
    const { groupWork } = classSections(data, context);
    expect(groupWork.summary).toBe('This class has no group workspace.');
    expect([groupWork.chart, groupWork.notice, groupWork.more]).toEqual([
      null,
      null,
      undefined
    ]);
  });
});

describe('group workspaces in real-time collaboration', () => {
  it('draws the workspaces active per week, and keeps the sessions’ table with its own CSV', async () => {
    const section = programmeSections(
      programmeDashboard(),
      context
    ).collaboration;
    expect(section.summary).toBe(
      'Real-time collaboration sessions joined: 4, by 9 users. Group workspaces active: 2 weeks, at most 5 in the week of 30/11/2026; cells run in them: 115.'
    );
    expect(section.chart?.kind).toBe('weeks');
    expect(section.chart?.points).toEqual([
      { x: '2026-11-23', y: 3, series: 'Group workspaces' },
      { x: '2026-11-30', y: 5, series: 'Group workspaces' }
    ]);
    expect(section.table.rows).toEqual([
      ['23/11/2026', 3, 40],
      ['30/11/2026', 5, 75]
    ]);
    expect(section.more?.rows).toEqual([[4, 9]]);
    const { node } = renderSection(section, {
      trans,
      formats,
      idPrefix: 'test'
    });
    const captions = [...node.querySelectorAll('caption')].map(
      c => c.textContent
    );
    expect(captions).toEqual([
      'Group workspaces active per week',
      'Real-time collaboration sessions and their users'
    ]);
    // One CSV button a table, each named by its table.
    expect(
      [...node.querySelectorAll('button.cdc-Dashboard-csv')].map(
        b => b.textContent
      )
    ).toEqual([
      'Download CSV (Group workspaces active per week)',
      'Download CSV (Real-time collaboration sessions and their users)'
    ]);
  });
});
