import { spawnSync } from 'child_process';
import { createHash, randomUUID } from 'crypto';
import * as path from 'path';

import { databaseUrl, loadConfig } from '../src/config/load';
import { ASSIGNMENT_ACTIVITY_TYPE } from '../src/lrs/consentRule';
import { agentKey } from '../src/lrs/agents';
import { findPostgres, ITestPostgres, startPostgres } from './helpers/postgres';
import { lrsRows, rowsContaining } from './helpers/lrsTables';
import { statement, XapiClient } from './helpers/xapi';
import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';

/**
 * A user's learning traces: export, erasure that leaves nothing behind (every LRS
 * table searched for the user's pseudonym, ids and contents afterwards), other users'
 * traces intact, an administrator acting for a family, and the retention limit's purge
 * on the hub's clock. A real hub over HTTP, on SQLite and on PostgreSQL.
 */
const found = findPostgres();
const describeWithPostgres = found ? describe : describe.skip;

/** The clock the hub is given: tests move it. */
let now = new Date('2020-09-01T08:00:00.000Z');

async function world(env: Record<string, string> = {}) {
  const hub = await startTestHub(env, undefined, { now: () => now });
  const users = await addUsers(hub, {
    lea: 'learner',
    tom: 'learner',
    marie: 'teacher',
    admin: 'admin'
  });
  // A class of adults: optional traces are recorded by default.
  const klass = await hub.classes.create({ name: 'L1 info', level: 'L1' });
  await hub.classes.addMember(klass.id, users.lea.id, 'learner');
  await hub.classes.addMember(klass.id, users.tom.id, 'learner');
  await hub.classes.addMember(klass.id, users.marie.id, 'teacher');
  const url = databaseUrl(
    loadConfig({ CANDYCE_DATA_DIR: hub.dataDir, ...env })
  );
  return { hub, users, url };
}

/** A statement with one attachment, as multipart/mixed. */
function withAttachment(actor: unknown, content: Buffer) {
  const sha2 = createHash('sha256').update(content).digest('hex');
  const body = statement(
    {
      id: randomUUID(),
      attachments: [
        {
          usageType: 'http://id.tincanapi.com/attachment/supporting_media',
          display: { 'fr-FR': 'Capture' },
          contentType: 'text/plain',
          length: content.length,
          sha2
        }
      ]
    },
    actor as Record<string, unknown>
  );
  const boundary = 'trace-boundary';
  const multipart = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(body)}\r\n` +
        `--${boundary}\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha2}\r\n\r\n`
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`)
  ]);
  return {
    sha2,
    id: body.id as string,
    body: multipart,
    headers: { 'Content-Type': `multipart/mixed; boundary=${boundary}` }
  };
}

async function emitter(user: ISignedIn, hubUrl: string) {
  const credential = await readJson(
    await user.browser.request('POST', '/hub/lrs/credential', {
      headers: { 'X-Candyce-XSRF': user.xsrf }
    })
  );
  return {
    client: new XapiClient(hubUrl, credential.key, credential.secret),
    actor: credential.actor as Record<string, unknown>
  };
}

