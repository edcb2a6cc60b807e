import type { IEnvironment } from '@candyce/environments';
import { randomUUID } from 'crypto';

import { apiRoutes, IApiDeps } from '../src/api/routes';
import { IAssignment } from '../src/assignments/views';
import { listRoutes } from './helpers/listRoutes';
import { classPagesRouter, IClassPagesDeps } from '../src/classes/pages';
import { checkSoftwareList } from '../src/environments/schemas';
import { IClass } from '../src/classes/service';
import { Role, ROLES } from '../src/users/names';
import { requirements, tinyIndex } from './helpers/environments';
import { FakeSpawner } from './helpers/fakeSpawner';
import { teacherNotebook } from './helpers/nbgrader';
import { metadata, notebook, publishBody } from './helpers/resources';
import { resourceZip } from './helpers/zips';
import {
  Browser,
  passwordOf,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';

/**
 * THE rights matrix: every route of the hub API and of the class pages × every role
 * (and anonymous callers), called for real through a logged-in browser with the
 * anti-CSRF header (API) or field (page forms).
 *
 * The world: `teacher` teaches classes A and C, `learner` is enrolled in A, nobody of
 * them belongs to class B; `extra` is a learner of C, added to and removed from A and B
 * by the member routes and forms; `spare` is a teacher an admin assigns to A or B.
 * An API `allow` cell expects a 2xx answer; any other cell expects 401 for anonymous
 * callers and 403 for signed-in ones. A page `allow` cell expects a page (2xx) or a
 * redirect after the change (303, not to the login); any other cell expects the login
 * page for anonymous callers and 403 for signed-in ones.
 */
type Who = Role | 'anonymous';

interface IWorld {
  a: IClass;
  b: IClass;
  c: IClass;
  /** Library resources: one published by `teacher`, one by `spare`. */
  ownResource: string;
  otherResource: string;
  /** User ids by name. */
  ids: Map<string, string>;
  /** Assignments: one `teacher` gives class A (with a share code), one of `spare`. */
  ownAssignment: IAssignment;
  otherAssignment: IAssignment;
  /** An environment the hub knows (resolved from the tiny index). */
  environment: IEnvironment;
}

interface IRow {
  method: string;
  /** The route's path template under /hub/api/v1, as the router declares it. */
  route: string;
  /** What this row is about, when a route has several rows. */
  on?: string;
  url: (world: IWorld, who: Who) => string;
  body?: (world: IWorld, who: Who) => unknown;
  /** A zip sent as the raw body (`application/zip`) instead of JSON. */
  zip?: () => Uint8Array;
  /** Put the world back in the state the call expects. */
  before?: (world: IWorld, who: Who) => Promise<void>;
  allow: readonly Who[];
}

/**
 * A row of the class pages: a page (GET) or a form (POST, with `_xsrf`).
 */
interface IPageRow extends Omit<IRow, 'body'> {
  form?: (world: IWorld, who: Who) => Record<string, string>;
}

const WHO: readonly Who[] = ['anonymous', ...ROLES];

describe('rights matrix', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let world: IWorld;
  const browsers = new Map<Who, { browser: Browser; xsrf: string }>();

  const ensureExtraIn = (klass: (w: IWorld) => IClass) => async (w: IWorld) => {
    const extra = await hub.users.getByName('extra');
    await hub.classes.addMember(klass(w).id, extra!.id, 'learner');
  };

  /** Give a pupil of the class an active code (the revoke rows need one). */
  const ensureCode =
    (klass: (w: IWorld) => IClass, userName: string) => async (w: IWorld) => {
      await hub.classCodes.regenerate(klass(w).id, userName);
    };

  /** The learner's open help request (the help rows'), made when there is none. */
  let helpId = '';
  const openHelp = async () => {
    const learner = (await hub.users.getByName('learner'))!;
    const open =
      (await hub.help.current(learner)) ??
      (await hub.help.ask(learner, { path: 'aide.ipynb', access: 'read' }));
    helpId = open.id;
  };
  const closeHelp = async () => {
    const learner = (await hub.users.getByName('learner'))!;
    const open = await hub.help.current(learner);
    if (open) {
      await hub.help.close(learner, open.id);
    }
  };

  /** Start a user's server (fake spawner) so that a stop row has something to stop. */
  const ensureRunning = async (name: string) => {
    const user = await hub.users.getByName(name);
    if (user) {
      await hub.registry.ensure(user);
    }
  };

  // Group workspaces of class A, made by its teacher for the rows that need one.
  let groupOfA: string | undefined;
  let groupToDelete = '';
  const rightsGroup = async (w: IWorld) =>
    (
      await hub.groups.create((await hub.users.getByName('teacher'))!, w.a.id, {
        name: `Groupe ${randomUUID().slice(0, 8)}`,
        memberNames: ['learner']
      })
    ).id;

  const TABLE: readonly IRow[] = [
    {
      method: 'GET',
      route: '/me',
      url: () => '/me',
      allow: ['learner', 'teacher', 'author', 'inspector', 'admin']
    },
    {
      method: 'PATCH',
      route: '/me',
      url: () => '/me',
      body: () => ({ language: 'fr' }),
      allow: ['learner', 'teacher', 'author', 'inspector', 'admin']
    },
    {
      method: 'GET',
      route: '/events',
      // The missed events, then the end: a followed stream would never end.
      url: () => '/events?follow=false&lastEventId=0',
      allow: ['learner', 'teacher', 'author', 'inspector', 'admin']
    },
    {
      method: 'GET',
      route: '/groups',
      url: () => '/groups',
      allow: ['learner', 'teacher', 'author', 'inspector', 'admin']
    },
    {
      method: 'POST',
      route: '/classes/:id/groups',
      on: 'class A',
      url: w => `/classes/${w.a.id}/groups`,
      // A learner of the class is refused while the class does not allow it.
      body: (_w, who) => ({
        name: `Groupe ${who} ${randomUUID().slice(0, 8)}`,
        members: ['learner']
      }),
      allow: ['teacher', 'admin']
    },
    {
      method: 'PUT',
      route: '/groups/:id/members',
      on: 'a group of class A',
      before: async w => {
        groupOfA ??= await rightsGroup(w);
      },
      url: () => `/groups/${groupOfA}/members`,
      body: () => ({ members: ['learner'] }),
      allow: ['teacher', 'admin']
    },
    {
      method: 'DELETE',
      route: '/groups/:id',
      on: 'a group of class A',
      before: async w => {
        groupToDelete = await rightsGroup(w);
      },
      url: () => `/groups/${groupToDelete}`,
      allow: ['teacher', 'admin']
    },
    {
      method: 'GET',
      route: '/classes',
      url: () => '/classes',
      allow: ['learner', 'teacher', 'admin']
    },
    {
      method: 'POST',
      route: '/classes',
      url: () => '/classes',
      body: (_w, who) => ({ name: `Classe de ${who}`, level: '1re' }),
      allow: ['teacher', 'admin']
    },
    {
      method: 'GET',
      route: '/classes/:id',
      on: 'class A',
      url: w => `/classes/${w.a.id}`,
      allow: ['learner', 'teacher', 'admin']
    },
    {
      method: 'GET',
      route: '/classes/:id',
      on: 'class B',
      url: w => `/classes/${w.b.id}`,
      allow: ['admin']
    },
    {
      method: 'PATCH',
      route: '/classes/:id',
      on: 'class A',
      url: w => `/classes/${w.a.id}`,
      body: (_w, who) => ({ level: `niveau ${who}` }),
      allow: ['teacher', 'admin']
    },
    {
      method: 'PATCH',
      route: '/classes/:id',
      on: 'class B',
      url: w => `/classes/${w.b.id}`,
      body: (_w, who) => ({ level: `niveau ${who}` }),
      allow: ['admin']
    },
    {
      method: 'POST',
      route: '/classes/:id/members',
      on: 'class A',
      url: w => `/classes/${w.a.id}/members`,
      body: () => ({ userName: 'extra', membership: 'learner' }),
      allow: ['teacher', 'admin']
    },
    {
      method: 'POST',
      route: '/classes/:id/members',
      on: 'class B',
      url: w => `/classes/${w.b.id}/members`,
      body: () => ({ userName: 'extra', membership: 'learner' }),
      allow: ['admin']
    },
    {
      method: 'GET',
      route: '/classes/:id/school-mode',
      on: 'class A',
      url: w => `/classes/${w.a.id}/school-mode`,
      allow: ['learner', 'teacher', 'admin']
    },
    {
      method: 'GET',
      route: '/classes/:id/school-mode',
      on: 'class B',
      url: w => `/classes/${w.b.id}/school-mode`,
      allow: ['admin']
    },
    {
      method: 'PUT',
      route: '/classes/:id/school-mode',
      on: 'class A',
      url: w => `/classes/${w.a.id}/school-mode`,
      body: () => ({ schoolMode: false }),
      allow: ['teacher', 'admin']
    },
    {
      method: 'PUT',
      route: '/classes/:id/school-mode',
      on: 'class B',
      url: w => `/classes/${w.b.id}/school-mode`,
      body: () => ({ schoolMode: false }),
      allow: ['admin']
    },
    {
      method: 'GET',
      route: '/classes/:id/trace-policy',
      on: 'class A',
      url: w => `/classes/${w.a.id}/trace-policy`,
      allow: ['learner', 'teacher', 'admin']
    },
    {
      method: 'GET',
      route: '/classes/:id/trace-policy',
      on: 'class B',
      url: w => `/classes/${w.b.id}/trace-policy`,
      allow: ['admin']
    },
    {
      method: 'PUT',
      route: '/classes/:id/trace-policy',
      on: 'class A',
      url: w => `/classes/${w.a.id}/trace-policy`,
      body: () => ({ policy: 'none' }),
      allow: ['teacher', 'admin']
    },
    {
      method: 'PUT',
      route: '/classes/:id/trace-policy',
      on: 'class B',
      url: w => `/classes/${w.b.id}/trace-policy`,
      body: () => ({ policy: 'none' }),
      allow: ['admin']
    },
    {
      method: 'GET',
      route: '/me/privacy',
      url: () => '/me/privacy',
      allow: ['learner', 'teacher', 'author', 'inspector', 'admin']
    },
    {
      method: 'PUT',
      route: '/me/privacy',
      url: () => '/me/privacy',
      body: () => ({ optionalTraces: false }),
      allow: ['learner', 'teacher', 'author', 'inspector', 'admin']
    },
    {
      method: 'GET',
      route: '/me/traces',
      url: () => '/me/traces',
      allow: ['learner', 'teacher', 'author', 'inspector', 'admin']
    },
    {
      method: 'DELETE',
      route: '/me/traces',
      url: () => '/me/traces',
      allow: ['learner', 'teacher', 'author', 'inspector', 'admin']
    },
    {
      method: 'GET',
      route: '/users/:name/traces',
      on: 'the learner’s traces',
      url: () => '/users/learner/traces',
      allow: ['admin']
    },
    {
      method: 'DELETE',
      route: '/users/:name/traces',
      on: 'the learner’s traces',
      url: () => '/users/learner/traces',
      allow: ['admin']
    },
    {
      method: 'GET',
      route: '/dashboards/me',
      url: () => '/dashboards/me',
      allow: ['learner', 'teacher', 'author', 'inspector', 'admin']
    },
    {
      method: 'GET',
      route: '/dashboards/classes/:id',
      on: 'class A',
      url: w => `/dashboards/classes/${w.a.id}`,
      allow: ['teacher', 'admin']
    },
    {
      method: 'GET',
      route: '/dashboards/classes/:id',
      on: 'class B',
      url: w => `/dashboards/classes/${w.b.id}`,
      allow: ['admin']
    },
    {
      method: 'GET',
      route: '/dashboards/programme',
      url: () => '/dashboards/programme',
      allow: ['inspector', 'admin']
    },
    {
      method: 'POST',
      route: '/help-requests',
      url: () => '/help-requests',
      body: () => ({ path: 'aide.ipynb', access: 'read' }),
      before: () => closeHelp(),
      allow: ['learner']
    },
    {
      method: 'GET',
      route: '/help-requests',
      url: () => '/help-requests',
      allow: ['teacher']
    },
    {
      method: 'GET',
      route: '/me/help-request',
      url: () => '/me/help-request',
      allow: ['learner', 'teacher', 'author', 'inspector', 'admin']
    },
    {
      method: 'POST',
      route: '/help-requests/:id/join',
      on: 'a pupil of class A',
      url: () => `/help-requests/${helpId}/join`,
      before: () => openHelp(),
      allow: ['teacher']
    },
    {
      method: 'POST',
      route: '/help-requests/:id/close',
      on: 'a pupil of class A',
      url: () => `/help-requests/${helpId}/close`,
      before: () => openHelp(),
      allow: ['learner', 'teacher']
    },
    {
      method: 'GET',
      route: '/me/dashboard-preferences',
      url: () => '/me/dashboard-preferences',
      allow: ['learner', 'teacher', 'author', 'inspector', 'admin']
    },
    {
      method: 'PUT',
      route: '/me/dashboard-preferences',
      url: () => '/me/dashboard-preferences',
      body: () => ({
        dashboards: { me: { period: 'week', indicators: ['activity'] } }
      }),
      allow: ['learner', 'teacher', 'author', 'inspector', 'admin']
    },
    {
      method: 'DELETE',
      route: '/classes/:id/members/:userName',
      on: 'class A',
      url: w => `/classes/${w.a.id}/members/extra`,
      before: ensureExtraIn(w => w.a),
      allow: ['teacher', 'admin']
    },
    {
      method: 'DELETE',
      route: '/classes/:id/members/:userName',
      on: 'class B',
      url: w => `/classes/${w.b.id}/members/extra`,
      before: ensureExtraIn(w => w.b),
      allow: ['admin']
    },
    {
      method: 'GET',
      route: '/classes/:id/codes',
      on: 'class A',
      url: w => `/classes/${w.a.id}/codes`,
      allow: ['teacher', 'admin']
    },
    {
      method: 'POST',
      route: '/classes/:id/codes',
      on: 'class A',
      url: w => `/classes/${w.a.id}/codes`,
      body: (_w, who) => ({ pupils: [{ displayName: `Élève de ${who}` }] }),
      allow: ['teacher', 'admin']
    },
    {
      method: 'POST',
      route: '/classes/:id/codes/:userName',
      on: 'class A',
      url: w => `/classes/${w.a.id}/codes/code.a`,
      allow: ['teacher', 'admin']
    },
    {
      method: 'DELETE',
      route: '/classes/:id/codes/:userName',
      on: 'class A',
      url: w => `/classes/${w.a.id}/codes/code.a`,
      before: ensureCode(w => w.a, 'code.a'),
      allow: ['teacher', 'admin']
    },
    {
      method: 'GET',
      route: '/classes/:id/codes',
      on: 'class B',
      url: w => `/classes/${w.b.id}/codes`,
      allow: ['admin']
    },
    {
      method: 'POST',
      route: '/classes/:id/codes',
      on: 'class B',
      url: w => `/classes/${w.b.id}/codes`,
      body: (_w, who) => ({ pupils: [{ displayName: `Élève de ${who}` }] }),
      allow: ['admin']
    },
    {
      method: 'POST',
      route: '/classes/:id/codes/:userName',
      on: 'class B',
      url: w => `/classes/${w.b.id}/codes/code.b`,
      allow: ['admin']
    },
    {
      method: 'DELETE',
      route: '/classes/:id/codes/:userName',
      on: 'class B',
      url: w => `/classes/${w.b.id}/codes/code.b`,
      before: ensureCode(w => w.b, 'code.b'),
      allow: ['admin']
    },
    {
      method: 'POST',
      route: '/rosters/oneroster',
      url: () => '/rosters/oneroster',
      body: () => ({ 'orgs.csv': 'sourcedId,name\norg-1,Lycée Test\n' }),
      allow: ['admin']
    },
    {
      method: 'DELETE',
      route: '/users/:name/server',
      on: 'own server',
      url: (_w, who) => `/users/${who}/server`,
      before: (_w, who) => ensureRunning(who),
      allow: ['learner', 'teacher', 'author', 'inspector', 'admin']
    },
    {
      method: 'DELETE',
      route: '/users/:name/server',
      on: 'the learner’s server',
      url: () => '/users/learner/server',
      before: () => ensureRunning('learner'),
      allow: ['learner', 'admin']
    },
    {
      method: 'POST',
      route: '/users/:name/server',
      on: 'own server',
      url: (_w, who) => `/users/${who}/server`,
      allow: ['learner', 'teacher', 'author', 'inspector', 'admin']
    },
    {
      method: 'POST',
      route: '/users/:name/server',
      on: 'the learner’s server',
      url: () => '/users/learner/server',
      allow: ['learner', 'admin']
    },
    {
      method: 'GET',
      route: '/users/:name/server/people',
      on: 'own server',
      url: (_w, who) => `/users/${who}/server/people`,
      allow: ['learner', 'teacher', 'author', 'inspector', 'admin']
    },
    {
      method: 'GET',
      route: '/users/:name/server/people',
      on: 'the learner’s server',
      url: () => '/users/learner/server/people',
      allow: ['learner']
    },
    {
      method: 'GET',
      route: '/admin/users',
      url: () => '/admin/users?q=compte',
      allow: ['admin']
    },
    {
      method: 'POST',
      route: '/admin/users',
      url: () => '/admin/users',
      body: (_w, who) => ({
        name: `cree.par.${who}`,
        displayName: `Créé par ${who}`,
        roles: ['learner']
      }),
      allow: ['admin']
    },
    {
      method: 'PATCH',
      route: '/admin/users/:name',
      on: 'a learner’s roles',
      url: () => '/admin/users/cible',
      body: () => ({ roles: ['learner'] }),
      allow: ['admin']
    },
    {
      method: 'POST',
      route: '/admin/users/:name/password-reset',
      url: () => '/admin/users/cible/password-reset',
      allow: ['admin']
    },
    {
      method: 'GET',
      route: '/admin/audit',
      url: () => '/admin/audit',
      allow: ['admin']
    },
    ...establishmentRows(),
    ...establishmentDashboardRows(),
    ...libraryRows(),
    ...assignmentRows(),
    ...environmentRows()
  ];

  /**
   * Establishments and their administrators: one establishment of the academy of
   * Créteil, made at the first row, and a grant to `cible` made or withdrawn before
   * each row that needs it.
   */
  function establishmentRows(): IRow[] {
    const made = { establishmentId: '', grantId: '' };
    const ensureEstablishment = async () => {
      if (!made.establishmentId) {
        const created = await hub.classes.createEstablishment({
          name: 'Lycée des droits'
        });
        made.establishmentId = created.id;
        await hub.establishments.setAcademy(created.id, 'Créteil');
      }
    };
    const grantsOfCible = async () => {
      const cible = await hub.users.getByName('cible');
      return hub.establishments.grants(cible!.id);
    };
    return [
      {
        method: 'GET',
        route: '/admin/users/:name',
        url: () => '/admin/users/cible',
        allow: ['admin']
      },
      {
        method: 'GET',
        route: '/admin/establishments',
        url: () => '/admin/establishments',
        allow: ['admin']
      },
      {
        method: 'PATCH',
        route: '/admin/establishments/:id',
        url: () => `/admin/establishments/${made.establishmentId}`,
        before: ensureEstablishment,
        body: () => ({ academy: 'Créteil' }),
        allow: ['admin']
      },
      {
        method: 'GET',
        route: '/admin/administrators',
        url: () => '/admin/administrators',
        allow: ['admin']
      },
      {
        method: 'POST',
        route: '/admin/administrators',
        url: () => '/admin/administrators',
        before: async () => {
          await ensureEstablishment();
          const root = await hub.users.getByName('admin');
          for (const grant of await grantsOfCible()) {
            await hub.establishments.revoke(root!.id, grant.id);
          }
        },
        body: () => ({ user: 'cible', establishmentId: made.establishmentId }),
        allow: ['admin']
      },
      {
        method: 'DELETE',
        route: '/admin/administrators/:id',
        url: () => `/admin/administrators/${made.grantId}`,
        before: async () => {
          await ensureEstablishment();
          const [grant] = await grantsOfCible();
          const root = await hub.users.getByName('admin');
          made.grantId = grant
            ? grant.id
            : (
                await hub.establishments.grant(
                  root!.id,
                  (await hub.users.getByName('cible'))!.id,
                  { establishmentId: made.establishmentId }
                )
              ).id;
        },
        allow: ['admin']
      }
    ];
  }

  /**
   * An establishment's dashboard: administrators and inspectors see every one (an
   * establishment's administrator, by grant, theirs: dashboardsEstablishment.spec.ts).
   */
  function establishmentDashboardRows(): IRow[] {
    const school = { id: '' };
    const ensureSchool = async () => {
      school.id ||= (
        await hub.classes.createEstablishment({ name: 'Lycée des tableaux' })
      ).id;
    };
    return [
      {
        method: 'GET',
        route: '/dashboards/establishments',
        url: () => '/dashboards/establishments',
        // An empty list for those who administer none.
        allow: ['learner', 'teacher', 'author', 'inspector', 'admin']
      },
      {
        method: 'GET',
        route: '/dashboards/establishments/:id',
        url: () => `/dashboards/establishments/${school.id}`,
        before: ensureSchool,
        allow: ['inspector', 'admin']
      }
    ];
  }

  /** Take a user out of a class, or put them in, before a form row. */
  const setMember =
    (
      klass: (w: IWorld) => IClass,
      name: string,
      membership: 'teacher' | 'learner' | null
    ) =>
    async (w: IWorld) => {
      const id = w.ids.get(name)!;
      const now = await hub.classes.membership(klass(w).id, id);
      if (membership === null && now !== null) {
        await hub.classes.removeMember(klass(w).id, id);
      } else if (membership !== null) {
        await hub.classes.addMember(klass(w).id, id, membership);
      }
    };

  const PAGE_TABLE: readonly IPageRow[] = [
    {
      method: 'GET',
      route: '/classes',
      url: () => '/classes',
      allow: ['teacher', 'admin']
    },
    {
      method: 'GET',
      route: '/classes/new',
      url: () => '/classes/new',
      allow: ['teacher', 'admin']
    },
    {
      method: 'POST',
      route: '/classes',
      url: () => '/classes',
      form: (_w, who) => ({ nom: `Classe de ${who}`, niveau: '1re' }),
      allow: ['teacher', 'admin']
    },
    ...(['a', 'b'] as const).flatMap((k): IPageRow[] => {
      const on = `class ${k.toUpperCase()}`;
      const klass = (w: IWorld) => w[k];
      const url = (w: IWorld, tail = '') => `/classes/${w[k].id}${tail}`;
      const managers: readonly Who[] =
        k === 'a' ? ['teacher', 'admin'] : ['admin'];
      return [
        {
          method: 'GET',
          route: '/classes/:id',
          on,
          url: w => url(w),
          allow: managers
        },
        {
          method: 'POST',
          route: '/classes/:id',
          on,
          url: w => url(w),
          form: (w, who) => ({ nom: w[k].name, niveau: `niveau ${who}` }),
          allow: managers
        },
        {
          method: 'POST',
          route: '/classes/:id/learners',
          on,
          url: w => url(w, '/learners'),
          form: w => ({ eleve: w.ids.get('extra')! }),
          before: setMember(klass, 'extra', null),
          allow: managers
        },
        {
          method: 'POST',
          route: '/classes/:id/learners/remove',
          on,
          url: w => url(w, '/learners/remove'),
          form: w => ({ eleve: w.ids.get('extra')!, confirme: 'oui' }),
          before: setMember(klass, 'extra', 'learner'),
          allow: managers
        },
        {
          method: 'POST',
          route: '/classes/:id/school-mode',
          on,
          url: w => url(w, '/school-mode'),
          form: () => ({ 'mode-ecole': 'oui' }),
          allow: managers
        },
        {
          method: 'POST',
          route: '/classes/:id/trace-policy',
          on,
          url: w => url(w, '/trace-policy'),
          form: () => ({ traces: 'consent' }),
          allow: managers
        },
        {
          method: 'POST',
          route: '/classes/:id/teachers',
          on,
          url: w => url(w, '/teachers'),
          form: w => ({ enseignant: w.ids.get('spare')! }),
          before: setMember(klass, 'spare', null),
          allow: ['admin']
        },
        {
          method: 'POST',
          route: '/classes/:id/teachers/remove',
          on,
          url: w => url(w, '/teachers/remove'),
          form: w => ({ enseignant: w.ids.get('spare')! }),
          before: setMember(klass, 'spare', 'teacher'),
          allow: ['admin']
        }
      ];
    })
  ];

  beforeAll(async () => {
    // A FAKE spawner: the server rows test rights, not real servers (see lifecycle.spec.ts).
    // Environments come from the tiny local index, never from a registry.
    hub = await startTestHub(tinyIndex().env, undefined, {
      spawner: new FakeSpawner(),
      helpWithoutServerOrigins: true
    });
    const ids = new Map<string, string>();
    for (const role of ROLES) {
      const user = await hub.users.create({
        name: role,
        displayName: `Compte ${role}`,
        roles: [role],
        password: passwordOf(role)
      });
      ids.set(role, user.id);
    }
    for (const [name, role] of [
      ['extra', 'learner'],
      ['spare', 'teacher'],
      ['cible', 'learner']
    ]) {
      const user = await hub.users.create({
        name,
        displayName: `Compte ${name}`,
        roles: [role]
      });
      ids.set(name, user.id);
    }
    const a = await hub.classes.create({ name: 'Classe A', level: '2de' });
    const b = await hub.classes.create({ name: 'Classe B', level: '2de' });
    // C makes `extra` one of the teacher's learners, whom the teacher may enrol in A.
    const c = await hub.classes.create({ name: 'Classe C', level: '2de' });
    await hub.classes.addMember(a.id, ids.get('teacher')!, 'teacher');
    await hub.classes.addMember(a.id, ids.get('learner')!, 'learner');
    await hub.classes.addMember(c.id, ids.get('teacher')!, 'teacher');
    await hub.classes.addMember(c.id, ids.get('extra')!, 'learner');
    // A pupil with a code in each class, for the class codes rows: an account made
    // for the class's codes (a code is made for no other account).
    for (const [klass, name] of [
      [a, 'code.a'],
      [b, 'code.b']
    ] as const) {
      await hub.classCodes.createPupils(klass.id, [name]);
    }
    const publish = async (name: string) =>
      (
        await hub.library.publish(
          (await hub.users.getByName(name))!,
          publishFiles()
        )
      ).id;
    world = {
      a,
      b,
      c,
      ids,
      ownResource: await publish('teacher'),
      otherResource: await publish('spare'),
      ...(await handOut(hub, a, b)),
      environment: await hub.environments.resolve(
        checkSoftwareList([requirements('alpha')]),
        (await hub.users.getByName('teacher'))!
      )
    };
    for (const who of WHO) {
      browsers.set(
        who,
        who === 'anonymous'
          ? { browser: new Browser(hub.url), xsrf: 'aucun-jeton' }
          : await signIn(hub, who)
      );
    }
  });
  afterAll(() => hub.close());

  /** Routes as `METHOD /path`, each once, sorted. */
  const routesOf = (routes: readonly { method: string; path: string }[]) =>
    [...new Set(routes.map(route => `${route.method} ${route.path}`))].sort();
  const routesIn = (rows: readonly { method: string; route: string }[]) =>
    [...new Set(rows.map(row => `${row.method} ${row.route}`))].sort();

  /**
   * Call every row as every caller; expect `allow` where the row says so, else what
   * a refusal looks like for an anonymous or a signed-in caller.
   */
  async function expectMatrix<R extends IRow | IPageRow>(
    rows: readonly R[],
    call: (
      row: R,
      who: Who,
      caller: { browser: Browser; xsrf: string }
    ) => Promise<Response>,
    outcome: (response: Response) => string,
    refused: { anonymous: string; signedIn: string }
  ): Promise<void> {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const row of rows) {
      for (const who of WHO) {
        await row.before?.(world, who);
        const response = await call(row, who, browsers.get(who)!);
        await response.arrayBuffer();
        const label = `${row.method} ${row.route}${row.on ? ` (${row.on})` : ''} as ${who}`;
        outcomes.push(`${label}: ${outcome(response)}`);
        const wanted = row.allow.includes(who)
          ? 'allow'
          : who === 'anonymous'
            ? refused.anonymous
            : refused.signedIn;
        expected.push(`${label}: ${wanted}`);
      }
    }
    expect(outcomes).toEqual(expected);
  }

  it('lists every route of the API, and only those', () => {
    // The routes as declared, built with placeholders: declaring calls no service.
    const routes = routesOf(apiRoutes({} as IApiDeps));
    expect(routes.length).toBeGreaterThan(0);
    expect(routesIn(TABLE)).toEqual(routes);
  });

  it('answers each route for each caller as the table says', async () => {
    await expectMatrix(
      TABLE,
      (row, who, { browser, xsrf }) =>
        browser.request(
          row.method,
          `/hub/api/v1${row.url(world, who)}`,
          row.zip
            ? {
                body: row.zip(),
                headers: {
                  'X-Candyce-XSRF': xsrf,
                  'content-type': 'application/zip'
                }
              }
            : {
                json: row.body?.(world, who),
                headers: { 'X-Candyce-XSRF': xsrf }
              }
        ),
      response =>
        response.status >= 200 && response.status < 300
          ? 'allow'
          : String(response.status),
      { anonymous: '401', signedIn: '403' }
    );
  });

  it('refuses a state-changing call without the anti-CSRF header, even for an admin', async () => {
    const { browser } = browsers.get('admin')!;
    const response = await browser.request(
      'PATCH',
      `/hub/api/v1/classes/${world.a.id}`,
      { json: { name: 'Piratée' } }
    );
    expect(response.status).toBe(403);
    expect((await readJson(response)).error.code).toBe('xsrf');
    expect((await hub.classes.get(world.a.id))?.name).toBe('Classe A');
  });

  it('lists every route of the class pages, and only those', () => {
    const routes = routesOf(
      listRoutes(classPagesRouter({} as IClassPagesDeps))
    );
    expect(routes.length).toBeGreaterThan(0);
    expect(routesIn(PAGE_TABLE)).toEqual(routes);
  });

  it('answers each class page for each caller as the table says', async () => {
    await expectMatrix(
      PAGE_TABLE,
      (row, who, { browser, xsrf }) =>
        browser.request(
          row.method,
          `/hub${row.url(world, who)}`,
          row.form ? { form: { _xsrf: xsrf, ...row.form(world, who) } } : {}
        ),
      response => {
        const location = response.headers.get('location') ?? '';
        if (response.status === 303) {
          // After a change a form goes back to a page; without a session, to the login.
          return location.startsWith('/hub/login?') ? 'login' : 'allow';
        }
        return response.status >= 200 && response.status < 300
          ? 'allow'
          : String(response.status);
      },
      { anonymous: 'login', signedIn: '403' }
    );
  });
});

