import './jsdomShims';

import { HubApiError } from '@candyce/core';
import { french } from '@candyce/core/testing';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import * as React from 'react';

import type {
  AssignmentsApi,
  IClassSummary,
  IGroupWorkspace,
  ILearnerAssignment,
  INewAssignment
} from '../src/api';
import { AssignForm } from '../src/assign';
import { errorMessage } from '../src/errors';
import { emptyValues, validateAssignment } from '../src/form';
import { LearnerItem } from '../src/learnerItem';
import type { ILearnerActions } from '../src/learnerTypes';
import { LearnerView } from '../src/learnerView';
import type { AssignmentsStore } from '../src/store';

/**
 * Assignments handed out « par groupe » (issue 19, point 2), in JupyterLab: the
 * teacher's choice in « Nouveau devoir », and « Mes devoirs » in a member's own server
 * (a link to the group workspace) and in the workspace (« Rendre pour le groupe »).
 */
describe('group assignments', () => {
  const trans = french();
  const shown: Widget[] = [];
  afterEach(() => shown.splice(0).forEach(widget => widget.dispose()));

  async function settle(widget: Widget): Promise<void> {
    for (let i = 0; i < 100 && !widget.node.firstChild; i++) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    // React renders an update on the next tick.
    await new Promise(resolve => setTimeout(resolve, 20));
  }

  async function render(element: JSX.Element): Promise<HTMLElement> {
    const widget = ReactWidget.create(element);
    Widget.attach(widget, document.body);
    shown.push(widget);
    await settle(widget);
    return widget.node;
  }

  describe('the hand-out form', () => {
    const classes = [
      { id: 'c-2deB', name: '2de B', membership: 'teacher' },
      { id: 'c-1reA', name: '1re A', membership: 'teacher' }
    ] as unknown as IClassSummary[];

    async function form(groupCounts: Map<string, number>) {
      const sent: INewAssignment[] = [];
      const api = {
        create: async (body: INewAssignment) => {
          sent.push(body);
          return { id: 'a1' };
        }
      } as unknown as AssignmentsApi;
      const widget = new AssignForm({
        api,
        trans,
        classes,
        groupCounts,
        source: {
          description: 'projet.ipynb',
          title: 'Projet',
          read: async () =>
            ({ files: [] }) as unknown as INewAssignment['source']
        }
      });
      Widget.attach(widget, document.body);
      shown.push(widget);
      await settle(widget);
      const tick = async (label: string) => {
        (
          Array.from(widget.node.querySelectorAll('label'))
            .find(each => each.textContent === label)
            ?.querySelector('input') as HTMLInputElement
        ).click();
        await settle(widget);
      };
      const choices = () =>
        Array.from(widget.node.querySelectorAll('fieldset fieldset')).map(
          fieldset => fieldset.textContent
        );
      return { widget, sent, tick, choices };
    }

    it('offers « Par groupe » under a chosen class with group workspaces only', async () => {
      const { tick, choices } = await form(new Map([['c-2deB', 3]]));
      // Not chosen yet: no choice shown.
      expect(choices()).toEqual([]);
      await tick('Classe 1re A');
      expect(choices()).toEqual([]);
      await tick('Classe 2de B');
      expect(choices()).toEqual([
        'Classe 2de B : travail individuel ou par groupeIndividuelPar groupe (3 espaces de groupe)'
      ]);
      // Unticked, the class's choice goes away with it.
      await tick('Classe 2de B');
      expect(choices()).toEqual([]);
    });

    it('says one workspace in the singular', async () => {
      const { tick, choices } = await form(new Map([['c-2deB', 1]]));
      await tick('Classe 2de B');
      expect(choices()[0]).toContain('Par groupe (1 espace de groupe)');
    });

    it('sends the classes chosen « par groupe », and none by default', async () => {
      const individual = await form(new Map([['c-2deB', 2]]));
      await individual.tick('Classe 2de B');
      await individual.tick('Classe 1re A');
      await individual.widget.submit();
      expect(individual.sent[0].classIds).toEqual(['c-2deB', 'c-1reA']);
      expect(individual.sent[0]).not.toHaveProperty('groupClassIds');

      const byGroup = await form(new Map([['c-2deB', 2]]));
      await byGroup.tick('Classe 2de B');
      await byGroup.tick('Classe 1re A');
      await byGroup.tick('Par groupe (2 espaces de groupe)');
      const radios = Array.from(
        byGroup.widget.node.querySelectorAll<HTMLInputElement>(
          'input[type="radio"][name="cdc-Assign-workMode-c-2deB"]'
        )
      );
      expect(radios.map(radio => radio.checked)).toEqual([false, true]);
      await byGroup.widget.submit();
      expect(byGroup.sent[0]).toMatchObject({
        classIds: ['c-2deB', 'c-1reA'],
        groupClassIds: ['c-2deB']
      });
    });

    it('tried: a class chosen « par groupe » then unticked is not sent', () => {
      const checked = validateAssignment(
        {
          ...emptyValues('Projet'),
          classIds: ['c-1reA'],
          groupClassIds: ['c-2deB', 'c-2deB']
        },
        trans
      );
      expect(checked.settings?.classIds).toEqual(['c-1reA']);
      expect(checked.settings).not.toHaveProperty('groupClassIds');
      expect(
        validateAssignment(
          {
            ...emptyValues('Projet'),
            classIds: ['c-2deB'],
            groupClassIds: ['c-2deB', 'c-2deB']
          },
          trans
        ).settings?.groupClassIds
      ).toEqual(['c-2deB']);
    });
  });

  describe('« Mes devoirs »', () => {
    const GROUP = {
      id: 'g1',
      name: 'Binôme Léa et Hugo',
      openUrl: '/hub/groupes/ouvrir/groupe-0a1b2c'
    };
    const assignment = (
      change: Partial<ILearnerAssignment>
    ): ILearnerAssignment =>
      ({
        id: 'a-projet',
        title: 'Projet en binôme',
        instructions: '',
        owner: { name: 'm.curie', displayName: 'Marie Curie' },
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
        state: 'started',
        fetchedAt: '2026-12-07T09:00:00Z',
        lastSubmission: null,
        returnedAt: null,
        group: GROUP,
        ...change
      }) as unknown as ILearnerAssignment;
    const item = (
      a: ILearnerAssignment,
      workspace: IGroupWorkspace | null,
      onSubmit: (retry: boolean) => void = () => undefined
    ) => (
      <ul>
        <LearnerItem
          assignment={a}
          store={{} as AssignmentsStore}
          trans={trans}
          locale="fr_FR"
          busy={null}
          canRetry={false}
          workspace={workspace}
          onFetch={() => undefined}
          onOpen={() => undefined}
          onSubmit={onSubmit}
        />
      </ul>
    );
    const buttons = (node: HTMLElement) =>
      Array.from(node.querySelectorAll('button')).map(b => b.textContent);

    it('in her own server, links to the group workspace instead of « Récupérer » and « Rendre »', async () => {
      const node = await render(item(assignment({}), null));
      expect(node.textContent).toContain(
        'Travail de groupe : Binôme Léa et Hugo'
      );
      expect(buttons(node)).toEqual([]);
      const link = node.querySelector('a') as HTMLAnchorElement;
      expect(link.textContent).toBe('Ouvrir l’espace de groupe');
      // A real link, to the hub's page, in a new tab that cannot reach this one.
      expect(link.getAttribute('href')).toBe(GROUP.openUrl);
      expect(link.target).toBe('_blank');
      expect(link.rel).toBe('noopener');
      const hint = document.getElementById(
        link.getAttribute('aria-describedby')!.split(' ')[1]
      );
      expect(hint?.textContent).toBe(
        'Ce devoir se récupère et se rend dans l’espace de groupe, qui s’ouvre dans un nouvel onglet.'
      );
    });

    it('in her own server, still shows what the group handed in', async () => {
      const node = await render(
        item(
          assignment({
            state: 'submitted',
            lastSubmission: {
              version: 1,
              submittedAt: '2026-12-07T10:00:00Z',
              late: false
            } as ILearnerAssignment['lastSubmission']
          }),
          null
        )
      );
      expect(node.textContent).toContain('(version 1)');
      expect(node.querySelector('a')?.textContent).toBe(
        'Ouvrir l’espace de groupe'
      );
    });

    it('in the group workspace, fetches and hands in « pour le groupe »', async () => {
      const submitted: boolean[] = [];
      const workspace: IGroupWorkspace = {
        group: {
          id: 'g1',
          name: GROUP.name,
          classId: 'c-2deB',
          className: '2de B'
        },
        visitor: { name: 'eleve1', displayName: 'Léa Martin' }
      };
      const node = await render(
        item(assignment({}), workspace, retry => submitted.push(retry))
      );
      expect(node.querySelector('a')).toBeNull();
      expect(buttons(node)).toEqual([
        'Ouvrir',
        'Récupérer à nouveau',
        'Rendre pour le groupe'
      ]);
      (
        Array.from(node.querySelectorAll('button')).find(
          b => b.textContent === 'Rendre pour le groupe'
        ) as HTMLButtonElement
      ).click();
      expect(submitted).toEqual([false]);
    });

    it('work alone keeps « Récupérer » in her own server', async () => {
      const node = await render(
        item(assignment({ group: null, fetchedAt: null, state: 'todo' }), null)
      );
      expect(node.querySelector('a')).toBeNull();
      expect(buttons(node)).toEqual(['Récupérer']);
    });

    /** « Mes devoirs » on a store whose `/me` says where it runs. */
    async function view(workspace: IGroupWorkspace | null) {
      const store = {
        loaded: true,
        learning: [assignment({})],
        changed: new Signal({}),
        refresh: async () => undefined,
        workspace: async () => workspace
      } as unknown as AssignmentsStore;
      const node = await render(
        <LearnerView
          store={store}
          trans={trans}
          locale="fr_FR"
          actions={{ canRetry: () => false } as unknown as ILearnerActions}
        />
      );
      return node;
    }

    it('in the group workspace, says whose it is and who is there, and joins no code', async () => {
      const node = await view({
        group: {
          id: 'g1',
          name: GROUP.name,
          classId: 'c-2deB',
          className: '2de B'
        },
        visitor: { name: 'eleve2', displayName: 'Hugo Bernard' }
      });
      expect(
        node.querySelector('.cdc-Assignments-workspace')?.textContent
      ).toBe(
        'Espace de groupe « Binôme Léa et Hugo » — vous y êtes en tant que Hugo Bernard'
      );
      expect(node.querySelector('#cdc-Learner-code')).toBeNull();
      expect(buttons(node)).toContain('Rendre pour le groupe');
    });

    it('in her own server, no workspace header, the code form and the link', async () => {
      const node = await view(null);
      expect(node.querySelector('.cdc-Assignments-workspace')).toBeNull();
      expect(node.querySelector('#cdc-Learner-code')).not.toBeNull();
      expect(node.querySelector('a')?.textContent).toBe(
        'Ouvrir l’espace de groupe'
      );
    });

    it('tells a fetch refused outside the workspace in French', () => {
      const refused = new HubApiError(
        409,
        'group_assignment_elsewhere',
        'This assignment is done in the group workspace « Binôme Léa et Hugo »: open it to get the files and hand in.',
        ['Binôme Léa et Hugo']
      );
      expect(errorMessage(refused, trans)).toMatch(
        /^Ce devoir se fait dans l’espace de groupe « Binôme Léa et Hugo »/
      );
    });
  });
});