/** Lea's and Tom's traces, with everything an erasure must find. */
async function fill(hub: Awaited<ReturnType<typeof world>>['hub']) {
  const lea = await signIn(hub, 'lea');
  const tom = await signIn(hub, 'tom');
  const leaLrs = await emitter(lea, hub.url);
  const tomLrs = await emitter(tom, hub.url);
  const teacher = await XapiClient.make(hub, 'all');
  const ok = (status: number) => expect(status).toBe(200);

  const notebook = `https://candyce.fr/xapi/notebooks/${randomUUID()}`;
  const leaIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const s = statement(
      {
        id: randomUUID(),
        object: {
          id: i ? `https://candyce.fr/xapi/assignments/a${i}` : notebook,
          definition: {
            name: { 'fr-FR': 'Carnet de Léa' },
            ...(i ? { type: ASSIGNMENT_ACTIVITY_TYPE } : {})
          }
        }
      },
      leaLrs.actor
    );
    leaIds.push(s.id as string);
    ok((await leaLrs.client.call('POST', '/statements', { json: s })).status);
  }
  const own = withAttachment(leaLrs.actor, Buffer.from('Note privée de Léa'));
  ok(
    (
      await leaLrs.client.call('POST', '/statements', {
        body: own.body,
        headers: own.headers
      })
    ).status
  );
  leaIds.push(own.id);
  const shared = Buffer.from('Énoncé commun');
  const leaShared = withAttachment(leaLrs.actor, shared);
  const tomShared = withAttachment(tomLrs.actor, shared);
  for (const [client, sent] of [
    [leaLrs.client, leaShared],
    [tomLrs.client, tomShared]
  ] as const) {
    ok(
      (
        await client.call('POST', '/statements', {
          body: sent.body,
          headers: sent.headers
        })
      ).status
    );
  }
  leaIds.push(leaShared.id);
  // Lea voids one of hers; the teacher comments another (StatementRef) and names her
  // as the object of a statement of their own.
  const voiding = statement(
    {
      id: randomUUID(),
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
      object: { objectType: 'StatementRef', id: leaIds[1] }
    },
    leaLrs.actor
  );
  ok(
    (await leaLrs.client.call('POST', '/statements', { json: voiding })).status
  );
  const comment = statement(
    {
      id: randomUUID(),
      verb: { id: 'http://adlnet.gov/expapi/verbs/commented' },
      object: { objectType: 'StatementRef', id: leaIds[2] }
    },
    { mbox: 'mailto:marie@example.org' }
  );
  const about = statement(
    {
      id: randomUUID(),
      verb: { id: 'http://adlnet.gov/expapi/verbs/mentored' },
      object: { objectType: 'Agent', ...leaLrs.actor }
    },
    { mbox: 'mailto:marie@example.org' }
  );
  ok(
    (await teacher.call('POST', '/statements', { json: [comment, about] }))
      .status
  );
  leaIds.push(voiding.id as string, comment.id as string, about.id as string);
  // Her State and Agent Profile documents; Tom's State.
  for (const [client, actor] of [
    [leaLrs.client, leaLrs.actor],
    [tomLrs.client, tomLrs.actor]
  ] as const) {
    const put = await client.call('PUT', '/activities/state', {
      query: {
        activityId: notebook,
        agent: JSON.stringify(actor),
        stateId: 'curseur'
      },
      json: { cellule: 12 }
    });
    expect(put.status).toBe(204);
  }
  expect(
    (
      await leaLrs.client.call('PUT', '/agents/profile', {
        query: {
          agent: JSON.stringify(leaLrs.actor),
          profileId: 'préférences'
        },
        json: { police: 'OpenDyslexic' },
        headers: { 'If-None-Match': '*' }
      })
    ).status
  ).toBe(204);
  const tomStatements = [tomShared.id];
  for (let i = 0; i < 2; i++) {
    const s = statement({ id: randomUUID() }, tomLrs.actor);
    tomStatements.push(s.id as string);
    ok((await tomLrs.client.call('POST', '/statements', { json: s })).status);
  }
  return {
    lea,
    tom,
    leaLrs,
    tomLrs,
    leaIds,
    tomStatements,
    ownSha2: own.sha2,
    sharedSha2: leaShared.sha2
  };
}

