import './jsdomShims';

import { french } from '@candyce/core/testing';

import {
  ReadOnlyBanner,
  readOnlyMessage,
  readOnlyVisitOf
} from '../src/helpReadOnly';

/** An identity as `/api/me` answers it (`candyce.identity.CandyceUser`). */
const identity = (extra: Record<string, unknown>) => ({
  username: 'm.curie',
  name: 'Marie Curie',
  display_name: 'Marie Curie',
  initials: 'MC',
  color: '#aa0000',
  avatar_url: null,
  ...extra
});

describe('readOnlyVisitOf', () => {
  it('names whom a read-only visitor helps', () => {
    expect(
      readOnlyVisitOf(identity({ read_only: true, helping: 'Léa Martin' }))
    ).toBe('Léa Martin');
  });

  it('is an empty name while the server does not know the pupil', () => {
    expect(readOnlyVisitOf(identity({ read_only: true, helping: '' }))).toBe(
      ''
    );
    expect(readOnlyVisitOf(identity({ read_only: true }))).toBe('');
  });

  it('is null for a visitor who may act, or no identity', () => {
    expect(readOnlyVisitOf(identity({ read_only: false }))).toBeNull();
    expect(readOnlyVisitOf(identity({}))).toBeNull();
    // Only the boolean true counts: a server that says anything else is not trusted.
    expect(readOnlyVisitOf(identity({ read_only: 'true' }))).toBeNull();
    expect(readOnlyVisitOf(null)).toBeNull();
  });
});

describe('ReadOnlyBanner', () => {
  it('says in French whom she helps and what she cannot do', () => {
    const trans = french();
    const banner = new ReadOnlyBanner(trans, 'Léa Martin');
    expect(banner.node.getAttribute('role')).toBe('status');
    expect(banner.node.textContent).toBe(
      'Lecture seule : vous aidez Léa Martin — vous ne pouvez ni modifier ni exécuter.'
    );
    expect(readOnlyMessage(trans, '')).toBe(
      'Lecture seule : vous ne pouvez ni modifier ni exécuter.'
    );
  });
});
