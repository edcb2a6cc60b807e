import { Kysely, PostgresAdapter, RawBuilder, sql } from 'kysely';

import { IDatabase } from '../db/schema';
import { analyze } from './analyze';
import { termsOf, Vocabulary } from './vocabulary';

/**
 * The text of a resource's current version, by field (weights: title > keywords >
 * summary > notebooks), and its facet values.
 */
export interface ISearchDocument {
  title: string;
  keywords: string;
  summary: string;
  body: string;
  tags: ITag[];
}

/**
 * A facet value: `discipline`/`nsi`, `level`/`1re`, `licence`/…, `language`/…,
 * `endorsed`/`oui`.
 */
export interface ITag {
  kind: string;
  value: string;
}

/**
 * What a search asks for: words (all of them, or `any` of them), and facet values (OR
 * within a facet, AND across).
 */
export interface ISearchFilter {
  words: string[];
  tags: { kind: string; values: string[] }[];
  match?: 'all' | 'any';
}

/**
 * How results are ordered; `relevance` needs words.
 */
export type SearchOrder = 'relevance' | 'recent' | 'popular' | 'title';

/**
 * What the index answers.
 */
export interface IIndexAnswer {
  /** Resource ids of the page, in order. */
  ids: string[];
  /** How many resources match (exact). */
  total: number;
  /** The order actually used (see `SearchIndex.search`). */
  order: SearchOrder;
  /**
   * Facet counts, by kind then value, over the first `facetsOver` results; a filtered
   * facet's counts are those of the search without that facet's own filter (so that a
   * teacher sees what ticking one more value would add), over its first `facetsOver`.
   */
  facets: Record<string, Record<string, number>>;
  facetsOver: number;
}

/** The notebooks' text indexed per resource, at most (a huge notebook is cut). */
const MAX_BODY_CHARS = 200_000;

/**
 * Ranking by relevance, popularity or title reads every match; past this many, results
 * come newest first, which the index reads in order and stops early.
 */
export const MAX_RANKED = 10_000;

/** Facet counts cover at most this many results (the first ones, in the order used). */
export const FACET_SAMPLE = 500;

/**
 * The full-text index of the library, the one place that knows SQLite's FTS5 from
 * PostgreSQL's `tsvector`. Both receive words analysed by the hub (see analyze.ts) and
 * facet values as words of their own, so both find the same resources; only the
 * relevance formula differs (BM25, `ts_rank`).
 *
 * Costs stay bounded on a large library: the total is a count in the index, filters are
 * words of the index, ranking reads every match only up to `MAX_RANKED` of them, and
 * facet counts cover the first `FACET_SAMPLE` results (all of them when fewer match).
 */
export class SearchIndex {
  constructor(
    private readonly _db: Kysely<IDatabase>,
    private readonly _limits = {
      maxRanked: MAX_RANKED,
      facetSample: FACET_SAMPLE
    }
  ) {
    this._postgres = _db.getExecutor().adapter instanceof PostgresAdapter;
  }

  /**
   * Index (or index again) a resource, inside the caller's transaction.
   *
   * @param first - whether the resource was never indexed (nothing to replace).
   * @param terms - where to count the document's vocabulary terms, written by
   *   `putTerms` once for many documents (an import); without it, written now.
   */
  async put(
    trx: Kysely<IDatabase>,
    resourceId: string,
    document: ISearchDocument,
    first = false,
    terms?: Map<string, number>
  ): Promise<void> {
    const words = {
      title: analyze(document.title).join(' '),
      keywords: analyze(document.keywords).join(' '),
      summary: analyze(document.summary).join(' '),
      body: analyze(document.body.slice(0, MAX_BODY_CHARS)).join(' '),
      tags: document.tags.map(Private.tagWord).join(' ')
    };
    const counts = terms ?? new Map<string, number>();
    for (const word of termsOf(
      `${document.title} ${document.keywords} ${document.summary}`
    )) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    if (!terms) {
      await this.putTerms(trx, counts);
    }
    if (this._postgres) {
      await sql`DELETE FROM library_search WHERE resource_id = ${resourceId}`.execute(
        trx
      );
      await sql`INSERT INTO library_search (resource_id, updated_at, tags, document)
        SELECT ${resourceId}, r.updated_at, ${words.tags},
          setweight(to_tsvector('simple', ${words.title}), 'A') ||
          setweight(to_tsvector('simple', ${words.keywords}), 'B') ||
          setweight(to_tsvector('simple', ${words.summary}), 'C') ||
          setweight(to_tsvector('simple', ${words.body}), 'D') ||
          to_tsvector('simple', ${words.tags})
        FROM library_resources r WHERE r.id = ${resourceId}`.execute(trx);
      return;
    }
    // SQLite: the old row is found by its rowid (kept on the resource), the new one
    // gets the next rowid, so that rowid order is the order of publication.
    if (!first) {
      await sql`DELETE FROM library_search WHERE rowid =
        (SELECT search_rowid FROM library_resources WHERE id = ${resourceId})`.execute(
        trx
      );
    }
    const inserted = await sql`INSERT INTO library_search
        (resource_id, title, keywords, summary, body, tags)
      VALUES (${resourceId}, ${words.title}, ${words.keywords}, ${words.summary},
        ${words.body}, ${words.tags})`.execute(trx);
    await trx
      .updateTable('library_resources')
      .set({ search_rowid: Number(inserted.insertId) })
      .where('id', '=', resourceId)
      .execute();
  }

