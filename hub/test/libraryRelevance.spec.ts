import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { migrate, openDatabase } from '../src/db/connect';
import { readResourceFolder, resourceFolders } from '../src/library/folder';
import { LibraryService } from '../src/library/service';
import { LibraryStore } from '../src/library/store';
import { LIBRARY_DATA_DIR, loadTaxonomy } from '../src/library/taxonomy';
import { BlobStore } from '../src/storage/blobs';
import { UserService } from '../src/users/service';
import { UserStore } from '../src/users/store';

/**
 * How well the library answers teachers: the seed resources published on a real SQLite
 * file, then every query of the relevance sets (`library/relevance/*.json`, or the file
 * named by CANDYCE_RELEVANCE_SET) searched as the panel searches, and scored:
 *
 * - success@3: the share of queries with an expected resource among the first 3;
 * - MRR: the mean of 1 / rank of the first expected resource (0 past the 10th).
 *
 * The figures are printed by kind of query (facets, ambiguous, typo, topic); the test
 * fails under the floors below, which are what the search reached when the set was
 * written (the set was not tuned to the engine: expected resources come from reading
 * the seed resources).
 */
const FLOORS = { successAt3: 0.85, mrr: 0.8 };

interface IRelevanceQuery {
  q: string;
  expected: string[];
  kind?: string;
}

function relevanceSets(): { file: string; queries: IRelevanceQuery[] }[] {
  const named = process.env.CANDYCE_RELEVANCE_SET;
  const dir = path.join(LIBRARY_DATA_DIR, 'relevance');
  const files = named
    ? [path.resolve(named)]
    : fs
        .readdirSync(dir)
        .filter(name => name.endsWith('.json'))
        .map(name => path.join(dir, name));
  return files.map(file => ({
    file,
    queries: (
      JSON.parse(fs.readFileSync(file, 'utf8')) as {
        queries: IRelevanceQuery[];
      }
    ).queries
  }));
}

describe('the library’s relevance for teachers’ queries', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-relevance-'));
  const db = openDatabase(`sqlite:${path.join(dir, 'hub.sqlite')}`);
  let library: LibraryService;
  const folderOf = new Map<string, string>();

  beforeAll(async () => {
    await migrate(db);
    const users = new UserService(new UserStore(db), {
      maxFailures: 5,
      lockMinutes: 15
    });
    const publisher = await users.create({
      name: 'auteur',
      displayName: 'Auteur',
      roles: ['teacher']
    });
    library = new LibraryService(
      new LibraryStore(db),
      new BlobStore(path.join(dir, 'blobs')),
      loadTaxonomy()
    );
    for (const folder of resourceFolders(path.join(LIBRARY_DATA_DIR, 'seed'))) {
      const row = await library.publish(publisher, readResourceFolder(folder));
      folderOf.set(row.id, path.basename(folder));
    }
  });
  afterAll(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has sets of at least 60 queries whose expected resources exist', () => {
    const folders = new Set(folderOf.values());
    for (const { file, queries } of relevanceSets()) {
      expect({ file, enough: queries.length >= 60 }).toEqual({
        file,
        enough: true
      });
      for (const { q, expected } of queries) {
        expect({ q, missing: expected.filter(e => !folders.has(e)) }).toEqual({
          q,
          missing: []
        });
        expect(expected.length).toBeGreaterThan(0);
      }
    }
  });

  it('finds what teachers look for: success@3 and MRR', async () => {
    for (const { file, queries } of relevanceSets()) {
      const byKind = new Map<string, { hits: number; rr: number; n: number }>();
      const misses: string[] = [];
      for (const { q, expected, kind = 'all' } of queries) {
        const page = await library.search({ q, perPage: 10 });
        const ranks = page.results.map(row => folderOf.get(row.id) ?? '');
        const first = ranks.findIndex(folder => expected.includes(folder));
        const rank = first < 0 ? Infinity : first + 1;
        for (const key of [kind, 'all']) {
          const score = byKind.get(key) ?? { hits: 0, rr: 0, n: 0 };
          score.n++;
          score.hits += rank <= 3 ? 1 : 0;
          score.rr += rank <= 10 ? 1 / rank : 0;
          byKind.set(key, score);
        }
        if (rank > 3) {
          misses.push(
            `  « ${q} »: ${rank === Infinity ? 'not in the first 10' : `rank ${rank}`} (${page.total} found)`
          );
        }
      }
      const lines = [...byKind].map(
        ([kind, { hits, rr, n }]) =>
          `  ${kind.padEnd(10)} ${String(n).padStart(3)} queries  success@3 ${(hits / n).toFixed(3)}  MRR ${(rr / n).toFixed(3)}`
      );
      console.log(
        `${path.basename(file)}\n${lines.join('\n')}\nmissed (not in the first 3):\n${misses.join('\n') || '  none'}`
      );
      const all = byKind.get('all')!;
      expect({
        file,
        successAt3: all.hits / all.n >= FLOORS.successAt3,
        mrr: all.rr / all.n >= FLOORS.mrr
      }).toEqual({ file, successAt3: true, mrr: true });
    }
  });
});
