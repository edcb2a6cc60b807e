import { apiRouter, IApiDeps } from '../src/api/routes';
import { listRoutes } from '../src/api/listRoutes';
import { IClass } from '../src/classes/service';
import { Role, ROLES } from '../src/users/names';
import { FakeSpawner } from './helpers/fakeSpawner';
import { Browser, readJson, startTestHub } from './hubHarness';

/**
 * THE rights matrix: every route of the hub API × every role (and anonymous callers),
 * called for real through a logged-in browser with the anti-CSRF header.
 *
 * The world: `teacher` teaches class A, `learner` is enrolled in A, nobody of them
 * belongs to class B; `extra` is a learner added and removed by the member routes.
 * An `allow` cell expects a 2xx answer; any other cell expects 401 for anonymous
 * callers and 403 for signed-in ones.
 */
type Who = Role | 'anonymous';

interface IWorld {
  a: IClass;
  b: IClass;
}

interface IRow {
  method: string;
  /** The route's path template under /hub/api/v1, as the router declares it. */
  route: string;
  /** What this row is about, when a route has several rows. */
  on?: string;
  url: (world: IWorld, who: Who) => string;
  body?: (world: IWorld, who: Who) => unknown;
  /** Put the world back in the state the call expects. */
  before?: (world: IWorld, who: Who) => Promise<void>;
  allow: readonly Who[];
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

  /** Start a user's server (fake spawner) so that a stop row has something to stop. */
  const ensureRunning = async (name: string) => {
    const user = await hub.users.getByName(name);
    if (user) {
      await hub.registry.ensure(user);
    }
  };

  const TABLE: readonly IRow[] = [
    {
      method: 'GET',
      route: '/me',
      url: () => '/me',
      allow: ['learner', 'teacher', 'author', 'inspector', 'admin']
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
    }
  ];

  beforeAll(async () => {
    // A FAKE spawner: the server rows test rights, not real servers (see lifecycle.spec.ts).
    hub = await startTestHub({}, undefined, { spawner: new FakeSpawner() });
    const ids = new Map<Who, string>();
    for (const role of ROLES) {
      const user = await hub.users.create({
        name: role,
        displayName: `Compte ${role}`,
        roles: [role],
        password: `mot-de-passe-${role}`
      });
      ids.set(role, user.id);
    }
    await hub.users.create({
      name: 'extra',
      displayName: 'Compte extra',
      roles: ['learner']
    });
    const a = await hub.classes.create({ name: 'Classe A', level: '2de' });
    const b = await hub.classes.create({ name: 'Classe B', level: '2de' });
    await hub.classes.addMember(a.id, ids.get('teacher')!, 'teacher');
    await hub.classes.addMember(a.id, ids.get('learner')!, 'learner');
    // A pupil with a code in each class, for the class codes rows.
    for (const [klass, name] of [
      [a, 'code.a'],
      [b, 'code.b']
    ] as const) {
      const pupil = await hub.users.create({
        name,
        displayName: `Élève ${name}`,
        roles: ['learner']
      });
      await hub.classes.addMember(klass.id, pupil.id, 'learner');
    }
    world = { a, b };
    for (const who of WHO) {
      const browser = new Browser(hub.url);
      let xsrf = 'aucun-jeton';
      if (who !== 'anonymous') {
        const login = await browser.login(who, `mot-de-passe-${who}`);
        expect(login.status).toBe(303);
        xsrf = (await readJson(await browser.get('/hub/api/v1/me'))).xsrfToken;
      }
      browsers.set(who, { browser, xsrf });
    }
  });
  afterAll(() => hub.close());

  it('lists every route of the API, and only those', () => {
    // The real router, built with placeholders: listing routes calls no handler.
    const routes = listRoutes(apiRouter({} as IApiDeps)).map(
      route => `${route.method} ${route.path}`
    );
    const table = TABLE.map(row => `${row.method} ${row.route}`);
    expect(routes.length).toBeGreaterThan(0);
    expect([...new Set(table)].sort()).toEqual([...new Set(routes)].sort());
  });

  it('answers each route for each caller as the table says', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const row of TABLE) {
      for (const who of WHO) {
        await row.before?.(world, who);
        const { browser, xsrf } = browsers.get(who)!;
        const response = await browser.request(
          row.method,
          `/hub/api/v1${row.url(world, who)}`,
          {
            json: row.body?.(world, who),
            headers: { 'X-Candyce-XSRF': xsrf }
          }
        );
        await response.arrayBuffer();
        const label = `${row.method} ${row.route}${row.on ? ` (${row.on})` : ''} as ${who}`;
        const got =
          response.status >= 200 && response.status < 300
            ? 'allow'
            : String(response.status);
        outcomes.push(`${label}: ${got}`);
        const wanted = row.allow.includes(who)
          ? 'allow'
          : who === 'anonymous'
            ? '401'
            : '403';
        expected.push(`${label}: ${wanted}`);
      }
    }
    expect(outcomes).toEqual(expected);
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
});
