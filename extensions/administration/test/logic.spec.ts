/**
 * The administration's logic without a hub: keyset paging as the contract describes
 * it, the create form's checks, schools by academy, roles within rank, error texts.
 */
import { HubApiError } from '@candyce/core';
import { french } from '@candyce/core/testing';

import type { IAdminUser, IUserPage, IUserQuery } from '../src/api';
import { auditDetails } from '../src/auditView';
import { failureText } from '../src/format';
import { schoolsByAcademy, validateNewUser } from '../src/newUser';
import { UserPager } from '../src/paging';
import { grantableRoles, mayChange } from '../src/roles';

/**
 * `GET /admin/users` over a sorted list, as `hub/openapi.yml` says: name order,
 * `after` / `before` a name, `next` / `previous` the page's last / first name when
 * there is more that way, `q` on letters of the name.
 */
function keysetHub(names: string[]) {
  const all = [...names].sort();
  const asked: IUserQuery[] = [];
  const fetch = async (query: IUserQuery): Promise<IUserPage> => {
    asked.push(query);
    const kept = all.filter(name => !query.q || name.includes(query.q));
    let start = 0;
    if (query.after) {
      start = kept.findIndex(name => name > query.after!);
    } else if (query.before) {
      start = Math.max(
        0,
        kept.findIndex(name => name >= query.before!) - query.limit
      );
    }
    const slice = kept.slice(start, start + query.limit);
    const user = (name: string): IAdminUser => ({
      name,
      displayName: name.toUpperCase(),
      roles: ['learner'],
      deactivated: false,
      establishments: [],
      lastActivity: null
    });
    return {
      users: slice.map(user),
      total: kept.length,
      next: start + query.limit < kept.length ? slice[slice.length - 1] : null,
      previous: start > 0 ? slice[0] : null
    };
  };
  return { fetch, asked };
}

const trans = french();

describe('UserPager', () => {
  const names = Array.from(
    { length: 250 },
    (_, i) => `u${String(i).padStart(4, '0')}`
  );

  it('pages forward and back by keys, counting pages', async () => {
    const { fetch, asked } = keysetHub(names);
    const pager = new UserPager(fetch, 100);
    await pager.search({});
    expect(pager.page!.users[0].name).toBe('u0000');
    expect([pager.number, pager.pages, pager.hasPrevious]).toEqual([
      1,
      3,
      false
    ]);
    await pager.next();
    await pager.next();
    expect(pager.page!.users.map(u => u.name)).toEqual(names.slice(200));
    expect([pager.number, pager.hasNext]).toEqual([3, false]);
    await pager.previous();
    expect(pager.page!.users[0].name).toBe('u0100');
    expect(pager.number).toBe(2);
    // Never an offset: each call names a key.
    expect(asked.map(q => q.after ?? q.before ?? null)).toEqual([
      null,
      'u0099',
      'u0199',
      'u0200'
    ]);
  });

  it('starts again from page 1 with new filters or a new page size', async () => {
    const { fetch, asked } = keysetHub(names);
    const pager = new UserPager(fetch, 50);
    await pager.search({});
    await pager.next();
    await pager.search({ q: ' u01 ', role: 'learner' }, 25);
    expect(asked[asked.length - 1]).toEqual({
      q: 'u01',
      role: 'learner',
      limit: 25
    });
    expect([pager.number, pager.pages, pager.page!.total]).toEqual([1, 4, 100]);
    await pager.search({}, 1000);
    expect(pager.limit).toBe(200);
  });

  it('keeps the newest request’s answer when an older one comes back last', async () => {
    const { fetch } = keysetHub(names);
    let release: () => void = () => undefined;
    const slow = (query: IUserQuery) =>
      new Promise<IUserPage>(resolve => {
        release = () => void fetch(query).then(resolve);
      });
    let first = true;
    const pager = new UserPager(query => {
      if (first) {
        first = false;
        return slow(query);
      }
      return fetch(query);
    }, 10);
    const older = pager.search({ q: 'u0000' });
    await pager.search({ q: 'u02' });
    release();
    await older;
    expect(pager.page!.total).toBe(50);
  });

  it('keeps the page shown when a load fails', async () => {
    const { fetch } = keysetHub(names);
    let fail = false;
    const pager = new UserPager(query => {
      if (fail) {
        return Promise.reject(new HubApiError(400, 'invalid_request', 'bad'));
      }
      return fetch(query);
    }, 100);
    await pager.search({});
    fail = true;
    await expect(pager.next()).rejects.toThrow('bad');
    expect([pager.number, pager.page!.users[0].name]).toEqual([1, 'u0000']);
  });
});

