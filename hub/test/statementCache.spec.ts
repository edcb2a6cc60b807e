import SQLite from 'better-sqlite3';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { withStatementCache } from '../src/db/statementCache';

/**
 * The prepared statements the hub keeps for Kysely, on a real SQLite file: the same
 * text gives the same statement, one still being read is never handed out twice, and
 * the oldest are dropped past the limit.
 */
describe('the statement cache', () => {
  let sqlite: SQLite.Database;
  beforeEach(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-statements-'));
    sqlite = new SQLite(path.join(dir, 'db.sqlite'));
    sqlite.exec('CREATE TABLE t (n INTEGER)');
    sqlite.exec('INSERT INTO t VALUES (1), (2), (3)');
  });
  afterEach(() => sqlite.close());

  it('prepares a text once and answers the same as a fresh statement', () => {
    const db = withStatementCache(sqlite);
    const first = db.prepare('SELECT n FROM t WHERE n > ?');
    const again = db.prepare('SELECT n FROM t WHERE n > ?');
    expect(again).toBe(first);
    expect(again.all([1])).toEqual([{ n: 2 }, { n: 3 }]);
    expect(db.prepare('SELECT n FROM t WHERE n < ?')).not.toBe(first);
  });

  it('gives a fresh statement while the cached one is still being read', () => {
    const db = withStatementCache(sqlite);
    const text = 'SELECT n FROM t ORDER BY n';
    const reading = db.prepare(text).iterate([]);
    expect(reading.next().value).toEqual({ n: 1 });
    const other = db.prepare(text);
    expect(other.all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(reading.next().value).toEqual({ n: 2 });
    reading.return?.();
  });

  it('drops the least recently used statements past its limit', () => {
    const db = withStatementCache(sqlite);
    const kept = db.prepare('SELECT 0 AS n');
    const early = db.prepare('SELECT 1 AS n');
    for (let i = 2; i <= 600; i++) {
      db.prepare(`SELECT ${i} AS n`);
      // Used again and again: never the least recent.
      expect(db.prepare('SELECT 0 AS n')).toBe(kept);
    }
    // « SELECT 1 » was dropped long ago: prepared anew, and right.
    const again = db.prepare('SELECT 1 AS n');
    expect(again).not.toBe(early);
    expect(again.all([])).toEqual([{ n: 1 }]);
    expect(db.prepare('SELECT 600 AS n')).toBe(db.prepare('SELECT 600 AS n'));
  });
});