  /**
   * Change a resource's facet values (an endorsement) in place: same words, same rank
   * among the newest.
   */
  async setTags(
    trx: Kysely<IDatabase>,
    resourceId: string,
    tags: ITag[]
  ): Promise<void> {
    const words = tags.map(Private.tagWord).join(' ');
    if (this._postgres) {
      // Drop the old facet words from the vector, add the new ones.
      await sql`UPDATE library_search SET tags = ${words},
          document = ts_delete(document, string_to_array(tags, ' ')) ||
            to_tsvector('simple', ${words})
        WHERE resource_id = ${resourceId}`.execute(trx);
    } else {
      await sql`UPDATE library_search SET tags = ${words} WHERE rowid =
        (SELECT search_rowid FROM library_resources WHERE id = ${resourceId})`.execute(
        trx
      );
    }
  }

  /**
   * A page of matches, their total, and facet counts.
   *
   * @param order - wanted; `relevance` without words, or any order but `recent` over
   *   more than `MAX_RANKED` matches, gives `recent` (said in the answer).
   */
  async search(
    filter: ISearchFilter,
    order: SearchOrder,
    limit: number,
    offset: number
  ): Promise<IIndexAnswer> {
    const query = Private.query(filter, this._postgres);
    const total = await this._count(query);
    let used: SearchOrder =
      order === 'relevance' && !filter.words.length ? 'recent' : order;
    // Without a query, every order is an index of the resources table: no limit.
    if (query !== null && used !== 'recent' && total > this._limits.maxRanked) {
      used = 'recent';
    }
    const facets: Record<string, Record<string, number>> = {};
    let ids: string[] = [];
    let facetsOver = 0;
    if (total && offset < total) {
      const take = Math.max(
        offset + limit,
        Math.min(this._limits.facetSample, total)
      );
      const ranked = await this._ranked(query, used, take);
      facetsOver = Math.min(this._limits.facetSample, ranked.length);
      Private.countTags(ranked.slice(0, facetsOver), facets, null);
      ids = ranked.slice(offset, offset + limit).map(row => row.id);
    }
    // A filtered facet counts without its own filter: OR within it can widen.
    for (const group of filter.tags.filter(({ values }) => values.length)) {
      const without = Private.query(
        { ...filter, tags: filter.tags.filter(other => other !== group) },
        this._postgres
      );
      const sample = await this._ranked(
        without,
        'recent',
        this._limits.facetSample
      );
      facets[group.kind] = {};
      Private.countTags(sample, facets, group.kind);
    }
    return { ids, total, order: used, facets, facetsOver };
  }

  /**
   * How many resources a filter finds (a suggestion's count).
   */
  count(filter: ISearchFilter): Promise<number> {
    return this._count(Private.query(filter, this._postgres));
  }

  /**
   * The library's words, read once from `library_terms`, then kept up to date as
   * resources are indexed.
   */
  vocabulary(): Promise<Vocabulary> {
    this._vocabulary ??= this._db
      .selectFrom('library_terms')
      .select(['word', 'docs'])
      .execute()
      .then(rows => {
        const vocabulary = new Vocabulary();
        vocabulary.load(rows.map(row => ({ ...row, docs: Number(row.docs) })));
        return vocabulary;
      });
    return this._vocabulary;
  }

