import * as fs from 'fs';
import { Migrator, sql } from 'kysely';
import * as os from 'os';
import * as path from 'path';

import { MIGRATIONS, migrate, openDatabase } from '../src/db/connect';
import { QueryFacetReader } from '../src/library/queryFacets';
import { LibraryService } from '../src/library/service';
import { LibraryStore } from '../src/library/store';
import { loadTaxonomy } from '../src/library/taxonomy';
import { Vocabulary } from '../src/library/vocabulary';
import { BlobStore } from '../src/storage/blobs';
import { UserService } from '../src/users/service';
import { UserStore } from '../src/users/store';
import {
  addUsers,
  ISignedIn,
  readJson,
  signIn,
  startTestHub
} from './hubHarness';
import { metadata, publishBody } from './helpers/resources';

/**
 * Search as teachers type: level and discipline words read as filters (from the
 * taxonomy's synonyms), typos corrected against the library's own words
 * (« Vouliez-vous dire… ? »), partial matches, suggestions instead of an empty page,
 * and facet counts that let a teacher widen a search (a facet counted without its own
 * filter) — on a real hub and SQLite file (postgres.spec.ts runs the same on
 * PostgreSQL).
 */
describe('reading levels and disciplines in a query', () => {
  const reader = new QueryFacetReader(loadTaxonomy());

  it.each([
    ['NSI terminale graphes', ['nsi'], ['tle'], 'graphes'],
    ['maths 4e', ['mathematiques'], ['4e'], ''],
    ['physique 2nde vitesse', ['physique-chimie'], ['2de'], 'vitesse'],
    ['CINQUIÈME emc', ['emc'], ['5e'], ''],
    ['Tle SES', ['ses'], ['tle'], ''],
    ['1ère physique-chimie loi', ['physique-chimie'], ['1re'], 'loi'],
    ['5ème', [], ['5e'], ''],
    ['seconde 2de 2nde', [], ['2de'], ''],
    ['collège', [], ['6e', '5e', '4e', '3e'], ''],
    ['Seconde Guerre mondiale', [], [], 'Seconde Guerre mondiale'],
    ['effort physique 3e', [], ['3e'], 'effort physique'],
    ['équations du second degré', [], [], 'équations du second degré']
  ])('« %s »', (query, discipline, level, text) => {
    const read = reader.read(query);
    expect(read.facets.discipline.sort()).toEqual([...discipline].sort());
    expect(read.facets.level.sort()).toEqual([...level].sort());
    expect(read.text).toBe(text);
    expect(read.understood).toBe(discipline.length + level.length > 0);
  });
});

describe('correcting words against the library’s vocabulary', () => {
  const vocabulary = new Vocabulary();
  vocabulary.load([
    { word: 'pythagore', docs: 3 },
    { word: 'fonctions', docs: 5 },
    { word: 'fonction', docs: 9 },
    { word: 'biodiversite', docs: 2 },
    { word: 'graphes', docs: 4 },
    { word: 'grappes', docs: 1 },
    { word: 'dictionnaire', docs: 2 }
  ]);

  it('finds the nearest word: a letter added, dropped, changed, or two swapped', () => {
    expect(vocabulary.correct('pythagorre')).toBe('pythagore');
    expect(vocabulary.correct('Biodiversitée')).toBe('biodiversite');
    expect(vocabulary.correct('fonctoins')).toBe('fonctions');
    expect(vocabulary.correct('dictionaire')).toBe('dictionnaire');
  });

  it('leaves known words, short words and far words alone', () => {
    // « fonctionnelle » has the stem of « fonction »: known.
    expect(vocabulary.correct('fonctions')).toBeNull();
    expect(vocabulary.correct('Pythagore')).toBeNull();
    expect(vocabulary.correct('pyt')).toBeNull();
    expect(vocabulary.correct('photosynthese')).toBeNull();
    expect(vocabulary.correct('2024')).toBeNull();
  });

  it('prefers the most frequent of equally near words', () => {
    // « grapes » is 1 from « graphes » (4 resources) and from « grappes » (1).
    expect(vocabulary.correct('grapes')).toBe('graphes');
  });
});

