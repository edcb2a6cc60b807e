import { requestedDashboard, withoutDashboardQuery } from '../src/address';
import { integerTicks } from '../src/chart';
import { usableChoice } from '../src/preferences';

describe('requestedDashboard', () => {
  it('reads the dashboard the hub links to', () => {
    expect(requestedDashboard('?candyce-dashboard=me')).toEqual({ kind: 'me' });
    expect(requestedDashboard('?reset&candyce-dashboard=programme')).toEqual({
      kind: 'programme'
    });
    expect(requestedDashboard('?candyce-dashboard=class:c-42')).toEqual({
      kind: 'class',
      classId: 'c-42'
    });
    expect(requestedDashboard('?candyce-dashboard=class')).toEqual({
      kind: 'class'
    });
  });

  it('ignores what it does not understand', () => {
    expect(requestedDashboard('')).toBeNull();
    expect(requestedDashboard('?candyce-dashboard=admin')).toBeNull();
    expect(
      requestedDashboard(`?candyce-dashboard=class:${'x'.repeat(101)}`)
    ).toBeNull();
  });

  it('takes the parameter off the address, keeping the others', () => {
    expect(
      withoutDashboardQuery(
        'http://h/user/a/lab?mode=ecole&candyce-dashboard=me#x'
      )
    ).toBe('http://h/user/a/lab?mode=ecole#x');
  });
});

describe('integerTicks', () => {
  it('gives whole numbers only', () => {
    expect(integerTicks(0)).toEqual([0, 1]);
    expect(integerTicks(3)).toEqual([0, 1, 2, 3]);
    expect(integerTicks(12)).toEqual([0, 5, 10]);
    expect(integerTicks(35)).toEqual([0, 10, 20, 30]);
    expect(integerTicks(7.2)).toEqual([0, 2, 4, 6, 8]);
  });
});

describe('usableChoice', () => {
  it('keeps known indicators in the dashboard’s order and a known period', () => {
    expect(
      usableChoice('class', {
        period: 'decade' as 'week',
        classId: 'c1',
        indicators: ['activity', 'later-indicator', 'pupils']
      })
    ).toEqual({
      period: 'month',
      classId: 'c1',
      indicators: ['pupils', 'activity']
    });
    // A class only for the class dashboard.
    expect(
      usableChoice('me', { period: 'week', classId: 'c1', indicators: [] })
    ).toEqual({ period: 'week', indicators: [] });
  });
});