/** A resource to publish through the service. */
function publishFiles() {
  return {
    metadata: metadata(),
    files: [{ path: 'cours.ipynb', content: notebook('# Cours') }]
  };
}

/**
 * The library's rows: contributors (teachers, authors, inspectors, admins) read,
 * publish, endorse and use it; new versions only of one's own resources (admins: all);
 * inspection endorsements only by inspectors; pupils nothing.
 */
function libraryRows(): IRow[] {
  const contributors: Who[] = ['teacher', 'author', 'inspector', 'admin'];
  const own = (w: IWorld) => `/library/resources/${w.ownResource}`;
  return [
    {
      method: 'GET',
      route: '/library/taxonomy',
      url: () => '/library/taxonomy',
      allow: contributors
    },
    {
      method: 'GET',
      route: '/library/resources',
      url: () => '/library/resources?q=equation',
      allow: contributors
    },
    {
      method: 'POST',
      route: '/library/resources',
      url: () => '/library/resources',
      body: () => publishBody(),
      allow: contributors
    },
    {
      method: 'GET',
      route: '/library/resources/:id',
      url: own,
      allow: contributors
    },
    {
      method: 'POST',
      route: '/library/resources/:id/versions',
      on: 'the teacher’s resource',
      url: w => `${own(w)}/versions`,
      body: () => publishBody(),
      allow: ['teacher', 'admin']
    },
    {
      method: 'POST',
      route: '/library/resources/:id/versions',
      on: 'another teacher’s resource',
      url: w => `/library/resources/${w.otherResource}/versions`,
      body: () => publishBody(),
      allow: ['admin']
    },
    {
      method: 'GET',
      route: '/library/resources/:id/versions/:version',
      url: w => `${own(w)}/versions/1`,
      allow: contributors
    },
    {
      method: 'GET',
      route: '/library/resources/:id/versions/:version/files/*path',
      url: w => `${own(w)}/versions/1/files/cours.ipynb`,
      allow: contributors
    },
    {
      method: 'GET',
      route: '/library/resources/:id/versions/:version/export.zip',
      url: w => `${own(w)}/versions/1/export.zip`,
      allow: contributors
    },
    {
      method: 'POST',
      route: '/library/import',
      on: 'a new resource',
      url: () => '/library/import',
      zip: () => resourceZip(),
      allow: contributors
    },
    {
      method: 'POST',
      route: '/library/import',
      on: 'the teacher’s resource',
      url: w => `/library/import?resource=${w.ownResource}`,
      zip: () => resourceZip(),
      allow: ['teacher', 'admin']
    },
    {
      method: 'POST',
      route: '/library/import',
      on: 'another teacher’s resource',
      url: w => `/library/import?resource=${w.otherResource}`,
      zip: () => resourceZip(),
      allow: ['admin']
    },
    {
      method: 'PUT',
      route: '/library/resources/:id/endorsements/:kind',
      on: 'peer',
      url: w => `${own(w)}/endorsements/peer`,
      allow: contributors
    },
    {
      method: 'PUT',
      route: '/library/resources/:id/endorsements/:kind',
      on: 'inspection',
      url: w => `${own(w)}/endorsements/inspection`,
      allow: ['inspector']
    },
    {
      method: 'DELETE',
      route: '/library/resources/:id/endorsements/:kind',
      on: 'peer',
      url: w => `${own(w)}/endorsements/peer`,
      allow: contributors
    },
    {
      method: 'DELETE',
      route: '/library/resources/:id/endorsements/:kind',
      on: 'inspection',
      url: w => `${own(w)}/endorsements/inspection`,
      allow: ['inspector']
    },
    {
      method: 'POST',
      route: '/library/resources/:id/uses',
      url: w => `${own(w)}/uses`,
      body: () => ({ kind: 'open' }),
      allow: contributors
    },
    {
      method: 'GET',
      route: '/library/recommendations',
      url: () => '/library/recommendations',
      allow: contributors
    },
    {
      method: 'GET',
      route: '/library/profile',
      url: () => '/library/profile',
      allow: contributors
    },
    {
      method: 'PUT',
      route: '/library/profile',
      url: () => '/library/profile',
      body: () => ({ disciplines: ['nsi'], levels: ['1re'] }),
      allow: contributors
    }
  ];
}

