import * as fs from 'fs';
import { Kysely, Migrator } from 'kysely';
import * as os from 'os';
import * as path from 'path';

import { MIGRATIONS, migrate, openDatabase } from '../src/db/connect';
import { IDatabase } from '../src/db/schema';
import { executed } from './helpers/dashboards';

/**
 * Migration 0024 on a hub that already kept traces: the statements stored before it
 * are counted once (voided ones not), on a real SQLite file migrated to 0023 first.
 */
describe('migration 0024 (dashboards)', () => {
  it('counts the statements the LRS kept before it, voided ones aside', async () => {
    const dir = fs.mkdtempSync(
      path.join(os.tmpdir(), 'candyce-dash-migration-')
    );
    const db: Kysely<IDatabase> = openDatabase(
      `sqlite:${path.join(dir, 'candyce.db')}`
    );
    try {
      const migrator = new Migrator({
        db,
        provider: { getMigrations: async () => MIGRATIONS }
      });
      const before = await migrator.migrateTo('0023_event_journal');
      expect(before.error).toBeUndefined();
      const actor = {
        objectType: 'Agent',
        account: { homePage: 'https://candyce.example', name: 'abc123' }
      };
      const kept = [
        executed('2026-03-02T09:00:00.000Z', 'NameError'),
        executed('2026-03-02T10:00:00.000Z'),
        executed('2026-03-03T09:00:00.000Z')
      ];
      const rows = [
        ...kept,
        executed('2026-03-03T11:00:00.000Z', 'TypeError')
      ].map((statement, at) => ({
        id: statement.id as string,
        stored: '2026-03-04T00:00:00.000Z',
        voided: at === 3 ? 1 : 0,
        voiding_target: null,
        client_id: 'test',
        body: JSON.stringify({ ...statement, actor })
      }));
      await db.insertInto('lrs_statements').values(rows).execute();
      expect(await migrate(db)).toContain('0024_dashboards');
      const daily = await db
        .selectFrom('dashboard_daily')
        .select([
          'actor_key',
          'day',
          'statements',
          'cells_run',
          'errors',
          'last_at'
        ])
        .orderBy('day')
        .execute();
      expect(daily).toEqual([
        {
          actor_key: 'account:https://candyce.example|abc123',
          day: '2026-03-02',
          statements: 2,
          cells_run: 2,
          errors: 1,
          last_at: '2026-03-02T10:00:00.000Z'
        },
        {
          actor_key: 'account:https://candyce.example|abc123',
          day: '2026-03-03',
          statements: 1,
          cells_run: 1,
          errors: 0,
          last_at: '2026-03-03T09:00:00.000Z'
        }
      ]);
      expect(
        await db
          .selectFrom('dashboard_daily_errors')
          .select(['exception', 'count'])
          .execute()
      ).toEqual([{ exception: 'NameError', count: 1 }]);
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