describe('validateNewUser', () => {
  const form = {
    name: 'lea.martin',
    displayName: 'Léa Martin',
    roles: ['learner' as const],
    establishmentId: ''
  };

  it('sends trimmed values, without a school when none is chosen', () => {
    expect(
      validateNewUser(trans, { ...form, name: ' lea.martin ' }, false)
    ).toEqual({
      body: {
        name: 'lea.martin',
        displayName: 'Léa Martin',
        roles: ['learner']
      },
      errors: {}
    });
  });

  it('says each error beside its field, in French, and sends nothing', () => {
    const { body, errors } = validateNewUser(
      trans,
      { ...form, name: 'Léa Martin', displayName: '  ' },
      true
    );
    expect(body).toBeNull();
    expect(errors).toEqual({
      name: expect.stringContaining('minuscules'),
      displayName: expect.stringMatching(/nom/i),
      establishmentId: expect.stringMatching(/établissement/)
    });
    expect(validateNewUser(trans, { ...form, name: 'a..b' }, false).body).toBe(
      null
    );
    expect(
      validateNewUser(trans, { ...form, name: 'x'.repeat(65) }, false).errors
        .name
    ).toBeTruthy();
  });
});

describe('schoolsByAcademy', () => {
  it('groups schools by academy, by name, those of none last', () => {
    const school = (id: string, name: string, academy: string | null) => ({
      id,
      name,
      uai: null,
      academy
    });
    expect(
      schoolsByAcademy(trans, [
        school('1', 'Lycée Voltaire', 'Créteil'),
        school('2', 'École du port', null),
        school('3', 'Lycée Hugo', 'Paris'),
        school('4', 'Collège Molière', 'Créteil')
      ]).map(group => [group.label, group.schools.map(s => s.id)])
    ).toEqual([
      ['Académie de Créteil', ['4', '1']],
      ['Académie de Paris', ['3']],
      ['Sans académie', ['2']]
    ]);
  });
});

describe('roles within rank', () => {
  it('grants up to the caller’s own rank, never above', () => {
    expect(grantableRoles(['teacher'])).toEqual([
      'learner',
      'teacher',
      'author',
      'inspector'
    ]);
    expect(grantableRoles(['admin'])).toContain('admin');
    expect(grantableRoles([])).toEqual([]);
    expect(mayChange(['teacher'], ['admin'])).toBe(false);
    expect(mayChange(['teacher'], ['learner', 'author'])).toBe(true);
  });
});

describe('failureText', () => {
  it('tells the hub’s error in French, or that the platform did not answer', () => {
    expect(
      failureText(
        trans,
        new HubApiError(409, 'self_administration', 'own account')
      )
    ).not.toBe('own account');
    expect(failureText(trans, new TypeError('Failed to fetch'))).toMatch(
      /plateforme/
    );
  });
});

describe('auditDetails', () => {
  it('says roles before and after in words', () => {
    expect(
      auditDetails(trans, {
        at: '2026-12-07T10:00:00Z',
        action: 'user.roles',
        actor: 'admin',
        target: 'lea',
        details: { roles: ['teacher'], previousRoles: ['learner'] }
      })
    ).toBe('rôles : élève → enseignant·e');
  });
});
