import { Kysely, Selectable } from 'kysely';

import {
  IDatabase,
  ILibraryResourcesTable,
  ILibraryVersionsTable
} from '../db/schema';
import { fold } from './analyze';
import { IResourceMetadata } from './metadata';
import { endorsedTag } from './resourceCounters';
import { ITag, SearchIndex } from './searchIndex';

/**
 * A resource's current version as lists show it.
 */
export interface IResourceRow {
  id: string;
  ownerId: string | null;
  version: number;
  metadata: IResourceMetadata;
  environmentId: string | null;
  createdAt: string;
  updatedAt: string;
  uses: number;
  endorsements: { peer: number; inspection: number };
}

/**
 * A file of a version.
 */
export interface IFileRow {
  path: string;
  sha256: string;
  size: number;
}

/**
 * A version to write.
 */
export interface IVersionWrite {
  resourceId: string;
  version: number;
  ownerId: string;
  publishedBy: string;
  metadata: IResourceMetadata;
  environmentId: string | null;
  files: IFileRow[];
  notebookText: string;
  at: string;
}

/**
 * Thrown when two new versions of one resource race: the second is refused.
 */
export class VersionConflict extends Error {}

/**
 * The SQL of resources and their versions: `library_resources`, `library_versions`,
 * `library_files` and `library_tags`, kept in step with the search index.
 */
export class ResourceStore {
  /**
   * @param _index - the search index each new version is written to.
   */
  constructor(
    private readonly _db: Kysely<IDatabase>,
    private readonly _index: SearchIndex
  ) {}

  /**
   * Write a new version (the first creates the resource), its files, facets and index
   * entry, in one transaction.
   */
  async writeVersion(version: IVersionWrite): Promise<void> {
    await this._db
      .transaction()
      .execute(trx => this.writeVersionIn(trx, version));
  }

  /**
   * Write many versions inside the caller's transaction (an import): each as
   * `writeVersionIn`, their vocabulary counted once for all.
   */
  async writeVersionsIn(
    trx: Kysely<IDatabase>,
    versions: readonly IVersionWrite[]
  ): Promise<void> {
    const batch: Private.IBatch = { terms: new Map(), index: [] };
    for (const version of versions) {
      await this.writeVersionIn(trx, version, batch);
    }
    // The full-text index after the other tables: SQLite's FTS5 writes its pending
    // entries to disk at each later statement of the transaction, which made every
    // resource of an import a segment of its own (five times slower).
    for (const put of batch.index) {
      await put();
    }
    await this._index.putTerms(trx, batch.terms);
  }

