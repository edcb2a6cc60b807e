import { french } from '@candyce/core/testing';

import { classSections } from '../src/classSections';
import { ControlChange, DashboardControls } from '../src/controls';
import { Formats } from '../src/format';
import { usableChoice } from '../src/preferences';
import { classDashboard } from './samples';

const fr = french();

function classControls(changes: ControlChange[]): DashboardControls {
  return new DashboardControls({
    kind: 'class',
    trans: fr,
    idPrefix: 'test',
    onChange: change => changes.push(change)
  });
}

const state = {
  period: 'month' as const,
  indicators: ['pupils'],
  classes: [{ id: 'c', name: '2de B' }],
  classId: 'c',
  assignments: []
};

describe('the group control of the class dashboard', () => {
  it('is a native list, named in French, offering the whole class then its groups', () => {
    const changes: ControlChange[] = [];
    const controls = classControls(changes);
    document.body.appendChild(controls.node);
    const select =
      controls.node.querySelector<HTMLSelectElement>('select#test-group')!;
    // A native <select> with its <label>: reached with Tab, changed with the arrows.
    expect(select.tabIndex).toBe(0);
    expect(
      controls.node.querySelector('label[for="test-group"]')?.textContent
    ).toBe('Groupe');
    controls.update({
      ...state,
      groups: [
        { id: 'g1', name: 'Binôme Léa et Hugo' },
        { id: 'g2', name: 'Trio du fond' }
      ],
      groupId: 'g2'
    });
    expect(select.parentElement!.hidden).toBe(false);
    expect([...select.options].map(o => [o.value, o.text])).toEqual([
      ['', 'Toute la classe'],
      ['g1', 'Binôme Léa et Hugo'],
      ['g2', 'Trio du fond']
    ]);
    expect(select.value).toBe('g2');
    select.value = 'g1';
    select.dispatchEvent(new Event('change'));
    select.value = '';
    select.dispatchEvent(new Event('change'));
    expect(changes).toEqual([{ groupId: 'g1' }, { groupId: null }]);
    controls.node.remove();
  });

  it('is hidden for a class without group workspaces, and shows the whole class', () => {
    const controls = classControls([]);
    controls.update({ ...state, groups: [], groupId: null });
    const select =
      controls.node.querySelector<HTMLSelectElement>('select#test-group')!;
    expect(select.parentElement!.hidden).toBe(true);
    expect(select.value).toBe('');
  });

  it('is not on the other dashboards', () => {
    for (const kind of ['me', 'programme', 'establishment'] as const) {
      const controls = new DashboardControls({
        kind,
        trans: fr,
        idPrefix: 'test',
        onChange: () => undefined
      });
      expect(controls.node.querySelector('#test-group')).toBeNull();
    }
  });

  it('keeps a saved group with its class only', () => {
    expect(
      usableChoice('class', {
        period: 'week',
        classId: 'c',
        groupId: 'g1',
        indicators: ['pupils']
      })
    ).toEqual({
      period: 'week',
      classId: 'c',
      groupId: 'g1',
      indicators: ['pupils']
    });
    expect(
      usableChoice('class', {
        period: 'week',
        groupId: 'g1',
        indicators: []
      })
    ).toEqual({ period: 'week', indicators: [] });
  });

  it('names the group beside the class in the tables, in French', () => {
    const data = {
      ...classDashboard(),
      group: 'g1',
      groups: [{ id: 'g1', name: 'Binôme Léa et Hugo' }]
    };
    const context = {
      trans: fr,
      formats: new Formats('fr_FR'),
      period: '2026-12-05-2026-12-07'
    };
    const named = classSections(data, context);
    expect(named.pupils.table.caption).toBe(
      `Élèves de ${data.class.name}, Binôme Léa et Hugo`
    );
    const whole = classSections({ ...data, group: null }, context);
    expect(whole.pupils.table.caption).toBe(`Élèves de ${data.class.name}`);
  });
});