/**
 * The world's assignments: `teacher` gives class A an autograded notebook (with a share
 * code, and `learner` has submitted and got feedback back, so that the review rows have
 * something to read); `spare` gives class B one.
 */
async function handOut(
  hub: Awaited<ReturnType<typeof startTestHub>>,
  a: IClass,
  b: IClass
): Promise<Pick<IWorld, 'ownAssignment' | 'otherAssignment'>> {
  const settings = {
    title: 'Devoir',
    instructions: '',
    shareCode: true,
    opensAt: null,
    dueAt: null,
    latePolicy: 'accept' as const,
    multipleSubmissions: true,
    autograde: false
  };
  const source = {
    home: {
      path: 'devoir.ipynb',
      files: [{ path: 'devoir.ipynb', content: notebook('# Devoir') }]
    }
  };
  const user = async (name: string) => (await hub.users.getByName(name))!;
  const ownAssignment = await hub.assignments.create(
    await user('teacher'),
    { ...settings, classIds: [a.id], autograde: true },
    {
      home: {
        path: 'devoir.ipynb',
        files: [{ path: 'devoir.ipynb', content: teacherNotebook() }]
      }
    }
  );
  const otherAssignment = await hub.assignments.create(
    await user('spare'),
    { ...settings, classIds: [b.id] },
    source
  );
  const row = await hub.assignments.getOr404(ownAssignment.id);
  await hub.submissions.submit(row, (await user('learner')).id, randomUUID(), [
    { path: 'devoir.ipynb', content: notebook('# Ma copie') }
  ]);
  await hub.reviews.saveFeedback(row, 'learner', {
    comment: 'Bien.',
    grade: 12,
    maxGrade: 20,
    rubric: [],
    cells: []
  });
  await hub.reviews.giveBack(row, ['learner']);
  return { ownAssignment, otherAssignment };
}

