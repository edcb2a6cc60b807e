import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

import { apiRoutes, IApiDeps } from '../src/api/routes';
import { parseEvents, requirements, tinyIndex } from './helpers/environments';
import { FakeSpawner } from './helpers/fakeSpawner';
import { teacherNotebook } from './helpers/nbgrader';
import { metadata, notebook, publishBody } from './helpers/resources';
import { resourceZip } from './helpers/zips';
import {
  addUsers,
  Browser,
  ISignedIn,
  signIn,
  startTestHub
} from './hubHarness';

/**
 * `hub/openapi.yml` against the hub: the same routes, the same security, and the hub's
 * real answers valid against the schemas the document gives for their status.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const SPEC: Json = parse(
  fs.readFileSync(path.join(__dirname, '..', 'openapi.yml'), 'utf8')
);
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];

describe('hub/openapi.yml', () => {
  it('is OpenAPI 3.1 and lists exactly the routes of the hub API, no more, no less', () => {
    expect(SPEC.openapi).toMatch(/^3\.1\./);
    expect(SPEC.servers).toEqual([{ url: '/hub/api/v1' }]);
    // The routes as declared, built with placeholders: declaring calls no service.
    const routes = apiRoutes({} as IApiDeps).map(
      route =>
        `${route.method} ${route.path.replace(/[:*]([A-Za-z]+)/g, '{$1}')}`
    );
    expect(routes.length).toBeGreaterThan(0);
    expect(OpenApi.operations().map(op => op.key)).toEqual(
      [...new Set(routes)].sort()
    );
  });

  it('asks for the session cookie on every call, and for the anti-CSRF header as well on every state-changing one', () => {
    const schemes = SPEC.components.securitySchemes;
    expect(schemes.sessionCookie).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'candyce-session'
    });
    expect(schemes.xsrfHeader).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'X-Candyce-XSRF'
    });
    for (const { key, method, operation } of OpenApi.operations()) {
      const security = operation.security ?? SPEC.security;
      const expected = ['get', 'head', 'options'].includes(method)
        ? [{ sessionCookie: [] }]
        : [{ sessionCookie: [], xsrfHeader: [] }];
      expect({ key, security }).toEqual({ key, security: expected });
    }
  });

  it('gives every operation an id, a 2xx and a 401 answer, errors in the Error shape, and declares every path parameter; every $ref resolves', () => {
    expect(OpenApi.resolve({ $ref: '#/components/schemas/Error' })).toEqual({
      type: 'object',
      required: ['error'],
      additionalProperties: false,
      properties: {
        error: expect.objectContaining({
          type: 'object',
          required: ['code', 'message']
        })
      }
    });
    const ids = new Set<string>();
    for (const { key, template, operation, pathItem } of OpenApi.operations()) {
      expect(typeof operation.operationId).toBe('string');
      expect(ids.has(operation.operationId)).toBe(false);
      ids.add(operation.operationId);
      const statuses = Object.keys(operation.responses);
      expect({ key, success: statuses.some(s => /^2/.test(s)) }).toEqual({
        key,
        success: true
      });
      expect({ key, has401: statuses.includes('401') }).toEqual({
        key,
        has401: true
      });
      for (const status of statuses.filter(s => /^[45]/.test(s))) {
        const answer = OpenApi.resolve(operation.responses[status]);
        expect({
          key,
          status,
          schema: answer.content?.['application/json']
        }).toEqual({
          key,
          status,
          schema: { schema: { $ref: '#/components/schemas/Error' } }
        });
      }
      const declared = [
        ...(pathItem.parameters ?? []),
        ...(operation.parameters ?? [])
      ]
        .map(OpenApi.resolve)
        .filter((p: Json) => p.in === 'path')
        .map((p: Json) => p.name)
        .sort();
      const inTemplate = [...template.matchAll(/\{(\w+)\}/g)]
        .map(match => match[1])
        .sort();
      expect({ key, declared }).toEqual({ key, declared: inTemplate });
    }
    OpenApi.checkRefs(SPEC, '#');
  });
});

describe('the hub answers as hub/openapi.yml says (FAKE spawner for the server routes)', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let admin: ISignedIn;
  let teacher: ISignedIn;
  let learner: ISignedIn;
  let lea: ISignedIn;
  /** Operations answered with a 2xx at least once. */
  const succeeded = new Set<string>();

  beforeAll(async () => {
    // Environments come from the tiny local index, never from a registry.
    hub = await startTestHub(
      { CANDYCE_MAX_SERVERS: '1', ...tinyIndex().env },
      undefined,
      { spawner: new FakeSpawner(), helpWithoutServerOrigins: true }
    );
    await addUsers(hub, {
      admin: 'admin',
      teacher: 'teacher',
      learner: 'learner',
      lea: 'learner',
      inspection: 'inspector'
    });
    admin = await signIn(hub, 'admin');
    teacher = await signIn(hub, 'teacher');
    learner = await signIn(hub, 'learner');
    lea = await signIn(hub, 'lea');
  });
  afterAll(async () => {
    await hub.registry.stopAll();
    await hub.close();
  });

  /**
   * Make a call, check its request body against the operation's and its answer against
   * the response the document gives for its status; the parsed answer.
   */
  async function call(
    who: ISignedIn | Browser,
    method: string,
    template: string,
    values: Record<string, string>,
    body?: unknown,
    query = ''
  ): Promise<{ status: number; json: Json; text: string }> {
    const operation = SPEC.paths[template]?.[method.toLowerCase()];
    expect({ method, template, known: operation !== undefined }).toEqual({
      method,
      template,
      known: true
    });
    const requestProblems =
      body !== undefined &&
      typeof body !== 'string' &&
      !(body instanceof Uint8Array)
        ? OpenApi.validate(
            operation.requestBody.content['application/json'].schema,
            body,
            'request'
          )
        : null;
    const url =
      template.replace(/\{(\w+)\}/g, (_, name) =>
        // A file path keeps its slashes.
        name === 'path'
          ? values[name].split('/').map(encodeURIComponent).join('/')
          : encodeURIComponent(values[name])
      ) + query;
    const response =
      who instanceof Browser
        ? await who.request(method, `/hub/api/v1${url}`, { json: body })
        : body instanceof Uint8Array
          ? await who.browser.request(method, `/hub/api/v1${url}`, {
              body,
              headers: {
                'X-Candyce-XSRF': who.xsrf,
                'content-type': 'application/zip'
              }
            })
          : typeof body === 'string'
            ? await who.raw(method, url, body)
            : await who.call(method, url, body);
    const text = await response.text();
    const key = `${method} ${template} → ${response.status}`;
    if (requestProblems && response.status < 300) {
      // What the hub takes, the document takes.
      expect({ key, requestProblems }).toEqual({ key, requestProblems: [] });
    }
    if (requestProblems && response.status === 400) {
      // What the hub refuses as malformed, the document refuses too.
      expect({ key, refused: requestProblems.length > 0 }).toEqual({
        key,
        refused: true
      });
    }
    const answer = operation.responses[String(response.status)];
    expect({ key, documented: answer !== undefined }).toEqual({
      key,
      documented: true
    });
    if (response.status < 300) {
      succeeded.add(`${method} ${template}`);
    }
    const content = OpenApi.resolve(answer).content;
    if (!content) {
      expect({ key, body: text }).toEqual({ key, body: '' });
      return { status: response.status, json: null, text };
    }
    if (!content['application/json']) {
      // Bytes (library files): the type is one of those documented.
      const type = (response.headers.get('content-type') ?? '').split(';')[0];
      expect({ key, type: Object.keys(content).includes(type) }).toEqual({
        key,
        type: true
      });
      return { status: response.status, json: null, text };
    }
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const json = JSON.parse(text);
    const errors = OpenApi.validate(
      content['application/json'].schema,
      json,
      'response'
    );
    expect({ key, errors }).toEqual({ key, errors: [] });
    return { status: response.status, json, text };
  }

  it('answers every route as documented, refusals included, and every route was answered with success at least once', async () => {
    const anonymous = new Browser(hub.url);
    expect((await call(anonymous, 'GET', '/me', {})).status).toBe(401);
    expect((await call(admin, 'GET', '/me', {})).status).toBe(200);
    expect(
      (await call(admin, 'PATCH', '/me', {}, { language: 'en' })).json
    ).toEqual({ locale: 'en' });
    expect(
      (await call(admin, 'PATCH', '/me', {}, { language: 'klingon' })).status
    ).toBe(400);
    expect(
      (await call(admin, 'PATCH', '/me', {}, { language: 'fr' })).status
    ).toBe(200);

    // The administration of users and its audit log.
    const users = '/admin/users';
    const newcomer = {
      name: 'nouvelle',
      displayName: 'Nouvelle',
      roles: ['teacher']
    };
    expect((await call(admin, 'POST', users, {}, newcomer)).status).toBe(201);
    expect((await call(admin, 'POST', users, {}, newcomer)).status).toBe(409);
    expect(
      (await call(admin, 'POST', users, {}, { ...newcomer, roles: ['roi'] }))
        .status
    ).toBe(400);
    expect((await call(teacher, 'POST', users, {}, newcomer)).status).toBe(403);
    const listed = await call(
      admin,
      'GET',
      users,
      {},
      undefined,
      '?q=nouv&limit=1'
    );
    expect(listed.json.users.map((u: Json) => u.name)).toEqual(['nouvelle']);
    expect(
      (await call(admin, 'GET', users, {}, undefined, '?after=a&before=b'))
        .status
    ).toBe(400);
    const account = '/admin/users/{name}';
    expect(
      (
        await call(
          admin,
          'PATCH',
          account,
          { name: 'nouvelle' },
          { roles: ['author'] }
        )
      ).status
    ).toBe(204);
    expect(
      (
        await call(
          admin,
          'PATCH',
          account,
          { name: 'nouvelle' },
          { roles: [], active: false }
        )
      ).status
    ).toBe(400);
    expect(
      (
        await call(
          admin,
          'PATCH',
          account,
          { name: 'admin' },
          { active: false }
        )
      ).status
    ).toBe(409);
    expect(
      (
        await call(
          admin,
          'PATCH',
          account,
          { name: 'personne' },
          { active: false }
        )
      ).status
    ).toBe(404);
    const reset = await call(
      admin,
      'POST',
      '/admin/users/{name}/password-reset',
      { name: 'nouvelle' }
    );
    expect(reset.status).toBe(201);
    expect(
      (
        await call(
          admin,
          'PATCH',
          account,
          { name: 'nouvelle' },
          { active: false }
        )
      ).status
    ).toBe(204);
    const audit = await call(
      admin,
      'GET',
      '/admin/audit',
      {},
      undefined,
      '?action=user.roles'
    );
    expect(audit.json.events[0]).toMatchObject({
      action: 'user.roles',
      actor: 'admin',
      target: 'nouvelle'
    });
    expect(
      (await call(admin, 'GET', '/admin/audit', {}, undefined, '?cursor=xyz'))
        .status
    ).toBe(400);
    expect((await call(teacher, 'GET', '/admin/audit', {})).status).toBe(403);

    // Establishments and their administrators (migration 0027).
    const lycee = await hub.classes.createEstablishment({
      name: 'Lycée du contrat'
    });
    const academy = (value: unknown) =>
      call(
        admin,
        'PATCH',
        '/admin/establishments/{id}',
        { id: lycee.id },
        { academy: value }
      );
    expect((await academy('Créteil')).status).toBe(204);
    expect((await academy(3)).status).toBe(400);
    expect(
      (await call(admin, 'GET', '/admin/establishments', {})).json
        .establishments
    ).toContainEqual(
      expect.objectContaining({ name: 'Lycée du contrat', academy: 'Créteil' })
    );
    const grants = '/admin/administrators';
    const grant = (body: unknown) => call(admin, 'POST', grants, {}, body);
    const named = await grant({ user: 'nouvelle', academy: 'Créteil' });
    expect(named.status).toBe(201);
    expect((await grant({ user: 'nouvelle' })).status).toBe(400);
    expect((await grant({ user: 'nouvelle', academy: 'Créteil' })).status).toBe(
      409
    );
    expect((await call(admin, 'GET', grants, {})).json.administrators).toEqual([
      expect.objectContaining({ user: 'nouvelle', academy: 'Créteil' })
    ]);
    expect(
      (await call(admin, 'GET', account, { name: 'nouvelle' })).json
    ).toMatchObject({ name: 'nouvelle', classes: [], server: 'stopped' });
    expect(
      (await call(teacher, 'GET', account, { name: 'nouvelle' })).status
    ).toBe(403);
    const withdraw = () =>
      call(admin, 'DELETE', '/admin/administrators/{id}', {
        id: named.json.id
      });
    expect((await withdraw()).status).toBe(204);
    expect((await withdraw()).status).toBe(404);

    const created = await call(
      admin,
      'POST',
      '/classes',
      {},
      { name: '1re A', level: '1re' }
    );
    expect(created.status).toBe(201);
    const id = created.json.id;
    const other = (await call(admin, 'POST', '/classes', {}, { name: 'B' }))
      .json.id;
    expect(
      (await call(teacher, 'POST', '/classes', {}, { name: 'C' })).status
    ).toBe(201);
    expect((await call(admin, 'POST', '/classes', {}, '{')).status).toBe(400);
    expect(
      (await call(admin, 'POST', '/classes', {}, { name: 'x'.repeat(101) }))
        .status
    ).toBe(400);

    // As a member (with `membership`) and as an administrator (without).
    const teachers = await call(teacher, 'GET', '/classes', {});
    expect(teachers.json.classes[0].membership).toBe('teacher');
    expect((await call(admin, 'GET', '/classes', {})).status).toBe(200);
    expect((await call(admin, 'GET', '/classes/{id}', { id })).status).toBe(
      200
    );
    expect(
      (await call(learner, 'GET', '/classes/{id}', { id: other })).status
    ).toBe(403);
    expect(
      (await call(admin, 'GET', '/classes/{id}', { id: 'inconnue' })).status
    ).toBe(404);
    expect(
      (await call(admin, 'PATCH', '/classes/{id}', { id }, { level: null }))
        .status
    ).toBe(200);
    const noXsrf = await admin.browser.request(
      'PATCH',
      `/hub/api/v1/classes/${id}`,
      { json: { name: 'Piratée' } }
    );
    expect(noXsrf.status).toBe(403);
    expect(
      OpenApi.validate(
        { $ref: '#/components/schemas/Error' },
        await noXsrf.json(),
        'response'
      )
    ).toEqual([]);

    // School mode (issue 18): on, read back, off; a bad body answers 400.
    const schoolMode = '/classes/{id}/school-mode';
    expect(
      (await call(admin, 'PUT', schoolMode, { id }, { schoolMode: true })).json
    ).toEqual({ schoolMode: true });
    expect((await call(learner, 'GET', schoolMode, { id: other })).status).toBe(
      403
    );
    expect((await call(admin, 'GET', schoolMode, { id })).json).toEqual({
      schoolMode: true
    });
    expect(
      (await call(admin, 'PUT', schoolMode, { id }, { schoolMode: 1 })).status
    ).toBe(400);
    expect(
      (await call(admin, 'PUT', schoolMode, { id }, { schoolMode: false }))
        .status
    ).toBe(200);

    // Consent to learning traces, their export and erasure (issue 20).
    const tracePolicy = '/classes/{id}/trace-policy';
    expect(
      (await call(admin, 'PUT', tracePolicy, { id }, { policy: 'consent' }))
        .json
    ).toEqual({ policy: 'consent', isDefault: false });
    expect(
      (await call(admin, 'PUT', tracePolicy, { id }, { policy: 'oui' })).status
    ).toBe(400);
    expect((await call(admin, 'GET', tracePolicy, { id })).status).toBe(200);
    expect(
      (await call(learner, 'GET', tracePolicy, { id: other })).status
    ).toBe(403);
    expect((await call(lea, 'GET', '/me/privacy', {})).json.minor).toBe(true);
    expect(
      (await call(lea, 'PUT', '/me/privacy', {}, { optionalTraces: true })).json
        .choice
    ).toBe(true);
    expect(
      (await call(lea, 'PUT', '/me/privacy', {}, { optionalTraces: 'oui' }))
        .status
    ).toBe(400);
    expect((await call(lea, 'GET', '/me/traces', {})).json.statements).toEqual(
      []
    );
    expect((await call(lea, 'DELETE', '/me/traces', {})).json).toEqual({
      statements: 0,
      documents: 0,
      attachments: 0
    });
    const userTraces = '/users/{name}/traces';
    expect((await call(admin, 'GET', userTraces, { name: 'lea' })).status).toBe(
      200
    );
    expect(
      (await call(admin, 'DELETE', userTraces, { name: 'lea' })).status
    ).toBe(200);
    expect(
      (await call(admin, 'DELETE', userTraces, { name: 'personne' })).status
    ).toBe(404);
    expect(
      (await call(teacher, 'DELETE', userTraces, { name: 'lea' })).status
    ).toBe(403);

    // Dashboards (issue 20, point 4).
    const week = { query: '?from=2026-03-02&to=2026-03-08' };
    expect(
      (await call(lea, 'GET', '/dashboards/me', {}, undefined, week.query)).json
        .activity
    ).toHaveLength(7);
    expect(
      (await call(lea, 'GET', '/dashboards/me', {}, undefined, '?from=mars'))
        .status
    ).toBe(400);
    const classDashboard = '/dashboards/classes/{id}';
    expect(
      (await call(admin, 'GET', classDashboard, { id }, undefined, week.query))
        .status
    ).toBe(200);
    expect(
      (
        await call(
          admin,
          'GET',
          classDashboard,
          { id },
          undefined,
          '?assignment=inconnu'
        )
      ).status
    ).toBe(400);
    expect(
      (await call(learner, 'GET', classDashboard, { id: other })).status
    ).toBe(403);
    expect(
      (await call(admin, 'GET', '/dashboards/programme', {})).json.accessibility
    ).toEqual(expect.objectContaining({ criteriaMet: expect.any(Number) }));
    expect(
      (await call(teacher, 'GET', '/dashboards/programme', {})).status
    ).toBe(403);
    const preferences = '/me/dashboard-preferences';
    const choices = {
      dashboards: { me: { period: 'week', indicators: ['activity'] } }
    };
    expect((await call(lea, 'PUT', preferences, {}, choices)).json).toEqual(
      choices
    );
    expect((await call(lea, 'GET', preferences, {})).json).toEqual(choices);
    expect(
      (await call(lea, 'PUT', preferences, {}, { dashboards: { me: {} } }))
        .status
    ).toBe(400);

    const member = { userName: 'lea', membership: 'learner' };
    const members = '/classes/{id}/members';
    expect((await call(admin, 'POST', members, { id }, member)).status).toBe(
      201
    );
    expect((await call(admin, 'POST', members, { id }, member)).status).toBe(
      200
    );
    expect(
      (
        await call(admin, 'DELETE', '/classes/{id}/members/{userName}', {
          id,
          userName: 'lea'
        })
      ).status
    ).toBe(204);

    const codes = await call(
      admin,
      'POST',
      '/classes/{id}/codes',
      { id },
      { pupils: [{ displayName: 'Élève Un' }] }
    );
    expect(codes.status).toBe(201);
    const pupil = { id, userName: codes.json.pupils[0].name };
    expect(
      (await call(admin, 'GET', '/classes/{id}/codes', { id })).status
    ).toBe(200);
    const code = '/classes/{id}/codes/{userName}';
    expect((await call(admin, 'POST', code, pupil)).status).toBe(200);
    expect((await call(admin, 'DELETE', code, pupil)).status).toBe(204);

    const roster = '/rosters/oneroster';
    const report = await call(
      admin,
      'POST',
      roster,
      {},
      { 'orgs.csv': 'sourcedId,name\norg-1,Lycée Test\n' }
    );
    expect(report.json.created.establishments).toBe(1);
    const refused = await call(
      admin,
      'POST',
      roster,
      {},
      { 'users.csv': 'pas,un,en-tête\n' }
    );
    expect(refused.json.rejected.length).toBeGreaterThan(0);
    expect(
      (
        await call(
          admin,
          'POST',
          roster,
          {},
          { 'orgs.csv': 'x'.repeat(5 * 1024 * 1024 + 1) }
        )
      ).status
    ).toBe(413);

    // The establishment just imported, on its dashboard.
    const schools = await call(admin, 'GET', '/dashboards/establishments', {});
    const school = schools.json.establishments.find(
      (one: { name: string }) => one.name === 'Lycée Test'
    );
    const schoolDashboard = '/dashboards/establishments/{id}';
    expect(
      (await call(admin, 'GET', schoolDashboard, { id: school.id })).json
        .establishment.name
    ).toBe('Lycée Test');
    expect(
      (await call(teacher, 'GET', schoolDashboard, { id: school.id })).status
    ).toBe(403);

    // One server at most (CANDYCE_MAX_SERVERS=1).
    const server = '/users/{name}/server';
    expect((await call(admin, 'POST', server, { name: 'admin' })).status).toBe(
      202
    );
    expect(
      (await call(teacher, 'POST', server, { name: 'teacher' })).status
    ).toBe(503);
    // 202 answers before the start is over: stop it once it runs (else 409, starting).
    const adminUser = (await hub.users.getByName('admin'))!;
    for (
      let tries = 0;
      hub.registry.state(adminUser).kind !== 'running';
      tries++
    ) {
      expect(tries).toBeLessThan(200);
      await new Promise(resolve => setTimeout(resolve, 25));
    }
    expect(
      (await call(admin, 'DELETE', server, { name: 'admin' })).status
    ).toBe(204);
    expect(
      (await call(admin, 'DELETE', server, { name: 'admin' })).status
    ).toBe(409);
    expect(
      (await call(learner, 'DELETE', server, { name: 'teacher' })).status
    ).toBe(403);
    // Who may enter a server (the share dialog): its people, to them only.
    const people = '/users/{name}/server/people';
    expect(
      (await call(teacher, 'GET', people, { name: 'teacher' })).status
    ).toBe(200);
    expect(
      (await call(learner, 'GET', people, { name: 'teacher' })).status
    ).toBe(403);

    // The library.
    const inspector = await signIn(hub, 'inspection');
    expect((await call(teacher, 'GET', '/library/taxonomy', {})).status).toBe(
      200
    );
    expect((await call(learner, 'GET', '/library/taxonomy', {})).status).toBe(
      403
    );
    const published = await call(
      teacher,
      'POST',
      '/library/resources',
      {},
      publishBody()
    );
    expect(published.status).toBe(201);
    const resource = { id: published.json.id };
    expect(
      (
        await call(
          teacher,
          'POST',
          '/library/resources',
          {},
          publishBody(metadata({ licence: undefined }))
        )
      ).status
    ).toBe(400);
    expect(
      (
        await call(
          teacher,
          'POST',
          '/library/resources',
          {},
          {
            metadata: metadata(),
            files: [
              {
                path: 'a.ipynb',
                content: Buffer.alloc(51 * 1024 * 1024).toString('base64')
              }
            ]
          }
        )
      ).status
    ).toBe(413);
    const found = await call(
      teacher,
      'GET',
      '/library/resources',
      {},
      undefined,
      '?q=equations&discipline=mathematiques'
    );
    expect(found.json.total).toBe(1);
    expect(
      (
        await call(
          teacher,
          'GET',
          '/library/resources',
          {},
          undefined,
          '?discipline=alchimie'
        )
      ).status
    ).toBe(400);
    expect(
      (await call(teacher, 'GET', '/library/resources/{id}', resource)).status
    ).toBe(200);
    expect(
      (
        await call(teacher, 'GET', '/library/resources/{id}', {
          id: 'inconnue'
        })
      ).status
    ).toBe(404);
    const versions = '/library/resources/{id}/versions';
    expect(
      (await call(teacher, 'POST', versions, resource, publishBody())).status
    ).toBe(201);
    expect(
      (
        await call(
          admin,
          'POST',
          versions,
          resource,
          publishBody(metadata({ title: '' }))
        )
      ).status
    ).toBe(400);
    expect(
      (await call(learner, 'POST', versions, resource, publishBody())).status
    ).toBe(403);
    expect(
      (await call(teacher, 'POST', versions, { id: 'inconnue' }, publishBody()))
        .status
    ).toBe(404);
    const version = '/library/resources/{id}/versions/{version}';
    expect(
      (await call(teacher, 'GET', version, { ...resource, version: '1' }))
        .status
    ).toBe(200);
    expect(
      (await call(teacher, 'GET', version, { ...resource, version: '7' }))
        .status
    ).toBe(404);
    const file = '/library/resources/{id}/versions/{version}/files/{path}';
    expect(
      (
        await call(teacher, 'GET', file, {
          ...resource,
          version: '1',
          path: 'cours.ipynb'
        })
      ).status
    ).toBe(200);
    expect(
      (
        await call(teacher, 'GET', file, {
          ...resource,
          version: '1',
          path: 'dossier/absent.csv'
        })
      ).status
    ).toBe(404);
    const exported = '/library/resources/{id}/versions/{version}/export.zip';
    expect(
      (await call(teacher, 'GET', exported, { ...resource, version: '1' }))
        .status
    ).toBe(200);
    expect(
      (await call(teacher, 'GET', exported, { ...resource, version: '9' }))
        .status
    ).toBe(404);
    expect(
      (await call(learner, 'GET', exported, { ...resource, version: '1' }))
        .status
    ).toBe(403);
    const imports = '/library/import';
    expect(
      (await call(teacher, 'POST', imports, {}, resourceZip())).status
    ).toBe(201);
    expect(
      (
        await call(
          teacher,
          'POST',
          imports,
          {},
          resourceZip(),
          `?resource=${resource.id}`
        )
      ).status
    ).toBe(201);
    expect(
      (
        await call(
          teacher,
          'POST',
          imports,
          {},
          resourceZip(),
          '?resource=inconnue'
        )
      ).status
    ).toBe(404);
    expect(
      (await call(teacher, 'POST', imports, {}, Buffer.from('pas un zip')))
        .status
    ).toBe(400);
    expect(
      (await call(learner, 'POST', imports, {}, resourceZip())).status
    ).toBe(403);
    const endorsement = '/library/resources/{id}/endorsements/{kind}';
    expect(
      (await call(teacher, 'PUT', endorsement, { ...resource, kind: 'peer' }))
        .status
    ).toBe(200);
    expect(
      (
        await call(teacher, 'PUT', endorsement, {
          ...resource,
          kind: 'inspection'
        })
      ).status
    ).toBe(403);
    expect(
      (
        await call(inspector, 'PUT', endorsement, {
          ...resource,
          kind: 'inspection'
        })
      ).status
    ).toBe(200);
    expect(
      (
        await call(teacher, 'DELETE', endorsement, {
          ...resource,
          kind: 'peer'
        })
      ).status
    ).toBe(200);
    expect(
      (
        await call(teacher, 'PUT', endorsement, {
          id: 'inconnue',
          kind: 'peer'
        })
      ).status
    ).toBe(404);
    const uses = '/library/resources/{id}/uses';
    expect(
      (await call(teacher, 'POST', uses, resource, { kind: 'open' })).status
    ).toBe(204);
    expect(
      (await call(teacher, 'POST', uses, resource, { kind: 'lire' })).status
    ).toBe(400);
    expect(
      (await call(teacher, 'POST', uses, { id: 'inconnue' }, { kind: 'open' }))
        .status
    ).toBe(404);
    expect(
      (
        await call(
          teacher,
          'PUT',
          '/library/profile',
          {},
          { disciplines: ['nsi'], levels: ['1re'] }
        )
      ).status
    ).toBe(200);
    expect(
      (
        await call(
          teacher,
          'PUT',
          '/library/profile',
          {},
          { disciplines: 'nsi', levels: [] }
        )
      ).status
    ).toBe(400);
    expect((await call(teacher, 'GET', '/library/profile', {})).json).toEqual({
      disciplines: ['nsi'],
      levels: ['1re'],
      saved: true,
      classLevels: []
    });
    expect(
      (await call(admin, 'GET', '/library/recommendations', {})).status
    ).toBe(200);
    expect(
      (await call(anonymous, 'GET', '/library/recommendations', {})).status
    ).toBe(401);

    // Assignments: the teacher hands out to class C, where the learner is enrolled;
    // lea joins by code; the learner works, the teacher reviews and returns.
    const classC = (
      await call(teacher, 'GET', '/classes', {})
    ).json.classes.find((klass: { name: string }) => klass.name === 'C').id;
    await call(
      admin,
      'POST',
      members,
      { id: classC },
      { userName: 'learner', membership: 'learner' }
    );
    const files = [
      { path: 'devoir.ipynb', content: notebook('# Devoir').toString('base64') }
    ];
    const made = await call(
      teacher,
      'POST',
      '/assignments',
      {},
      {
        title: 'Devoir',
        classIds: [classC],
        shareCode: true,
        source: { home: { path: 'devoir.ipynb', files } }
      }
    );
    expect(made.status).toBe(201);
    const task = { id: made.json.id };
    for (const [who, body, status] of [
      [teacher, { title: 'Devoir', source: {} }, 400],
      [
        learner,
        { title: 'Devoir', source: { home: { path: 'd', files } } },
        403
      ],
      [
        teacher,
        {
          title: 'Devoir',
          classIds: [classC],
          source: { library: { resourceId: 'inconnue', version: 1 } }
        },
        404
      ]
    ] as const) {
      expect((await call(who, 'POST', '/assignments', {}, body)).status).toBe(
        status
      );
    }
    expect((await call(teacher, 'GET', '/assignments', {})).status).toBe(200);
    const one = '/assignments/{id}';
    expect((await call(teacher, 'GET', one, task)).status).toBe(200);
    expect((await call(learner, 'GET', one, task)).status).toBe(200);
    expect(
      (await call(teacher, 'PATCH', one, task, { instructions: 'Lisez.' }))
        .status
    ).toBe(200);
    expect(
      (await call(teacher, 'PATCH', one, task, { title: '' })).status
    ).toBe(400);
    const join = '/assignments/join';
    expect(
      (await call(lea, 'POST', join, {}, { code: 'ZZZZ-ZZZZ' })).status
    ).toBe(404);
    expect(
      (await call(lea, 'POST', join, {}, { code: made.json.shareCode })).status
    ).toBe(200);
    expect((await call(lea, 'GET', one, task)).status).toBe(200);
    expect(
      (await call(learner, 'POST', '/assignments/{id}/fetch', task)).status
    ).toBe(200);
    expect(
      (await call(learner, 'GET', '/assignments/{id}/original', task)).status
    ).toBe(200);
    const submitUrl = '/assignments/{id}/submissions';
    const work = { requestId: randomUUID(), files };
    expect((await call(learner, 'POST', submitUrl, task, work)).status).toBe(
      201
    );
    expect((await call(learner, 'POST', submitUrl, task, work)).status).toBe(
      200
    );
    expect(
      (await call(learner, 'POST', submitUrl, task, { requestId: 'x', files }))
        .status
    ).toBe(400);
    expect(
      (await call(learner, 'GET', '/assignments/{id}/submissions/mine', task))
        .status
    ).toBe(200);
    const mineFeedback = '/assignments/{id}/feedback/mine';
    expect((await call(learner, 'GET', mineFeedback, task)).status).toBe(404);
    expect(
      (await call(teacher, 'GET', '/assignments/{id}/progress', task)).status
    ).toBe(200);
    const ofLearner = { ...task, learner: 'learner' };
    const ofLea = { ...task, learner: 'lea' };
    const latest = '/assignments/{id}/submissions/{learner}/latest';
    expect((await call(teacher, 'GET', latest, ofLearner)).status).toBe(200);
    expect((await call(teacher, 'GET', latest, ofLea)).status).toBe(404);
    const feedbackUrl = '/assignments/{id}/feedback/{learner}';
    const feedback = { comment: 'Bien.', grade: 14, maxGrade: 20 };
    expect((await call(teacher, 'GET', feedbackUrl, ofLearner)).status).toBe(
      404
    );
    expect(
      (await call(teacher, 'PUT', feedbackUrl, ofLea, feedback)).status
    ).toBe(409);
    expect(
      (await call(teacher, 'PUT', feedbackUrl, ofLearner, feedback)).status
    ).toBe(200);
    expect((await call(teacher, 'GET', feedbackUrl, ofLearner)).status).toBe(
      200
    );
    const giveBack = '/assignments/{id}/return';
    expect(
      (await call(teacher, 'POST', giveBack, task, { learners: ['lea'] }))
        .status
    ).toBe(409);
    expect((await call(teacher, 'POST', giveBack, task, {})).status).toBe(200);
    expect((await call(learner, 'GET', mineFeedback, task)).status).toBe(200);
    expect(
      (await call(teacher, 'GET', '/assignments/{id}/grades.csv', task)).status
    ).toBe(200);

    // Autograding: an nbgrader notebook, graded in the background.
    const autograde = '/assignments/{id}/autograde/{learner}';
    expect((await call(teacher, 'GET', autograde, ofLearner)).status).toBe(409);
    const graded = await call(
      teacher,
      'POST',
      '/assignments',
      {},
      {
        title: 'Les carrés',
        classIds: [classC],
        autograde: true,
        source: {
          home: {
            path: 'carres.ipynb',
            files: [
              {
                path: 'carres.ipynb',
                content: teacherNotebook().toString('base64')
              }
            ]
          }
        }
      }
    );
    expect(graded.status).toBe(201);
    const gradedTask = { id: graded.json.id };
    // A submission carries the assignment's own files (devoir.ipynb is another's).
    expect(
      (
        await call(learner, 'POST', submitUrl, gradedTask, {
          requestId: randomUUID(),
          files: [{ path: 'carres.ipynb', content: files[0].content }]
        })
      ).status
    ).toBe(201);
    const ofGraded = { ...gradedTask, learner: 'learner' };
    expect((await call(teacher, 'GET', autograde, ofGraded)).status).toBe(200);
    expect((await call(teacher, 'POST', autograde, ofGraded)).status).toBe(202);
    expect(
      (await call(teacher, 'GET', autograde, { ...gradedTask, learner: 'lea' }))
        .status
    ).toBe(404);
    expect(
      (await call(teacher, 'GET', '/assignments/{id}/progress', gradedTask))
        .status
    ).toBe(200);

    // Environments: streams whose every event matches its schema, plain refusals.
    const streamed = (text: string) => {
      const schemas: Record<string, string> = {
        progress: 'EnvironmentProgress',
        result: 'EnvironmentResult',
        error: 'Error'
      };
      const events = parseEvents(text);
      for (const { event, data } of events) {
        expect({
          event,
          errors: schemas[event]
            ? OpenApi.validate(
                { $ref: `#/components/schemas/${schemas[event]}` },
                data,
                event
              )
            : ['unknown event']
        }).toEqual({ event, errors: [] });
      }
      return events;
    };
    const resolveUrl = '/environments/resolve';
    const resolved = await call(
      teacher,
      'POST',
      resolveUrl,
      {},
      { files: [requirements('alpha')] }
    );
    expect(resolved.status).toBe(200);
    const environment = streamed(resolved.text).pop()!.data.environment;
    const failed = await call(
      teacher,
      'POST',
      resolveUrl,
      {},
      { files: [requirements('nexistepas')] }
    );
    expect(streamed(failed.text).pop()!.event).toBe('error');
    // Refused before any work: the document's schema cannot tell these (sent raw).
    for (const files of [
      [requirements('alpha >>> 2')],
      [{ path: 'notes.md', content: '' }],
      [{ path: '../requirements.txt', content: 'alpha\n' }]
    ]) {
      expect(
        (await call(teacher, 'POST', resolveUrl, {}, JSON.stringify({ files })))
          .status
      ).toBe(400);
    }
    expect(
      (await call(teacher, 'POST', resolveUrl, {}, { files: 'alpha' })).status
    ).toBe(400);
    expect(
      (await call(learner, 'POST', resolveUrl, {}, { files: [] })).status
    ).toBe(403);
    expect(
      (await call(learner, 'GET', '/environments/options', {})).status
    ).toBe(200);
    const packages = '/environments/packages';
    expect(
      (await call(teacher, 'GET', packages, {}, undefined, '?q=al&limit=5'))
        .status
    ).toBe(200);
    expect(
      (await call(teacher, 'GET', packages, {}, undefined, '?q=')).status
    ).toBe(400);
    const pinned = { id: environment.id };
    const unknownId = { id: '0'.repeat(64) };
    for (const template of [
      '/environments/{id}',
      '/environments/{id}/repository.zip'
    ]) {
      expect((await call(learner, 'GET', template, pinned)).status).toBe(200);
      expect(
        (await call(learner, 'GET', template, { id: 'pas-un-id' })).status
      ).toBe(400);
      expect((await call(learner, 'GET', template, unknownId)).status).toBe(
        404
      );
    }
    const buildUrl = '/environments/{id}/build';
    const built = await call(learner, 'POST', buildUrl, pinned);
    expect(built.status).toBe(200);
    expect(streamed(built.text).pop()!.data.environment.built).toBe(true);
    expect((await call(learner, 'POST', buildUrl, unknownId)).status).toBe(404);
    expect(
      (await call(learner, 'POST', buildUrl, { id: 'pas-un-id' })).status
    ).toBe(400);
    const rename = '/environments/{id}';
    const renamed = await call(teacher, 'PATCH', rename, pinned, {
      name: 'Fonctions affines'
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json.environment.name).toBe('Fonctions affines');
    for (const [who, values, body, status] of [
      [learner, pinned, { name: 'À moi' }, 403],
      // A blank name, a bad id: well formed for the body's schema, so sent raw.
      [teacher, pinned, JSON.stringify({ name: '   ' }), 400],
      [teacher, { id: 'pas-un-id' }, JSON.stringify({ name: 'Nom' }), 400],
      [teacher, unknownId, { name: 'Nom' }, 404]
    ] as const) {
      expect((await call(who, 'PATCH', rename, values, body)).status).toBe(
        status
      );
    }
    const locks = '/environments/locks';
    const carried = {
      id: environment.id,
      lock: environment.lock,
      files: environment.files
    };
    expect((await call(teacher, 'POST', locks, {}, carried)).status).toBe(200);
    const betaOnly = {
      lock: {
        ...environment.lock,
        packages: environment.lock.packages.filter(
          (p: { name: string }) => p.name === 'beta'
        )
      }
    };
    expect((await call(teacher, 'POST', locks, {}, betaOnly)).status).toBe(201);
    // A lock changed after pinning: well formed, so sent raw.
    expect(
      (
        await call(
          teacher,
          'POST',
          locks,
          {},
          JSON.stringify({ ...betaOnly, id: environment.id })
        )
      ).status
    ).toBe(400);
    expect(
      (await call(teacher, 'POST', locks, {}, { lock: { lockVersion: 2 } }))
        .status
    ).toBe(400);
    expect((await call(admin, 'GET', '/environments', {})).status).toBe(200);
    const collect = '/environments/collect';
    expect(
      (await call(admin, 'POST', collect, {}, { dryRun: true })).status
    ).toBe(200);
    // A real one: its `uvCache` (the store builds with uv) as documented.
    expect(
      (await call(admin, 'POST', collect, {}, { dryRun: false })).status
    ).toBe(200);
    expect(
      (await call(admin, 'POST', collect, {}, { dryRun: 'oui' })).status
    ).toBe(400);
    expect((await call(teacher, 'POST', collect, {}, {})).status).toBe(403);

    // Group workspaces (issue 19): created, listed, members changed, deleted.
    await call(admin, 'POST', members, { id }, member);
    const groups = '/classes/{id}/groups';
    const workspace = { name: 'Binôme', members: ['lea'] };
    const madeGroup = await call(admin, 'POST', groups, { id }, workspace);
    expect(madeGroup.status).toBe(201);
    expect((await call(admin, 'POST', groups, { id }, workspace)).status).toBe(
      409
    );
    expect(
      (await call(admin, 'POST', groups, { id }, { name: 'Vide', members: [] }))
        .status
    ).toBe(400);
    expect(
      (await call(learner, 'POST', groups, { id: other }, workspace)).status
    ).toBe(403);
    expect((await call(lea, 'GET', '/groups', {})).json.groups).toHaveLength(1);
    const group = { id: madeGroup.json.id };
    const groupMembers = '/groups/{id}/members';
    expect(
      (await call(admin, 'PUT', groupMembers, group, { members: ['lea'] }))
        .status
    ).toBe(200);
    expect(
      (await call(admin, 'PUT', groupMembers, group, { members: 'lea' })).status
    ).toBe(400);
    expect(
      (await call(lea, 'PUT', groupMembers, group, { members: ['lea'] })).status
    ).toBe(403);
    expect((await call(admin, 'DELETE', '/groups/{id}', group)).status).toBe(
      204
    );
    expect((await call(admin, 'DELETE', '/groups/{id}', group)).status).toBe(
      404
    );

    // The news stream: the missed events, then the end (`follow=false`).
    const news = '/events';
    const missed = '?follow=false&lastEventId=0';
    expect(
      (await call(teacher, 'GET', news, {}, undefined, missed)).status
    ).toBe(200);
    expect(
      (await call(teacher, 'GET', news, {}, undefined, '?lastEventId=x')).status
    ).toBe(400);
    expect(
      (await call(anonymous, 'GET', news, {}, undefined, missed)).status
    ).toBe(401);

    // Live help (issue 19): asked, listed, joined, closed; refusals as documented.
    await call(admin, 'POST', members, { id }, member);
    await call(
      admin,
      'POST',
      members,
      { id },
      { userName: 'teacher', membership: 'teacher' }
    );
    const helpAsk = { path: 'aide.ipynb', access: 'read', message: 'Q2' };
    const asked = await call(lea, 'POST', '/help-requests', {}, helpAsk);
    expect(asked.status).toBe(201);
    expect(
      (
        await call(
          lea,
          'POST',
          '/help-requests',
          {},
          {
            ...helpAsk,
            access: 'admin'
          }
        )
      ).status
    ).toBe(400);
    expect(
      (await call(lea, 'POST', '/help-requests', {}, helpAsk)).status
    ).toBe(409);
    expect((await call(lea, 'GET', '/me/help-request', {})).status).toBe(200);
    expect((await call(teacher, 'GET', '/help-requests', {})).status).toBe(200);
    const help = { id: asked.json.id };
    const joinHelp = '/help-requests/{id}/join';
    const closeHelp = '/help-requests/{id}/close';
    expect((await call(learner, 'POST', joinHelp, help)).status).toBe(403);
    expect((await call(teacher, 'POST', joinHelp, help)).status).toBe(200);
    expect((await call(teacher, 'POST', joinHelp, { id: 'x' })).status).toBe(
      404
    );
    expect((await call(lea, 'POST', closeHelp, help)).status).toBe(200);
    expect((await call(teacher, 'POST', closeHelp, help)).status).toBe(409);

    expect([...succeeded].sort()).toEqual(
      OpenApi.operations().map(op => op.key)
    );
  });
});

