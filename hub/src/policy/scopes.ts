import { Role } from '../users/names';

/**
 * The scopes of the hub, JupyterHub-style: `<resource>:<action>` grants the action on
 * every object; `<resource>:<action>:own` grants it only on the objects the caller
 * belongs to (see {@link OWN_MEANS}); `<resource>:<action>:establishment` grants it on
 * the users of the establishments the caller administers (see
 * {@link ADMINISTRATOR_SCOPES}).
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
  'users:read:establishment',
  'users:write',
  'users:write:establishment',
  'audit:read',
  'audit:read:establishment',
  'administrators:write',
  'library:read',
  'library:publish',
  'library:write',
  'library:write:own',
  'library:endorse',
  'library:inspect',
  'assignments:create',
  'assignments:read',
  'assignments:read:own',
  'assignments:write',
  'assignments:write:own',
  'assignments:submit',
  'assignments:submit:own',
  'assignments:join',
  'environments:read',
  'environments:resolve',
  'environments:admin',
  'traces:manage',
  'dashboards:class',
  'dashboards:class:own',
  'dashboards:programme',
  'dashboards:establishment',
  'dashboards:establishment:establishment',
  'help:ask',
  'help:give'
] as const;

/**
 * A scope.
 */
export type Scope = (typeof SCOPES)[number];

/**
 * A scope without its `:own` restriction: what routes ask for.
 */
export type Right = Exclude<
  Scope,
  `${string}:own` | `${string}:${string}:establishment`
>;

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
 * - assignments: teachers create them, and read and change their own
 *   (`assignments:write:own`: « own » is being the assignment's owner); learners read
 *   and submit the assignments given to them (their classes' or joined by share code,
 *   `assignments:join`); admins read and change every assignment but never submit;
 * - environments: everyone signed in reads known environments and builds them (a
 *   notebook pinned to one opens on it, `environments:read`); teachers, authors and
 *   admins resolve software lists, search package names and register the locks
 *   notebooks carry (`environments:resolve`); admins list and collect them
 *   (`environments:admin`);
 * - everyone stops and restarts their own server (`servers:write:own`);
 * - learning traces: everyone exports and erases their own (`/me/traces`, no right
 *   beyond a session); admins those of any user, for a family that asks the
 *   establishment (`traces:manage`);
 * - admins create, deactivate and reactivate accounts, set their roles (never above
 *   their own: `ranks.ts`) and issue password reset codes (`users:write`), and read
 *   the audit log of those actions (`audit:read`);
 * - dashboards: everyone sees their own (`/dashboards/me`, no right beyond a session);
 *   teachers the dashboards of the classes they teach (`dashboards:class:own`), admins
 *   every class's; admins and inspectors the programme's indicators
 *   (`dashboards:programme`: figures about the whole platform, never a person), and
 *   every establishment's (`dashboards:establishment`; an establishment's or an
 *   academy's administrator those of theirs, by grant);
 * - live help: learners ask their teachers (`help:ask`); teachers join and end it
 *   (`help:give`), for the pupils of the classes they teach only (`hub/src/help`);
 *   admins do neither: a pupil's server is entered to help her, not to inspect it;
 * - admins alone make someone an establishment's or an academy's administrator
 *   (`administrators:write`);
 * - admin: everything but `library:inspect`, which is the inspectorate's voice, and
 *   live help.
 *
 * Administrators of establishments and academies hold no role of their own: their
 * scopes come from a grant ({@link ADMINISTRATOR_SCOPES}), whatever their roles.
 */
export const ROLE_SCOPES: Readonly<Record<Role, readonly Scope[]>> = {
  learner: [
    'classes:read:own',
    'servers:write:own',
    'assignments:read:own',
    'assignments:submit:own',
    'assignments:join',
    'environments:read',
    'help:ask'
  ],
  teacher: [
    'classes:read:own',
    'classes:write:own',
    'classes:create',
    'classes:codes:own',
    'servers:write:own',
    ...LIBRARY_CONTRIBUTOR,
    'assignments:create',
    'assignments:read:own',
    'assignments:write:own',
    'environments:read',
    'environments:resolve',
    'dashboards:class:own',
    'help:give'
  ],
  author: [
    'servers:write:own',
    ...LIBRARY_CONTRIBUTOR,
    'environments:read',
    'environments:resolve'
  ],
  inspector: [
    'servers:write:own',
    ...LIBRARY_CONTRIBUTOR,
    'library:inspect',
    'environments:read',
    'dashboards:programme',
    'dashboards:establishment'
  ],
  admin: [
    'classes:read',
    'classes:write',
    'classes:create',
    'rosters:import',
    'classes:codes',
    'servers:write',
    'users:read',
    'users:write',
    'audit:read',
    'administrators:write',
    'library:read',
    'library:publish',
    'library:write',
    'library:endorse',
    'assignments:create',
    'assignments:read',
    'assignments:write',
    'environments:read',
    'environments:resolve',
    'environments:admin',
    'traces:manage',
    'dashboards:class',
    'dashboards:programme',
    'dashboards:establishment'
  ]
};

/**
 * What a grant of the administration of establishments (one establishment, or every
 * establishment of an academy: table `administrators`) gives, on the users of those
 * establishments only (a user's establishments: those of their classes and those they
 * are attached to): see their accounts, classes and servers (`users:read`), create,
 * deactivate and reactivate accounts, set their roles and issue reset codes
 * (`users:write`, within the rank rules of `ranks.ts`), read the audit log of the
 * actions done to them (`audit:read`), and see those establishments' dashboards
 * (`dashboards:establishment`: figures, never a name).
 */
export const ADMINISTRATOR_SCOPES: readonly Scope[] = [
  'users:read:establishment',
  'users:write:establishment',
  'audit:read:establishment',
  'dashboards:establishment:establishment'
];

/**
 * What a group workspace's account holds (issue 19, point 2), on its own origin only:
 * it has no role and nobody logs in as it; the origin gate makes it the caller of every
 * hub call made there (`groups/hubCalls.ts`, which also lets only a few paths through)
 * and marks it `groupWorkspace`. It reads and hands in the assignments handed out to
 * its group, as their learner (`OWN_MEANS`), and nothing else.
 */
export const GROUP_WORKSPACE_SCOPES: readonly Scope[] = [
  'assignments:read:own',
  'assignments:submit:own'
];

/**
 * How a user relates to an object restricted by `:own`: member of a class (`teacher`,
 * `learner`), or owner or learner of an assignment.
 */
export type Relation = 'teacher' | 'learner' | 'owner';

/**
 * What « own » means for each right restricted by `:own`: the relations of the caller
 * to the object that grant it. A learner enrolled in a class may read it; only a
 * teacher of the class may change it. An assignment's owner reads and changes it; its
 * learners read it and submit to it.
 */
export const OWN_MEANS: Readonly<Partial<Record<Right, readonly Relation[]>>> =
  {
    'classes:read': ['teacher', 'learner'],
    'classes:write': ['teacher'],
    'classes:codes': ['teacher'],
    'dashboards:class': ['teacher'],
    'assignments:read': ['owner', 'learner'],
    'assignments:write': ['owner'],
    'assignments:submit': ['learner']
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
