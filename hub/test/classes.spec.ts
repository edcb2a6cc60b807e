import { Browser, readJson, startTestHub } from './hubHarness';

/**
 * The classes API, called through real logins.
 *
 * Bad input tried (each gets a clear 4xx and changes nothing): malformed JSON, missing
 * or unknown fields, a blank name or one with control characters, an unknown class, an
 * unknown user, user names like `../x` or with control characters, a teacher
 * membership for a learner, an oversized body.
 */
describe('classes API', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  const api = '/hub/api/v1';

  async function signIn(name: string): Promise<{
    call: (
      method: string,
      url: string,
      json?: unknown,
      body?: string
    ) => Promise<Response>;
  }> {
    const browser = new Browser(hub.url);
    expect((await browser.login(name, `mot-de-passe-${name}`)).status).toBe(
      303
    );
    const { xsrfToken } = await readJson(await browser.get(`${api}/me`));
    return {
      call: (method, url, json, body) =>
        browser.request(method, api + url, {
          json,
          body,
          headers: {
            'X-Candyce-XSRF': xsrfToken,
            ...(body !== undefined
              ? { 'content-type': 'application/json' }
              : {})
          }
        })
    };
  }

  let teacher: Awaited<ReturnType<typeof signIn>>;
  let other: Awaited<ReturnType<typeof signIn>>;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let pupil: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    hub = await startTestHub();
    for (const [name, role] of [
      ['prof', 'teacher'],
      ['autre.prof', 'teacher'],
      ['admin', 'admin'],
      ['eleve', 'learner']
    ]) {
      await hub.users.create({
        name,
        displayName: `Compte ${name}`,
        roles: [role],
        password: `mot-de-passe-${name}`
      });
    }
    teacher = await signIn('prof');
    other = await signIn('autre.prof');
    admin = await signIn('admin');
    pupil = await signIn('eleve');
  });
  afterAll(() => hub.close());

  it('lets a teacher create a class they then teach, and manage its members', async () => {
    const created = await teacher.call('POST', '/classes', {
      name: ' 1re NSI ',
      level: '1re'
    });
    expect(created.status).toBe(201);
    const klass = await readJson(created);
    expect(klass).toMatchObject({ name: '1re NSI', level: '1re' });

    const mine = await readJson(await teacher.call('GET', '/classes'));
    expect(mine.classes).toEqual([
      expect.objectContaining({ id: klass.id, membership: 'teacher' })
    ]);
    // Another teacher neither sees nor changes it.
    expect(
      (await readJson(await other.call('GET', '/classes'))).classes
    ).toEqual([]);
    expect(
      (await other.call('PATCH', `/classes/${klass.id}`, { name: 'X' })).status
    ).toBe(403);

    const added = await teacher.call('POST', `/classes/${klass.id}/members`, {
      userName: 'eleve',
      membership: 'learner'
    });
    expect(added.status).toBe(201);
    expect(
      (
        await teacher.call('POST', `/classes/${klass.id}/members`, {
          userName: 'eleve',
          membership: 'learner'
        })
      ).status
    ).toBe(200);

    const renamed = await teacher.call('PATCH', `/classes/${klass.id}`, {
      name: '1re NSI groupe 2',
      level: null
    });
    expect(await readJson(renamed)).toMatchObject({
      name: '1re NSI groupe 2',
      level: null
    });

    // The pupil now sees the class and its members, but cannot change it.
    const seen = await readJson(
      await pupil.call('GET', `/classes/${klass.id}`)
    );
    expect(seen.members).toEqual([
      { name: 'prof', displayName: 'Compte prof', membership: 'teacher' },
      { name: 'eleve', displayName: 'Compte eleve', membership: 'learner' }
    ]);
    expect(
      (await pupil.call('DELETE', `/classes/${klass.id}/members/prof`)).status
    ).toBe(403);

    expect(
      (await teacher.call('DELETE', `/classes/${klass.id}/members/eleve`))
        .status
    ).toBe(204);
    const gone = await teacher.call(
      'DELETE',
      `/classes/${klass.id}/members/eleve`
    );
    expect(gone.status).toBe(404);
    expect((await readJson(gone)).error.code).toBe('not_a_member');
    expect(
      (await readJson(await pupil.call('GET', '/classes'))).classes
    ).toEqual([]);
  });

  it('shows every class to an admin, who does not teach the classes they create', async () => {
    const created = await readJson(
      await admin.call('POST', '/classes', { name: 'Terminale A' })
    );
    const all = await readJson(await admin.call('GET', '/classes'));
    expect(all.classes.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['1re NSI groupe 2', 'Terminale A'])
    );
    const detail = await readJson(
      await admin.call('GET', `/classes/${created.id}`)
    );
    expect(detail.members).toEqual([]);
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const klass = await readJson(
      await teacher.call('POST', '/classes', {
        name: 'Seconde 4',
        level: '2de'
      })
    );
    const before = await readJson(await admin.call('GET', '/classes'));
    const cases: [Promise<Response>, number, string][] = [
      [
        teacher.call('POST', '/classes', undefined, '{"name": '),
        400,
        'invalid_json'
      ],
      [teacher.call('POST', '/classes', {}), 400, 'invalid_request'],
      [
        teacher.call('POST', '/classes', { name: 'A', couleur: 'bleu' }),
        400,
        'invalid_request'
      ],
      [
        teacher.call('POST', '/classes', { name: '   ' }),
        400,
        'invalid_class_name'
      ],
      [
        teacher.call('POST', '/classes', { name: 'A\u0007B' }),
        400,
        'invalid_class_name'
      ],
      [
        teacher.call('POST', '/classes', { name: 'A', level: 'x\u0000' }),
        400,
        'invalid_level'
      ],
      [
        teacher.call('POST', '/classes', { name: 'x'.repeat(2_000_000) }),
        413,
        'too_large'
      ],
      [
        teacher.call('PATCH', `/classes/${klass.id}`, {}),
        400,
        'invalid_request'
      ],
      [
        teacher.call('PATCH', `/classes/${klass.id}`, { name: 42 }),
        400,
        'invalid_request'
      ],
      [
        admin.call('PATCH', '/classes/inconnue', { name: 'X' }),
        404,
        'unknown_class'
      ],
      [
        teacher.call('PATCH', '/classes/inconnue', { name: 'X' }),
        403,
        'forbidden'
      ],
      [
        teacher.call('POST', `/classes/${klass.id}/members`, {
          userName: '../x',
          membership: 'learner'
        }),
        404,
        'unknown_user'
      ],
      [
        teacher.call('POST', `/classes/${klass.id}/members`, {
          userName: 'eleve\u0007',
          membership: 'learner'
        }),
        404,
        'unknown_user'
      ],
      [
        teacher.call('POST', `/classes/${klass.id}/members`, {
          userName: 'eleve',
          membership: 'directeur'
        }),
        400,
        'invalid_request'
      ],
      [
        teacher.call('POST', `/classes/${klass.id}/members`, {
          userName: 'eleve',
          membership: 'teacher'
        }),
        400,
        'invalid_membership'
      ],
      [
        teacher.call('DELETE', `/classes/${klass.id}/members/..%2Fx`),
        404,
        'unknown_user'
      ]
    ];
    for (const [pending, status, code] of cases) {
      const response = await pending;
      const body = await readJson(response);
      expect({ status: response.status, code: body.error?.code }).toEqual({
        status,
        code
      });
      expect(body.error.message).toEqual(expect.any(String));
    }
    expect(await readJson(await admin.call('GET', '/classes'))).toEqual(before);
    const detail = await readJson(
      await admin.call('GET', `/classes/${klass.id}`)
    );
    expect(detail).toMatchObject({ name: 'Seconde 4', level: '2de' });
    expect(detail.members.map((m: { name: string }) => m.name)).toEqual([
      'prof'
    ]);
  });
});
