import type {
  IClassDashboard,
  IMyDashboard,
  IProgrammeDashboard
} from '../src/api';

/** A pupil's dashboard over three days, optional traces recorded. */
export function myDashboard(): IMyDashboard {
  return {
    from: '2026-12-05',
    to: '2026-12-07',
    optionalTraces: true,
    activity: [
      { day: '2026-12-05', notebooksOpened: 1, cellsRun: 4, errors: 1 },
      { day: '2026-12-06', notebooksOpened: 0, cellsRun: 0, errors: 0 },
      { day: '2026-12-07', notebooksOpened: 2, cellsRun: 9, errors: 3 }
    ],
    assignments: [
      {
        id: 'a1',
        title: 'Les listes',
        className: '2de B',
        state: 'returned',
        dueAt: '2026-12-01T17:00:00Z',
        handedInAt: '2026-11-30T10:00:00Z',
        returnedAt: '2026-12-02T09:00:00Z',
        grade: 15.5,
        maxGrade: 20,
        hasFeedback: true
      },
      {
        id: 'a2',
        title: 'Boucles',
        className: null,
        state: 'started',
        dueAt: null,
        handedInAt: null,
        returnedAt: null,
        grade: null,
        maxGrade: null,
        hasFeedback: false
      }
    ]
  };
}

/** A class of three pupils, optional traces for two of them. */
export function classDashboard(): IClassDashboard {
  return {
    class: { id: 'c1', name: '2de B', level: '2de' },
    from: '2026-12-05',
    to: '2026-12-07',
    assignment: null,
    group: null,
    groups: [],
    assignments: [{ id: 'a1', title: 'Les listes', dueAt: null }],
    tracesPolicy: {
      policy: 'consent',
      isDefault: false,
      pupilsWithOptionalTraces: 2,
      missing: []
    },
    pupils: [
      {
        name: 'eleve1',
        displayName: 'Alice Martin',
        started: 1,
        cellsRun: 12,
        errors: 2,
        handedIn: 1,
        helpAsked: 1,
        helpRequests: 2,
        lastActivity: '2026-12-07T10:00:00Z'
      },
      {
        name: 'eleve2',
        displayName: 'Hugo Bernard',
        started: 1,
        cellsRun: 3,
        errors: 3,
        handedIn: 0,
        helpAsked: 0,
        helpRequests: 0,
        lastActivity: '2026-12-06T10:00:00Z'
      },
      {
        name: 'eleve3',
        displayName: '=Zoé',
        started: 0,
        cellsRun: null,
        errors: null,
        handedIn: 0,
        helpAsked: null,
        helpRequests: 1,
        lastActivity: null
      }
    ],
    frequentErrors: [
      { name: 'NameError', count: 3 },
      { name: 'ZeroDivisionError', count: 2 }
    ],
    handIns: [
      { day: '2026-12-05', count: 0 },
      { day: '2026-12-06', count: 1 },
      { day: '2026-12-07', count: 0 }
    ],
    activity: [
      { day: '2026-12-05', activePupils: 0, cellsRun: 0 },
      { day: '2026-12-06', activePupils: 2, cellsRun: 5 },
      { day: '2026-12-07', activePupils: 1, cellsRun: 10 }
    ],
    groupWork: {
      workspaces: 2,
      activeWorkspaces: 1,
      notebooksOpened: 1,
      cellsRun: 6,
      errors: 1,
      lastActivity: '2026-12-06T15:00:00Z',
      days: [
        { day: '2026-12-05', activeWorkspaces: 0, cellsRun: 0 },
        { day: '2026-12-06', activeWorkspaces: 1, cellsRun: 6 },
        { day: '2026-12-07', activeWorkspaces: 0, cellsRun: 0 }
      ]
    }
  };
}

/** The programme over two weeks. */
export function programmeDashboard(): IProgrammeDashboard {
  return {
    from: '2026-11-23',
    to: '2026-12-06',
    weeklyUsers: [
      {
        week: '2026-11-23',
        role: 'learner',
        level: '2de',
        discipline: null,
        users: 20
      },
      {
        week: '2026-11-30',
        role: 'learner',
        level: '2de',
        discipline: null,
        users: 25
      },
      {
        week: '2026-11-30',
        role: 'learner',
        level: '1re',
        discipline: null,
        users: 5
      },
      {
        week: '2026-11-30',
        role: 'teacher',
        level: '2de',
        discipline: 'maths',
        users: 3
      }
    ],
    establishments: [
      { name: 'Lycée Curie', activeUsers: 40, withRealUse: true },
      { name: 'Collège Hugo', activeUsers: 2, withRealUse: false }
    ],
    collaboration: {
      sessions: 4,
      users: 9,
      groupWorkspaces: [
        { week: '2026-11-23', workspaces: 3, cellsRun: 40 },
        { week: '2026-11-30', workspaces: 5, cellsRun: 75 }
      ]
    },
    library: [
      { discipline: 'maths', level: '2de', resources: 3, reuses: 7 },
      { discipline: 'maths', level: '1re', resources: 1, reuses: 0 },
      { discipline: null, level: null, resources: 2, reuses: 1 }
    ],
    accessibility: {
      criteriaMet: 80,
      criteriaNotMet: 5,
      criteriaNotApplicable: 21
    }
  };
}
