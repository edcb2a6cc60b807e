/**
 * Library benchmark: indexing throughput, search latency over 100,000 synthetic
 * resources on SQLite (the embedded default), and the latency of recommendations for a
 * teacher with a long history — through the hub's own LibraryService and Recommender on
 * a real database file (no HTTP: the figures are the library's, not the network's).
 *
 * Settings: BENCH_RESOURCES (100000), BENCH_PUBLISHED (2000 of them through the whole
 * publishing path, the indexing throughput), BENCH_SEARCH_RUNS (50 per query), BENCH_TEACHERS
 * (300 colleagues with 40 uses each), BENCH_HISTORY (600 uses for the measured teacher).
 * Targets (issues 4 and 21): search p95 < 30 ms, also for queries with level and
 * discipline words, typos and no result; indexing ≥ 1,000 resources/s on the bulk
 * import path.
 */
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

import { migrate, openDatabase } from '@candyce/hub/lib/db/connect';
import { BlobStore } from '@candyce/hub/lib/storage/blobs';
import { Recommender } from '@candyce/hub/lib/library/recommend';
import { LibraryService } from '@candyce/hub/lib/library/service';
import { LibraryStore } from '@candyce/hub/lib/library/store';
import { loadTaxonomy } from '@candyce/hub/lib/library/taxonomy';
import { UserService } from '@candyce/hub/lib/users/service';
import { UserStore } from '@candyce/hub/lib/users/store';

import {
  describeMachine,
  median,
  ms,
  percentile,
  printTable
} from './common/report';
import {
  DISCIPLINES,
  LEVELS,
  notebookBytes,
  prng,
  text,
  vocabulary
} from './common/synthetic';

const SETTINGS = {
  resources: Number(process.env.BENCH_RESOURCES ?? 100_000),
  published: Number(process.env.BENCH_PUBLISHED ?? 2_000),
  searchRuns: Number(process.env.BENCH_SEARCH_RUNS ?? 50),
  teachers: Number(process.env.BENCH_TEACHERS ?? 300),
  history: Number(process.env.BENCH_HISTORY ?? 600)
};

