import {
  createHash,
  createSign,
  generateKeyPairSync,
  randomUUID
} from 'crypto';

import { readJson, startTestHub } from './hubHarness';
import { statement, XapiClient } from './helpers/xapi';

/**
 * The LRS's Statement resource against xAPI 1.0.3 (Part Three, 2.1; Part Two, 2.4):
 * a real hub on loopback with a real SQLite file, called over HTTP as an xAPI client
 * would. Every refused request is followed by a query proving nothing was stored.
 */
describe('xAPI statements', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let lrs: XapiClient;

  beforeAll(async () => {
    hub = await startTestHub();
    lrs = await XapiClient.make(hub, 'all');
  });
  afterAll(async () => {
    await hub.close();
  });

  /** How many statements a query of the whole store answers (paging through). */
  async function count(): Promise<number> {
    const page = await lrs.call('GET', '/statements', {
      query: { limit: '0' }
    });
    expect(page.status).toBe(200);
    return page.json.statements.length;
  }

  describe('headers, credentials and scopes', () => {
    it('answers About without credentials nor version, with the versions it speaks', async () => {
      const response = await fetch(`${hub.url}/xapi/about`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-experience-api-version')).toBe('1.0.3');
      const about = await readJson(response);
      expect(about.version).toContain('1.0.3');
      expect(about.version.every((v: string) => /^1\.0\.\d$/.test(v))).toBe(
        true
      );
    });

    it('refuses a missing or unsupported version header with 400, and says its own version on every answer', async () => {
      const before = await count();
      for (const version of [undefined, '0.95', '2.0.0', '1.1.0', 'abc']) {
        const answer = await lrs.call('POST', '/statements', {
          json: statement(),
          headers: { 'X-Experience-API-Version': version }
        });
        expect({
          version,
          status: answer.status,
          code: answer.json.error.code
        }).toEqual({
          version,
          status: 400,
          code: 'xapi_version'
        });
        expect(answer.headers.get('x-experience-api-version')).toBe('1.0.3');
      }
      // A statements GET says how far it is consistent, even when it is refused.
      const refused = await lrs.call('GET', '/statements', {
        headers: { 'X-Experience-API-Version': undefined }
      });
      expect(refused.status).toBe(400);
      expect(
        Date.parse(refused.headers.get('x-experience-api-consistent-through')!)
      ).not.toBeNaN();
      const old = await lrs.call('GET', '/statements', {
        headers: { 'X-Experience-API-Version': '1.0' }
      });
      expect(old.status).toBe(200);
      expect(await count()).toBe(before);
    });

    it('answers 401 with a Basic challenge without credentials or with a wrong secret, and stores nothing', async () => {
      const before = await count();
      const wrong = new XapiClient(hub.url, lrs.key, 'not-the-secret');
      for (const headers of [
        { Authorization: undefined },
        { Authorization: wrong.authorization }
      ]) {
        const answer = await lrs.call('POST', '/statements', {
          json: statement(),
          headers
        });
        expect(answer.status).toBe(401);
        expect(answer.headers.get('www-authenticate')).toMatch(/^Basic/);
      }
      expect(await count()).toBe(before);
    });

    it('lets a read client only read and a write client only write (403 otherwise)', async () => {
      const reader = await XapiClient.make(hub, 'read');
      const writer = await XapiClient.make(hub, 'write');
      const before = await count();
      expect(
        (await reader.call('POST', '/statements', { json: statement() })).status
      ).toBe(403);
      expect((await reader.call('GET', '/statements')).status).toBe(200);
      expect((await writer.call('GET', '/statements')).status).toBe(403);
      expect(await count()).toBe(before);
      expect(
        (await writer.call('POST', '/statements', { json: statement() })).status
      ).toBe(200);
      expect(await count()).toBe(before + 1);
    });

    it('refuses statements for another actor from a client bound to one (403, nothing stored)', async () => {
      const pupil = {
        objectType: 'Agent',
        account: { homePage: 'https://candyce.example', name: 'p-1' }
      };
      const emitter = await XapiClient.make(hub, 'write', pupil);
      const before = await count();
      const other = statement({}, { mbox: 'mailto:someone@example.org' });
      expect(
        (
          await emitter.call('POST', '/statements', {
            json: [statement({}, pupil), other]
          })
        ).status
      ).toBe(403);
      expect(await count()).toBe(before);
      expect(
        (
          await emitter.call('POST', '/statements', {
            json: statement({}, pupil)
          })
        ).status
      ).toBe(200);
      expect(await count()).toBe(before + 1);
    });

    it('answers 405 to a method a resource does not have, before asking for credentials', async () => {
      const calls: [string, string][] = [
        ['DELETE', `/statements?statementId=${randomUUID()}`],
        ['POST', '/activities?activityId=http%3A%2F%2Fa.b%2Fc'],
        ['PUT', '/agents'],
        ['POST', '/about']
      ];
      for (const [method, path] of calls) {
        const response = await fetch(`${hub.url}/xapi${path}`, {
          method,
          headers: { 'X-Experience-API-Version': '1.0.1' }
        });
        expect({ method, path, status: response.status }).toEqual({
          method,
          path,
          status: 405
        });
      }
      expect((await lrs.call('GET', '/statement')).status).toBe(404);
    });

    it('answers CORS preflights without credentials and exposes the xAPI headers', async () => {
      const response = await fetch(`${hub.url}/xapi/statements`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://elsewhere.example',
          'Access-Control-Request-Method': 'PUT'
        }
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(
        'https://elsewhere.example'
      );
      expect(response.headers.get('access-control-allow-headers')).toMatch(
        /X-Experience-API-Version/
      );
      expect(response.headers.get('access-control-expose-headers')).toMatch(
        /X-Experience-API-Consistent-Through/
      );
    });
  });

  describe('storing', () => {
    it('stores a POSTed statement with the id, stored, timestamp, authority and version the LRS sets', async () => {
      const posted = await lrs.call('POST', '/statements', {
        json: statement()
      });
      expect(posted.status).toBe(200);
      expect(posted.json).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/)]);
      const got = await lrs.call('GET', '/statements', {
        query: { statementId: posted.json[0] }
      });
      expect(got.status).toBe(200);
      expect(
        got.headers.get('x-experience-api-consistent-through')
      ).toBeTruthy();
      expect(got.headers.get('last-modified')).toBeTruthy();
      expect(got.headers.get('content-type')).toBe('application/json');
      const stored = got.json;
      expect(stored.id).toBe(posted.json[0]);
      expect(Date.parse(stored.stored)).not.toBeNaN();
      expect(stored.timestamp).toBe(stored.stored);
      expect(stored.version).toBe('1.0.0');
      expect(stored.authority).toEqual({
        objectType: 'Agent',
        name: 'test all',
        account: { homePage: expect.any(String), name: lrs.key }
      });
    });

    it('overwrites an authority the client gives with its own', async () => {
      const id = randomUUID();
      const given = statement({
        id,
        authority: { mbox: 'mailto:impostor@example.org' }
      });
      expect(
        (
          await lrs.call('PUT', '/statements', {
            json: given,
            query: { statementId: id }
          })
        ).status
      ).toBe(204);
      const got = await lrs.call('GET', '/statements', {
        query: { statementId: id }
      });
      expect(got.json.authority.account.name).toBe(lrs.key);
    });

    it('PUTs with 204, accepts the same statement again, and answers 409 to another with the same id', async () => {
      const id = randomUUID();
      const put = (body: unknown, statementId = id) =>
        lrs.call('PUT', '/statements', { json: body, query: { statementId } });
      expect((await put(statement())).status).toBe(204);
      expect((await put(statement({ id }))).status).toBe(204);
      const conflict = await put(statement({ result: { success: true } }));
      expect(conflict.status).toBe(409);
      expect(
        (
          await lrs.call('POST', '/statements', {
            json: statement({ id, result: { completion: true } })
          })
        ).status
      ).toBe(409);
      expect((await put(statement({ id: randomUUID() }))).status).toBe(400);
      expect(
        (await lrs.call('PUT', '/statements', { json: statement() })).status
      ).toBe(400);
      const got = await lrs.call('GET', '/statements', {
        query: { statementId: id }
      });
      expect(got.json.result).toBeUndefined();
    });

    it('stores a batch atomically: a repeated id, an invalid statement or a conflict stores none of it', async () => {
      const before = await count();
      const id = randomUUID();
      const batches = [
        [statement({ id }), statement({ id })],
        [statement(), statement({ verb: { id: 'not an iri' } })]
      ];
      for (const batch of batches) {
        expect(
          (await lrs.call('POST', '/statements', { json: batch })).status
        ).toBe(400);
      }
      expect(await count()).toBe(before);
      const ids = await lrs.call('POST', '/statements', {
        json: [statement(), statement({ id })]
      });
      expect(ids.status).toBe(200);
      expect(ids.json).toHaveLength(2);
      expect(ids.json[1]).toBe(id);
    });

    it('refuses a batch beyond its limit with 413 and stores nothing', async () => {
      const before = await count();
      const batch = Array.from({ length: 1001 }, () => statement());
      expect(
        (await lrs.call('POST', '/statements', { json: batch })).status
      ).toBe(413);
      expect(await count()).toBe(before);
    });

    it('stores single context activities as arrays of one', async () => {
      const id = randomUUID();
      const parent = { id: 'http://example.org/activities/course' };
      await lrs.call('POST', '/statements', {
        json: statement({ id, context: { contextActivities: { parent } } })
      });
      const got = await lrs.call('GET', '/statements', {
        query: { statementId: id }
      });
      expect(got.json.context.contextActivities.parent).toEqual([parent]);
    });
  });

  describe('validation: a statement breaking Part Two answers 400 and nothing is stored', () => {
    const agent = { mbox: 'mailto:ada@example.org' };
    const activity = { id: 'http://example.org/a' };
    const cases: [string, Record<string, unknown>][] = [
      ['an unknown top-level property', statement({ extra: 1 })],
      ['a null value', statement({ result: { response: null } })],
      ['no actor', { verb: statement().verb, object: activity }],
      ['no verb', { actor: agent, object: activity }],
      ['no object', { actor: agent, verb: statement().verb }],
      ['an id that is no UUID', statement({ id: 'abc' })],
      [
        'an agent with two identifiers',
        statement({}, { mbox: 'mailto:a@b.c', openid: 'http://a.b/c' })
      ],
      ['an agent without identifier', statement({}, { name: 'Ada' })],
      ['an mbox without mailto:', statement({}, { mbox: 'ada@example.org' })],
      ['a bad mbox_sha1sum', statement({}, { mbox_sha1sum: 'xyz' })],
      [
        'an account without homePage',
        statement({}, { account: { name: 'a' } })
      ],
      [
        'an account homePage that is no IRI',
        statement({}, { account: { homePage: 'example', name: 'a' } })
      ],
      [
        'objectType in the wrong case',
        statement({}, { objectType: 'agent', mbox: 'mailto:a@b.c' })
      ],
      [
        'an anonymous group without members',
        statement({}, { objectType: 'Group', name: 'g' })
      ],
      [
        'a group member that is a group',
        statement(
          {},
          {
            objectType: 'Group',
            member: [{ objectType: 'Group', mbox: 'mailto:g@b.c' }]
          }
        )
      ],
      ['a verb id that is no IRI', statement({ verb: { id: 'attempted' } })],
      [
        'a verb display that is no language map',
        statement({ verb: { id: 'http://a.b/v', display: 'attempted' } })
      ],
      [
        'a bad language tag',
        statement({
          verb: { id: 'http://a.b/v', display: { 'not a tag!': 'x' } }
        })
      ],
      [
        'an activity id that is no IRI',
        statement({ object: { id: 'notebook 1' } })
      ],
      [
        'an unknown objectType',
        statement({ object: { objectType: 'Thing', id: 'http://a.b' } })
      ],
      [
        'an unknown interactionType',
        statement({
          object: { id: 'http://a.b', definition: { interactionType: 'essay' } }
        })
      ],
      [
        'choices on a true-false interaction',
        statement({
          object: {
            id: 'http://a.b',
            definition: {
              interactionType: 'true-false',
              choices: [{ id: 'a' }]
            }
          }
        })
      ],
      [
        'repeated interaction component ids',
        statement({
          object: {
            id: 'http://a.b',
            definition: {
              interactionType: 'choice',
              choices: [{ id: 'a' }, { id: 'a' }]
            }
          }
        })
      ],
      [
        'a StatementRef without a UUID',
        statement({ object: { objectType: 'StatementRef', id: 'x' } })
      ],
      [
        'a SubStatement inside a SubStatement',
        statement({
          object: {
            objectType: 'SubStatement',
            actor: agent,
            verb: statement().verb,
            object: {
              objectType: 'SubStatement',
              actor: agent,
              verb: statement().verb,
              object: activity
            }
          }
        })
      ],
      [
        'a SubStatement with an id',
        statement({
          object: {
            objectType: 'SubStatement',
            id: randomUUID(),
            actor: agent,
            verb: statement().verb,
            object: activity
          }
        })
      ],
      [
        'a scaled score above 1',
        statement({ result: { score: { scaled: 1.5 } } })
      ],
      [
        'a raw score above max',
        statement({ result: { score: { raw: 11, min: 0, max: 10 } } })
      ],
      ['min above max', statement({ result: { score: { min: 10, max: 1 } } })],
      [
        'a duration that is not ISO 8601',
        statement({ result: { duration: '90 minutes' } })
      ],
      ['success that is no boolean', statement({ result: { success: 'yes' } })],
      [
        'an extension key that is no IRI',
        statement({ result: { extensions: { score: 1 } } })
      ],
      [
        'a registration that is no UUID',
        statement({ context: { registration: 'r-1' } })
      ],
      [
        'revision on an agent object',
        statement({ object: agent, context: { revision: '2' } })
      ],
      [
        'platform on a StatementRef object',
        statement({
          object: { objectType: 'StatementRef', id: randomUUID() },
          context: { platform: 'Candyce' }
        })
      ],
      ['a team that is not a group', statement({ context: { team: agent } })],
      [
        'an unknown context activities key',
        statement({ context: { contextActivities: { sibling: [activity] } } })
      ],
      [
        'a bad context language',
        statement({ context: { language: 'français!' } })
      ],
      [
        'a timestamp that is not ISO 8601',
        statement({ timestamp: '12/06/2026' })
      ],
      [
        'a timestamp with the -00:00 offset',
        statement({ timestamp: '2026-12-06T10:00:00-00:00' })
      ],
      [
        'an authority group that is identified',
        statement({
          authority: {
            objectType: 'Group',
            mbox: 'mailto:group@example.org',
            member: [{ mbox: 'mailto:a@b.c' }, { mbox: 'mailto:d@e.f' }]
          }
        })
      ],
      ['a version that is not 1.0.x', statement({ version: '2.0.0' })],
      [
        'a voiding statement whose object is no StatementRef',
        statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/voided' } })
      ],
      [
        'an attachment without sha2',
        statement({
          attachments: [
            {
              usageType: 'http://a.b/u',
              display: { en: 'a' },
              contentType: 'text/plain',
              length: 1,
              fileUrl: 'http://a.b/f'
            }
          ]
        })
      ],
      [
        'an attachment length that is no integer',
        statement({
          attachments: [
            {
              usageType: 'http://a.b/u',
              display: { en: 'a' },
              contentType: 'text/plain',
              length: 1.5,
              sha2: 'a'.repeat(64),
              fileUrl: 'http://a.b/f'
            }
          ]
        })
      ]
    ];

    it.each(cases)('%s', async (_name, body) => {
      const before = await count();
      const answer = await lrs.call('POST', '/statements', { json: body });
      expect({ status: answer.status, code: answer.json?.error?.code }).toEqual(
        {
          status: 400,
          code: 'invalid_statement'
        }
      );
      expect(answer.json.error.message).toEqual(expect.any(String));
      expect(await count()).toBe(before);
    });

    it('refuses a body that is not JSON, or of another type, with 400', async () => {
      const broken = await lrs.call('POST', '/statements', {
        body: '{"actor":',
        headers: { 'Content-Type': 'application/json' }
      });
      expect(broken.status).toBe(400);
      const text = await lrs.call('POST', '/statements', {
        body: 'hello',
        headers: { 'Content-Type': 'text/plain' }
      });
      expect(text.status).toBe(400);
    });

    it('accepts the forms the specification allows', async () => {
      const accepted = [
        statement({ timestamp: '2026-12-06T10:00:00.123456+01:00' }),
        statement({
          result: {
            duration: 'PT1H30M5.5S',
            score: { scaled: -1, raw: 0, min: 0, max: 10 }
          }
        }),
        statement(
          {},
          { objectType: 'Group', member: [{ mbox: 'mailto:a@b.c' }] }
        ),
        statement({}, { openid: 'http://openid.example.org/ada' }),
        statement({
          object: { objectType: 'Agent', mbox_sha1sum: 'a'.repeat(40) }
        }),
        statement({ result: { extensions: { 'http://example.org/x': null } } }),
        statement({
          object: {
            id: 'http://a.b/q',
            definition: {
              interactionType: 'matching',
              correctResponsesPattern: ['1[.]a'],
              source: [{ id: '1' }],
              target: [{ id: 'a' }]
            }
          }
        })
      ];
      for (const body of accepted) {
        const answer = await lrs.call('POST', '/statements', { json: body });
        expect({ body, status: answer.status }).toEqual({ body, status: 200 });
      }
    });
  });

  describe('voiding', () => {
    it('hides a voided statement from statementId and queries, and gives it by voidedStatementId', async () => {
      const target = randomUUID();
      await lrs.call('POST', '/statements', {
        json: statement({ id: target })
      });
      const voiding = randomUUID();
      const posted = await lrs.call('POST', '/statements', {
        json: statement({
          id: voiding,
          verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
          object: { objectType: 'StatementRef', id: target }
        })
      });
      expect(posted.status).toBe(200);
      expect(
        (
          await lrs.call('GET', '/statements', {
            query: { statementId: target }
          })
        ).status
      ).toBe(404);
      const voided = await lrs.call('GET', '/statements', {
        query: { voidedStatementId: target }
      });
      expect(voided.status).toBe(200);
      expect(voided.json.id).toBe(target);
      const all = await lrs.call('GET', '/statements', {
        query: { limit: '0' }
      });
      const ids = all.json.statements.map((s: { id: string }) => s.id);
      expect(ids).not.toContain(target);
      expect(ids).toContain(voiding);
      expect(
        (
          await lrs.call('GET', '/statements', {
            query: { voidedStatementId: voiding }
          })
        ).status
      ).toBe(404);
      // A voiding statement cannot be voided.
      const again = await lrs.call('POST', '/statements', {
        json: statement({
          verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
          object: { objectType: 'StatementRef', id: voiding }
        })
      });
      expect(again.status).toBe(400);
      expect(
        (
          await lrs.call('GET', '/statements', {
            query: { statementId: voiding }
          })
        ).status
      ).toBe(200);
    });

    it('voids a statement sent earlier in the same batch', async () => {
      const target = randomUUID();
      const posted = await lrs.call('POST', '/statements', {
        json: [
          statement({ id: target }),
          statement({
            verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
            object: { objectType: 'StatementRef', id: target }
          })
        ]
      });
      expect(posted.status).toBe(200);
      expect(
        (
          await lrs.call('GET', '/statements', {
            query: { statementId: target }
          })
        ).status
      ).toBe(404);
      expect(
        (
          await lrs.call('GET', '/statements', {
            query: { voidedStatementId: target }
          })
        ).status
      ).toBe(200);
    });
  });

  describe('queries', () => {
    const actor = { mbox: 'mailto:query@example.org' };
    const friend = { mbox: 'mailto:friend@example.org' };
    const verb = { id: 'http://example.org/verbs/ran' };
    const registration = randomUUID();
    const ids: string[] = [];

    beforeAll(async () => {
      const reader = await XapiClient.make(hub, 'all');
      const make = (i: number) =>
        statement(
          {
            id: randomUUID(),
            verb: i % 2 ? verb : statement().verb,
            object: { id: `http://example.org/q/${i}` },
            context: {
              registration: i < 3 ? registration : randomUUID(),
              instructor: friend,
              contextActivities: {
                grouping: { id: 'http://example.org/q/course' }
              }
            }
          },
          actor
        );
      for (let i = 0; i < 7; i++) {
        const body = make(i);
        ids.push(body.id as string);
        // One at a time: each its own `stored`, in order.
        await reader.call('POST', '/statements', { json: body });
        await new Promise(resolve => setTimeout(resolve, 5));
      }
    });

    async function query(params: Record<string, string>): Promise<string[]> {
      const answer = await lrs.call('GET', '/statements', { query: params });
      expect(answer.status).toBe(200);
      expect(
        answer.headers.get('x-experience-api-consistent-through')
      ).toBeTruthy();
      return answer.json.statements.map((s: { id: string }) => s.id);
    }

    it('filters by agent (actor or object), and by related_agents (instructor too)', async () => {
      expect(await query({ agent: JSON.stringify(actor) })).toEqual(
        [...ids].reverse()
      );
      expect(await query({ agent: JSON.stringify(friend) })).toEqual([]);
      expect(
        await query({ agent: JSON.stringify(friend), related_agents: 'true' })
      ).toEqual([...ids].reverse());
    });

    it('filters by verb, activity, related_activities and registration', async () => {
      const odd = ids.filter((_, i) => i % 2).reverse();
      expect(await query({ verb: verb.id })).toEqual(odd);
      expect(await query({ activity: 'http://example.org/q/4' })).toEqual([
        ids[4]
      ]);
      expect(await query({ activity: 'http://example.org/q/course' })).toEqual(
        []
      );
      expect(
        (
          await query({
            activity: 'http://example.org/q/course',
            related_activities: 'true'
          })
        ).length
      ).toBe(7);
      expect(await query({ registration })).toEqual(ids.slice(0, 3).reverse());
      expect(
        await query({
          registration,
          verb: verb.id,
          agent: JSON.stringify(actor)
        })
      ).toEqual([ids[1]]);
    });

    it('pages with limit and a relative more IRL, in both orders, and since/until on stored', async () => {
      const agent = JSON.stringify(actor);
      const first = await lrs.call('GET', '/statements', {
        query: { agent, limit: '3', ascending: 'true' }
      });
      expect(first.json.statements.map((s: { id: string }) => s.id)).toEqual(
        ids.slice(0, 3)
      );
      expect(first.json.more).toMatch(/^\/xapi\/statements\?more=/);
      const seen = [...first.json.statements];
      let more: string = first.json.more;
      while (more) {
        const page = await fetch(`${hub.url}${more}`, {
          headers: {
            Authorization: lrs.authorization,
            'X-Experience-API-Version': '1.0.3'
          }
        });
        const body = await readJson(page);
        seen.push(...body.statements);
        more = body.more;
      }
      expect(seen.map(s => s.id)).toEqual(ids);
      const newest = await lrs.call('GET', '/statements', {
        query: { agent, limit: '3' }
      });
      expect(newest.json.statements.map((s: { id: string }) => s.id)).toEqual(
        ids.slice(4).reverse()
      );
      const next = await fetch(`${hub.url}${newest.json.more}`, {
        headers: {
          Authorization: lrs.authorization,
          'X-Experience-API-Version': '1.0.3'
        }
      });
      expect(
        (await readJson(next)).statements.map((s: { id: string }) => s.id)
      ).toEqual(ids.slice(1, 4).reverse());
      const stored = await lrs.call('GET', '/statements', {
        query: { statementId: ids[2] }
      });
      expect(await query({ agent, since: stored.json.stored })).toEqual(
        ids.slice(3).reverse()
      );
      expect(await query({ agent, until: stored.json.stored })).toEqual(
        ids.slice(0, 3).reverse()
      );
    });

    it('matches a statement through the statement it targets (StatementRef), once the others are paged', async () => {
      const ref = randomUUID();
      await lrs.call('POST', '/statements', {
        json: statement(
          { id: ref, object: { objectType: 'StatementRef', id: ids[4] } },
          { mbox: 'mailto:other@example.org' }
        )
      });
      expect(await query({ activity: 'http://example.org/q/4' })).toEqual([
        ref,
        ids[4]
      ]);
    });

    it('answers in the ids and canonical formats', async () => {
      const ids_ = await lrs.call('GET', '/statements', {
        query: { statementId: ids[0], format: 'ids' }
      });
      expect(ids_.json.actor).toEqual(actor);
      expect(ids_.json.verb).toEqual({
        id: 'http://adlnet.gov/expapi/verbs/attempted'
      });
      expect(ids_.json.object).toEqual({ id: 'http://example.org/q/0' });
      const first = (
        await lrs.call('POST', '/statements', { json: statement() })
      ).json[0];
      const canonical = await lrs.call('GET', '/statements', {
        query: { statementId: first, format: 'canonical' },
        headers: { 'Accept-Language': 'fr-FR, en;q=0.5' }
      });
      expect(canonical.json.object.definition.name).toEqual({
        'fr-FR': 'Carnet 1'
      });
    });

    it('refuses wrong query parameters with 400', async () => {
      const bad: Record<string, string>[] = [
        { statementId: ids[0], verb: verb.id },
        { statementId: ids[0], voidedStatementId: ids[1] },
        { statementId: 'nope' },
        { agent: '{"name":"no identifier"}' },
        { agent: 'not json' },
        { verb: 'ran' },
        { since: 'yesterday' },
        { limit: '-1' },
        { format: 'full' },
        { ascending: 'yes' },
        { colour: 'blue' },
        { more: 'garbage' }
      ];
      for (const params of bad) {
        const answer = await lrs.call('GET', '/statements', { query: params });
        expect({ params, status: answer.status }).toEqual({
          params,
          status: 400
        });
      }
    });
  });

  describe('attachments', () => {
    const content = Buffer.from('Bonjour, le carnet rendu.\n');
    const sha2 = createHash('sha256').update(content).digest('hex');
    const withAttachment = (id: string) =>
      statement({
        id,
        attachments: [
          {
            usageType: 'http://id.tincanapi.com/attachment/supporting_media',
            display: { 'fr-FR': 'Note' },
            contentType: 'text/plain',
            length: content.length,
            sha2
          }
        ]
      });

    function multipart(
      parts: { headers: Record<string, string>; body: Buffer }[]
    ): { body: Buffer; type: string } {
      const boundary = 'xapi-boundary-1';
      const chunks = parts.flatMap(part => [
        Buffer.from(
          `--${boundary}\r\n${Object.entries(part.headers)
            .map(([k, v]) => `${k}: ${v}\r\n`)
            .join('')}\r\n`
        ),
        part.body,
        Buffer.from('\r\n')
      ]);
      return {
        body: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
        type: `multipart/mixed; boundary=${boundary}`
      };
    }

    it('stores a statement sent as multipart/mixed with its attachment, and gives both back', async () => {
      const id = randomUUID();
      const { body, type } = multipart([
        {
          headers: { 'Content-Type': 'application/json' },
          body: Buffer.from(JSON.stringify(withAttachment(id)))
        },
        {
          headers: {
            'Content-Type': 'text/plain',
            'Content-Transfer-Encoding': 'binary',
            'X-Experience-API-Hash': sha2
          },
          body: content
        }
      ]);
      const posted = await lrs.call('POST', '/statements', {
        body,
        headers: { 'Content-Type': type }
      });
      expect(posted.status).toBe(200);
      const got = await fetch(
        `${hub.url}/xapi/statements?statementId=${id}&attachments=true`,
        {
          headers: {
            Authorization: lrs.authorization,
            'X-Experience-API-Version': '1.0.3'
          }
        }
      );
      expect(got.headers.get('content-type')).toMatch(
        /^multipart\/mixed; boundary=/
      );
      const text = Buffer.from(await got.arrayBuffer()).toString('utf8');
      expect(text).toContain(`X-Experience-API-Hash: ${sha2}`);
      expect(text).toContain(content.toString());
      expect(text).toContain(`"id":"${id}"`);
    });

    it('refuses a missing part, a wrong hash or a part without binary encoding (400, nothing stored)', async () => {
      const before = await count();
      const part = (headers: Record<string, string>, bytes = content) => ({
        headers,
        body: bytes
      });
      const json = (id: string) =>
        part(
          { 'Content-Type': 'application/json' },
          Buffer.from(JSON.stringify(withAttachment(id)))
        );
      const bodies = [
        multipart([json(randomUUID())]),
        multipart([
          json(randomUUID()),
          part(
            {
              'Content-Type': 'text/plain',
              'Content-Transfer-Encoding': 'binary',
              'X-Experience-API-Hash': sha2
            },
            Buffer.from('other')
          )
        ]),
        multipart([
          json(randomUUID()),
          part({ 'Content-Type': 'text/plain', 'X-Experience-API-Hash': sha2 })
        ])
      ];
      for (const { body, type } of bodies) {
        const answer = await lrs.call('POST', '/statements', {
          body,
          headers: { 'Content-Type': type }
        });
        expect(answer.status).toBe(400);
      }
      const plain = await lrs.call('POST', '/statements', {
        json: withAttachment(randomUUID())
      });
      expect(plain.status).toBe(400);
      expect(await count()).toBe(before);
    });
  });

  describe('signed statements', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const usageType = 'http://adlnet.gov/expapi/attachments/signature';

    /** A JWS of `payload` (RS256 unless told), attached to `body` as multipart. */
    function signed(
      body: Record<string, unknown>,
      options: { alg?: string; payload?: string; contentType?: string } = {}
    ): { body: Buffer; type: string } {
      const alg = options.alg ?? 'RS256';
      const head = Buffer.from(JSON.stringify({ alg })).toString('base64url');
      const payload = Buffer.from(
        options.payload ?? JSON.stringify(body)
      ).toString('base64url');
      const signature = createSign('RSA-SHA256')
        .update(`${head}.${payload}`)
        .sign(privateKey)
        .toString('base64url');
      const jws = Buffer.from(`${head}.${payload}.${signature}`);
      const sha2 = createHash('sha256').update(jws).digest('hex');
      const contentType = options.contentType ?? 'application/octet-stream';
      const statementWith = {
        ...body,
        attachments: [
          {
            usageType,
            display: { en: 'signature' },
            contentType,
            length: jws.length,
            sha2
          }
        ]
      };
      const boundary = 'signed-boundary';
      return {
        type: `multipart/mixed; boundary=${boundary}`,
        body: Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(statementWith)}\r\n`
          ),
          Buffer.from(
            `--${boundary}\r\nContent-Type: ${contentType}\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha2}\r\n\r\n`
          ),
          jws,
          Buffer.from(`\r\n--${boundary}--\r\n`)
        ])
      };
    }

    it('stores a statement signed with RS256 and refuses malformed signatures (400, nothing stored)', async () => {
      const good = signed(statement({ id: randomUUID() }));
      expect(
        (
          await lrs.call('POST', '/statements', {
            body: good.body,
            headers: { 'Content-Type': good.type }
          })
        ).status
      ).toBe(200);
      const before = await count();
      const bad = [
        signed(statement({ id: randomUUID() }), {
          contentType: 'text/plain; charset=ascii'
        }),
        signed(statement({ id: randomUUID() }), { alg: 'HS256' }),
        signed(statement({ id: randomUUID() }), { payload: '{"actor": ' }),
        signed(statement({ id: randomUUID() }), {
          payload: JSON.stringify(
            statement({ verb: { id: 'http://example.org/other' } })
          )
        })
      ];
      for (const { body, type } of bad) {
        const answer = await lrs.call('POST', '/statements', {
          body,
          headers: { 'Content-Type': type }
        });
        expect(answer.status).toBe(400);
      }
      expect(await count()).toBe(before);
    });
  });

  describe('alternate request syntax', () => {
    it('takes a PUT and a GET sent as POST forms with method=', async () => {
      const id = randomUUID();
      const form = new URLSearchParams({
        Authorization: lrs.authorization,
        'X-Experience-API-Version': '1.0.3',
        'Content-Type': 'application/json',
        statementId: id,
        content: JSON.stringify(statement())
      });
      const post = (method: string, body: URLSearchParams, query = '') =>
        fetch(`${hub.url}/xapi/statements?method=${method}${query}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: body.toString()
        });
      expect((await post('PUT', form)).status).toBe(204);
      const get = await post(
        'GET',
        new URLSearchParams({
          Authorization: lrs.authorization,
          'X-Experience-API-Version': '1.0.3',
          statementId: id
        })
      );
      expect(get.status).toBe(200);
      expect((await readJson(get)).id).toBe(id);
      // Other parameters in the address, or no credentials in the form: refused.
      expect(
        (
          await post(
            'GET',
            new URLSearchParams({
              Authorization: lrs.authorization,
              'X-Experience-API-Version': '1.0.3'
            }),
            `&statementId=${id}`
          )
        ).status
      ).toBe(400);
      expect(
        (
          await post(
            'GET',
            new URLSearchParams({
              'X-Experience-API-Version': '1.0.3',
              statementId: id
            })
          )
        ).status
      ).toBe(401);
      // Headers may also come as headers, the form holding only parameters.
      const headed = await fetch(`${hub.url}/xapi/statements?method=GET`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: lrs.authorization,
          'X-Experience-API-Version': '1.0.3'
        },
        body: new URLSearchParams({ limit: '1' }).toString()
      });
      expect(headed.status).toBe(200);
      expect((await readJson(headed)).statements).toHaveLength(1);
    });
  });
});
