/**
 * The establishment's dashboard: its sections from an answer of the hub (counts of
 * fewer than 5 people read « fewer than 5 », never 0, and make no bar), the choice of
 * establishment in the controls, and the panel against a real hub (demo accounts, two
 * establishments imported by the administrator): the choice saved and read back, and a
 * teacher who administers nothing told so without a refused call.
 */
import { trans } from '@candyce/core/testing';

import type { HubSession } from '../../telemetry/test/hubSession';
import type { IEstablishmentDashboard } from '../src/api';
import { DashboardControls } from '../src/controls';
import { establishmentSections } from '../src/establishmentSections';
import { Formats } from '../src/format';
import { PreferenceStore } from '../src/preferences';
import { programmeSections } from '../src/programmeSections';
import { toCsv } from '../src/table';
import { apiOf, panelOf as panelOfKind, useDemoHub } from './demoHub';
import { programmeDashboard } from './samples';

jest.setTimeout(120_000);

const context = {
  trans,
  formats: new Formats('fr_FR'),
  period: '2026-11-23-2026-12-06'
};

/** An establishment over two weeks: 30 pupils, 3 teachers (hidden), 2 levels. */
function establishmentDashboard(): IEstablishmentDashboard {
  return {
    from: '2026-11-23',
    to: '2026-12-06',
    establishment: { id: 'e1', name: 'Lycée Curie' },
    weeklyTotals: [
      { week: '2026-11-23', role: 'learner', users: 28 },
      { week: '2026-11-30', role: 'learner', users: 30 },
      { week: '2026-11-30', role: 'teacher', users: null }
    ],
    weeklyUsers: [
      {
        week: '2026-11-23',
        role: 'learner',
        level: '2de',
        discipline: null,
        users: 28
      },
      {
        week: '2026-11-30',
        role: 'learner',
        level: '2de',
        discipline: null,
        users: 26
      },
      {
        week: '2026-11-30',
        role: 'learner',
        level: '1re',
        discipline: null,
        users: null
      },
      {
        week: '2026-11-30',
        role: 'teacher',
        level: '2de',
        discipline: 'mathematiques',
        users: null
      }
    ],
    classes: [
      { level: '2de', classes: 2, withRealUse: 1, activeUsers: 26 },
      { level: '1re', classes: 1, withRealUse: 0, activeUsers: null }
    ],
    collaboration: { sessions: 2, users: null, groupWorkspaces: [] },
    library: [
      { discipline: 'mathematiques', level: '2de', resources: 2, reuses: 5 }
    ]
  };
}

describe('establishmentSections', () => {
  it('draws the weekly users by role without the hidden counts, and says why', () => {
    const { weeklyUsers } = establishmentSections(
      establishmentDashboard(),
      context
    );
    expect(weeklyUsers.chart?.points).toEqual([
      { x: '2026-11-23', y: 28, series: 'Learner' },
      { x: '2026-11-30', y: 30, series: 'Learner' }
    ]);
    expect(weeklyUsers.summary).toBe(
      'Weeks with activity: 2. Week of 30/11/2026: Learner 30, Teacher fewer than 5.'
    );
    expect(weeklyUsers.notice).toBe(
      'Counts of fewer than 5 people are not shown, so that nobody can be recognised.'
    );
    expect(weeklyUsers.table.rows[3]).toEqual([
      '30/11/2026',
      'Teacher',
      '2de',
      'mathematiques',
      'fewer than 5'
    ]);
    const csv = toCsv(weeklyUsers.table, true);
    expect(csv).toContain('30/11/2026;Teacher;2de;mathematiques;fewer than 5');
    expect(weeklyUsers.table.fileName).toBe(
      'weekly-users-lycee-curie-2026-11-23-2026-12-06.csv'
    );
  });

  it('counts classes with real use by level, collaboration and the teachers’ reuse', () => {
    const sections = establishmentSections(establishmentDashboard(), context);
    expect(Object.keys(sections)).toEqual([
      'weeklyUsers',
      'classes',
      'collaboration',
      'library'
    ]);
    expect(sections.classes.summary).toBe(
      '1 of 3 classes had real use over the period (at least 5 of their members each active on 3 different days).'
    );
    expect(sections.classes.table.rows).toEqual([
      ['2de', 2, 1, 26],
      ['1re', 1, 0, 'fewer than 5']
    ]);
    expect(sections.collaboration.summary).toBe(
      'Real-time collaboration sessions joined: 2, by fewer than 5 users. No group workspace was active over the period.'
    );
    expect(sections.collaboration.title).toBe('Real-time collaboration');
    expect(sections.library.title).toBe('Resources reused by its teachers');
    expect(sections.library.summary).toBe(
      'Resources reused by the establishment’s teachers: 2, 5 times in all.'
    );
  });

  it('makes the programme’s hidden counts read « fewer than 5 » too', () => {
    const data = programmeDashboard();
    data.establishments[1].activeUsers = null;
    data.weeklyUsers[3].users = null;
    data.collaboration.users = null;
    const sections = programmeSections(data, context);
    expect(sections.establishments.table.rows[1]).toEqual([
      'Collège Hugo',
      'fewer than 5',
      'no'
    ]);
    expect(sections.establishments.notice).toContain('fewer than 5 people');
    // The teachers' hidden row makes no bar: the week's teachers are not drawn.
    expect(
      sections.weeklyUsers.chart?.points.filter(p => p.series === 'Teacher')
    ).toEqual([{ x: '2026-11-30', y: 0, series: 'Teacher' }]);
    expect(sections.weeklyUsers.notice).toContain('fewer than 5 people');
    expect(sections.collaboration.more?.rows).toEqual([[4, 'fewer than 5']]);
  });
});

