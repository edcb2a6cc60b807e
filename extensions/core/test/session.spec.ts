import { HubClient } from '../src/client';
import { detectHub, parseIdentity } from '../src/detect';
import { HubApiError } from '../src/errors';
import { CandyceSession } from '../src/session';
import { FakeHubServer } from './hubServer';

describe('parseIdentity', () => {
  it('keeps known roles and drops unknown ones', () => {
    const identity = parseIdentity({
      name: 'ada',
      displayName: 'Ada',
      roles: ['learner', 'root', 42],
      locale: 'fr_FR',
      xsrfToken: 't'
    });
    expect(identity?.user.roles).toEqual(['learner']);
  });

  it('falls back to the user name when there is no display name', () => {
    expect(
      parseIdentity({ name: 'ada', roles: [], xsrfToken: 't' })?.user
    ).toEqual({
      name: 'ada',
      displayName: 'ada',
      roles: [],
      locale: null
    });
  });

  it.each([
    ['null', null],
    ['a string', 'ada'],
    ['no name', { roles: [], xsrfToken: 't' }],
    ['an empty name', { name: '', roles: [], xsrfToken: 't' }],
    ['no anti-CSRF token', { name: 'ada', roles: [] }],
    [
      'roles that are not a list',
      { name: 'ada', roles: 'admin', xsrfToken: 't' }
    ]
  ])('refuses %s', (_label, payload) => {
    expect(parseIdentity(payload)).toBeNull();
  });
});

describe('hub detection and session', () => {
  const server = new FakeHubServer();
  let origin: string;
  const defaultMe = server.me;

  beforeAll(async () => {
    origin = await server.start();
  });
  afterAll(() => server.stop());
  afterEach(() => {
    server.me = defaultMe;
  });

  const newClient = () => new HubClient({ baseUrl: `${origin}/hub/api/v1` });

  it('finds the Candyce hub and the user', async () => {
    const session = new CandyceSession({
      client: newClient(),
      fallbackLocale: 'en',
      detect: true
    });
    expect(session.mode).toBe('detecting');
    const changed = jest.fn();
    session.changed.connect(changed);
    await session.ready;
    expect(session.mode).toBe('hub');
    expect(session.user?.displayName).toBe('Ada Lovelace');
    expect(session.hasRole('teacher')).toBe(true);
    expect(session.hasRole('admin')).toBe(false);
    expect(session.locale).toBe('fr_FR');
    expect(session.hub?.xsrfToken).toBe('xsrf-123');
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('is standalone when the server is a plain Jupyter server (404 in HTML)', async () => {
    server.me = { status: 404, body: '<html>404</html>', type: 'text/html' };
    expect(await detectHub(newClient())).toBeNull();
    const session = new CandyceSession({
      client: newClient(),
      fallbackLocale: 'de',
      detect: true
    });
    await session.ready;
    expect(session.mode).toBe('standalone');
    expect(session.user).toBeNull();
    expect(session.hub).toBeNull();
    expect(session.locale).toBe('de');
    expect(session.hasRole('learner')).toBe(false);
  });

  it('is standalone when /me answers something that is not a Candyce identity', async () => {
    server.me = { status: 200, body: { kind: 'user', name: 'ada' } };
    expect(await detectHub(newClient())).toBeNull();
  });

  it('reports a hub error (401) to the caller, and the session falls back to standalone', async () => {
    server.me = {
      status: 401,
      body: { error: { code: 'unauthenticated', message: 'Connexion requise' } }
    };
    await expect(detectHub(newClient())).rejects.toBeInstanceOf(HubApiError);
    const warn = jest
      .spyOn(console, 'warn')
      .mockImplementation(() => undefined);
    const session = new CandyceSession({
      client: newClient(),
      fallbackLocale: 'fr_FR',
      detect: true
    });
    await session.ready;
    expect(session.mode).toBe('standalone');
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('does not ask the hub when detection is off', async () => {
    server.requests = [];
    const session = new CandyceSession({
      client: newClient(),
      fallbackLocale: 'fr_FR',
      detect: false
    });
    await session.ready;
    expect(session.mode).toBe('standalone');
    expect(server.requests).toHaveLength(0);
  });

  describe('the interface language', () => {
    const start = async (interfaceLocale?: string | null) => {
      server.requests = [];
      const session = new CandyceSession({
        client: newClient(),
        fallbackLocale: 'en',
        detect: true,
        interfaceLocale
      });
      await session.ready;
      return {
        session,
        patches: server.requests.filter(request => request.method === 'PATCH')
      };
    };

    it('is told to the hub when it knows another one for the user', async () => {
      const { session, patches } = await start('en');
      expect(session.mode).toBe('hub');
      expect(patches).toHaveLength(1);
      expect(patches[0].url).toBe('/hub/api/v1/me');
      expect(JSON.parse(patches[0].body)).toEqual({ language: 'en' });
      expect(patches[0].headers['x-candyce-xsrf']).toBe('xsrf-123');
      expect(session.locale).toBe('en');
    });

    it('is not told when the hub already has it, or when it is unknown', async () => {
      for (const locale of ['fr-FR', 'fr_FR', 'de-DE', null, undefined]) {
        const { session, patches } = await start(locale);
        expect([locale, patches.length]).toEqual([locale, 0]);
        expect(session.locale).toBe('fr_FR');
      }
    });
  });
});
