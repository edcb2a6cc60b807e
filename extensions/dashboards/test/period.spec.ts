import { isoDay, periodLabel, periodRange, PERIODS } from '../src/period';
import { trans } from '@candyce/core/testing';

describe('periodRange', () => {
  const today = new Date('2026-12-07T23:30:00Z');

  it('counts the last days, today included', () => {
    expect(periodRange('week', today)).toEqual({
      from: '2026-12-01',
      to: '2026-12-07'
    });
    expect(periodRange('month', today)).toEqual({
      from: '2026-11-08',
      to: '2026-12-07'
    });
    expect(periodRange('term', today).from).toBe('2026-09-08');
  });

  it('starts the school year on 1 September, of last year before September', () => {
    expect(periodRange('year', today).from).toBe('2026-09-01');
    expect(periodRange('year', new Date('2027-03-15T08:00:00Z'))).toEqual({
      from: '2026-09-01',
      to: '2027-03-15'
    });
    expect(periodRange('year', new Date('2027-09-01T00:00:00Z')).from).toBe(
      '2027-09-01'
    );
  });

  it('names every period, and days are UTC', () => {
    expect(new Set(PERIODS.map(p => periodLabel(p, trans))).size).toBe(4);
    expect(isoDay(new Date('2026-12-31T23:59:59Z'))).toBe('2026-12-31');
  });
});