function erasureWalk(env: () => Promise<Record<string, string>>) {
  return async () => {
    const { hub, url } = await world(await env());
    try {
      const reader = await XapiClient.make(hub, 'read');
      const f = await fill(hub);
      const agentOf = (actor: Record<string, unknown>) => JSON.stringify(actor);
      const tomBefore = await reader.call('GET', '/statements', {
        query: { agent: agentOf(f.tomLrs.actor) }
      });
      expect(tomBefore.json.statements).toHaveLength(3);

      // Export: her statements (voided one marked) and documents, nothing of Tom's.
      const exported = await f.lea.call('GET', '/me/traces');
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-disposition')).toMatch(
        /^attachment; filename="traces-candyce-\d{4}-\d{2}-\d{2}\.json"$/
      );
      const data = await readJson(exported);
      expect(data.actor).toEqual(f.leaLrs.actor);
      const exportedIds = data.statements.map((s: { id: string }) => s.id);
      expect(new Set(exportedIds)).toEqual(new Set(f.leaIds));
      expect(
        data.statements.find((s: { id: string }) => s.id === f.leaIds[1]).voided
      ).toBe(true);
      expect(
        data.documents.map((d: { kind: string }) => d.kind).sort()
      ).toEqual(['agentProfile', 'state']);
      expect(
        data.documents.find((d: { kind: string }) => d.kind === 'state')
      ).toMatchObject({ content: '{"cellule":12}', encoding: 'utf8' });
      expect(JSON.stringify(data)).not.toContain(
        (f.tomLrs.actor.account as { name: string }).name
      );

      // Erasure.
      const erased = await f.lea.call('DELETE', '/me/traces');
      expect(erased.status).toBe(200);
      expect(await readJson(erased)).toEqual({
        statements: f.leaIds.length,
        documents: 2,
        attachments: 1
      });
      const leaName = (f.leaLrs.actor.account as { name: string }).name;
      const needles = [
        leaName,
        agentKey(f.leaLrs.actor)!,
        f.ownSha2,
        Buffer.from('Note privée de Léa').toString('base64'),
        'Carnet de Léa',
        ...f.leaIds
      ];
      const rows = await lrsRows(url);
      for (const table of [
        'lrs_statements',
        'lrs_statement_index',
        'lrs_attachments',
        'lrs_documents',
        'lrs_activities',
        'lrs_clients',
        'lrs_erasures'
      ]) {
        expect(rows.has(table)).toBe(true);
      }
      expect(rowsContaining(rows, needles)).toEqual({});
      // The erasure is recorded, by its counts only.
      expect(rows.get('lrs_erasures')).toHaveLength(1);
      expect(JSON.parse(rows.get('lrs_erasures')![0])).toMatchObject({
        kind: 'erasure',
        statements: f.leaIds.length
      });

      // Tom's traces are intact: statements, the attachment he shares, his State.
      const tomAfter = await reader.call('GET', '/statements', {
        query: { agent: agentOf(f.tomLrs.actor), attachments: 'true' }
      });
      expect(tomAfter.status).toBe(200);
      expect(tomAfter.text).toContain('Énoncé commun');
      expect(rowsContaining(rows, [f.sharedSha2])).toMatchObject({
        lrs_attachments: 1
      });
      const tomIds = await reader.call('GET', '/statements', {
        query: { agent: agentOf(f.tomLrs.actor) }
      });
      expect(
        tomIds.json.statements.map((s: { id: string }) => s.id).sort()
      ).toEqual([...f.tomStatements].sort());
      expect(
        (
          await reader.call('GET', '/activities/state', {
            query: {
              activityId: data.documents.find(
                (d: { kind: string }) => d.kind === 'state'
              ).activityId,
              agent: agentOf(f.tomLrs.actor),
              stateId: 'curseur'
            }
          })
        ).json
      ).toEqual({ cellule: 12 });
      // Her emitter's credential is gone; a new one works (and records anew).
      expect(
        (
          await f.leaLrs.client.call('POST', '/statements', {
            json: statement({}, f.leaLrs.actor)
          })
        ).status
      ).toBe(401);

      // An administrator, for Tom's family; nobody else.
      const admin = await signIn(hub, 'admin');
      const marie = await signIn(hub, 'marie');
      expect((await marie.call('DELETE', '/users/tom/traces')).status).toBe(
        403
      );
      expect((await f.lea.call('GET', '/users/tom/traces')).status).toBe(403);
      expect(
        (await admin.call('DELETE', '/users/personne/traces')).status
      ).toBe(404);
      const tomExport = await readJson(
        await admin.call('GET', '/users/tom/traces')
      );
      expect(tomExport.statements).toHaveLength(3);
      expect(
        await readJson(await admin.call('DELETE', '/users/tom/traces'))
      ).toEqual({ statements: 3, documents: 1, attachments: 1 });
      expect(
        (
          await reader.call('GET', '/statements', {
            query: { agent: agentOf(f.tomLrs.actor) }
          })
        ).json.statements
      ).toHaveLength(0);
      const tomName = (f.tomLrs.actor.account as { name: string }).name;
      expect(
        rowsContaining(await lrsRows(url), [tomName, f.sharedSha2])
      ).toEqual({});
    } finally {
      await hub.close();
    }
  };
}

