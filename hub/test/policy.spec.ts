import { ROLE_SCOPES, Policy, scopesOf, SCOPES } from '../src/policy';
import { ROLES } from '../src/users/names';

describe('policy', () => {
  // Alice teaches class A, Bob is enrolled in A; nobody here belongs to B.
  const memberships: Record<string, 'teacher' | 'learner'> = {
    'A:alice': 'teacher',
    'A:bob': 'learner'
  };
  const policy = new Policy(
    async (classId, userId) => memberships[`${classId}:${userId}`] ?? null
  );
  const alice = { id: 'alice', roles: ['teacher'] };
  const bob = { id: 'bob', roles: ['learner'] };
  const root = { id: 'root', roles: ['admin'] };
  const ines = { id: 'ines', roles: ['inspector', 'author'] };

  it('gives every role a list of known scopes', () => {
    expect(Object.keys(ROLE_SCOPES).sort()).toEqual([...ROLES].sort());
    for (const scopes of Object.values(ROLE_SCOPES)) {
      for (const scope of scopes) {
        expect(SCOPES).toContain(scope);
      }
    }
  });

  it('unites the scopes of several roles and ignores unknown roles', () => {
    expect([...scopesOf(['learner', 'teacher'])].sort()).toEqual(
      [
        'assignments:create',
        'assignments:join',
        'assignments:read:own',
        'assignments:submit:own',
        'assignments:write:own',
        'classes:codes:own',
        'classes:create',
        'classes:read:own',
        'classes:write:own',
        'dashboards:class:own',
        'environments:read',
        'environments:resolve',
        'help:ask',
        'help:give',
        'library:endorse',
        'library:publish',
        'library:read',
        'library:write:own',
        'servers:write:own'
      ].sort()
    );
    expect(scopesOf(['superuser']).size).toBe(0);
    // Only the inspectorate speaks for the inspectorate; pupils see no library.
    expect(scopesOf(['inspector']).has('library:inspect')).toBe(true);
    expect(scopesOf(['admin']).has('library:inspect')).toBe(false);
    // Live help enters a pupil's server to help her: her teachers only.
    expect(scopesOf(['admin']).has('help:give')).toBe(false);
    expect([...scopesOf(['learner'])].some(s => s.startsWith('library'))).toBe(
      false
    );
    // Pupils build known environments; only teachers, authors and admins resolve
    // lists, and only admins collect.
    expect(scopesOf(['learner']).has('environments:read')).toBe(true);
    expect(scopesOf(['learner']).has('environments:resolve')).toBe(false);
    expect(scopesOf(['inspector']).has('environments:resolve')).toBe(false);
    expect(scopesOf(['teacher']).has('environments:admin')).toBe(false);
    expect(scopesOf(['admin']).has('environments:admin')).toBe(true);
  });

  it('lets an assignment’s owner manage it and its learners submit, nobody else', async () => {
    const relations: Record<string, 'owner' | 'learner'> = {
      'T1:alice': 'owner',
      'T1:bob': 'learner'
    };
    const withAssignments = new Policy(
      async () => null,
      async (assignmentId, userId) =>
        relations[`${assignmentId}:${userId}`] ?? null
    );
    const allows = (
      who: typeof alice,
      right: 'assignments:read' | 'assignments:write' | 'assignments:submit',
      id = 'T1'
    ) => withAssignments.allows(who, right, { assignmentId: id });
    expect(await allows(alice, 'assignments:write')).toBe(true);
    expect(await allows(alice, 'assignments:submit')).toBe(false);
    expect(await allows(bob, 'assignments:read')).toBe(true);
    expect(await allows(bob, 'assignments:submit')).toBe(true);
    expect(await allows(bob, 'assignments:write')).toBe(false);
    // Another assignment, or one that does not exist: nothing.
    expect(await allows(alice, 'assignments:write', 'T2')).toBe(false);
    expect(await allows(bob, 'assignments:submit', 'T2')).toBe(false);
    // Admins reach every assignment but never submit; inspectors have no part.
    expect(await allows(root, 'assignments:write', 'T2')).toBe(true);
    expect(await allows(root, 'assignments:submit')).toBe(false);
    expect(await allows(ines, 'assignments:read')).toBe(false);
  });

  it('lets everyone stop their own server, and only an admin anyone’s', async () => {
    const learner = { id: 'u-learner', roles: ['learner'] };
    const admin = { id: 'u-admin', roles: ['admin'] };
    expect(
      await policy.allows(learner, 'servers:write', { userId: 'u-learner' })
    ).toBe(true);
    expect(
      await policy.allows(learner, 'servers:write', { userId: 'u-other' })
    ).toBe(false);
    expect(await policy.allows(learner, 'servers:write')).toBe(false);
    expect(
      await policy.allows(admin, 'servers:write', { userId: 'u-other' })
    ).toBe(true);
    expect(await policy.allows({ id: 'x', roles: [] }, 'servers:write')).toBe(
      false
    );
  });

  it('lets a teacher read and write only the classes they teach', async () => {
    expect(await policy.allows(alice, 'classes:read', { classId: 'A' })).toBe(
      true
    );
    expect(await policy.allows(alice, 'classes:write', { classId: 'A' })).toBe(
      true
    );
    expect(await policy.allows(alice, 'classes:read', { classId: 'B' })).toBe(
      false
    );
    expect(await policy.allows(alice, 'classes:write', { classId: 'B' })).toBe(
      false
    );
  });

  it('lets a learner read, not write, the classes they are enrolled in', async () => {
    expect(await policy.allows(bob, 'classes:read', { classId: 'A' })).toBe(
      true
    );
    expect(await policy.allows(bob, 'classes:write', { classId: 'A' })).toBe(
      false
    );
    expect(await policy.allows(bob, 'classes:read', { classId: 'B' })).toBe(
      false
    );
    expect(await policy.allows(bob, 'classes:create')).toBe(false);
    // Without a class, an `:own` scope grants nothing: listing asks for the reach.
    expect(await policy.allows(bob, 'classes:read')).toBe(false);
    expect(policy.requireReach(bob, 'classes:read')).toBe('own');
    expect(() => policy.requireReach(bob, 'rosters:import')).toThrow(
      expect.objectContaining({ status: 403 })
    );
  });

  it('lets an admin do everything and inspectors and authors nothing on classes', async () => {
    for (const right of [
      'classes:read',
      'classes:write',
      'classes:create',
      'rosters:import'
    ] as const) {
      expect(await policy.allows(root, right, { classId: 'B' })).toBe(true);
      expect(await policy.allows(ines, right, { classId: 'A' })).toBe(false);
    }
    expect(policy.reach(root, 'classes:read')).toBe('all');
    expect(policy.reach(alice, 'classes:read')).toBe('own');
    expect(policy.reach(ines, 'classes:read')).toBeNull();
  });

  it('refuses with a French 403', async () => {
    await expect(policy.require(bob, 'rosters:import')).rejects.toMatchObject({
      status: 403,
      code: 'forbidden',
      message: expect.stringMatching(/droits/)
    });
  });
});