  /**
   * A text column compared byte by byte (SQLite's default; PostgreSQL's `C` collation),
   * so that both databases sort alike.
   */
  binary(column: RawBuilder<unknown>): RawBuilder<unknown> {
    return this._postgres ? sql`${column} COLLATE "C"` : column;
  }

  /**
   * Count versions' terms: how many of the versions held each (a new version counts
   * again: words are never taken out, and a correction is only offered once a search
   * found something with it).
   */
  async putTerms(
    trx: Kysely<IDatabase>,
    counts: Map<string, number>
  ): Promise<void> {
    if (!counts.size) {
      return;
    }
    // One statement whatever the number of words, its list as one parameter.
    const list = JSON.stringify([...counts]);
    await (
      this._postgres
        ? sql`INSERT INTO library_terms (word, docs)
            SELECT entry->>0, (entry->>1)::integer
            FROM json_array_elements(${list}::json) AS entry
            ON CONFLICT (word) DO UPDATE SET docs = library_terms.docs + excluded.docs`
        : sql`INSERT INTO library_terms (word, docs)
            SELECT value->>0, value->>1 FROM json_each(${list}) WHERE true
            ON CONFLICT (word) DO UPDATE SET docs = docs + excluded.docs`
    ).execute(trx);
    const vocabulary = this._vocabulary;
    void vocabulary?.then(known => {
      for (const [word, docs] of counts) {
        known.add([word], docs);
      }
    });
  }

  private async _count(query: string | null): Promise<number> {
    const count =
      query === null
        ? sql<{
            n: number | string;
          }>`SELECT COUNT(*) AS n FROM library_resources`
        : this._postgres
          ? sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM library_search
              WHERE document @@ to_tsquery('simple', ${query})`
          : sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM library_search
              WHERE library_search MATCH ${query}`;
    return Number((await count.execute(this._db)).rows[0].n);
  }

  /** The first `take` matches in `order`, with their facet words. */
  private async _ranked(
    query: string | null,
    order: SearchOrder,
    take: number
  ): Promise<{ id: string; tags: string }[]> {
    if (this._postgres) {
      const where =
        query === null
          ? sql``
          : sql`WHERE s.document @@ to_tsquery('simple', ${query})`;
      const by = {
        relevance: sql`ts_rank(s.document, to_tsquery('simple', ${query ?? ''})) DESC, s.updated_at DESC, s.resource_id`,
        recent: sql`s.updated_at DESC, s.resource_id`,
        popular: sql`r.popularity DESC, s.updated_at DESC, s.resource_id`,
        title: sql`r.title_key COLLATE "C", r.id`
      }[order];
      const { rows } = await sql<{ id: string; tags: string }>`
        SELECT s.resource_id AS id, s.tags AS tags
        FROM library_search s JOIN library_resources r ON r.id = s.resource_id
        ${where} ORDER BY ${by} LIMIT ${take}`.execute(this._db);
      return rows;
    }
    // SQLite: rank on rowids (cheap), then read the columns of the few kept.
    let rowids: number[];
    if (query !== null && (order === 'relevance' || order === 'recent')) {
      const by =
        order === 'relevance'
          ? sql`bm25(library_search, 0.0, 10.0, 5.0, 3.0, 1.0, 0.0), rowid DESC`
          : sql`rowid DESC`;
      const { rows } = await sql<{ rowid: number }>`
        SELECT rowid FROM library_search WHERE library_search MATCH ${query}
        ORDER BY ${by} LIMIT ${take}`.execute(this._db);
      rowids = rows.map(row => row.rowid);
    } else {
      const by = {
        relevance: sql`r.search_rowid DESC`,
        recent: sql`r.search_rowid DESC`,
        popular: sql`r.popularity DESC, r.search_rowid DESC`,
        title: sql`r.title_key, r.id`
      }[order];
      const { rows } = await (
        query === null
          ? sql<{ rowid: number }>`SELECT r.search_rowid AS rowid
            FROM library_resources r ORDER BY ${by} LIMIT ${take}`
          : sql<{ rowid: number }>`SELECT s.rowid AS rowid FROM library_search s
            JOIN library_resources r ON r.search_rowid = s.rowid
            WHERE library_search MATCH ${query} ORDER BY ${by} LIMIT ${take}`
      ).execute(this._db);
      rowids = rows.map(row => row.rowid);
    }
    if (!rowids.length) {
      return [];
    }
    // Read from FTS5's own content table (`id`, then one column `c<n>` per column in
    // order: c0 resource_id, c5 tags): through the virtual table, each row is a
    // look-up of its own and every column is read, five times slower. The rowids go
    // as one JSON parameter: one statement prepared once, not one per list length
    // with 500 parameters to compile and check.
    const { rows } = await sql<{ rowid: number; id: string; tags: string }>`
      SELECT id AS rowid, c0 AS id, c5 AS tags FROM library_search_content
      WHERE id IN (SELECT value FROM json_each(${JSON.stringify(rowids)}))`.execute(
      this._db
    );
    const byRowid = new Map(rows.map(row => [row.rowid, row]));
    return rowids.flatMap(rowid => byRowid.get(rowid) ?? []);
  }

