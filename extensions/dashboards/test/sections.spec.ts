import { classSections, tracesNotice } from '../src/classSections';
import { Formats } from '../src/format';
import { mySections } from '../src/meSections';
import { programmeSections } from '../src/programmeSections';
import { busiest, INDICATORS } from '../src/sections';
import { toCsv } from '../src/table';
import { classDashboard, myDashboard, programmeDashboard } from './samples';
import { trans } from '@candyce/core/testing';

const context = {
  trans,
  formats: new Formats('fr_FR'),
  period: '2026-12-05-2026-12-07'
};

describe('mySections', () => {
  it('sums the activity and draws cells run per day', () => {
    const { activity } = mySections(myDashboard(), context);
    expect(activity.summary).toBe(
      'From 05/12/2026 to 07/12/2026: cells run: 13, with an error: 4, notebooks opened: 3, active days: 2.'
    );
    expect(activity.chart?.points).toEqual([
      { x: '2026-12-05', y: 4 },
      { x: '2026-12-06', y: 0 },
      { x: '2026-12-07', y: 9 }
    ]);
    expect(activity.table.rows[2]).toEqual(['07/12/2026', 2, 9, 3]);
    expect(activity.notice).toBeNull();
  });

  it('says the activity is not recorded rather than drawing zeros', () => {
    const data = myDashboard();
    data.optionalTraces = false;
    data.activity = data.activity.map(r => ({
      ...r,
      notebooksOpened: null,
      cellsRun: null,
      errors: null
    }));
    const { activity } = mySections(data, context);
    expect(activity.chart).toBeNull();
    expect(activity.summary).toBe('Your activity is not recorded.');
    expect(activity.notice).toContain('privacy page');
    expect(toCsv(activity.table, true)).toContain('05/12/2026;;;\r\n');
  });

  it('lists the assignments with state, grade and feedback', () => {
    const { assignments } = mySections(myDashboard(), context);
    expect(assignments.tableShown).toBe(true);
    expect(assignments.table.rows[0]).toEqual([
      'Les listes',
      '2de B',
      'Returned',
      expect.stringMatching(/^01\/12\/2026 \d\d:00$/),
      expect.stringMatching(/^30\/11\/2026/),
      expect.stringMatching(/^02\/12\/2026/),
      15.5,
      20,
      'yes'
    ]);
    expect(assignments.table.rows[1].slice(1, 3)).toEqual([
      'by code',
      'Started'
    ]);
    expect(assignments.summary).toBe(
      'Assignments: 2; handed in: 1; returned: 1. Your teacher left feedback on: Les listes.'
    );
  });
});

describe('classSections', () => {
  it('says who started, handed in and asked for help', () => {
    const { pupils } = classSections(classDashboard(), context);
    expect(pupils.summary).toBe(
      '3 pupils: 2 started, 1 handed in, 1 not active over the period. Asked for help: Alice Martin, =Zoé.'
    );
    // Live help is the hub's record: counted even where traces are not collected.
    expect(pupils.table.rows[2]).toEqual([
      '=Zoé',
      0,
      0,
      null,
      null,
      null,
      1,
      ''
    ]);
    expect(pupils.table.columns.map(c => c.label)).toContain('Help asked');
    expect(pupils.table.columns.map(c => c.label)).toContain(
      'Live help requests'
    );
  });

  it('orders nothing itself and names frequent errors with their counts', () => {
    const { frequentErrors } = classSections(classDashboard(), context);
    expect(frequentErrors.summary).toBe(
      'Most frequent errors over the period: NameError (3), ZeroDivisionError (2).'
    );
    expect(frequentErrors.chart?.kind).toBe('categories');
  });

  it('finds the day of most hand-ins and the busiest day', () => {
    const { handIns, activity } = classSections(classDashboard(), context);
    expect(handIns.summary).toBe(
      'Hand-ins over the period: 1; the most on 06/12/2026 (1).'
    );
    expect(activity.summary).toBe(
      'Busiest day: 06/12/2026 (2 active pupils). Cells run over the period: 15.'
    );
  });

  it('says when the class’s optional traces are not collected', () => {
    const data = classDashboard();
    expect(tracesNotice(data, context)).toContain(': 2 of 3.');
    data.tracesPolicy = {
      policy: 'none',
      isDefault: true,
      pupilsWithOptionalTraces: 0,
      missing: ['cellsRun', 'errors', 'helpAsked', 'frequentErrors']
    };
    data.frequentErrors = [];
    expect(tracesNotice(data, context)).toContain('not collected');
    const { frequentErrors } = classSections(data, context);
    expect(frequentErrors.summary).toBe(
      'Errors are not collected for this class.'
    );
    expect(frequentErrors.chart).toBeNull();
  });
});

describe('programmeSections', () => {
  it('adds up users per week and role for the chart, keeps the detail in the table', () => {
    const { weeklyUsers } = programmeSections(programmeDashboard(), context);
    expect(weeklyUsers.chart?.points).toEqual([
      { x: '2026-11-23', y: 20, series: 'Learner' },
      { x: '2026-11-30', y: 30, series: 'Learner' },
      { x: '2026-11-30', y: 3, series: 'Teacher' }
    ]);
    expect(weeklyUsers.table.rows).toHaveLength(4);
    expect(weeklyUsers.table.rows[0]).toEqual([
      '23/11/2026',
      'Learner',
      '2de',
      'not given',
      20
    ]);
    expect(weeklyUsers.summary).toBe(
      'Weeks with activity: 2. Week of 30/11/2026: Learner 30, Teacher 3.'
    );
  });

  it('counts establishments with real use, library reuse and the RGAA rate', () => {
    const sections = programmeSections(programmeDashboard(), context);
    expect(sections.establishments.summary).toMatch(/^1 of 2 establishments/);
    expect(sections.library.summary).toBe(
      'Resources published: 6, reused 8 times.'
    );
    expect(sections.library.chart?.points).toEqual([
      { x: 'maths', y: 4 },
      { x: 'not given', y: 2 }
    ]);
    expect(sections.accessibility.table.rows[0]).toEqual([80, 5, 21, 94]);
    expect(sections.collaboration.summary).toMatch(
      /^Real-time collaboration sessions joined: 4, by 9 users\. /
    );
  });

  it('builds a section for every indicator the preferences name', () => {
    const all = {
      me: mySections(myDashboard(), context),
      class: classSections(classDashboard(), context),
      programme: programmeSections(programmeDashboard(), context)
    };
    for (const kind of ['me', 'class', 'programme'] as const) {
      expect(Object.keys(all[kind]).sort()).toEqual(
        [...INDICATORS[kind]].sort()
      );
    }
  });
});

describe('busiest', () => {
  it('is the first of the highest, or null when all are zero', () => {
    const rows = [{ n: 1 }, { n: 3 }, { n: 3 }];
    expect(busiest(rows, r => r.n)).toBe(rows[1]);
    expect(busiest([{ n: 0 }], r => r.n)).toBeNull();
  });
});
