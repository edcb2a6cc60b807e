import { LiveAnnouncer } from '../src';

describe('LiveAnnouncer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes messages into polite and assertive live regions', () => {
    const announcer = new LiveAnnouncer(document.body, { delay: 50 });
    expect(announcer.politeNode.getAttribute('aria-live')).toBe('polite');
    expect(announcer.assertiveNode.getAttribute('role')).toBe('alert');
    announcer.announce('Cellule 1 exécutée : 2');
    expect(announcer.politeNode.textContent).toBe('');
    jest.advanceTimersByTime(50);
    expect(announcer.politeNode.textContent).toBe('Cellule 1 exécutée : 2');
    announcer.announce('Le noyau s’est arrêté.', 'assertive');
    jest.advanceTimersByTime(50);
    expect(announcer.assertiveNode.textContent).toBe('Le noyau s’est arrêté.');
    announcer.dispose();
    expect(document.querySelectorAll('.cdc-a11y-live')).toHaveLength(0);
  });

  it('empties the region first, so that the same message is said again', () => {
    const announcer = new LiveAnnouncer(document.body, { delay: 50 });
    announcer.announce('Enregistré.');
    jest.advanceTimersByTime(50);
    announcer.announce('Enregistré.');
    expect(announcer.politeNode.textContent).toBe('');
    jest.advanceTimersByTime(50);
    expect(announcer.politeNode.textContent).toBe('Enregistré.');
    announcer.dispose();
  });
});