  private readonly _postgres: boolean;
  private _vocabulary: Promise<Vocabulary> | null = null;
}

namespace Private {
  /**
   * A facet value as one word of the index: `z<kind>z<value in hex>` (letters and digits
   * only, so that no tokenizer splits it, and no analysed word looks like it).
   */
  export function tagWord(tag: ITag): string {
    return `z${tag.kind}z${Buffer.from(tag.value, 'utf8').toString('hex')}`;
  }

  /** Add the facet words of rows to counts (of one kind, or of all). */
  export function countTags(
    rows: readonly { tags: string }[],
    facets: Record<string, Record<string, number>>,
    kind: string | null
  ): void {
    for (const { tags } of rows) {
      for (const tag of tagsOf(tags)) {
        if (kind === null || tag.kind === kind) {
          const counts = (facets[tag.kind] ??= {});
          counts[tag.value] = (counts[tag.value] ?? 0) + 1;
        }
      }
    }
  }

  /**
   * The facet values of a row's facet words (a library has a few hundred distinct
   * combinations; facet counts read thousands of rows per search).
   */
  function tagsOf(words: string): ITag[] {
    let tags = tagsMemo.get(words);
    if (tags === undefined) {
      tags = words.split(' ').flatMap(word => tagOf(word) ?? []);
      if (tagsMemo.size >= 10_000) {
        tagsMemo.clear();
      }
      tagsMemo.set(words, tags);
    }
    return tags;
  }

  const tagsMemo = new Map<string, ITag[]>();

  export function tagOf(word: string): ITag | null {
    let tag = tagMemo.get(word);
    if (tag === undefined) {
      const found = TAG_WORD.exec(word);
      tag = found
        ? {
            kind: found[1],
            value: Buffer.from(found[2], 'hex').toString('utf8')
          }
        : null;
      if (tagMemo.size >= 10_000) {
        tagMemo.clear();
      }
      tagMemo.set(word, tag);
    }
    return tag;
  }

  const tagMemo = new Map<string, ITag | null>();

  /** A facet word (`tagWord`): its kind and its value in hex. */
  const TAG_WORD = /^z([a-z]+)z([0-9a-f]+)$/;

  /**
   * The index query of a filter, or null for « everything ». Analysed words and facet
   * words hold only letters and digits: nothing to escape.
   */
  export function query(
    filter: ISearchFilter,
    postgres: boolean
  ): string | null {
    const words = [...new Set(filter.words)];
    const groups = filter.tags
      .filter(({ values }) => values.length)
      .map(({ kind, values }) => values.map(value => tagWord({ kind, value })));
    if (!words.length && !groups.length) {
      return null;
    }
    const any = filter.match === 'any' && words.length > 1;
    if (postgres) {
      const text = words.map(word => `'${word}'`);
      return [
        ...(any ? [`(${text.join(' | ')})`] : text),
        ...groups.map(group => `(${group.map(w => `'${w}'`).join(' | ')})`)
      ].join(' & ');
    }
    // A word needs no column filter: facet words live in `tags` only and no analysed
    // word looks like one. A filter makes FTS5 read every match's positions to check
    // its column: twice the cost of counting a frequent word. (Typed text shaped like
    // a facet word keeps the filter.)
    const scope = words.some(word => TAG_WORD.test(word))
      ? '{title keywords summary body} : '
      : '';
    const text = words.map(word => `"${word}"`);
    return [
      ...(any
        ? [`${scope}(${text.join(' OR ')})`]
        : text.map(word => `${scope}${word}`)),
      ...groups.map(
        group => `tags : (${group.map(w => `"${w}"`).join(' OR ')})`
      )
    ].join(' AND ');
  }
}
