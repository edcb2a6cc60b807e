import { execFileSync } from 'child_process';
import { createHash, createSign, randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { startTestHub } from './hubHarness';
import { statement, XapiClient } from './helpers/xapi';

/**
 * Rules of xAPI 1.0.3 that ADL's LRS conformance suite checked and the LRS missed
 * (docs/xapi.md, « Conformance »), each test named for the specification's rule: a
 * real hub on loopback with a real SQLite file, over HTTP. A refused request is
 * followed by a read proving nothing was stored.
 */
describe('xAPI 1.0.3 conformance rules', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let lrs: XapiClient;

  beforeAll(async () => {
    hub = await startTestHub();
    lrs = await XapiClient.make(hub, 'all');
  });
  afterAll(async () => {
    await hub.close();
  });

  async function stored(id: string): Promise<number> {
    return (
      await lrs.call('GET', '/statements', { query: { statementId: id } })
    ).status;
  }

  it('Part Two 4.6 (ISO 8601:2004 4.4.3.2): a duration mixing weeks with another component is refused with 400', async () => {
    const durations: [string, number][] = [
      ['P4W1D', 400],
      ['P1WT1H', 400],
      ['P4W', 200],
      ['P1DT2H30M', 200],
      ['PT0.5S', 200]
    ];
    for (const [duration, status] of durations) {
      const id = randomUUID();
      const answer = await lrs.call('POST', '/statements', {
        json: statement({ id, result: { duration } })
      });
      expect({ duration, status: answer.status }).toEqual({ duration, status });
      expect({ duration, found: await stored(id) }).toEqual({
        duration,
        found: status === 200 ? 200 : 404
      });
    }
  });

  it('Part Three 2.1.3 (format=ids): an Activity is given by its id alone, an identified Group by its type and identifier', async () => {
    const id = randomUUID();
    const group = {
      objectType: 'Group',
      name: 'Groupe B',
      mbox: 'mailto:groupe-b@example.org'
    };
    const sent = statement({
      id,
      object: {
        objectType: 'SubStatement',
        actor: group,
        verb: { id: 'http://adlnet.gov/expapi/verbs/attended' },
        object: {
          objectType: 'Activity',
          id: 'http://example.org/activities/meeting',
          definition: { name: { 'fr-FR': 'Réunion' } }
        }
      }
    });
    expect((await lrs.call('POST', '/statements', { json: sent })).status).toBe(
      200
    );
    const answer = await lrs.call('GET', '/statements', {
      query: { statementId: id, format: 'ids' }
    });
    expect(answer.status).toBe(200);
    expect(answer.json.object.object).toEqual({
      id: 'http://example.org/activities/meeting'
    });
    expect(answer.json.object.actor).toEqual({
      objectType: 'Group',
      mbox: 'mailto:groupe-b@example.org'
    });
  });

  it('Part Three 2.5 (the complete Activity Object): the Activities resource gives every language the statements named the activity in', async () => {
    const activityId = `http://example.org/activities/${randomUUID()}`;
    const named = (name: Record<string, string>, description?: string) =>
      statement({
        object: {
          id: activityId,
          definition: {
            name,
            ...(description ? { description: { 'fr-FR': description } } : {})
          }
        }
      });
    // Two languages in one batch, a third by a later request.
    expect(
      (
        await lrs.call('POST', '/statements', {
          json: [
            named({ 'en-US': 'example meeting' }),
            named({ 'fr-FR': 'réunion' }, 'Une réunion')
          ]
        })
      ).status
    ).toBe(200);
    expect(
      (
        await lrs.call('POST', '/statements', {
          json: named({ 'de-DE': 'Besprechung', 'fr-FR': 'réunion du lundi' })
        })
      ).status
    ).toBe(200);
    const activity = await lrs.call('GET', '/activities', {
      query: { activityId }
    });
    expect(activity.status).toBe(200);
    expect(activity.json.definition).toEqual({
      name: {
        'en-US': 'example meeting',
        'fr-FR': 'réunion du lundi',
        'de-DE': 'Besprechung'
      },
      description: { 'fr-FR': 'Une réunion' }
    });
  });

  it.each([
    ['/activities/profile', { activityId: 'http://example.org/activities/a' }],
    ['/agents/profile', { agent: JSON.stringify({ mbox: 'mailto:a@b.org' }) }]
  ])(
    'Part Three 3.1.s3.b1: %s refuses a PUT without If-Match or If-None-Match with 400, even for a new profile',
    async (resource, scope) => {
      const query = { ...scope, profileId: randomUUID() };
      const bare = await lrs.call('PUT', resource, { query, json: { v: 1 } });
      expect(bare.status).toBe(400);
      expect(bare.json.error.message).toMatch(/If-Match|If-None-Match/);
      expect((await lrs.call('GET', resource, { query })).status).toBe(404);
      const guarded = await lrs.call('PUT', resource, {
        query,
        json: { v: 1 },
        headers: { 'If-None-Match': '*' }
      });
      expect(guarded.status).toBe(204);
    }
  );

  it('Part Three 3.1.s3: the State resource still takes a PUT without concurrency headers', async () => {
    const query = {
      activityId: 'http://example.org/activities/a',
      agent: JSON.stringify({ mbox: 'mailto:a@b.org' }),
      stateId: randomUUID()
    };
    expect(
      (await lrs.call('PUT', '/activities/state', { query, json: { v: 1 } }))
        .status
    ).toBe(204);
  });

  it.each([
    ['/activities/state', 'stateId'],
    ['/activities/profile', 'profileId'],
    ['/agents/profile', 'profileId']
  ])(
    'Part Three 2.2 (JSON procedure): %s refuses a POST of invalid JSON sent as application/json with 400, even for a new document',
    async (resource, idParam) => {
      const query: Record<string, string> = {
        [idParam]: randomUUID(),
        ...(resource === '/agents/profile'
          ? {}
          : { activityId: 'http://example.org/activities/a' }),
        ...(resource === '/activities/profile'
          ? {}
          : { agent: JSON.stringify({ mbox: 'mailto:a@b.org' }) })
      };
      for (const body of ['{"a": 1}[', '[1, 2]', '"text"']) {
        const answer = await lrs.call('POST', resource, {
          query,
          body,
          headers: { 'Content-Type': 'application/json' }
        });
        expect({ body, status: answer.status }).toEqual({ body, status: 400 });
      }
      expect((await lrs.call('GET', resource, { query })).status).toBe(404);
      // Not JSON by its type: a new document is stored as a PUT would.
      const plain = await lrs.call('POST', resource, {
        query,
        body: 'texte libre',
        headers: { 'Content-Type': 'text/plain' }
      });
      expect(plain.status).toBe(204);
    }
  );

  describe('Part Two 2.6 (signed statements)', () => {
    const usageType = 'http://adlnet.gov/expapi/attachments/signature';
    let keys: string;

    /** A key and a certificate made by openssl: `<name>.key`, `<name>.crt`. */
    function makeCertificate(name: string, issuer?: string): void {
      const at = (file: string) => path.join(keys, file);
      execFileSync(
        'openssl',
        [
          'req',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          at(`${name}.key`),
          '-subj',
          `/CN=${name}`,
          ...(issuer
            ? ['-out', at(`${name}.csr`)]
            : ['-x509', '-days', '2', '-out', at(`${name}.crt`)])
        ],
        { stdio: 'pipe' }
      );
      if (issuer) {
        execFileSync(
          'openssl',
          [
            'x509',
            '-req',
            '-in',
            at(`${name}.csr`),
            '-CA',
            at(`${issuer}.crt`),
            '-CAkey',
            at(`${issuer}.key`),
            '-set_serial',
            '2',
            '-days',
            '2',
            '-out',
            at(`${name}.crt`)
          ],
          { stdio: 'pipe' }
        );
      }
    }

    /** A certificate as x5c carries it: base64 DER. */
    function x5c(name: string): string {
      const pem = fs.readFileSync(path.join(keys, `${name}.crt`), 'utf8');
      return pem.replace(/-----[A-Z ]+-----|\s/g, '');
    }

    beforeAll(() => {
      keys = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-jws-'));
      makeCertificate('ecole-ca');
      makeCertificate('plateforme', 'ecole-ca');
      makeCertificate('autre');
    });
    afterAll(() => {
      fs.rmSync(keys, { recursive: true, force: true });
    });

    /** `body` signed (RS256) by `signer`'s key, with `chain` in the header. */
    function signed(
      body: Record<string, unknown>,
      signer: string,
      chain: string[],
      alg = 'RS256'
    ): { body: Buffer; type: string } {
      const head = Buffer.from(
        JSON.stringify({ alg, x5c: chain.map(x5c) })
      ).toString('base64url');
      const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
      const signature = createSign(`RSA-SHA${alg.slice(2)}`)
        .update(`${head}.${payload}`)
        .sign(fs.readFileSync(path.join(keys, `${signer}.key`)))
        .toString('base64url');
      const jws = Buffer.from(`${head}.${payload}.${signature}`);
      const sha2 = createHash('sha256').update(jws).digest('hex');
      const sent = {
        ...body,
        attachments: [
          {
            usageType,
            display: { 'fr-FR': 'signature' },
            contentType: 'application/octet-stream',
            length: jws.length,
            sha2
          }
        ]
      };
      const boundary = 'jws-boundary';
      return {
        type: `multipart/mixed; boundary=${boundary}`,
        body: Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(sent)}\r\n` +
              `--${boundary}\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha2}\r\n\r\n`
          ),
          jws,
          Buffer.from(`\r\n--${boundary}--\r\n`)
        ])
      };
    }

    async function post(message: { body: Buffer; type: string }) {
      return lrs.call('POST', '/statements', {
        body: message.body,
        headers: { 'Content-Type': message.type }
      });
    }

    it('Data 2.6: stores a statement whose JWS verifies against the certificate chain of its header (x5c)', async () => {
      for (const alg of ['RS256', 'RS384', 'RS512']) {
        const id = randomUUID();
        const answer = await post(
          signed(
            statement({ id }),
            'plateforme',
            ['plateforme', 'ecole-ca'],
            alg
          )
        );
        expect({ alg, status: answer.status }).toEqual({ alg, status: 200 });
        expect(await stored(id)).toBe(200);
      }
    });

    it('Data 2.6: refuses with 400 a JWS whose signature does not verify against its certificate, and stores nothing', async () => {
      const id = randomUUID();
      // Signed with another key than the certificate's.
      const answer = await post(
        signed(statement({ id }), 'autre', ['plateforme'])
      );
      expect(answer.status).toBe(400);
      expect(answer.json.error.message).toMatch(/certificat/);
      expect(await stored(id)).toBe(404);
    });

    it('Data 2.6: refuses with 400 a certificate chain whose certificates do not sign one another', async () => {
      const id = randomUUID();
      const answer = await post(
        signed(statement({ id }), 'plateforme', ['plateforme', 'autre'])
      );
      expect(answer.status).toBe(400);
      expect(await stored(id)).toBe(404);
    });

    it('Data 2.6: refuses with 400 a signature whose payload is another statement (another id), and stores nothing', async () => {
      const id = randomUUID();
      const message = signed(statement({ id: randomUUID() }), 'plateforme', [
        'plateforme',
        'ecole-ca'
      ]);
      // The same signed payload sent with another id.
      const tampered = Buffer.from(
        message.body
          .toString('latin1')
          .replace(/"id":"[0-9a-f-]{36}"/, `"id":"${id}"`),
        'latin1'
      );
      const answer = await post({ body: tampered, type: message.type });
      expect(answer.status).toBe(400);
      expect(await stored(id)).toBe(404);
    });
  });
});
