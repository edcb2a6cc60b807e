import { Role } from '../users/names';

/**
 * The scopes of the hub, JupyterHub-style: `<resource>:<action>` grants the action on
 * every object; `<resource>:<action>:own` grants it only on the objects the caller
 * belongs to (see {@link OWN_MEANS}).
 */
export const SCOPES = [
  'classes:read',
  'classes:read:own',
  'classes:write',
  'classes:write:own',
  'classes:create',
  'rosters:import',
  'classes:codes',
  'classes:codes:own',
  'servers:write',
  'servers:write:own',
  'users:read',
  'library:read',
  'library:publish',
  'library:write',
  'library:write:own',
  'library:endorse',
  'library:inspect'
] as const;

/**
 * A scope.
 */
export type Scope = (typeof SCOPES)[number];

/**
 * A scope without its `:own` restriction: what routes ask for.
 */
export type Right = Exclude<Scope, `${string}:own`>;

/** What every contributor to the library may do. */
const LIBRARY_CONTRIBUTOR: readonly Scope[] = [
  'library:read',
  'library:publish',
  'library:write:own',
  'library:endorse'
];

/**
 * What each role may do: the whole access model as data. A user holds the union of
 * the scopes of their roles; a user without roles holds none (only `/me` is open to
 * every signed-in user).
 *
 * - learner: sees the classes they are enrolled in;
 * - teacher: sees and manages the classes they teach, creates classes, makes login
 *   codes for the pupils of the classes they teach (`classes:codes:own`);
 * - author, inspector: no right on classes;
 * - library: teachers, authors, inspectors and admins search it, publish to it,
 *   publish new versions of their own resources (`library:write:own`, admins of any)
 *   and recommend resources to peers (`library:endorse`); only inspectors recommend
 *   « pour l'inspection » (`library:inspect`); learners meet resources through
 *   assignments, not the library;
 * - everyone stops and restarts their own server (`servers:write:own`);
 * - admin: everything but `library:inspect`, which is the inspectorate's voice.
 */
export const ROLE_SCOPES: Readonly<Record<Role, readonly Scope[]>> = {
  learner: ['classes:read:own', 'servers:write:own'],
  teacher: [
    'classes:read:own',
    'classes:write:own',
    'classes:create',
    'classes:codes:own',
    'servers:write:own',
    ...LIBRARY_CONTRIBUTOR
  ],
  author: ['servers:write:own', ...LIBRARY_CONTRIBUTOR],
  inspector: ['servers:write:own', ...LIBRARY_CONTRIBUTOR, 'library:inspect'],
  admin: [
    'classes:read',
    'classes:write',
    'classes:create',
    'rosters:import',
    'classes:codes',
    'servers:write',
    'users:read',
    'library:read',
    'library:publish',
    'library:write',
    'library:endorse'
  ]
};

/**
 * What « own » means for each right restricted by `:own`: the memberships of the
 * caller in the class that grant it. A learner enrolled in a class may read it; only
 * a teacher of the class may change it.
 */
export const OWN_MEANS: Readonly<
  Partial<Record<Right, readonly ('teacher' | 'learner')[]>>
> = {
  'classes:read': ['teacher', 'learner'],
  'classes:write': ['teacher'],
  'classes:codes': ['teacher']
};

/**
 * The scopes held by a user with these roles (unknown roles grant nothing).
 */
export function scopesOf(roles: readonly string[]): Set<Scope> {
  const scopes = new Set<Scope>();
  for (const role of roles) {
    for (const scope of ROLE_SCOPES[role as Role] ?? []) {
      scopes.add(scope);
    }
  }
  return scopes;
}
