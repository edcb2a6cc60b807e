import { analyze, fold } from './analyze';
import { IReadQuery, QueryFacetReader } from './queryFacets';
import {
  IIndexAnswer,
  ISearchFilter,
  SearchIndex,
  SearchOrder
} from './searchIndex';

/**
 * Another search that finds something, offered when a search finds nothing.
 */
export interface ISearchSuggestion {
  /** The words to search (facet words taken out). */
  q: string;
  disciplines: string[];
  levels: string[];
  /** How many resources it finds. */
  total: number;
}

/**
 * What the search made of the query, beside its results.
 */
export interface ISearchHelp {
  /** Facet values read in the query's words and applied as filters. */
  understood: { discipline: string[]; level: string[] };
  /** The query with its unknown words replaced by the library's nearest ones. */
  didYouMean: string | null;
  /** Whether the results are those of `didYouMean` (as typed, nothing was found). */
  corrected: boolean;
  /**
   * Whether no resource has all the words: results have some of them (the most
   * first), or only the levels and disciplines read in the query.
   */
  partial: boolean;
  /** Searches that find something, when this one finds nothing. */
  suggestions: ISearchSuggestion[];
}

/**
 * A search to run: the query as typed, the filters the teacher chose (by kind:
 * `discipline`, `level`, `licence`, `language`, `endorsed`), order and page.
 */
export interface IAssistedSearch {
  q: string;
  tags: { kind: string; values: string[] }[];
  sort?: SearchOrder;
  limit: number;
  offset: number;
}

/** Suggestions offered at most. */
const MAX_SUGGESTIONS = 5;

/** Words of a query compared with the vocabulary, at most. */
const MAX_CORRECTED = 6;

/**
 * Search as teachers type, above the index (SQLite and PostgreSQL alike): level and
 * discipline words act as filters (« maths 4e »), and a search that finds nothing tries,
 * in turn, the facet words as plain words (« Seconde Guerre mondiale »), the library's
 * nearest words for unknown ones (« pythagorre »), any of the words, then the facets
 * read in the words alone; when all fail, it offers other searches that find
 * something (fewer filters, one word, the facets where the words are found).
 */
export class SearchAssistant {
  constructor(
    private readonly _index: SearchIndex,
    private readonly _reader: QueryFacetReader
  ) {}

  async search(
    request: IAssistedSearch
  ): Promise<{ found: IIndexAnswer; help: ISearchHelp }> {
    const read = this._reader.read(request.q);
    const words = analyze(read.text);
    const help: ISearchHelp = {
      understood: read.facets,
      didYouMean: null,
      corrected: false,
      partial: false,
      suggestions: []
    };
    const tags = Private.withFacets(request.tags, read.facets);
    if (!words.length && !read.understood && request.q.trim()) {
      // Only stop words (« le la les »): nothing to look for, hence nothing found.
      return { found: Private.nothing(request.sort ?? 'relevance'), help };
    }
    const first = await this._find(request, words, tags);
    if (first.total) {
      return { found: first, help };
    }
    if (read.understood) {
      // The facet words may have been topic words.
      const literal = analyze(request.q);
      const found = await this._find(request, literal, request.tags);
      if (found.total) {
        help.understood = { discipline: [], level: [] };
        return { found, help };
      }
    }
    const vocabulary = await this._index.vocabulary();
    const fixes = new Map<string, string>();
    // Each word is compared with the vocabulary: a few per query (a 200-character
    // query of made-up words costs as much as a short one).
    const typed = [...new Set(read.text.split(' ').map(fold))].filter(Boolean);
    for (const word of typed.slice(0, MAX_CORRECTED)) {
      const fix = vocabulary.correct(word);
      if (fix) {
        fixes.set(word, fix);
      }
    }
    let text = read.text;
    let best = words;
    if (fixes.size) {
      help.didYouMean = Private.replaceWords(request.q, fixes);
      text = Private.replaceWords(read.text, fixes);
      best = analyze(text);
      const found = await this._find(request, best, tags);
      if (found.total) {
        help.corrected = true;
        return { found, help };
      }
    }
    if (new Set(best).size > 1) {
      const found = await this._find(request, best, tags, 'any');
      if (found.total) {
        help.partial = true;
        help.corrected = fixes.size > 0;
        return { found, help };
      }
    }
    if (read.understood && best.length) {
      // « maths 4e exercices »: the level and discipline said more than the words.
      const found = await this._find(request, [], tags);
      if (found.total) {
        help.partial = true;
        return { found, help };
      }
    }
    help.suggestions = await this._suggest(request.tags, read, text);
    return { found: first, help };
  }

