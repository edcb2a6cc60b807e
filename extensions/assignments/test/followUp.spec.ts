import './jsdomShims';

import { HubClient } from '@candyce/core';
import { Widget } from '@lumino/widgets';

import { AssignmentsApi, type IProgressRow } from '../src/api';
import { FollowUps } from '../src/followUps';
import { feedbackStatus, sortRows } from '../src/progress';
import { AssignmentsStore } from '../src/store';
import { fakeApp, fakeSession } from '../../core/test/fakes';
import { french } from '@candyce/core/testing';

function row(
  name: string,
  displayName: string,
  change: Partial<IProgressRow> = {}
): IProgressRow {
  return {
    learner: { name, displayName },
    members: null,
    state: 'todo',
    fetchedAt: null,
    lastActivityAt: null,
    submittedAt: null,
    version: null,
    late: false,
    grade: null,
    maxGrade: null,
    returnedAt: null,
    autograde: null,
    ...change
  };
}

const ROWS: IProgressRow[] = [
  row('eleve3', 'Zoé Bernard', {
    state: 'returned',
    submittedAt: '2026-12-02T09:00:00Z',
    version: 1,
    grade: 8,
    maxGrade: 10,
    // Local time, so that the test reads the same in any time zone.
    returnedAt: '2026-12-03T09:00:00'
  }),
  row('eleve1', 'Adam Petit'),
  row('eleve2', 'Émile Roux', {
    state: 'submitted',
    submittedAt: '2026-12-04T09:00:00Z',
    version: 2,
    grade: 12,
    maxGrade: 20
  }),
  row('eleve4', 'Nathan Durand', {
    state: 'submitted',
    submittedAt: '2026-12-01T09:00:00Z',
    version: 1
  })
];

const names = (rows: IProgressRow[]) => rows.map(r => r.learner.displayName);

describe('the follow-up table', () => {
  it('sorts by name the French way (accents ignored), both ways', () => {
    expect(names(sortRows(ROWS, { key: 'pupil', ascending: true }))).toEqual([
      'Adam Petit',
      'Émile Roux',
      'Nathan Durand',
      'Zoé Bernard'
    ]);
    expect(names(sortRows(ROWS, { key: 'pupil', ascending: false }))[0]).toBe(
      'Zoé Bernard'
    );
  });

  it('sorts by hand-in time and by grade, those without one last either way', () => {
    expect(
      names(sortRows(ROWS, { key: 'submitted', ascending: false }))
    ).toEqual(['Émile Roux', 'Zoé Bernard', 'Nathan Durand', 'Adam Petit']);
    // 8 / 10 is above 12 / 20.
    for (const ascending of [true, false]) {
      const sorted = names(sortRows(ROWS, { key: 'grade', ascending }));
      expect(sorted.slice(0, 2)).toEqual(
        ascending
          ? ['Émile Roux', 'Zoé Bernard']
          : ['Zoé Bernard', 'Émile Roux']
      );
      expect(sorted.slice(2)).toEqual(['Adam Petit', 'Nathan Durand']);
    }
  });

  it('sorts by state in the order of a piece of work’s life', () => {
    expect(names(sortRows(ROWS, { key: 'state', ascending: true }))).toEqual([
      'Adam Petit',
      'Émile Roux',
      'Nathan Durand',
      'Zoé Bernard'
    ]);
  });

  it('says where the feedback stands, in French', () => {
    const trans = french();
    expect(ROWS.map(r => feedbackStatus(r, trans, 'fr_FR'))).toEqual([
      'copie rendue le 03/12/2026 09:00',
      '—',
      'noté, copie pas encore rendue',
      'à corriger'
    ]);
  });
});

