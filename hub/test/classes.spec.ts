import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';

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
  let teacher: ISignedIn;
  let other: ISignedIn;
  let admin: ISignedIn;
  let pupil: ISignedIn;

  beforeAll(async () => {
    hub = await startTestHub();
    await addUsers(hub, {
      prof: 'teacher',
      'autre.prof': 'teacher',
      admin: 'admin',
      eleve: 'learner'
    });
    teacher = await signIn(hub, 'prof');
    other = await signIn(hub, 'autre.prof');
    admin = await signIn(hub, 'admin');
    pupil = await signIn(hub, 'eleve');
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
      [teacher.raw('POST', '/classes', '{"name": '), 400, 'invalid_json'],
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
