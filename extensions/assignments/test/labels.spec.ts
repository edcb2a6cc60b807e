import {
  autogradeText,
  dueWording,
  formatDate,
  gradeText,
  stateLabel,
  STATES
} from '../src/labels';
import { french, trans } from '@candyce/core/testing';

const fr = french();
const NOW = new Date('2026-12-01T10:00:00Z');
const HOUR = 3_600_000;
const later = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

describe('stateLabel', () => {
  it('says every state in words, in French', () => {
    expect(STATES.map(state => stateLabel(state, fr))).toEqual([
      'à faire',
      'en cours',
      'rendu',
      'en retard',
      'corrigé'
    ]);
  });

  it('has English source words', () => {
    expect(stateLabel('returned', trans)).toBe('marked');
  });
});

describe('dueWording', () => {
  it('counts whole days, rounded down', () => {
    expect(dueWording(later(3 * 24 * HOUR + 20 * HOUR), NOW, fr)).toBe(
      'dans 3 jours'
    );
    expect(dueWording(later(24 * HOUR + 1), NOW, fr)).toBe('dans 1 jour');
  });

  it('counts hours then minutes on the last day', () => {
    expect(dueWording(later(5 * HOUR + 59 * 60_000), NOW, fr)).toBe(
      'dans 5 heures'
    );
    expect(dueWording(later(HOUR), NOW, fr)).toBe('dans 1 heure');
    expect(dueWording(later(20 * 60_000), NOW, fr)).toBe('dans 20 minutes');
    expect(dueWording(later(10_000), NOW, fr)).toBe('dans 1 minute');
  });

  it('says « en retard » once the date has passed', () => {
    expect(dueWording(later(-1), NOW, fr)).toBe('en retard');
    expect(dueWording('not a date', NOW, fr)).toBe('');
  });
});

describe('formatDate and gradeText', () => {
  it('writes dates the French way', () => {
    const text = formatDate('2026-12-02T17:00:00Z', 'fr_FR');
    expect(text).toMatch(/décembre 2026/);
    expect(text).toMatch(
      /^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)/
    );
  });

  it('writes grades as « 14 / 20 » with a French decimal comma', () => {
    expect(gradeText(14, 20, 'fr_FR')).toBe('14 / 20');
    expect(gradeText(14.5, 20, 'fr_FR')).toBe('14,5 / 20');
    expect(gradeText(null, 20, 'fr_FR')).toBeNull();
    expect(gradeText(7, null, 'fr_FR')).toBe('7');
  });
});

describe('autogradeText', () => {
  it('says the automatic grade, or where the grading stands, in French', () => {
    const auto = (status: string, points: number | null = null) =>
      autogradeText(
        { status: status as never, points, max: points === null ? null : 6 },
        fr,
        'fr_FR'
      );
    expect(auto('done', 3.5)).toBe('correction automatique : 3,5 / 6');
    expect(auto('queued')).toBe('correction automatique : en attente');
    expect(auto('timeout')).toBe('correction automatique : temps dépassé');
    expect(auto('memory')).toBe('correction automatique : mémoire dépassée');
    expect(autogradeText(null, fr, 'fr_FR')).toBeNull();
  });
});
