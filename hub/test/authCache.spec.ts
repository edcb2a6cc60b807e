import { AuthCache } from '../src/auth/authCache';
import { IAuthContext } from '../src/auth/middleware';

function context(
  userId: string,
  expiresAt = '2099-01-01T00:00:00Z'
): IAuthContext {
  return {
    token: `token-of-${userId}`,
    user: { id: userId, name: userId, displayName: userId, roles: ['learner'] },
    session: {
      userId,
      xsrfToken: 'x',
      createdAt: '2026-01-01T00:00:00Z',
      expiresAt
    }
  };
}

/**
 * The proxy's short cache of resolved sessions. Tried: an entry past its lifetime, a
 * session that expires while cached, forgetting one token and all of a user's, and
 * more sessions than the cache holds.
 */
describe('AuthCache', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = Date.parse('2026-11-28T10:00:00Z');
  });

  it('reuses a session for its lifetime only', () => {
    const cache = new AuthCache({ ttlMs: 2_000, maxEntries: 10 }, clock);
    cache.set('a', context('ada'));
    now += 1_999;
    expect(cache.get('a')?.user.id).toBe('ada');
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('never returns a session past its own expiry', () => {
    const cache = new AuthCache({ ttlMs: 60_000, maxEntries: 10 }, clock);
    cache.set('a', context('ada', new Date(now + 500).toISOString()));
    expect(cache.get('a')).toBeDefined();
    now += 500;
    expect(cache.get('a')).toBeUndefined();
  });

  it('forgets one session, or every session of a user', () => {
    const cache = new AuthCache({ ttlMs: 60_000, maxEntries: 10 }, clock);
    cache.set('phone', context('ada'));
    cache.set('laptop', context('ada'));
    cache.set('other', context('bob'));
    cache.forgetToken('phone');
    expect(cache.get('phone')).toBeUndefined();
    expect(cache.get('laptop')).toBeDefined();
    cache.forgetUser('ada');
    expect(cache.get('laptop')).toBeUndefined();
    expect(cache.get('other')?.user.id).toBe('bob');
  });

  it('drops the oldest session when full', () => {
    const cache = new AuthCache({ ttlMs: 60_000, maxEntries: 2 }, clock);
    cache.set('first', context('a'));
    cache.set('second', context('b'));
    cache.set('third', context('c'));
    expect(cache.size).toBe(2);
    expect(cache.get('first')).toBeUndefined();
    expect(cache.get('second')).toBeDefined();
    expect(cache.get('third')).toBeDefined();
  });
});
