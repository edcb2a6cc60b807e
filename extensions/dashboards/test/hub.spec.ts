/**
 * The dashboards against a real hub (`hub/src/cli.ts serve`, demo accounts, a fresh
 * SQLite file): the typed calls, the preferences saved and read back, and the panels
 * drawn in jsdom from the hub's answers, charts included.
 */
import type { HubSession } from '../../telemetry/test/hubSession';
import { PreferenceStore } from '../src/preferences';
import { apiOf, panelOf, useDemoHub } from './demoHub';

jest.setTimeout(120_000);

const demo = useDemoHub(['m.curie', 'eleve1']);
let teacher: HubSession;
let pupil: HubSession;

beforeAll(() => {
  teacher = demo.sessions['m.curie'];
  pupil = demo.sessions.eleve1;
});

describe('preferences', () => {
  it('are saved whole and read back by a new session, each dashboard its own', async () => {
    const api = apiOf(teacher);
    const [klass] = await api.classes();
    const store = new PreferenceStore(api);
    expect(await store.choice('class')).toEqual({
      period: 'month',
      indicators: [
        'pupils',
        'groupWork',
        'frequentErrors',
        'handIns',
        'activity'
      ]
    });
    await store.save('class', {
      period: 'week',
      classId: klass.id,
      indicators: ['handIns', 'pupils']
    });
    await store.save('me', { period: 'year', indicators: ['assignments'] });

    const again = new PreferenceStore(apiOf(teacher));
    expect(await again.choice('class')).toEqual({
      period: 'week',
      classId: klass.id,
      // In the dashboard's order, whatever order they were saved in.
      indicators: ['pupils', 'handIns']
    });
    expect(await again.choice('me')).toEqual({
      period: 'year',
      indicators: ['assignments']
    });
    // Another user's choices are theirs.
    expect(await new PreferenceStore(apiOf(pupil)).choice('me')).toEqual({
      period: 'month',
      indicators: ['activity', 'assignments']
    });
  });
});

