import { addUsers, readJson, signIn, startTestHub } from './hubHarness';
import { LIVE_EMITTERS_PER_USER } from '../src/lrs/clients';
import { statement, XapiClient } from './helpers/xapi';

/**
 * The LRS's document resources (State, Activity Profile, Agent Profile: Part Three,
 * 2.3–2.6), its Activities and Agents resources, and the hub routes that hand out
 * credentials: a real hub, a real SQLite file, over HTTP.
 */
describe('xAPI documents and credentials', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let lrs: XapiClient;
  const agent = JSON.stringify({ mbox: 'mailto:ada@example.org' });
  const activityId = 'http://example.org/activities/notebook-1';

  beforeAll(async () => {
    hub = await startTestHub();
    lrs = await XapiClient.make(hub, 'all');
    await addUsers(hub, { admin: 'admin', lea: 'learner' });
  });
  afterAll(async () => {
    await hub.close();
  });

  describe('State', () => {
    const place = { activityId, agent };

    it('stores a document, gives it back with its type and ETag, lists it (with since) and deletes it', async () => {
      const put = await lrs.call('PUT', '/activities/state', {
        query: { ...place, stateId: 'bookmark' },
        body: 'cell-12',
        headers: { 'Content-Type': 'text/plain' }
      });
      expect(put.status).toBe(204);
      const got = await lrs.call('GET', '/activities/state', {
        query: { ...place, stateId: 'bookmark' }
      });
      expect(got.status).toBe(200);
      expect(got.text).toBe('cell-12');
      expect(got.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(got.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
      const list = await lrs.call('GET', '/activities/state', { query: place });
      expect(list.json).toEqual(['bookmark']);
      const later = new Date(Date.now() + 60_000).toISOString();
      expect(
        (
          await lrs.call('GET', '/activities/state', {
            query: { ...place, since: later }
          })
        ).json
      ).toEqual([]);
      expect(
        (
          await lrs.call('DELETE', '/activities/state', {
            query: { ...place, stateId: 'bookmark' }
          })
        ).status
      ).toBe(204);
      expect(
        (
          await lrs.call('GET', '/activities/state', {
            query: { ...place, stateId: 'bookmark' }
          })
        ).status
      ).toBe(404);
    });

    it('merges JSON objects on POST and refuses to merge anything else (400, unchanged)', async () => {
      const query = { ...place, stateId: 'progress' };
      expect(
        (
          await lrs.call('POST', '/activities/state', {
            query,
            json: { a: 1, b: 1 }
          })
        ).status
      ).toBe(204);
      expect(
        (
          await lrs.call('POST', '/activities/state', {
            query,
            json: { b: 2, c: 3 }
          })
        ).status
      ).toBe(204);
      expect(
        (await lrs.call('GET', '/activities/state', { query })).json
      ).toEqual({ a: 1, b: 2, c: 3 });
      const text = await lrs.call('POST', '/activities/state', {
        query,
        body: 'plain',
        headers: { 'Content-Type': 'text/plain' }
      });
      expect(text.status).toBe(400);
      expect(
        (await lrs.call('POST', '/activities/state', { query, json: [1] }))
          .status
      ).toBe(400);
      expect(
        (await lrs.call('GET', '/activities/state', { query })).json
      ).toEqual({ a: 1, b: 2, c: 3 });
    });

    it('keeps registrations apart, and deletes the states of one registration at once', async () => {
      const registration = 'a0b8d2b5-8c6f-4c1e-9d3a-0e6f7f9a1b2c';
      await lrs.call('PUT', '/activities/state', {
        query: { ...place, stateId: 's1' },
        json: { x: 1 }
      });
      await lrs.call('PUT', '/activities/state', {
        query: { ...place, registration, stateId: 's2' },
        json: { x: 2 }
      });
      expect(
        (
          await lrs.call('GET', '/activities/state', {
            query: { ...place, registration }
          })
        ).json
      ).toEqual(['s2']);
      expect(
        (await lrs.call('DELETE', '/activities/state', { query: place })).status
      ).toBe(204);
      expect(
        (
          await lrs.call('GET', '/activities/state', {
            query: { ...place, stateId: 's1' }
          })
        ).status
      ).toBe(404);
      expect(
        (
          await lrs.call('GET', '/activities/state', {
            query: { ...place, registration, stateId: 's2' }
          })
        ).status
      ).toBe(200);
    });

    it('refuses missing or malformed parameters with 400', async () => {
      const bad: Record<string, string>[] = [
        { agent, stateId: 'x' },
        { activityId, stateId: 'x' },
        { activityId: 'not an iri', agent, stateId: 'x' },
        { activityId, agent: '{"name":"nobody"}', stateId: 'x' },
        { activityId, agent, registration: 'r', stateId: 'x' },
        { activityId, agent, stateId: 'x', profileId: 'y' }
      ];
      for (const query of bad) {
        const answer = await lrs.call('PUT', '/activities/state', {
          query,
          json: {}
        });
        expect({ query, status: answer.status }).toEqual({
          query,
          status: 400
        });
      }
    });
  });

  describe('Activity Profile and Agent Profile', () => {
    it.each([
      ['/activities/profile', { activityId }],
      ['/agents/profile', { agent }]
    ])(
      '%s: guards concurrent writes with ETags (409 without a precondition, 412 on a stale one)',
      async (path, scope) => {
        const query = { ...scope, profileId: 'settings' };
        const create = await lrs.call('PUT', path, {
          query,
          json: { v: 1 },
          headers: { 'If-None-Match': '*' }
        });
        expect(create.status).toBe(204);
        const first = (await lrs.call('GET', path, { query })).headers.get(
          'etag'
        )!;
        expect(
          (await lrs.call('PUT', path, { query, json: { v: 2 } })).status
        ).toBe(409);
        expect(
          (
            await lrs.call('PUT', path, {
              query,
              json: { v: 2 },
              headers: { 'If-None-Match': '*' }
            })
          ).status
        ).toBe(412);
        expect(
          (
            await lrs.call('PUT', path, {
              query,
              json: { v: 2 },
              headers: { 'If-Match': '"0000"' }
            })
          ).status
        ).toBe(412);
        expect((await lrs.call('GET', path, { query })).json).toEqual({ v: 1 });
        expect(
          (
            await lrs.call('PUT', path, {
              query,
              json: { v: 2 },
              headers: { 'If-Match': first }
            })
          ).status
        ).toBe(204);
        expect((await lrs.call('GET', path, { query })).json).toEqual({ v: 2 });
        expect((await lrs.call('GET', path, { query: scope })).json).toEqual([
          'settings'
        ]);
        expect(
          (
            await lrs.call('DELETE', path, {
              query,
              headers: { 'If-Match': first }
            })
          ).status
        ).toBe(412);
        expect((await lrs.call('DELETE', path, { query })).status).toBe(204);
        expect((await lrs.call('GET', path, { query })).status).toBe(404);
      }
    );
  });

  describe('Activities and Agents', () => {
    it('gives the latest definition of an activity named in a statement', async () => {
      await lrs.call('POST', '/statements', { json: statement() });
      const got = await lrs.call('GET', '/activities', {
        query: { activityId }
      });
      expect(got.status).toBe(200);
      expect(got.json).toEqual({
        objectType: 'Activity',
        id: activityId,
        definition: { name: { 'fr-FR': 'Carnet 1', 'en-US': 'Notebook 1' } }
      });
    });

    it('gives the Person object of an agent', async () => {
      const got = await lrs.call('GET', '/agents', {
        query: {
          agent: JSON.stringify({ name: 'Ada', mbox: 'mailto:ada@example.org' })
        }
      });
      expect(got.json).toEqual({
        objectType: 'Person',
        name: ['Ada'],
        mbox: ['mailto:ada@example.org']
      });
      expect((await lrs.call('GET', '/agents', { query: {} })).status).toBe(
        400
      );
    });
  });

  describe('credentials from the hub', () => {
    it('gives a signed-in user’s JupyterLab a write-only credential for their own pseudonymous actor', async () => {
      const lea = await signIn(hub, 'lea');
      const post = () =>
        lea.browser.request('POST', '/hub/lrs/credential', {
          headers: { 'X-Candyce-XSRF': lea.xsrf }
        });
      const answer = await post();
      expect(answer.status).toBe(201);
      const credential = await readJson(answer);
      expect(credential).toMatchObject({
        scope: 'write',
        endpoint: `${hub.url}/xapi/`
      });
      const user = await hub.users.getByName('lea');
      const actor = credential.actor;
      expect(actor.account.name).toMatch(/^[0-9a-f]{32}$/);
      expect(JSON.stringify(actor)).not.toContain(user!.id);
      expect(JSON.stringify(actor)).not.toContain('lea');

      const emitter = new XapiClient(
        hub.url,
        credential.key,
        credential.secret
      );
      // Lea is a learner in no class, taken for a minor: her essential statements only.
      expect(credential.consent).toEqual({ optional: false });
      const handedIn = {
        object: {
          id: 'https://candyce.fr/xapi/assignments/devoir-1',
          definition: { type: 'https://candyce.fr/xapi/activities/assignment' }
        }
      };
      expect(
        (
          await emitter.call('POST', '/statements', {
            json: statement(handedIn, actor)
          })
        ).status
      ).toBe(200);
      expect(
        (await emitter.call('POST', '/statements', { json: statement() }))
          .status
      ).toBe(403);
      expect((await emitter.call('GET', '/statements')).status).toBe(403);
      const otherAgent = { activityId, agent, stateId: 's' };
      expect(
        (
          await emitter.call('PUT', '/activities/state', {
            query: otherAgent,
            json: {}
          })
        ).status
      ).toBe(403);

      // The same pseudonym every time. A second page (another tab, another member of
      // a group workspace) leaves the first its credential; the oldest beyond
      // LIVE_EMITTERS_PER_USER is revoked.
      const again = await readJson(await post());
      expect(again.actor).toEqual(actor);
      const handIn = () =>
        emitter.call('POST', '/statements', {
          json: statement(handedIn, actor)
        });
      expect((await handIn()).status).toBe(200);
      for (let page = 2; page <= LIVE_EMITTERS_PER_USER; page++) {
        await readJson(await post());
      }
      expect((await handIn()).status).toBe(401);
      const second = new XapiClient(hub.url, again.key, again.secret);
      expect(
        (
          await second.call('POST', '/statements', {
            json: statement(handedIn, actor)
          })
        ).status
      ).toBe(200);
    });

    it('refuses a credential without session or anti-CSRF header, and client management to non-admins', async () => {
      const anonymous = await fetch(`${hub.url}/hub/lrs/credential`, {
        method: 'POST'
      });
      expect(anonymous.status).toBe(401);
      const lea = await signIn(hub, 'lea');
      expect(
        (await lea.browser.request('POST', '/hub/lrs/credential')).status
      ).toBe(403);
      const asLea = await lea.browser.request('POST', '/hub/lrs/clients', {
        json: { name: 'tableau de bord', scope: 'read' },
        headers: { 'X-Candyce-XSRF': lea.xsrf }
      });
      expect(asLea.status).toBe(403);
    });

    it('lets an admin make and revoke a client', async () => {
      const admin = await signIn(hub, 'admin');
      const made = await admin.browser.request('POST', '/hub/lrs/clients', {
        json: { name: 'tableau de bord', scope: 'read' },
        headers: { 'X-Candyce-XSRF': admin.xsrf }
      });
      expect(made.status).toBe(201);
      const { key, secret } = await readJson(made);
      const reader = new XapiClient(hub.url, key, secret);
      expect((await reader.call('GET', '/statements')).status).toBe(200);
      const bad = await admin.browser.request('POST', '/hub/lrs/clients', {
        json: { name: 'x', scope: 'everything' },
        headers: { 'X-Candyce-XSRF': admin.xsrf }
      });
      expect(bad.status).toBe(400);
      const revoked = await admin.browser.request(
        'DELETE',
        `/hub/lrs/clients/${key}`,
        {
          headers: { 'X-Candyce-XSRF': admin.xsrf }
        }
      );
      expect(revoked.status).toBe(204);
      expect((await reader.call('GET', '/statements')).status).toBe(401);
    });
  });
});