/**
 * The assignment rows: the owner (`teacher`) and admins manage; `learner`, enrolled in
 * class A, works; nobody else sees anything. The other teacher's assignment is out of
 * reach for all but admins.
 */
function assignmentRows(): IRow[] {
  const own = (w: IWorld) => `/assignments/${w.ownAssignment.id}`;
  const other = (w: IWorld) => `/assignments/${w.otherAssignment.id}`;
  const work = () => ({
    requestId: randomUUID(),
    files: [
      {
        path: 'devoir.ipynb',
        content: notebook('# Ma copie').toString('base64')
      }
    ]
  });
  const feedback = () => ({ comment: 'Bien.', grade: 12, maxGrade: 20 });
  const everyone: Who[] = [
    'learner',
    'teacher',
    'author',
    'inspector',
    'admin'
  ];
  return [
    {
      method: 'GET',
      route: '/assignments',
      url: () => '/assignments',
      allow: everyone
    },
    {
      method: 'POST',
      route: '/assignments',
      url: () => '/assignments',
      body: w => ({
        title: 'Nouveau devoir',
        classIds: [w.a.id],
        source: {
          home: {
            path: 'devoir.ipynb',
            files: work().files
          }
        }
      }),
      allow: ['teacher', 'admin']
    },
    {
      method: 'POST',
      route: '/assignments/join',
      url: () => '/assignments/join',
      body: w => ({ code: w.ownAssignment.shareCode }),
      allow: ['learner']
    },
    {
      method: 'GET',
      route: '/assignments/:id',
      url: own,
      allow: ['learner', 'teacher', 'admin']
    },
    {
      method: 'GET',
      route: '/assignments/:id',
      on: 'another teacher’s assignment',
      url: other,
      allow: ['admin']
    },
    {
      method: 'PATCH',
      route: '/assignments/:id',
      url: own,
      body: () => ({ instructions: 'Lisez bien.' }),
      allow: ['teacher', 'admin']
    },
    {
      method: 'PATCH',
      route: '/assignments/:id',
      on: 'another teacher’s assignment',
      url: other,
      body: () => ({ instructions: 'Lisez bien.' }),
      allow: ['admin']
    },
    {
      method: 'POST',
      route: '/assignments/:id/fetch',
      url: w => `${own(w)}/fetch`,
      allow: ['learner']
    },
    {
      method: 'GET',
      route: '/assignments/:id/original',
      url: w => `${own(w)}/original`,
      allow: ['learner', 'teacher', 'admin']
    },
    {
      method: 'POST',
      route: '/assignments/:id/submissions',
      url: w => `${own(w)}/submissions`,
      body: work,
      allow: ['learner']
    },
    {
      method: 'GET',
      route: '/assignments/:id/submissions/mine',
      url: w => `${own(w)}/submissions/mine`,
      allow: ['learner']
    },
    {
      method: 'GET',
      route: '/assignments/:id/feedback/mine',
      url: w => `${own(w)}/feedback/mine`,
      allow: ['learner']
    },
    {
      method: 'GET',
      route: '/assignments/:id/progress',
      url: w => `${own(w)}/progress`,
      allow: ['teacher', 'admin']
    },
    {
      method: 'GET',
      route: '/assignments/:id/progress',
      on: 'another teacher’s assignment',
      url: w => `${other(w)}/progress`,
      allow: ['admin']
    },
    {
      method: 'GET',
      route: '/assignments/:id/submissions/:learner/latest',
      url: w => `${own(w)}/submissions/learner/latest`,
      allow: ['teacher', 'admin']
    },
    {
      method: 'PUT',
      route: '/assignments/:id/feedback/:learner',
      url: w => `${own(w)}/feedback/learner`,
      body: feedback,
      allow: ['teacher', 'admin']
    },
    {
      method: 'GET',
      route: '/assignments/:id/feedback/:learner',
      url: w => `${own(w)}/feedback/learner`,
      allow: ['teacher', 'admin']
    },
    {
      method: 'GET',
      route: '/assignments/:id/autograde/:learner',
      url: w => `${own(w)}/autograde/learner`,
      allow: ['teacher', 'admin']
    },
    {
      method: 'POST',
      route: '/assignments/:id/autograde/:learner',
      url: w => `${own(w)}/autograde/learner`,
      allow: ['teacher', 'admin']
    },
    {
      method: 'POST',
      route: '/assignments/:id/return',
      url: w => `${own(w)}/return`,
      body: () => ({}),
      allow: ['teacher', 'admin']
    },
    {
      method: 'GET',
      route: '/assignments/:id/grades.csv',
      url: w => `${own(w)}/grades.csv`,
      allow: ['teacher', 'admin']
    }
  ];
}