/** The hub as a teacher's JupyterLab reaches it: one assignment handed out. */
function hub(): { api: AssignmentsApi; asked: string[] } {
  const asked: string[] = [];
  const answers: Record<string, unknown> = {
    '/hub/api/v1/assignments': {
      teaching: [
        {
          id: 'a1',
          title: 'Les listes',
          folder: 'devoirs/les-listes-a1',
          classes: [{ id: 'c1', name: '2de B' }],
          shareCode: null,
          opensAt: null,
          dueAt: null,
          latePolicy: 'accept',
          counts: { learners: 4, submitted: 2, returned: 1 }
        }
      ],
      learning: []
    },
    '/hub/api/v1/assignments/a1/progress': { rows: ROWS }
  };
  const client = new HubClient({
    // jsdom has no Response: what the client reads of one.
    fetch: async url => {
      asked.push(String(url));
      const body = answers[String(url)];
      return {
        status: body ? 200 : 404,
        ok: !!body,
        headers: new Headers({ 'Content-Type': 'application/json' }),
        json: async () => body ?? { error: { code: 'not_found', message: '' } }
      } as unknown as Response;
    }
  });
  return { api: new AssignmentsApi(client), asked };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) {
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

describe('the follow-up of an assignment, in the main area', () => {
  it('opens once per assignment, as a main-area widget with the table of every pupil and their actions', async () => {
    const { app, shell } = fakeApp();
    const { api } = hub();
    const store = new AssignmentsStore(api);
    const followUps = new FollowUps({
      app,
      session: fakeSession({ roles: ['teacher'], hub: api.hub }),
      trans: french(),
      store: () => store,
      actions: {
        openSubmission: async () => '',
        confirm: async () => false
      },
      restorer: null
    });
    const [widget, again] = await Promise.all([
      followUps.open('a1'),
      followUps.open('a1')
    ]);
    expect(again).toBe(widget);
    expect(shell.added.map(a => [a.widget.id, a.area])).toEqual([
      ['cdc-followup-a1', 'main']
    ]);
    expect(widget.title.label).toBe('Suivi : Les listes');
    expect(followUps.tracker.size).toBe(1);

    Widget.attach(widget, document.body);
    const node = widget.node;
    await until(() => node.querySelectorAll('tbody tr').length === 4);
    expect(node.querySelector('h2')?.textContent).toBe('Suivi : Les listes');
    expect(
      Array.from(node.querySelectorAll('thead th')).map(th => th.textContent)
    ).toEqual([
      'Élève ▲',
      'État',
      'Dernière activité',
      'Rendu le',
      'Note',
      'Retour',
      'Actions'
    ]);
    // Three actions for each pupil who handed in; none for those who did not.
    const labels = Array.from(
      node.querySelectorAll('tbody button[aria-label]')
    ).map(b => b.getAttribute('aria-label'));
    expect(labels).toHaveLength(9);
    expect(labels).toContain('Ouvrir la copie de Nathan Durand');
    expect(labels).toContain('Rendre la copie de Zoé Bernard');
    expect(labels.some(l => l?.includes('Adam Petit'))).toBe(false);

    // Sorting by grade, highest first: the header says so.
    const grade = Array.from(node.querySelectorAll('thead button')).find(
      b => b.textContent === 'Note'
    ) as HTMLButtonElement;
    grade.click();
    await until(
      () => grade.parentElement?.getAttribute('aria-sort') === 'ascending'
    );
    grade.click();
    await until(
      () => grade.parentElement?.getAttribute('aria-sort') === 'descending'
    );
    expect(node.querySelector('tbody th')?.textContent).toBe('Zoé Bernard');
    widget.dispose();
    expect(followUps.tracker.size).toBe(0);
  });

  it('restored with the workspace, a follow-up is added without taking the focus', async () => {
    const { app, shell } = fakeApp();
    const { api } = hub();
    const store = new AssignmentsStore(api);
    const followUps = new FollowUps({
      app,
      session: fakeSession({ roles: ['teacher'], hub: api.hub }),
      trans: french(),
      store: () => store,
      actions: {
        openSubmission: async () => '',
        confirm: async () => false
      },
      restorer: null
    });
    const widget = await app.commands.execute(
      'candyce-assignments:follow-assignment',
      { assignmentId: 'a1', activate: false }
    );
    expect(shell.added.map(a => a.widget)).toEqual([widget]);
    expect(shell.activated).toEqual([]);
    await followUps.open('a1');
    expect(shell.activated).toEqual(['cdc-followup-a1']);
    (widget as Widget).dispose();
  });

  it('refuses an assignment the teacher did not hand out, in French, and opens nothing', async () => {
    const { app, shell } = fakeApp();
    const { api } = hub();
    const store = new AssignmentsStore(api);
    const followUps = new FollowUps({
      app,
      session: fakeSession({ roles: ['teacher'], hub: api.hub }),
      trans: french(),
      store: () => store,
      actions: {
        openSubmission: async () => '',
        confirm: async () => false
      },
      restorer: null
    });
    await expect(
      app.commands.execute('candyce-assignments:follow-assignment', {
        assignmentId: 'someone-else'
      })
    ).rejects.toThrow(
      'Ce devoir ne fait plus partie de ceux que vous avez donnés.'
    );
    expect(shell.added).toEqual([]);
    expect(followUps.tracker.size).toBe(0);
  });
});
