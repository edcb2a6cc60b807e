import './jsdomShims';

import type { IHubEvents, IHubNews } from '@candyce/core';
import { Notification } from '@jupyterlab/apputils';
import { Signal } from '@lumino/signaling';

import type { AssignmentsApi } from '../src/api';
import { NewsNotifier } from '../src/newsNotifier';
import { PupilWording } from '../src/pupilWording';
import { AssignmentsStore } from '../src/store';
import { french } from '@candyce/core/testing';

/** A news stream the test feeds. */
class Events implements IHubEvents {
  connected = true;
  received = new Signal<IHubEvents, IHubNews>(this);
  connectionChanged = new Signal<IHubEvents, boolean>(this);
}

function news(kind: IHubNews['kind'], data: object): IHubNews {
  return { id: 1, kind, at: '2026-12-07T08:00:00.000Z', data } as IHubNews;
}

describe('NewsNotifier', () => {
  let lists = 0;
  const store = new AssignmentsStore({
    list: async () => {
      lists++;
      return { teaching: [], learning: [] };
    }
  } as unknown as AssignmentsApi);
  const events = new Events();
  const opened: string[] = [];
  const wording = new PupilWording(french());
  let notifier: NewsNotifier;

  beforeEach(() => {
    jest.useFakeTimers();
    lists = 0;
    Notification.dismiss();
    notifier = new NewsNotifier({
      events,
      store: () => store,
      trans: french(),
      pupilTrans: wording.trans,
      open: {
        learnerPanel: () => opened.push('Mes devoirs'),
        followUp: id => opened.push(`suivi ${id}`)
      },
      refreshDelayMs: 50
    });
  });
  afterEach(() => {
    notifier.dispose();
    jest.useRealTimers();
  });

  it('reloads « Mes devoirs » once for news that comes together, tells it in French and announces it', () => {
    events.received.emit(
      news('assignment.new', {
        assignmentId: 'a1',
        title: 'Les listes',
        className: '2de B'
      })
    );
    events.received.emit(
      news('assignment.returned', { assignmentId: 'a0', title: 'Les boucles' })
    );
    jest.advanceTimersByTime(60);
    expect(lists).toBe(1);
    const told = Notification.manager.notifications.map(n => n.message);
    expect(told).toEqual([
      '« Les boucles » est corrigé : votre appréciation est dans « Mes devoirs ».',
      'Nouveau devoir « Les listes » (2de B), dans « Mes devoirs ».'
    ]);
    jest.advanceTimersByTime(200);
    expect(notifier.liveNode.textContent).toBe(
      '« Les boucles » est corrigé : votre appréciation est dans « Mes devoirs ».'
    );
    expect(notifier.liveNode.getAttribute('aria-live')).toBe('polite');
    const action = Notification.manager.notifications[0].options.actions![0];
    expect(action.label).toBe('Mes devoirs');
    action.callback(new Event('click'));
    expect(opened).toContain('Mes devoirs');
  });

  it('tells the teacher of a hand-in and has the follow-up of that assignment reload', () => {
    const reloaded: (string | null)[] = [];
    const listen = (_: AssignmentsStore, id: string | null) =>
      reloaded.push(id);
    store.progressChanged.connect(listen);
    events.received.emit(
      news('assignment.submitted', {
        assignmentId: 'a7',
        title: 'Les listes',
        learnerDisplayName: 'Ada Lovelace',
        version: 2,
        late: true
      })
    );
    events.received.emit(news('resync', {}));
    store.progressChanged.disconnect(listen);
    expect(reloaded).toEqual(['a7', null]);
    expect(Notification.manager.notifications.map(n => n.message)).toEqual([
      'Ada Lovelace a rendu « Les listes » (en retard).'
    ]);
    Notification.manager.notifications[0].options.actions![0].callback(
      new Event('click')
    );
    expect(opened).toContain('suivi a7');
  });

  it('says « tu » to a pupil in school mode', () => {
    const schoolWording = new PupilWording(french());
    const mode = {
      isOn: true,
      reasons: [],
      canLeave: false,
      changed: new Signal<unknown, void>({})
    };
    schoolWording.follow(mode as never);
    const school = new NewsNotifier({
      events: new Events(),
      store: () => store,
      trans: french(),
      pupilTrans: schoolWording.trans,
      open: { learnerPanel: () => undefined, followUp: () => undefined }
    });
    expect(
      school.message(
        news('assignment.returned', { assignmentId: 'a', title: 'Les listes' })
      )?.message
    ).toBe(
      '« Les listes » est corrigé : ton appréciation est dans « Mes devoirs ».'
    );
    expect(
      school.message(
        news('group.invitation', {
          groupId: 'g',
          groupName: 'Les curieux',
          className: 'CM2',
          invitedByDisplayName: 'Marie Curie'
        })
      )?.message
    ).toBe('Marie Curie t’invite dans le groupe « Les curieux » (CM2).');
    school.dispose();
  });
});