describe('the search API for teachers', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let prof: ISignedIn;
  const search = async (query: string) =>
    readJson(await prof.call('GET', `/library/resources?${query}`));
  const titles = (page: { results: { title: string }[] }) =>
    page.results.map(r => r.title);

  beforeAll(async () => {
    hub = await startTestHub();
    await addUsers(hub, { prof: 'teacher' });
    prof = await signIn(hub, 'prof');
    const resources: [string, string, string[], string[], string[]][] = [
      [
        'Le théorème de Pythagore',
        'Calculer une longueur dans un triangle rectangle.',
        ['mathematiques'],
        ['4e'],
        ['géométrie']
      ],
      [
        'Graphes et parcours',
        'Parcours en largeur et en profondeur.',
        ['nsi'],
        ['tle'],
        ['graphe']
      ],
      [
        'Frise de la Seconde Guerre mondiale',
        'Une frise chronologique de 1939 à 1945.',
        ['histoire-geographie'],
        ['3e'],
        ['guerre']
      ],
      [
        'Mesurer la vitesse d’une balle',
        'Chronophotographie et vecteurs vitesse.',
        ['physique-chimie'],
        ['2de'],
        ['mouvement']
      ],
      [
        'Fonctions affines',
        'Tableaux de valeurs et graphiques de fonctions affines.',
        ['mathematiques'],
        ['3e'],
        ['fonction']
      ]
    ];
    for (const [title, summary, disciplines, levels, keywords] of resources) {
      const created = await prof.call(
        'POST',
        '/library/resources',
        publishBody(metadata({ title, summary, disciplines, levels, keywords }))
      );
      expect(created.status).toBe(201);
    }
  });
  afterAll(async () => {
    await hub.close();
  });

  it('reads levels and disciplines in the words and says so', async () => {
    const page = await search('q=maths%204e');
    expect(titles(page)).toEqual(['Le théorème de Pythagore']);
    expect(page.understood).toEqual({
      discipline: ['mathematiques'],
      level: ['4e']
    });
    expect(titles(await search('q=NSI%20terminale%20graphes'))).toEqual([
      'Graphes et parcours'
    ]);
    expect(titles(await search('q=physique%202nde%20vitesse'))).toEqual([
      'Mesurer la vitesse d’une balle'
    ]);
    // A level word in a topic stays a word.
    const war = await search('q=seconde%20guerre%20mondiale');
    expect(titles(war)).toEqual(['Frise de la Seconde Guerre mondiale']);
    expect(war.understood).toEqual({ discipline: [], level: [] });
  });

  it('corrects typos with « Vouliez-vous dire… ? »', async () => {
    const page = await search('q=theoreme%20de%20pythagorre');
    expect(titles(page)).toEqual(['Le théorème de Pythagore']);
    expect(page).toMatchObject({
      didYouMean: 'theoreme de pythagore',
      corrected: true,
      partial: false
    });
    const fixed = await search('q=fonctoins%20affines');
    expect(titles(fixed)).toEqual(['Fonctions affines']);
    expect(fixed.didYouMean).toBe('fonctions affines');
    // Words as typed that find something are not corrected.
    expect((await search('q=pythagore')).didYouMean).toBeNull();
  });

  it('answers the resources with the most words when none has them all', async () => {
    const page = await search('q=pythagore%20parcours%20largeur');
    expect(page.partial).toBe(true);
    expect(titles(page)[0]).toBe('Graphes et parcours');
    expect(titles(page)).toContain('Le théorème de Pythagore');
    // A word found nowhere: the level and discipline read in the query still answer.
    const exercises = await search('q=maths%204e%20exercices');
    expect(exercises).toMatchObject({ partial: true, total: 1 });
    expect(titles(exercises)).toEqual(['Le théorème de Pythagore']);
  });

  it('offers other searches instead of an empty page', async () => {
    // Nothing in NSI at 4e on Pythagoras: drop a filter, or search the word alone.
    const page = await search('q=pythagore&discipline=nsi&level=4e');
    expect(page.total).toBe(0);
    expect(page.suggestions.length).toBeGreaterThan(0);
    expect(page.suggestions).toContainEqual({
      q: 'pythagore',
      disciplines: [],
      levels: ['4e'],
      total: 1
    });
    for (const suggestion of page.suggestions) {
      const params = new URLSearchParams({ q: suggestion.q });
      suggestion.disciplines.forEach((d: string) =>
        params.append('discipline', d)
      );
      suggestion.levels.forEach((l: string) => params.append('level', l));
      expect((await search(params.toString())).total).toBe(suggestion.total);
    }
    // A word the library has nothing near.
    const nothing = await search('q=zzyzx');
    expect(nothing).toMatchObject({ total: 0, suggestions: [] });
  });

  it('counts a facet without its own filter, so that a teacher can widen', async () => {
    const page = await search('discipline=nsi');
    expect(page.total).toBe(1);
    expect(page.facets.discipline).toEqual({
      mathematiques: 2,
      nsi: 1,
      'histoire-geographie': 1,
      'physique-chimie': 1
    });
    // Other facets are counted with the filter.
    expect(page.facets.level).toEqual({ tle: 1 });
    const both = await search('discipline=nsi&discipline=mathematiques');
    expect(both.total).toBe(3);
    // Levels ticked: the level counts are those of the other filters only.
    const threeE = await search('discipline=mathematiques&level=3e');
    expect(threeE.facets.level).toEqual({ '3e': 1, '4e': 1 });
    expect(threeE.facets.discipline).toEqual({
      mathematiques: 1,
      'histoire-geographie': 1
    });
  });

  it('still refuses unknown filters and stays within bounds', async () => {
    const bad = await prof.call('GET', '/library/resources?level=7e&q=maths');
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).error.code).toBe('invalid_filter');
    const long = await search(
      `q=${encodeURIComponent('pythagorre '.repeat(18))}`
    );
    expect(long.total).toBe(1);
  });
});

