/**
 * Offline evaluation of the library's recommender, against a popularity baseline, on a
 * simulated usage log whose structure is known:
 *
 * - teachers each teach one discipline at one level (their profile);
 * - the resources of each (discipline, level) form a few « progressions », ordered
 *   sequences of lessons that teachers work through in order, starting anywhere;
 * - a share of uses (BENCH_NOISE, 20 %) are of popular resources of any kind.
 *
 * For each teacher the last use is held out; the recommender sees every other use (the
 * teacher's and everyone else's) and the teacher's profile. Hit-rate@10: the share of
 * teachers whose held-out resource is among their 10 recommendations. The baseline
 * recommends the 10 most used resources the teacher has not used yet. Both run on the
 * same real SQLite database, through the hub's Recommender.
 *
 * Settings: BENCH_TEACHERS (400), BENCH_PER_GROUP (30 resources per discipline and
 * level), BENCH_USES (12 per teacher), BENCH_NOISE (0.2), BENCH_SEED (7).
 */
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { migrate, openDatabase } from '@candyce/hub/lib/db/connect';
import { Recommender } from '@candyce/hub/lib/library/recommend';
import { LibraryStore } from '@candyce/hub/lib/library/store';
import { loadTaxonomy } from '@candyce/hub/lib/library/taxonomy';
import { UserService } from '@candyce/hub/lib/users/service';
import { UserStore } from '@candyce/hub/lib/users/store';

import { describeMachine, printTable } from './common/report';
import { DISCIPLINES, LEVELS, prng } from './common/synthetic';

const SETTINGS = {
  teachers: Number(process.env.BENCH_TEACHERS ?? 400),
  perGroup: Number(process.env.BENCH_PER_GROUP ?? 30),
  uses: Number(process.env.BENCH_USES ?? 12),
  noise: Number(process.env.BENCH_NOISE ?? 0.2),
  seed: Number(process.env.BENCH_SEED ?? 7)
};

/** Lessons per progression. */
const PROGRESSION = 6;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'candyce-bench-recommend-')
  );
  try {
    console.log(`Recommender offline evaluation — ${describeMachine()}`);
    const db = openDatabase(`sqlite:${path.join(dir, 'hub.sqlite')}`);
    await migrate(db);
    const users = new UserService(new UserStore(db), {
      maxFailures: 5,
      lockMinutes: 15
    });
    const store = new LibraryStore(db);
    const taxonomy = loadTaxonomy();
    const random = prng(SETTINGS.seed);
    const author = await users.create({
      name: 'auteur',
      displayName: 'Auteur',
      roles: ['teacher']
    });

    // Resources: per (discipline, level), progressions of PROGRESSION lessons.
    const groups = new Map<string, string[][]>();
    const allIds: string[] = [];
    await db.transaction().execute(async trx => {
      let n = 0;
      for (const discipline of DISCIPLINES) {
        for (const level of LEVELS) {
          const progressions: string[][] = [];
          for (let p = 0; p < SETTINGS.perGroup / PROGRESSION; p++) {
            const lessons: string[] = [];
            for (let l = 0; l < PROGRESSION; l++) {
              const id = randomUUID();
              await store.writeVersionIn(trx, {
                resourceId: id,
                version: 1,
                ownerId: author.id,
                publishedBy: author.id,
                metadata: {
                  title: `${discipline} ${level} progression ${p} leçon ${l}`,
                  summary: 'Ressource simulée pour l’évaluation hors ligne.',
                  disciplines: [discipline],
                  levels: [level],
                  keywords: [],
                  language: 'fr',
                  durationMinutes: 55,
                  licence: 'CC-BY-4.0',
                  authors: ['Simulation']
                },
                environmentId: null,
                files: [],
                notebookText: '',
                // Old enough that « Nouveauté » plays no part.
                at: new Date(Date.UTC(2025, 0, 1, 0, 0, 0, n++)).toISOString()
              });
              lessons.push(id);
              allIds.push(id);
            }
            progressions.push(lessons);
          }
          groups.set(`${discipline}/${level}`, progressions);
        }
      }
    });

    // A popularity skew for noise: some resources are used much more than others.
    const popular = () => allIds[Math.floor(random() ** 3 * allIds.length)];
    const heldOut = new Map<string, string>();
    const teachers: string[] = [];
    let clock = Date.UTC(2026, 0, 1);
    const at = () => new Date((clock += 1000)).toISOString();
    for (let t = 0; t < SETTINGS.teachers; t++) {
      const teacher = await users.create({
        name: `prof${t}`,
        displayName: `Prof ${t}`,
        roles: ['teacher']
      });
      teachers.push(teacher.id);
      const discipline = DISCIPLINES[Math.floor(random() * DISCIPLINES.length)];
      const level = LEVELS[Math.floor(random() * LEVELS.length)];
      await store.setProfile(
        teacher.id,
        { disciplines: [discipline], levels: [level] },
        at()
      );
      const progressions = groups.get(`${discipline}/${level}`)!;
      const sequence: string[] = [];
      const seen = new Set<string>();
      while (sequence.length < SETTINGS.uses) {
        if (random() < SETTINGS.noise) {
          const id = popular();
          if (!seen.has(id)) {
            seen.add(id);
            sequence.push(id);
          }
          continue;
        }
        // Work through a progression in order from a random lesson.
        const lessons =
          progressions[Math.floor(random() * progressions.length)];
        for (
          let l = Math.floor(random() * 3);
          l < lessons.length && sequence.length < SETTINGS.uses;
          l++
        ) {
          if (!seen.has(lessons[l])) {
            seen.add(lessons[l]);
            sequence.push(lessons[l]);
          }
        }
      }
      for (const id of sequence.slice(0, -1)) {
        await store.recordUse(id, teacher.id, 'open', at());
      }
      heldOut.set(teacher.id, sequence[sequence.length - 1]);
    }

    const recommender = new Recommender(store, taxonomy, async () => []);
    let hits = 0;
    let baselineHits = 0;
    const topUsed = await store.popular(200);
    for (const teacher of teachers) {
      const recommended = (await recommender.recommend(teacher, 10)).map(
        r => r.resource.id
      );
      if (recommended.includes(heldOut.get(teacher)!)) {
        hits++;
      }
      const used = new Set(await store.usedBy(teacher));
      const baseline = topUsed.filter(id => !used.has(id)).slice(0, 10);
      if (baseline.includes(heldOut.get(teacher)!)) {
        baselineHits++;
      }
    }
    console.log(
      `${SETTINGS.teachers} teachers, ${allIds.length} resources (${DISCIPLINES.length} disciplines × ${LEVELS.length} levels, progressions of ${PROGRESSION}), ${SETTINGS.uses} uses each (last held out), ${Math.round(SETTINGS.noise * 100)} % popular noise, seed ${SETTINGS.seed}\n`
    );
    printTable(
      ['', 'hit-rate@10'],
      [
        [
          'Candyce recommender (profile, co-usage, endorsements, reuse)',
          `${((100 * hits) / teachers.length).toFixed(1)} %`
        ],
        [
          'popularity baseline (10 most used, not yet used)',
          `${((100 * baselineHits) / teachers.length).toFixed(1)} %`
        ]
      ]
    );
    await db.destroy();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
