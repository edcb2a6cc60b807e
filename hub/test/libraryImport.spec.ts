import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { migrate, openDatabase } from '../src/db/connect';
import { LibraryService } from '../src/library/service';
import { LibraryStore } from '../src/library/store';
import { loadTaxonomy } from '../src/library/taxonomy';
import { Vocabulary } from '../src/library/vocabulary';
import { BlobStore } from '../src/storage/blobs';
import { UserService } from '../src/users/service';
import { UserStore } from '../src/users/store';

/**
 * The import path (`LibraryStore.writeVersionsIn`, many resources in one transaction,
 * the full-text index written after the other tables and the vocabulary counted once)
 * on a real SQLite file: it finds, counts and orders what one-by-one publishing would,
 * and the typo correction's vocabulary still ranks words by how many resources hold
 * them.
 */
describe('importing resources in bulk', () => {
  it('indexes them as publishing one by one would', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-import-'));
    const db = openDatabase(`sqlite:${path.join(dir, 'hub.sqlite')}`);
    try {
      await migrate(db);
      const author = await new UserService(new UserStore(db), {
        maxFailures: 5,
        lockMinutes: 15
      }).create({ name: 'auteur', displayName: 'Auteur', roles: ['teacher'] });
      const store = new LibraryStore(db);
      const library = new LibraryService(
        store,
        new BlobStore(path.join(dir, 'blobs')),
        loadTaxonomy()
      );
      // Loaded before the import: kept up to date by it.
      const vocabulary = await store.index.vocabulary();
      const titles = [
        'Photosynthèse et chlorophylle',
        'Photosynthèse en laboratoire',
        'Algorithme de tri',
        'Équations du second degré'
      ];
      const ids = titles.map(() => randomUUID());
      await db.transaction().execute(trx =>
        store.writeVersionsIn(
          trx,
          titles.map((title, i) => ({
            resourceId: ids[i],
            version: 1,
            ownerId: author.id,
            publishedBy: author.id,
            metadata: {
              title,
              summary: 'Une activité pour la classe.',
              disciplines: [i < 2 ? 'svt' : 'mathematiques'],
              levels: ['2de'],
              keywords: [],
              language: 'fr',
              durationMinutes: 55,
              licence: 'CC-BY-4.0',
              authors: ['Import']
            },
            environmentId: null,
            files: [],
            notebookText: i === 3 ? 'Le discriminant delta.' : '',
            at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString()
          }))
        )
      );
      const found = await library.search({ q: 'photosynthese' });
      expect(found.total).toBe(2);
      expect(found.facets.discipline).toEqual({ svt: 2 });
      // Newest first without words: the order of the import.
      const all = await library.search({});
      expect(all.results.map(row => row.id)).toEqual([...ids].reverse());
      expect((await library.search({ q: 'discriminant' })).total).toBe(1);
      const docs = new Map(
        (
          await db
            .selectFrom('library_terms')
            .select(['word', 'docs'])
            .execute()
        ).map(row => [row.word, Number(row.docs)])
      );
      expect(docs.get('photosynthese')).toBe(2);
      expect(docs.get('activite')).toBe(4);
      expect(docs.get('algorithme')).toBe(1);
      // The same counts in memory, and in a vocabulary read afresh.
      const fresh = new Vocabulary();
      fresh.load([...docs].map(([word, n]) => ({ word, docs: n })));
      expect(vocabulary.correct('photosyntese')).toBe('photosynthese');
      expect(fresh.correct('photosyntese')).toBe('photosynthese');
      expect(vocabulary.size).toBe(fresh.size);
      expect((await library.search({ q: 'photosyntese' })).didYouMean).toBe(
        'photosynthese'
      );
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