describe('DashboardPanel', () => {
  it('shows the teacher’s class: its pupils, charts as images named by their summary, CSV buttons', async () => {
    const api = apiOf(teacher);
    const store = new PreferenceStore(api);
    await store.save('class', {
      period: 'month',
      indicators: ['pupils', 'frequentErrors', 'handIns', 'activity']
    });
    const panel = panelOf(teacher, 'class', store);
    await panel.ready;
    const node = panel.node;
    expect(
      node.querySelector('select#cdc-Dashboard-class-class')
    ).not.toBeNull();
    const pupils = [...node.querySelectorAll('tbody th[scope="row"]')].map(
      th => th.textContent
    );
    expect(pupils).toEqual(
      expect.arrayContaining([
        'Léa Martin',
        'Hugo Bernard',
        'Chloé Petit',
        'Nathan Durand'
      ])
    );
    const images = node.querySelectorAll('svg[role="img"]');
    // Hand-ins and activity per day are drawn even when they are all zeros.
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const svg of images) {
      expect(svg.getAttribute('aria-label')).toMatch(/\. .+/);
    }
    expect(node.querySelectorAll('details > summary')).not.toHaveLength(0);
    expect(node.querySelectorAll('button.cdc-Dashboard-csv').length).toBe(4);
    expect(node.textContent).not.toMatch(/eleve\d/);
  });

  it('hides an indicator when its box is unticked, and remembers it', async () => {
    const store = new PreferenceStore(apiOf(teacher));
    const panel = panelOf(teacher, 'class', store);
    await panel.ready;
    const box = panel.node.querySelector<HTMLInputElement>(
      'input[value="frequentErrors"]'
    )!;
    expect(box.checked).toBe(true);
    box.checked = false;
    box.dispatchEvent(new Event('change'));
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(panel.node.textContent).not.toContain('Frequent errors in');
    expect(
      (await new PreferenceStore(apiOf(teacher)).choice('class')).indicators
    ).toEqual(['pupils', 'handIns', 'activity']);
  });

  it('limits the class’s figures to one assignment when one is chosen', async () => {
    const api = apiOf(teacher);
    const [klass] = await api.classes();
    const notebook = Buffer.from(
      JSON.stringify({
        cells: [],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5
      })
    ).toString('base64');
    const handOut = async (title: string, file: string) => {
      const created = await teacher.call('POST', '/hub/api/v1/assignments', {
        title,
        classIds: [klass.id],
        source: {
          home: { path: file, files: [{ path: file, content: notebook }] }
        }
      });
      expect(created.status).toBe(201);
      return ((await created.json()) as { id: string }).id;
    };
    const fetchedOne = await handOut('Les boucles', 'boucles.ipynb');
    const other = await handOut('Les tableaux', 'tableaux.ipynb');
    const fetched = await pupil.call(
      'POST',
      `/hub/api/v1/assignments/${fetchedOne}/fetch`
    );
    expect(fetched.ok).toBe(true);

    const panel = panelOf(teacher, 'class');
    await panel.ready;
    const leaStarted = () =>
      [...panel.node.querySelectorAll('tbody tr')]
        .find(row => row.textContent?.startsWith('Léa Martin'))
        ?.querySelector('td')?.textContent;
    // Every assignment: she started one.
    expect(leaStarted()).toBe('1');
    const select = panel.node.querySelector<HTMLSelectElement>(
      '#cdc-Dashboard-class-assignment'
    )!;
    expect([...select.options].map(o => o.text).sort()).toEqual([
      'All assignments',
      'Les boucles',
      'Les tableaux'
    ]);
    // Only the one she has not fetched: she started none of it.
    select.value = other;
    select.dispatchEvent(new Event('change'));
    await waitFor(() => leaStarted() === '0');
    expect(select.value).toBe(other);
    expect(panel.node.textContent).toContain('No hand-in over the period.');
  });

  it('shows a pupil their assignments and says when their activity is not recorded', async () => {
    const panel = panelOf(pupil, 'me');
    await panel.ready;
    const text = panel.node.textContent ?? '';
    expect(text).toContain('My assignments and feedback');
    expect(text).toMatch(
      /Your optional traces are not recorded|cells run: \d+/
    );
    expect(panel.node.querySelector('.cdc-Dashboard-status')!.textContent).toBe(
      ''
    );
  });

  it('tells a pupil the programme is not theirs to see', async () => {
    const panel = panelOf(pupil, 'programme');
    await panel.ready;
    expect(panel.node.querySelector('.cdc-Dashboard-status')!.textContent).toBe(
      'Your account may not see this dashboard.'
    );
    expect(panel.node.querySelectorAll('section')).toHaveLength(0);
  });

  it('shows one group workspace’s pupils when it is chosen, remembers it, and forgets a deleted one', async () => {
    const api = apiOf(teacher);
    const klass = (await api.classes()).find(c => c.name === '2de B')!;
    const store = new PreferenceStore(api);
    // No class saved yet: the panel shows her first class, 2de B, and saves it.
    expect((await api.classes()).map(c => c.name)).toEqual(['2de B']);
    await store.save('class', { period: 'month', indicators: ['pupils'] });
    const pupils = (panel: DashboardPanel) =>
      [...panel.node.querySelectorAll('tbody th[scope="row"]')]
        .map(th => th.textContent)
        .sort();
    const groupField = (panel: DashboardPanel) =>
      panel.node.querySelector<HTMLSelectElement>(
        '#cdc-Dashboard-class-group'
      )!;
    const panel = panelOf(teacher, 'class', store);
    await panel.ready;
    const select = groupField(panel);
    expect(select.parentElement!.hidden).toBe(false);
    expect([...select.options].map(o => o.text)).toEqual([
      'Whole class',
      'Binôme Léa et Hugo'
    ]);
    expect(pupils(panel)).toEqual([
      'Chloé Petit',
      'Hugo Bernard',
      'Léa Martin',
      'Nathan Durand'
    ]);
    const demoGroup = select.options[1].value;
    select.value = demoGroup;
    select.dispatchEvent(new Event('change'));
    await waitFor(() => pupils(panel).length === 2);
    expect(pupils(panel)).toEqual(['Hugo Bernard', 'Léa Martin']);
    expect(panel.node.querySelector('.cdc-Dashboard-status')!.textContent).toBe(
      ''
    );

    // A new session opens on the group chosen.
    const again = panelOf(teacher, 'class');
    await again.ready;
    expect(groupField(again).value).toBe(demoGroup);
    expect(pupils(again)).toEqual(['Hugo Bernard', 'Léa Martin']);

    // A group chosen then deleted: the whole class, and the choice is forgotten.
    const made = await teacher.call(
      'POST',
      `/hub/api/v1/classes/${klass.id}/groups`,
      { name: 'Trio du fond', members: ['eleve3'] }
    );
    expect(made.status).toBe(201);
    const trio = ((await made.json()) as { id: string }).id;
    const choice = await new PreferenceStore(api).choice('class');
    await store.save('class', { ...choice, groupId: trio });
    expect(
      (await teacher.call('DELETE', `/hub/api/v1/groups/${trio}`)).status
    ).toBe(204);
    const after = panelOf(teacher, 'class');
    await after.ready;
    expect(after.node.querySelector('.cdc-Dashboard-status')!.textContent).toBe(
      ''
    );
    expect(groupField(after).value).toBe('');
    expect(pupils(after)).toHaveLength(4);
    // Saved in the background: read back until it is.
    let saved = await new PreferenceStore(api).choice('class');
    for (let i = 0; i < 50 && saved.groupId; i++) {
      await new Promise(resolve => setTimeout(resolve, 50));
      saved = await new PreferenceStore(api).choice('class');
    }
    expect(saved.groupId).toBeUndefined();
    expect(saved.classId).toBe(klass.id);
  });
});

/** Wait until a condition holds (the panel reloads after a change). */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) {
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  expect(condition()).toBe(true);
}