describe('the vocabulary table', () => {
  it('is filled from existing resources by migration 0018, and read by a new hub', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-terms-'));
    const db = openDatabase(`sqlite:${path.join(dir, 'hub.sqlite')}`);
    try {
      const migrator = new Migrator({
        db,
        provider: { getMigrations: async () => MIGRATIONS }
      });
      const names = Object.keys(MIGRATIONS);
      const before = names[names.indexOf('0018_library_terms') - 1];
      expect((await migrator.migrateTo(before)).error).toBeUndefined();
      const users = new UserService(new UserStore(db), {
        maxFailures: 5,
        lockMinutes: 15
      });
      const author = await users.create({
        name: 'auteur',
        displayName: 'Auteur',
        roles: ['teacher']
      });
      await sql`INSERT INTO library_resources
          (id, owner_id, current_version, title, title_key, created_at, updated_at)
        VALUES ('r1', ${author.id}, 2, 'Biodiversité', 'biodiversite', 'x', 'x')`.execute(
        db
      );
      for (const [version, title] of [
        [1, 'Ancien titre oublié'],
        [2, 'Biodiversité d’une haie']
      ] as const) {
        await sql`INSERT INTO library_versions (resource_id, version, title, summary,
            language, duration_minutes, licence, authors, keywords, disciplines,
            levels, environment_id, published_by, published_at)
          VALUES ('r1', ${version}, ${title}, 'Indice de Simpson.', 'fr', 55,
            'CC-BY-4.0', '[]', '["écosystème"]', '["svt"]', '["2de"]', NULL,
            ${author.id}, 'x')`.execute(db);
      }
      await migrate(db);
      const words = (
        await db.selectFrom('library_terms').select('word').execute()
      ).map(row => row.word);
      expect(words.sort()).toEqual(
        // « d’une »: words of 3 letters and more, stop words included.
        [
          'biodiversite',
          'une',
          'haie',
          'indice',
          'simpson',
          'ecosysteme'
        ].sort()
      );
      const store = new LibraryStore(db);
      await store.index.put(db, 'r1', {
        title: 'Biodiversité',
        keywords: '',
        summary: '',
        body: '',
        tags: []
      });
      const library = new LibraryService(
        store,
        new BlobStore(path.join(dir, 'blobs')),
        loadTaxonomy()
      );
      const page = await library.search({ q: 'biodiversitee' });
      expect(page).toMatchObject({
        total: 1,
        didYouMean: 'biodiversite',
        corrected: true
      });
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