/**
 * The environment rows: everyone signed in reads and builds known environments (a
 * pinned notebook opens on its own); teachers, authors and admins resolve lists, search
 * names and register locks; its author and admins rename one; admins list and collect. Streams answer 200 (their events
 * are environments.spec.ts's).
 */
function environmentRows(): IRow[] {
  const everyone: Who[] = [
    'learner',
    'teacher',
    'author',
    'inspector',
    'admin'
  ];
  const resolvers: Who[] = ['teacher', 'author', 'admin'];
  const one = (w: IWorld) => `/environments/${w.environment.id}`;
  return [
    {
      method: 'GET',
      route: '/environments/options',
      url: () => '/environments/options',
      allow: everyone
    },
    {
      method: 'GET',
      route: '/environments/packages',
      url: () => '/environments/packages?q=al',
      allow: resolvers
    },
    {
      method: 'POST',
      route: '/environments/resolve',
      url: () => '/environments/resolve',
      body: () => ({ files: [requirements('alpha')] }),
      allow: resolvers
    },
    {
      method: 'POST',
      route: '/environments/locks',
      url: () => '/environments/locks',
      body: w => ({
        id: w.environment.id,
        lock: w.environment.lock,
        files: w.environment.files
      }),
      allow: resolvers
    },
    {
      method: 'GET',
      route: '/environments',
      url: () => '/environments',
      allow: ['admin']
    },
    {
      method: 'POST',
      route: '/environments/collect',
      url: () => '/environments/collect',
      body: () => ({ dryRun: true }),
      allow: ['admin']
    },
    {
      method: 'GET',
      route: '/environments/:id',
      url: one,
      allow: everyone
    },
    {
      // Its author (the teacher resolved it), or an administrator.
      method: 'PATCH',
      route: '/environments/:id',
      url: one,
      body: (_w, who) => ({ name: `Renommé par ${who}` }),
      allow: ['teacher', 'admin']
    },
    {
      method: 'POST',
      route: '/environments/:id/build',
      url: w => `${one(w)}/build`,
      allow: everyone
    },
    {
      method: 'GET',
      route: '/environments/:id/repository.zip',
      url: w => `${one(w)}/repository.zip`,
      allow: everyone
    }
  ];
}
