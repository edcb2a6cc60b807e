import './jsdomShims';

import { french } from '@candyce/core/testing';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import * as React from 'react';

import type { ILearnerAssignment, IProgressRow } from '../src/api';
import { LearnerItem } from '../src/learnerItem';
import { ProgressTable } from '../src/progressTable';
import type { AssignmentsStore } from '../src/store';

/**
 * An assignment handed out « par groupe » (issue 19, point 2): the teacher's table
 * shows one row per group with its members, and « Mes devoirs » names the group.
 */
describe('group work', () => {
  const trans = french();
  const shown: Widget[] = [];
  afterEach(() => shown.splice(0).forEach(widget => widget.dispose()));

  async function render(element: JSX.Element): Promise<HTMLElement> {
    const widget = ReactWidget.create(element);
    Widget.attach(widget, document.body);
    shown.push(widget);
    for (let i = 0; i < 100 && !widget.node.firstChild; i++) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    return widget.node;
  }

  const row = (
    name: string,
    displayName: string,
    members: IProgressRow['members']
  ): IProgressRow => ({
    learner: { name, displayName },
    members,
    state: 'submitted',
    fetchedAt: null,
    lastActivityAt: null,
    submittedAt: '2026-12-02T09:00:00Z',
    version: 1,
    late: false,
    grade: null,
    maxGrade: null,
    returnedAt: null,
    autograde: null
  });

  it('shows a group row with its members, and a pupil row without', async () => {
    const actions = { open: jest.fn(), mark: jest.fn(), giveBack: jest.fn() };
    const node = await render(
      <ProgressTable
        rows={[
          row('groupe-0123456789', 'Binôme Léa et Hugo', [
            { name: 'hugo', displayName: 'Hugo Bernard' },
            { name: 'lea', displayName: 'Léa Martin' }
          ]),
          row('zoe', 'Zoé Durand', null)
        ]}
        trans={trans}
        locale="fr_FR"
        busy={false}
        actions={actions}
      />
    );
    expect(
      Array.from(node.querySelectorAll('tbody th')).map(th => th.textContent)
    ).toEqual([
      'Binôme Léa et HugoGroupe de Hugo Bernard, Léa Martin',
      'Zoé Durand'
    ]);
    // Marking a group marks its one copy, by the group's account name.
    const mark = Array.from(node.querySelectorAll('button')).find(
      button =>
        button.getAttribute('aria-label') ===
        'Noter la copie de Binôme Léa et Hugo'
    ) as HTMLButtonElement;
    mark.click();
    expect(actions.mark).toHaveBeenCalledWith({
      name: 'groupe-0123456789',
      displayName: 'Binôme Léa et Hugo'
    });
  });

  it('names the group in « Mes devoirs », and nothing for work alone', async () => {
    const assignment = (group: ILearnerAssignment['group']) =>
      ({
        id: `a-${group ? 'group' : 'alone'}`,
        title: 'Projet en binôme',
        instructions: '',
        owner: { name: 'prof', displayName: 'Marie Curie' },
        classes: [],
        shareCode: null,
        opensAt: null,
        dueAt: null,
        latePolicy: 'accept',
        multipleSubmissions: true,
        autograde: false,
        extraFiles: [],
        folder: 'devoirs/projet',
        files: [],
        state: 'todo',
        fetchedAt: null,
        lastSubmission: null,
        returnedAt: null,
        group
      }) as unknown as ILearnerAssignment;
    const item = (a: ILearnerAssignment) => (
      <LearnerItem
        assignment={a}
        store={{} as AssignmentsStore}
        trans={trans}
        locale="fr_FR"
        busy={null}
        canRetry={false}
        onFetch={() => undefined}
        onOpen={() => undefined}
        onSubmit={() => undefined}
      />
    );
    const withGroup = await render(
      <ul>
        {item(
          assignment({
            id: 'g1',
            name: 'Binôme Léa et Hugo',
            openUrl: '/hub/groupes/ouvrir/groupe-0123456789'
          })
        )}
      </ul>
    );
    expect(withGroup.textContent).toContain(
      'Travail de groupe : Binôme Léa et Hugo'
    );
    const alone = await render(<ul>{item(assignment(null))}</ul>);
    expect(alone.textContent).not.toContain('groupe');
  });
});