/** What teachers type, and the facets they tick. */
const QUERIES: {
  label: string;
  q?: string;
  facets?: Record<string, string[]>;
}[] = [
  { label: '« equation » (accents dropped)', q: 'equation' },
  { label: '« graphes algorithme »', q: 'graphes algorithme' },
  {
    label: '« fonction » + mathématiques, 1re',
    q: 'fonction',
    facets: { disciplines: ['mathematiques'], levels: ['1re'] }
  },
  { label: '« révolution frise carte »', q: 'révolution frise carte' },
  { label: 'a frequent word', q: '' },
  { label: 'a rare word', q: '' },
  { label: 'no words, level 2de', facets: { levels: ['2de'] } },
  { label: 'no words, sorted by popularity', facets: {} },
  // Issue 21: facets in the words, typos, nothing found, widening a facet.
  {
    label: '« NSI terminale graphe » (facet words)',
    q: 'NSI terminale graphe'
  },
  { label: '« maths 1re fonction » (facet words)', q: 'maths 1re fonction' },
  { label: '« algoritme recursivite » (typo)', q: 'algoritme recursivite' },
  { label: '« zzyzx maths » (the facet alone)', q: 'zzyzx maths' },
  {
    label: '« zzyzx », L3 (nothing: suggestions)',
    q: 'zzyzx',
    facets: { levels: ['l3'] }
  },
  {
    label: 'nsi OR mathematiques, 2de (widening)',
    facets: { disciplines: ['nsi', 'mathematiques'], levels: ['2de'] }
  }
];

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-bench-library-'));
  try {
    console.log(`Library benchmark — ${describeMachine()}`);
    console.log(
      `SQLite file in ${os.tmpdir()}; ${SETTINGS.resources} synthetic resources; ${SETTINGS.searchRuns} runs per query\n`
    );
    const db = openDatabase(`sqlite:${path.join(dir, 'hub.sqlite')}`);
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
    const taxonomy = loadTaxonomy();
    const store = new LibraryStore(db);
    const library = new LibraryService(
      store,
      new BlobStore(path.join(dir, 'blobs')),
      taxonomy
    );
    const random = prng(42);
    const { words, draw } = vocabulary(20_000, random);

    // Indexing, measured on the whole publishing path (checks, notebook validation,
    // files written and flushed, one transaction per resource with its index entry) for
    // the first `published` resources; the rest of the corpus is then written in bulk
    // (the same rows and index entries, 1,000 per transaction, no files) to save time.
    const ids: string[] = [];
    const resource = (i: number) => {
      const discipline = DISCIPLINES[i % DISCIPLINES.length];
      const level = LEVELS[Math.floor(random() * LEVELS.length)];
      return {
        metadata: {
          title: text(6, draw, discipline, random),
          summary: text(40, draw, discipline, random),
          disciplines: [discipline],
          levels: [level],
          keywords: [text(1, draw, discipline, random)],
          language: 'fr',
          durationMinutes: 55,
          licence: 'CC-BY-4.0',
          authors: ['Banc d’essai']
        },
        markdown: text(300, draw, discipline, random),
        code: `# ${text(20, draw, discipline, random)}\nprint(1)`
      };
    };
    const published = Math.min(SETTINGS.published, SETTINGS.resources);
    const started = performance.now();
    for (let i = 0; i < published; i++) {
      const { metadata, markdown, code } = resource(i);
      const row = await library.publish(publisher, {
        metadata,
        files: [
          { path: 'cours.ipynb', content: notebookBytes(markdown, code, i) }
        ]
      });
      ids.push(row.id);
    }
    const indexingSeconds = (performance.now() - started) / 1000;
    // The bulk path an import takes (LibraryStore.writeVersionsIn): rows, analysis and
    // index entries, 1,000 resources per transaction, the vocabulary counted once per
    // transaction (the corpus is generated beforehand: not timed).
    let bulkMs = 0;
    for (let i = published; i < SETTINGS.resources; i += 1000) {
      const batch = Array.from(
        { length: Math.min(1000, SETTINGS.resources - i) },
        (_, k) => ({ j: i + k, ...resource(i + k), id: randomUUID() })
      );
      const t0 = performance.now();
      await db.transaction().execute(trx =>
        store.writeVersionsIn(
          trx,
          batch.map(({ j, metadata, markdown, code, id }) => {
            ids.push(id);
            return {
              resourceId: id,
              version: 1,
              ownerId: publisher.id,
              publishedBy: publisher.id,
              metadata,
              environmentId: null,
              files: [],
              notebookText: `${markdown}\n${code}`,
              at: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, j)).toISOString()
            };
          })
        )
      );
      bulkMs += performance.now() - t0;
      if ((i / 1000) % 10 === 0) {
        console.error(
          `  … ${Math.min(i + 1000, SETTINGS.resources)} resources`
        );
      }
    }
    const database = fs.statSync(path.join(dir, 'hub.sqlite')).size;

    // Search: each query `searchRuns` times after one warm-up run.
    QUERIES[4].q = words[3];
    QUERIES[5].q = words[words.length - 5];
    const rows: string[][] = [];
    const all: number[] = [];
    for (const query of QUERIES) {
      const times: number[] = [];
      let total = 0;
      for (let run = 0; run <= SETTINGS.searchRuns; run++) {
        const t0 = performance.now();
        const page = await library.search({
          q: query.q,
          ...query.facets,
          sort: query.label.includes('popularity') ? 'popular' : undefined
        });
        const elapsed = performance.now() - t0;
        total = page.total;
        if (run > 0) {
          times.push(elapsed);
        }
      }
      all.push(...times);
      rows.push([
        query.label,
        String(total),
        ms(median(times)),
        ms(percentile(times, 95))
      ]);
    }
    console.log(
      `Search over ${SETTINGS.resources} resources (page of 20, facet counts, total)`
    );
    printTable(['query', 'matches', 'p50', 'p95'], rows);
    console.log(
      `all queries: p50 ${ms(median(all))}, p95 ${ms(percentile(all, 95))} (target p95 < 30 ms: ${percentile(all, 95) < 30 ? 'met' : 'NOT met'})\n`
    );

    // Recommendations: colleagues with their own histories, then one teacher with a long one.
    const teacherIds: string[] = [];
    for (let t = 0; t < SETTINGS.teachers; t++) {
      const teacher = await users.create({
        name: `prof${t}`,
        displayName: `Prof ${t}`,
        roles: ['teacher']
      });
      teacherIds.push(teacher.id);
      for (let u = 0; u < 40; u++) {
        await store.recordUse(
          ids[Math.floor(random() ** 2 * ids.length)],
          teacher.id,
          'open',
          new Date(Date.UTC(2026, 8, 1, 0, t, u)).toISOString()
        );
      }
    }
    const measured = teacherIds[0];
    for (let u = 0; u < SETTINGS.history; u++) {
      await store.recordUse(
        ids[Math.floor(random() ** 2 * ids.length)],
        measured,
        'open',
        new Date(Date.UTC(2026, 9, 1, 0, 0, u)).toISOString()
      );
    }
    await library.setProfile(measured, {
      disciplines: ['nsi'],
      levels: ['1re']
    });
    const recommender = new Recommender(store, taxonomy, async () => []);
    const recTimes: number[] = [];
    for (let run = 0; run <= 30; run++) {
      const t0 = performance.now();
      await recommender.recommend(measured, 10);
      if (run > 0) {
        recTimes.push(performance.now() - t0);
      }
    }
    console.log(
      `Recommendations for a teacher with ${SETTINGS.history + 40} uses, among ${SETTINGS.teachers} colleagues with 40 each`
    );
    printTable(
      ['', 'p50', 'p95'],
      [
        [
          '10 recommendations, explained',
          ms(median(recTimes)),
          ms(percentile(recTimes, 95))
        ]
      ]
    );
    const bulk = SETTINGS.resources - published;
    console.log(
      `\nIndexing (bulk import path, 1,000 resources per transaction): ${bulk} resources in ${(bulkMs / 1000).toFixed(1)} s = ${(bulk / (bulkMs / 1000)).toFixed(0)} resources/s (target ≥ 1,000/s)`
    );
    console.log(
      `Publishing: ${published} resources published in ${indexingSeconds.toFixed(1)} s = ${(published / indexingSeconds).toFixed(0)} resources/s (whole publishing path: notebook validated, file flushed to disk, one transaction each); database of ${SETTINGS.resources} resources: ${(database / 2 ** 20).toFixed(0)} MiB`
    );
    await db.destroy();
  } finally {
    if (process.env.BENCH_KEEP === '1') {
      console.error(`kept ${dir}`);
    } else {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