  /**
   * The same inside the caller's transaction.
   *
   * @param batch - where `writeVersionsIn` gathers the vocabulary and index writes.
   */
  async writeVersionIn(
    trx: Kysely<IDatabase>,
    version: IVersionWrite,
    batch?: Private.IBatch
  ): Promise<void> {
    const { resourceId, metadata: meta, at } = version;
    if (version.version === 1) {
      await trx
        .insertInto('library_resources')
        .values({
          id: resourceId,
          owner_id: version.ownerId,
          current_version: 1,
          title: meta.title,
          title_key: fold(meta.title),
          created_at: at,
          updated_at: at
        })
        .execute();
    } else {
      const updated = await trx
        .updateTable('library_resources')
        .set({
          current_version: version.version,
          title: meta.title,
          title_key: fold(meta.title),
          updated_at: at
        })
        .where('id', '=', resourceId)
        .where('current_version', '=', version.version - 1)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) {
        throw new VersionConflict();
      }
    }
    await trx
      .insertInto('library_versions')
      .values({
        resource_id: resourceId,
        version: version.version,
        title: meta.title,
        summary: meta.summary,
        language: meta.language,
        duration_minutes: meta.durationMinutes,
        licence: meta.licence,
        authors: JSON.stringify(meta.authors),
        keywords: JSON.stringify(meta.keywords),
        disciplines: JSON.stringify(meta.disciplines),
        levels: JSON.stringify(meta.levels),
        environment_id: version.environmentId,
        published_by: version.publishedBy,
        published_at: at
      })
      .execute();
    if (version.files.length) {
      await trx
        .insertInto('library_files')
        .values(
          version.files.map(file => ({
            resource_id: resourceId,
            version: version.version,
            path: file.path,
            sha256: file.sha256,
            size: file.size
          }))
        )
        .execute();
    }
    // A first version has nothing to replace (an import writes thousands of them).
    const first = version.version === 1;
    if (!first) {
      await trx
        .deleteFrom('library_tags')
        .where('resource_id', '=', resourceId)
        .execute();
    }
    const tags: ITag[] = [
      ...meta.disciplines.map(value => ({ kind: 'discipline', value })),
      ...meta.levels.map(value => ({ kind: 'level', value })),
      { kind: 'licence', value: meta.licence },
      { kind: 'language', value: meta.language }
    ];
    await trx
      .insertInto('library_tags')
      .values(tags.map(tag => ({ resource_id: resourceId, ...tag })))
      .execute();
    const counters = first
      ? { peer_endorsements: 0, inspection_endorsements: 0 }
      : await trx
          .selectFrom('library_resources')
          .select(['peer_endorsements', 'inspection_endorsements'])
          .where('id', '=', resourceId)
          .executeTakeFirstOrThrow();
    const put = () =>
      this._index.put(
        trx,
        resourceId,
        {
          title: meta.title,
          keywords: meta.keywords.join(' '),
          summary: meta.summary,
          body: version.notebookText,
          tags: [...tags, ...endorsedTag(counters)]
        },
        first,
        batch?.terms
      );
    if (batch) {
      batch.index.push(put);
    } else {
      await put();
    }
    await trx
      .insertInto('library_events')
      .values({
        user_id: version.publishedBy,
        resource_id: resourceId,
        kind: 'publish',
        at
      })
      .execute();
  }

  /**
   * Resources by id, current versions, in the order of `ids`.
   */
  async rows(ids: readonly string[]): Promise<IResourceRow[]> {
    if (!ids.length) {
      return [];
    }
    const found = await this._db
      .selectFrom('library_resources as r')
      .innerJoin('library_versions as v', join =>
        join
          .onRef('v.resource_id', '=', 'r.id')
          .onRef('v.version', '=', 'r.current_version')
      )
      .selectAll('v')
      .select([
        'r.id',
        'r.owner_id',
        'r.created_at',
        'r.updated_at',
        'r.uses',
        'r.peer_endorsements',
        'r.inspection_endorsements'
      ])
      .where('r.id', 'in', ids)
      .execute();
    const byId = new Map(found.map(row => [row.id, Private.toRow(row)]));
    return ids.flatMap(id => byId.get(id) ?? []);
  }

  /**
   * A resource's versions (number, date, who), newest first.
   */
  async versions(resourceId: string): Promise<
    {
      version: number;
      title: string;
      publishedAt: string;
      publishedBy: string | null;
    }[]
  > {
    const rows = await this._db
      .selectFrom('library_versions')
      .select(['version', 'title', 'published_at', 'published_by'])
      .where('resource_id', '=', resourceId)
      .orderBy('version', 'desc')
      .execute();
    return rows.map(row => ({
      version: row.version,
      title: row.title,
      publishedAt: row.published_at,
      publishedBy: row.published_by
    }));
  }

  /**
   * One version's metadata, or null.
   */
  async version(
    resourceId: string,
    version: number
  ): Promise<{
    metadata: IResourceMetadata;
    environmentId: string | null;
    publishedAt: string;
  } | null> {
    const row = await this._db
      .selectFrom('library_versions')
      .selectAll()
      .where('resource_id', '=', resourceId)
      .where('version', '=', version)
      .executeTakeFirst();
    return row
      ? {
          metadata: Private.metadataOf(row),
          environmentId: row.environment_id,
          publishedAt: row.published_at
        }
      : null;
  }

  /**
   * The files of a version, by path.
   */
  async files(resourceId: string, version: number): Promise<IFileRow[]> {
    return this._db
      .selectFrom('library_files')
      .select(['path', 'sha256', 'size'])
      .where('resource_id', '=', resourceId)
      .where('version', '=', version)
      .orderBy('path')
      .execute();
  }

  /**
   * How many resources name each environment in one of their versions (garbage
   * collection keeps those environments).
   */
  async environmentReferences(): Promise<Map<string, number>> {
    const rows = await this._db
      .selectFrom('library_versions')
      .select(eb => [
        'environment_id',
        eb.fn.count<number>('resource_id').distinct().as('n')
      ])
      .where('environment_id', 'is not', null)
      .groupBy('environment_id')
      .execute();
    return new Map(rows.map(row => [row.environment_id!, Number(row.n)]));
  }

  /**
   * The resources one of whose versions runs on an environment, with their latest
   * title (the admin's page of the environment).
   */
  async resourcesUsing(
    environmentId: string
  ): Promise<{ id: string; title: string }[]> {
    const ids = await this._db
      .selectFrom('library_versions')
      .select('resource_id')
      .distinct()
      .where('environment_id', '=', environmentId)
      .execute();
    const rows = await this.rows(ids.map(row => row.resource_id));
    return rows.map(row => ({ id: row.id, title: row.metadata.title }));
  }

  /**
   * How many resources the library holds.
   */
  async count(): Promise<number> {
    const row = await this._db
      .selectFrom('library_resources')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

namespace Private {
  /** What `writeVersionsIn` writes once all versions' rows are written. */
  export interface IBatch {
    terms: Map<string, number>;
    index: (() => Promise<void>)[];
  }

  export function metadataOf(
    row: Omit<Selectable<ILibraryVersionsTable>, 'resource_id'>
  ): IResourceMetadata {
    return {
      title: row.title,
      summary: row.summary,
      disciplines: JSON.parse(row.disciplines),
      levels: JSON.parse(row.levels),
      keywords: JSON.parse(row.keywords),
      language: row.language,
      durationMinutes: Number(row.duration_minutes),
      licence: row.licence,
      authors: JSON.parse(row.authors)
    };
  }

  export function toRow(
    row: Selectable<ILibraryVersionsTable> &
      Pick<
        Selectable<ILibraryResourcesTable>,
        | 'id'
        | 'owner_id'
        | 'created_at'
        | 'updated_at'
        | 'uses'
        | 'peer_endorsements'
        | 'inspection_endorsements'
      >
  ): IResourceRow {
    return {
      id: row.id,
      ownerId: row.owner_id,
      version: Number(row.version),
      metadata: metadataOf(row),
      environmentId: row.environment_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      uses: Number(row.uses),
      endorsements: {
        peer: Number(row.peer_endorsements),
        inspection: Number(row.inspection_endorsements)
      }
    };
  }
}
