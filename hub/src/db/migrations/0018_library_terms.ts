import { Kysely, sql } from 'kysely';

/**
 * `library_terms`: the words of the library's titles, keywords and summaries (lower
 * case, accents folded, as written rather than stemmed) and how many indexed versions
 * held each. The search corrects typed words against it (« pythagorre » → « pythagore »,
 * library/vocabulary.ts); library/searchIndex.ts fills it as it indexes. Resources
 * published before this migration are counted from their current versions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('library_terms')
    .addColumn('word', 'text', col => col.primaryKey())
    .addColumn('docs', 'integer', col => col.notNull())
    .execute();
  const { rows } = await sql<{
    title: string;
    keywords: string;
    summary: string;
  }>`SELECT v.title, v.keywords, v.summary FROM library_versions v
    JOIN library_resources r
      ON r.id = v.resource_id AND r.current_version = v.version`.execute(db);
  const docs = new Map<string, number>();
  for (const row of rows) {
    const keywords = (JSON.parse(row.keywords) as string[]).join(' ');
    for (const word of termsOf(`${row.title} ${keywords} ${row.summary}`)) {
      docs.set(word, (docs.get(word) ?? 0) + 1);
    }
  }
  const entries = [...docs];
  for (let i = 0; i < entries.length; i += 500) {
    await db
      .insertInto('library_terms' as never)
      .values(
        entries
          .slice(i, i + 500)
          .map(([word, n]) => ({ word, docs: n }) as never)
      )
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('library_terms').execute();
}

/**
 * The distinct terms of a text, as at this migration (the hub's own rule, which may
 * change later, is library/vocabulary.ts's `termsOf`: a migration keeps its own copy).
 */
function termsOf(text: string): Set<string> {
  const folded = text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
  return new Set(
    folded
      .split(/[^\p{L}\p{N}]+/u)
      .filter(word => word.length >= 3 && word.length <= 40 && !/\d/.test(word))
  );
}