  private _find(
    request: IAssistedSearch,
    words: string[],
    tags: ISearchFilter['tags'],
    match: ISearchFilter['match'] = 'all'
  ): Promise<IIndexAnswer> {
    return this._index.search(
      { words, tags, match },
      request.sort ?? (words.length ? 'relevance' : 'recent'),
      request.limit,
      request.offset
    );
  }

  /**
   * Searches near one that found nothing: without its levels, without its
   * disciplines, without either; each word alone; the words in the disciplines and
   * levels where they are found. Each is counted; those that find nothing are left out.
   */
  private async _suggest(
    chosen: ISearchFilter['tags'],
    read: IReadQuery,
    text: string
  ): Promise<ISearchHelp['suggestions']> {
    const valuesOf = (kind: string) =>
      Private.withFacets(chosen, read.facets).find(tag => tag.kind === kind)
        ?.values ?? [];
    const disciplines = valuesOf('discipline');
    const levels = valuesOf('level');
    const others = chosen.filter(
      tag => tag.kind !== 'discipline' && tag.kind !== 'level'
    );
    const candidates: Omit<ISearchSuggestion, 'total'>[] = [];
    const words = [...new Set(text.split(' ').filter(w => analyze(w).length))];
    const texts = words.length > 1 ? [text, ...words] : [text];
    for (const q of texts) {
      candidates.push(
        { q, disciplines, levels: [] },
        { q, disciplines: [], levels },
        { q, disciplines: [], levels: [] }
      );
    }
    if (words.length) {
      // The chosen facets alone (the words may be the library's blind spot).
      candidates.push(
        { q: '', disciplines, levels: [] },
        { q: '', disciplines: [], levels }
      );
      // The facets where the words are found, most frequent first.
      const around = await this._index.search(
        { words: analyze(text), tags: others, match: 'any' },
        'recent',
        1,
        0
      );
      for (const [kind, key] of [
        ['discipline', 'disciplines'],
        ['level', 'levels']
      ] as const) {
        const counts = Object.entries(around.facets[kind] ?? {})
          .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
          .slice(0, 2);
        for (const [value] of counts) {
          candidates.push({
            q: text,
            disciplines: [],
            levels: [],
            [key]: [value]
          });
        }
      }
    }
    const seen = new Set<string>([JSON.stringify([text, disciplines, levels])]);
    const suggestions: ISearchSuggestion[] = [];
    for (const candidate of candidates) {
      const key = JSON.stringify([
        candidate.q,
        candidate.disciplines,
        candidate.levels
      ]);
      if (seen.has(key) || suggestions.length >= MAX_SUGGESTIONS) {
        continue;
      }
      seen.add(key);
      const total = await this._index.count({
        words: analyze(candidate.q),
        tags: [
          ...others,
          { kind: 'discipline', values: candidate.disciplines },
          { kind: 'level', values: candidate.levels }
        ]
      });
      if (
        total &&
        (candidate.q || candidate.disciplines.length || candidate.levels.length)
      ) {
        suggestions.push({ ...candidate, total });
      }
    }
    return suggestions;
  }
}

namespace Private {
  /** The teacher's filters with the facet values read in the query (OR within each). */
  export function withFacets(
    tags: ISearchFilter['tags'],
    facets: IReadQuery['facets']
  ): ISearchFilter['tags'] {
    const merged = tags.map(tag => ({ ...tag, values: [...tag.values] }));
    for (const kind of ['discipline', 'level'] as const) {
      let tag = merged.find(each => each.kind === kind);
      if (!tag) {
        tag = { kind, values: [] };
        merged.push(tag);
      }
      for (const value of facets[kind]) {
        if (!tag.values.includes(value)) {
          tag.values.push(value);
        }
      }
    }
    return merged;
  }

  /** A text with some of its words replaced (by their folded form), the rest as is. */
  export function replaceWords(
    text: string,
    fixes: Map<string, string>
  ): string {
    return text
      .split(/([^\p{L}\p{N}]+)/u)
      .map(part => fixes.get(fold(part)) ?? part)
      .join('');
  }

  export function nothing(order: SearchOrder): IIndexAnswer {
    return { ids: [], total: 0, order, facets: {}, facetsOver: 0 };
  }
}