describe('DashboardControls', () => {
  it('offers the establishments only to those who administer several', () => {
    const changes: unknown[] = [];
    const controls = new DashboardControls({
      kind: 'establishment',
      trans,
      idPrefix: 'test',
      onChange: change => changes.push(change)
    });
    const select = controls.node.querySelector<HTMLSelectElement>(
      'select#test-establishment'
    )!;
    const label = controls.node.querySelector(
      'label[for="test-establishment"]'
    );
    expect(label?.textContent).toBe('Establishment');
    controls.update({
      period: 'month',
      indicators: ['classes'],
      establishments: [{ id: 'a', name: 'Lycée Pasteur' }],
      establishmentId: 'a'
    });
    expect(select.parentElement!.hidden).toBe(true);
    controls.update({
      period: 'month',
      indicators: ['classes'],
      establishments: [
        { id: 'b', name: 'Collège Curie' },
        { id: 'a', name: 'Lycée Pasteur' }
      ],
      establishmentId: 'a'
    });
    expect(select.parentElement!.hidden).toBe(false);
    expect([...select.options].map(o => o.text)).toEqual([
      'Collège Curie',
      'Lycée Pasteur'
    ]);
    expect(select.value).toBe('a');
    select.value = 'b';
    select.dispatchEvent(new Event('change'));
    expect(changes).toEqual([{ establishmentId: 'b' }]);
    const boxes = [
      ...controls.node.querySelectorAll<HTMLInputElement>(
        'input[type="checkbox"]'
      )
    ];
    expect(boxes.map(box => [box.value, box.checked])).toEqual([
      ['weeklyUsers', false],
      ['classes', true],
      ['collaboration', false],
      ['library', false]
    ]);
  });
});

describe('the establishment’s dashboard against a hub', () => {
  const demo = useDemoHub(['admin', 'm.curie']);
  let admin: HubSession;
  let teacher: HubSession;

  beforeAll(async () => {
    admin = demo.sessions.admin;
    teacher = demo.sessions['m.curie'];
    const imported = await admin.call('POST', '/hub/api/v1/rosters/oneroster', {
      'orgs.csv':
        'sourcedId,name\norg-pasteur,Lycée Pasteur\norg-curie,Collège Curie\n'
    });
    expect(imported.status).toBe(200);
  });

  const panelOf = (session: HubSession, store?: PreferenceStore) =>
    panelOfKind(session, 'establishment', store);

  it('lets the administrator choose an establishment, and remembers it', async () => {
    const panel = panelOf(admin);
    await panel.ready;
    const select = panel.node.querySelector<HTMLSelectElement>(
      'select#cdc-Dashboard-establishment-establishment'
    )!;
    // Every establishment for the administrator (the demo's too), by name; the
    // first shown.
    const names = [...select.options].map(o => o.text);
    expect(names).toEqual(
      expect.arrayContaining(['Collège Curie', 'Lycée Pasteur'])
    );
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'fr')));
    expect(select.parentElement!.hidden).toBe(false);
    expect(panel.establishmentName).toBe(names[0]);
    const headings = [...panel.node.querySelectorAll('h3')].map(
      h => h.textContent
    );
    expect(headings).toEqual([
      'Weekly users',
      'Classes with real use',
      'Real-time collaboration',
      'Resources reused by its teachers'
    ]);
    const pasteur = [...select.options].find(o => o.text === 'Lycée Pasteur')!;
    select.value = pasteur.value;
    select.dispatchEvent(new Event('change'));
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(panel.establishmentName).toBe('Lycée Pasteur');
    // Imported without classes: nothing to count, and said so.
    expect(panel.node.textContent).toContain('0 of 0 classes had real use');
    const again = new PreferenceStore(apiOf(admin));
    expect(await again.choice('establishment')).toEqual({
      period: 'month',
      establishmentId: pasteur.value,
      indicators: ['weeklyUsers', 'classes', 'collaboration', 'library']
    });
    // A new panel opens on the establishment chosen last.
    const reopened = panelOf(admin, again);
    await reopened.ready;
    expect(reopened.establishmentName).toBe('Lycée Pasteur');
  });

  it('tells a teacher who administers nothing, without a refused call', async () => {
    expect(await apiOf(teacher).establishments()).toEqual([]);
    const panel = panelOf(teacher);
    await panel.ready;
    expect(panel.node.querySelector('.cdc-Dashboard-status')?.textContent).toBe(
      'You do not administer any establishment.'
    );
    expect(panel.node.querySelectorAll('h3')).toHaveLength(0);
  });
});
