import * as fs from 'fs';
import * as path from 'path';

/**
 * One entry of the taxonomy: a stable id (stored) and its French label (shown).
 */
export interface ITaxonomyEntry {
  id: string;
  label: string;
  /** Levels: the stage they belong to (`cycle-3`, `cycle-4`, `lycee`, `superieur`). */
  stage?: string;
  /** Licences: the text of the licence. */
  url?: string;
  /** Disciplines: the name in a sentence, with its article (« la NSI »). */
  taught?: string;
  /**
   * Levels, stages and disciplines: what teachers type for it (« 2nde », « seconde »,
   * « maths »); a search reads these words as filters (see queryFacets.ts).
   */
  synonyms?: string[];
}

/**
 * The disciplines, levels, languages and licences of the library: data kept in
 * `library/taxonomy.json`, not in code.
 */
export interface ITaxonomy {
  levels: ITaxonomyEntry[];
  stages: ITaxonomyEntry[];
  disciplines: ITaxonomyEntry[];
  languages: ITaxonomyEntry[];
  licences: ITaxonomyEntry[];
}

/**
 * The taxonomy as the search reads it: with the phrases whose words would otherwise
 * read as a level or discipline (« Seconde Guerre mondiale », « effort physique »),
 * which a search keeps as words.
 */
export interface ISearchTaxonomy extends ITaxonomy {
  topicPhrases?: string[];
}

/**
 * Where the repository keeps the taxonomy and the seed resources.
 */
export const LIBRARY_DATA_DIR = path.join(
  __dirname,
  '..',
  '..',
  '..',
  'library'
);

/**
 * Read the taxonomy.
 *
 * @throws when the file is missing or lacks a list (a broken checkout).
 */
export function loadTaxonomy(
  file = path.join(LIBRARY_DATA_DIR, 'taxonomy.json')
): ITaxonomy {
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as ITaxonomy;
  for (const kind of [
    'levels',
    'stages',
    'disciplines',
    'languages',
    'licences'
  ] as const) {
    if (!Array.isArray(data[kind]) || !data[kind].length) {
      throw new Error(`${file}: « ${kind} » must be a non-empty list`);
    }
  }
  return data;
}

/**
 * The label of an id, or the id itself when unknown.
 */
export function labelOf(
  entries: readonly ITaxonomyEntry[],
  id: string
): string {
  return entries.find(entry => entry.id === id)?.label ?? id;
}