namespace OpenApi {
  /** One operation of the document. */
  export interface IOperation {
    /** `METHOD /template`. */
    key: string;
    method: string;
    template: string;
    operation: Json;
    pathItem: Json;
  }

  /** Every operation, sorted by key. */
  export function operations(): IOperation[] {
    const found: IOperation[] = [];
    for (const [template, pathItem] of Object.entries<Json>(SPEC.paths)) {
      for (const method of METHODS) {
        if (pathItem[method]) {
          found.push({
            key: `${method.toUpperCase()} ${template}`,
            method,
            template,
            operation: pathItem[method],
            pathItem
          });
        }
      }
    }
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Follow a local `$ref` (to its end). */
  export function resolve(node: Json): Json {
    while (node && typeof node.$ref === 'string') {
      const target = node.$ref
        .replace(/^#\//, '')
        .split('/')
        .reduce((at: Json, part: string) => at?.[part], SPEC);
      if (target === undefined) {
        throw new Error(`unresolved $ref ${node.$ref}`);
      }
      node = target;
    }
    return node;
  }

  /** Throw on any `$ref` that does not resolve. */
  export function checkRefs(node: Json, where: string): void {
    if (Array.isArray(node)) {
      node.forEach((item, i) => checkRefs(item, `${where}/${i}`));
    } else if (node && typeof node === 'object') {
      if (typeof node.$ref === 'string') {
        resolve(node);
      }
      for (const [key, value] of Object.entries(node)) {
        checkRefs(value, `${where}/${key}`);
      }
    }
  }

  /** Keywords that describe without constraining. */
  const ANNOTATIONS = new Set(['description', 'title', 'example', 'format']);

  /**
   * Check a value against the subset of JSON Schema (2020-12) this document uses; a
   * keyword outside it is an error, so that a schema is never half checked.
   *
   * @returns what is wrong, one line per problem (empty when valid).
   */
  export function validate(schema: Json, value: unknown, at: string): string[] {
    const node = resolve(schema);
    const problems: string[] = [];
    const fail = (what: string) => problems.push(`${at}: ${what}`);
    for (const keyword of Object.keys(node)) {
      if (!KEYWORDS.has(keyword) && !ANNOTATIONS.has(keyword)) {
        throw new Error(
          `${at}: keyword ${keyword} is not checked by this test`
        );
      }
    }
    if (node.type !== undefined) {
      const types: string[] = Array.isArray(node.type)
        ? node.type
        : [node.type];
      if (!types.some(type => hasType(value, type))) {
        fail(`expected ${types.join(' or ')}, got ${JSON.stringify(value)}`);
        return problems;
      }
    }
    for (const part of node.allOf ?? []) {
      problems.push(...validate(part, value, at));
    }
    if (node.anyOf) {
      const each = node.anyOf.map((part: Json) => validate(part, value, at));
      if (!each.some((found: string[]) => found.length === 0)) {
        fail(`matches none of anyOf: ${each.flat().join(' | ')}`);
      }
    }
    if (node.enum && !node.enum.includes(value)) {
      fail(`${JSON.stringify(value)} not in ${node.enum.join(', ')}`);
    }
    if (node.format === 'date-time' && typeof value === 'string') {
      if (Number.isNaN(Date.parse(value))) {
        fail(`not a date-time: ${value}`);
      }
    }
    if (typeof value === 'string') {
      if (node.pattern && !new RegExp(node.pattern, 'u').test(value)) {
        fail(`${value} does not match ${node.pattern}`);
      }
      if (node.minLength !== undefined && value.length < node.minLength) {
        fail(`shorter than ${node.minLength}`);
      }
      if (node.maxLength !== undefined && value.length > node.maxLength) {
        fail(`longer than ${node.maxLength}`);
      }
    }
    if (typeof value === 'number' && node.minimum !== undefined) {
      if (value < node.minimum) {
        fail(`below ${node.minimum}`);
      }
    }
    if (typeof value === 'number' && node.exclusiveMinimum !== undefined) {
      if (value <= node.exclusiveMinimum) {
        fail(`not above ${node.exclusiveMinimum}`);
      }
    }
    if (Array.isArray(value)) {
      if (node.minItems !== undefined && value.length < node.minItems) {
        fail(`fewer than ${node.minItems} items`);
      }
      if (node.maxItems !== undefined && value.length > node.maxItems) {
        fail(`more than ${node.maxItems} items`);
      }
      if (node.items) {
        value.forEach((item, i) =>
          problems.push(...validate(node.items, item, `${at}[${i}]`))
        );
      }
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const object = value as Record<string, unknown>;
      const properties = node.properties ?? {};
      for (const name of node.required ?? []) {
        if (!(name in object)) {
          fail(`missing ${name}`);
        }
      }
      if (
        node.minProperties !== undefined &&
        Object.keys(object).length < node.minProperties
      ) {
        fail(`fewer than ${node.minProperties} properties`);
      }
      for (const [name, item] of Object.entries(object)) {
        if (properties[name]) {
          problems.push(...validate(properties[name], item, `${at}.${name}`));
        } else if (node.additionalProperties === false) {
          fail(`unexpected property ${name}`);
        }
      }
    }
    return problems;
  }

  const KEYWORDS = new Set([
    '$ref',
    'allOf',
    'anyOf',
    'exclusiveMinimum',
    'type',
    'enum',
    'pattern',
    'minLength',
    'maxLength',
    'minimum',
    'items',
    'minItems',
    'maxItems',
    'properties',
    'required',
    'additionalProperties',
    'minProperties'
  ]);

  function hasType(value: unknown, type: string): boolean {
    switch (type) {
      case 'null':
        return value === null;
      case 'integer':
        return Number.isInteger(value);
      case 'array':
        return Array.isArray(value);
      case 'object':
        return (
          typeof value === 'object' && value !== null && !Array.isArray(value)
        );
      default:
        return typeof value === type;
    }
  }
}
