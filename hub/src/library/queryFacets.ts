import { fold } from './analyze';
import { ISearchTaxonomy, ITaxonomyEntry } from './taxonomy';

/**
 * The facets a query's words can stand for.
 */
export type QueryFacetKind = 'discipline' | 'level';

/**
 * A query once its level and discipline words are read: what is left to search as
 * text, and the facet values those words stand for.
 */
export interface IReadQuery {
  /** The query without its facet words (as typed, spaces normalised). */
  text: string;
  /** Facet values read in the query, by kind (each value once). */
  facets: Record<QueryFacetKind, string[]>;
  /** Whether some words were read as facets. */
  understood: boolean;
}

/**
 * Reads levels and disciplines in teachers' queries (« NSI terminale graphes »,
 * « maths 4e », « cinquième EMC ») from the taxonomy's own data: the ids, labels and
 * `synonyms` of levels and disciplines, a stage's synonyms as all its levels, and the
 * `topicPhrases` that stay words (« Seconde Guerre mondiale »). Accents and case never
 * matter; the longest phrase wins (« physique-chimie » before « physique »).
 */
export class QueryFacetReader {
  constructor(taxonomy: ISearchTaxonomy) {
    const add = (phrase: string, meaning: Private.Meaning) => {
      const key = Private.tokens(phrase).join(' ');
      if (!key) {
        return;
      }
      this._longest = Math.max(this._longest, key.split(' ').length);
      const known = this._phrases.get(key);
      if (meaning === 'topic' || known === 'topic') {
        this._phrases.set(key, 'topic');
        return;
      }
      const merged = known ?? { discipline: [], level: [] };
      for (const kind of ['discipline', 'level'] as const) {
        merged[kind] = [...new Set([...merged[kind], ...meaning[kind]])];
      }
      this._phrases.set(key, merged);
    };
    const names = (entry: ITaxonomyEntry) => [
      entry.id,
      entry.label,
      ...(entry.synonyms ?? [])
    ];
    for (const level of taxonomy.levels) {
      for (const name of names(level)) {
        add(name, { discipline: [], level: [level.id] });
      }
    }
    for (const stage of taxonomy.stages) {
      const levels = taxonomy.levels
        .filter(level => level.stage === stage.id)
        .map(level => level.id);
      // A stage's label lists its levels (« Cycle 3 (CM1, CM2, 6e) »): only its
      // synonyms name it.
      for (const name of stage.synonyms ?? []) {
        add(name, { discipline: [], level: levels });
      }
    }
    for (const discipline of taxonomy.disciplines) {
      for (const name of [discipline.id, ...(discipline.synonyms ?? [])]) {
        add(name, { discipline: [discipline.id], level: [] });
      }
    }
    for (const phrase of taxonomy.topicPhrases ?? []) {
      add(phrase, 'topic');
    }
  }

  /**
   * Read a query: facet words out, the rest kept as typed.
   */
  read(query: string): IReadQuery {
    const typed = query.split(Private.NOT_WORD).filter(Boolean);
    const folded = typed.map(word => fold(word));
    const facets: Record<QueryFacetKind, Set<string>> = {
      discipline: new Set(),
      level: new Set()
    };
    const kept: string[] = [];
    let i = 0;
    while (i < typed.length) {
      let length = Math.min(this._longest, typed.length - i);
      let meaning: Private.Meaning | undefined;
      for (; length > 0; length--) {
        meaning = this._phrases.get(folded.slice(i, i + length).join(' '));
        if (meaning) {
          break;
        }
      }
      if (!meaning || meaning === 'topic') {
        const taken = Math.max(length, 1);
        kept.push(...typed.slice(i, i + taken));
        i += taken;
        continue;
      }
      for (const kind of ['discipline', 'level'] as const) {
        meaning[kind].forEach(value => facets[kind].add(value));
      }
      i += length;
    }
    return {
      text: kept.join(' '),
      facets: { discipline: [...facets.discipline], level: [...facets.level] },
      understood: kept.length < typed.length
    };
  }

  private readonly _phrases = new Map<string, Private.Meaning>();
  private _longest = 1;
}

namespace Private {
  /** Facet values, or `topic` for a phrase that stays words. */
  export type Meaning = Record<QueryFacetKind, string[]> | 'topic';

  // The analyser's separators: anything but letters and digits.
  export const NOT_WORD = /[^\p{L}\p{N}]+/u;

  export function tokens(text: string): string[] {
    return fold(text).split(NOT_WORD).filter(Boolean);
  }
}
