import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { findPostgres, ITestPostgres, startPostgres } from './helpers/postgres';
import { statement, XapiClient } from './helpers/xapi';
import { startTestHub } from './hubHarness';

/**
 * The LRS on SQLite and on PostgreSQL (a throwaway cluster, as `postgres.spec.ts`
 * starts it): one walk through statements and documents runs on each database and
 * records what it sees, without the ids and times that differ; both records must be
 * equal. PostgreSQL also takes the same statement from ten clients at once.
 */
const found = findPostgres();
const describeWithPostgres = found ? describe : describe.skip;

describeWithPostgres(
  `the LRS on SQLite and PostgreSQL ${found?.version ?? ''}`,
  () => {
    let pg: ITestPostgres;
    const records = new Map<string, unknown[]>();

    beforeAll(async () => {
      pg = await startPostgres(found!);
    });
    afterAll(() => pg?.stop());

    async function walk(url: string): Promise<unknown[]> {
      const hub = await startTestHub({ CANDYCE_DATABASE_URL: url });
      const seen: unknown[] = [];
      try {
        const lrs = await XapiClient.make(hub, 'all');
        const actor = { mbox: 'mailto:walk@example.org' };
        const ids: string[] = Array.from({ length: 12 }, () => randomUUID());
        for (const [i, id] of ids.entries()) {
          const body = statement(
            {
              id,
              object: { id: `http://example.org/walk/${i % 3}` },
              context: {
                contextActivities: { parent: { id: 'http://example.org/walk' } }
              }
            },
            actor
          );
          seen.push(
            (
              await lrs.call('PUT', '/statements', {
                json: body,
                query: { statementId: id }
              })
            ).status
          );
          await new Promise(resolve => setTimeout(resolve, 3));
        }
        seen.push(
          (
            await lrs.call('POST', '/statements', {
              json: statement({ id: ids[0], result: { success: true } })
            })
          ).status
        );
        seen.push(
          (
            await lrs.call('POST', '/statements', {
              json: statement({
                verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
                object: { objectType: 'StatementRef', id: ids[1] }
              })
            })
          ).status
        );
        const position = (answer: { json: { statements: { id: string }[] } }) =>
          answer.json.statements.map(s => ids.indexOf(s.id));
        const queries: Record<string, string>[] = [
          { agent: JSON.stringify(actor) },
          { activity: 'http://example.org/walk/1' },
          {
            activity: 'http://example.org/walk',
            related_activities: 'true',
            ascending: 'true'
          },
          { agent: JSON.stringify(actor), limit: '5' }
        ];
        for (const query of queries) {
          const answer = await lrs.call('GET', '/statements', { query });
          seen.push({
            query,
            status: answer.status,
            order: position(answer),
            more: answer.json.more !== ''
          });
        }
        let page = await lrs.call('GET', '/statements', {
          query: { agent: JSON.stringify(actor), limit: '4', ascending: 'true' }
        });
        const paged: number[] = position(page);
        while (page.json.more) {
          page = await lrs.call(
            'GET',
            page.json.more.replace(/^\/xapi/, ''),
            {}
          );
          paged.push(...position(page));
        }
        seen.push({ paged });
        seen.push(
          (
            await lrs.call('GET', '/statements', {
              query: { voidedStatementId: ids[1] }
            })
          ).status
        );

        const query = {
          activityId: 'http://example.org/walk',
          agent: JSON.stringify(actor),
          stateId: 'doc'
        };
        seen.push(
          (
            await lrs.call('POST', '/activities/state', {
              query,
              json: { a: 1 }
            })
          ).status
        );
        seen.push(
          (
            await lrs.call('POST', '/activities/state', {
              query,
              json: { b: 2 }
            })
          ).status
        );
        const state = await lrs.call('GET', '/activities/state', { query });
        seen.push({ state: state.json, etag: state.headers.get('etag') });
        const profile = {
          activityId: 'http://example.org/walk',
          profileId: 'p'
        };
        seen.push(
          (
            await lrs.call('PUT', '/activities/profile', {
              query: profile,
              json: { v: 1 },
              headers: { 'If-None-Match': '*' }
            })
          ).status
        );
        seen.push(
          (
            await lrs.call('PUT', '/activities/profile', {
              query: profile,
              json: { v: 2 }
            })
          ).status
        );
        seen.push(
          (
            await lrs.call('GET', '/activities', {
              query: { activityId: 'http://example.org/walk/2' }
            })
          ).json
        );

        // Ten clients store the same new statement at once: one row, ten successes.
        const id = randomUUID();
        const clients = await Promise.all(
          Array.from({ length: 10 }, () => XapiClient.make(hub, 'write'))
        );
        const statuses = await Promise.all(
          clients.map(client =>
            client
              .call('POST', '/statements', { json: statement({ id }) })
              .then(a => a.status)
          )
        );
        seen.push({ concurrent: statuses });
        const stored = await lrs.call('GET', '/statements', {
          query: { statementId: id }
        });
        seen.push(stored.status);
      } finally {
        await hub.close();
      }
      return seen;
    }

    it('walks the LRS on SQLite', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-lrs-'));
      records.set(
        'sqlite',
        await walk(`sqlite:${path.join(dir, 'candyce.db')}`)
      );
    });

    it('walks the LRS on PostgreSQL, and sees the same', async () => {
      const record = await walk(await pg.createDatabase());
      expect(record).toEqual(records.get('sqlite'));
      // What the walk expects, so that two equally wrong records cannot pass.
      expect(record).toContainEqual({ concurrent: Array(10).fill(200) });
      // ids[1] is voided; the voiding statement (-1, not one of `ids`) is found through
      // the statement it targets.
      expect(record).toContainEqual({
        paged: [0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -1]
      });
      expect(record).toContainEqual({
        state: { a: 1, b: 2 },
        etag: expect.stringMatching(/^"[0-9a-f]{40}"$/)
      });
    });
  }
);
