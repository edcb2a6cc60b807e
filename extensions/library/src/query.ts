/**
 * Pure helpers of the library panel: search queries, folder names, form values.
 */

/**
 * How search results are ordered.
 */
export type SortOrder = 'relevance' | 'recent' | 'popular' | 'title';

/**
 * A search of the library, as the panel holds it.
 */
export interface ISearchQuery {
  /** Free text (the hub ignores accents and case). */
  q: string;
  disciplines: readonly string[];
  levels: readonly string[];
  /** Only resources recommended by the inspectorate. */
  endorsed: boolean;
  sort: SortOrder;
  page: number;
  perPage: number;
}

/**
 * A query with nothing chosen.
 */
export const EMPTY_QUERY: ISearchQuery = {
  q: '',
  disciplines: [],
  levels: [],
  endorsed: false,
  sort: 'relevance',
  page: 1,
  perPage: 10
};

/**
 * Whether a query asks for nothing in particular (the panel then shows « Pour vous »).
 */
export function isEmptyQuery(query: ISearchQuery): boolean {
  return (
    !query.q.trim() &&
    !query.disciplines.length &&
    !query.levels.length &&
    !query.endorsed
  );
}

/**
 * The query string of `GET /library/resources` (without the `?`).
 *
 * Repeated facets become repeated parameters (`discipline=a&discipline=b`); empty
 * values and defaults are left out so that equal searches give equal URLs.
 */
export function buildSearchQuery(query: ISearchQuery): string {
  const params = new URLSearchParams();
  const q = query.q.trim().replace(/\s+/g, ' ').slice(0, 200);
  if (q) {
    params.append('q', q);
  }
  for (const id of [...new Set(query.disciplines)].slice(0, 20)) {
    params.append('discipline', id);
  }
  for (const id of [...new Set(query.levels)].slice(0, 20)) {
    params.append('level', id);
  }
  if (query.endorsed) {
    params.append('endorsed', '1');
  }
  if (query.sort !== 'relevance') {
    params.append('sort', query.sort);
  }
  params.append('page', String(Math.max(1, Math.floor(query.page))));
  params.append('perPage', String(Math.max(1, Math.floor(query.perPage))));
  return params.toString();
}

/**
 * Add a value to a list, or remove it if present (a checkbox of a facet).
 */
export function toggle(values: readonly string[], value: string): string[] {
  return values.includes(value)
    ? values.filter(v => v !== value)
    : [...values, value];
}

/**
 * The number of pages of a result count.
 */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, perPage)));
}

/**
 * A folder name for a resource's title: no accents, lower case, words joined by `-`.
 *
 * « Équations du second degré » gives `equations-du-second-degre`.
 */
export function slugify(title: string, maxLength = 60): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
  return slug || 'ressource';
}

/**
 * The first name of `base`, `base (2)`, `base (3)`… that `exists` does not know:
 * opening a copy never overwrites a folder.
 */
export async function uniqueName(
  base: string,
  exists: (name: string) => boolean | Promise<boolean>
): Promise<string> {
  for (let n = 1; n < 10_000; n++) {
    const name = n === 1 ? base : `${base} (${n})`;
    if (!(await exists(name))) {
      return name;
    }
  }
  throw new Error(`no free name for ${base}`);
}

/**
 * Keywords typed as « a, b, c »: trimmed, without empty or repeated entries.
 */
export function parseKeywords(text: string): string[] {
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const raw of text.split(',')) {
    const keyword = raw.trim().replace(/\s+/g, ' ');
    if (keyword && !seen.has(keyword.toLowerCase())) {
      seen.add(keyword.toLowerCase());
      keywords.push(keyword);
    }
  }
  return keywords;
}

/**
 * The text of UTF-8 bytes.
 */
export function bytesToText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}