describe('a user’s learning traces', () => {
  it(
    'exports them, and erases them leaving nothing in any LRS table, others’ intact (SQLite)',
    erasureWalk(async () => ({})),
    60_000
  );

  it('purges traces older than the retention limit, on the hub’s clock, with what only they named', async () => {
    now = new Date('2020-09-01T08:00:00.000Z');
    const { hub, url } = await world({ CANDYCE_LRS_RETENTION_DAYS: '30' });
    try {
      const reader = await XapiClient.make(hub, 'read');
      const lea = await signIn(hub, 'lea');
      const { client, actor } = await emitter(lea, hub.url);
      const old = withAttachment(actor, Buffer.from('Vieille capture'));
      expect(
        (
          await client.call('POST', '/statements', {
            body: old.body,
            headers: old.headers
          })
        ).status
      ).toBe(200);
      const oldPlain = statement(
        {
          id: randomUUID(),
          object: {
            id: 'https://candyce.fr/xapi/notebooks/ancien',
            definition: { name: { 'fr-FR': 'Ancien carnet' } }
          }
        },
        actor
      );
      await client.call('POST', '/statements', { json: oldPlain });
      await client.call('PUT', '/activities/state', {
        query: {
          activityId: 'https://candyce.fr/xapi/notebooks/ancien',
          agent: JSON.stringify(actor),
          stateId: 'curseur'
        },
        json: { cellule: 3 }
      });

      // 31 days later: a fresh statement, then the purge.
      now = new Date(now.getTime() + 31 * 24 * 3600_000);
      const fresh = statement({ id: randomUUID() }, actor);
      expect(
        (await client.call('POST', '/statements', { json: fresh })).status
      ).toBe(200);
      // Nothing is older than 30 days before the first statements' day + 29.
      const purge = await hub.lrs.retention.run();
      expect(purge).toMatchObject({
        statements: 2,
        documents: 1,
        attachments: 1
      });
      expect(purge.before).toBe(
        new Date(now.getTime() - 30 * 24 * 3600_000).toISOString()
      );
      const left = await reader.call('GET', '/statements', {
        query: { agent: JSON.stringify(actor) }
      });
      expect(left.json.statements.map((s: { id: string }) => s.id)).toEqual([
        fresh.id
      ]);
      const rows = await lrsRows(url);
      expect(
        rowsContaining(rows, [
          old.id,
          oldPlain.id as string,
          old.sha2,
          'Ancien carnet'
        ])
      ).toEqual({});
      // Run again: nothing more to delete.
      expect(await hub.lrs.retention.run()).toMatchObject({
        statements: 0,
        documents: 0
      });
    } finally {
      await hub.close();
    }
    // The command line, on the real clock (long after the test's): the fresh one too.
    const cli = spawnSync(
      process.execPath,
      [
        '-r',
        path.join(__dirname, 'helpers', 'transpileTs.js'),
        path.join(__dirname, '..', 'src', 'cli.ts'),
        'purge-traces'
      ],
      {
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          CANDYCE_DATA_DIR: hub.dataDir,
          CANDYCE_LRS_RETENTION_DAYS: '30'
        },
        encoding: 'utf8'
      }
    );
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/déclarations : 1,/);
    expect((await lrsRows(url)).get('lrs_statements')).toEqual([]);
  });
});

describeWithPostgres(
  `a user’s learning traces on PostgreSQL ${found?.version ?? ''}`,
  () => {
    let pg: ITestPostgres;
    beforeAll(async () => {
      pg = await startPostgres(found!);
    });
    afterAll(() => pg?.stop());

    it(
      'exports them, and erases them leaving nothing in any LRS table, others’ intact (PostgreSQL)',
      erasureWalk(async () => ({
        CANDYCE_DATABASE_URL: await pg.createDatabase()
      })),
      90_000
    );
  }
);
