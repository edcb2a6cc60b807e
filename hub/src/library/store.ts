import { Kysely, Selectable, sql } from 'kysely';

import {
  Database,
  LibraryResourcesTable,
  LibraryVersionsTable
} from '../db/schema';
import { fold } from './analyze';
import { IResourceMetadata } from './metadata';
import {
  IIndexAnswer,
  ISearchFilter,
  ITag,
  SearchIndex,
  SearchOrder
} from './searchIndex';

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
 * How search results are ordered.
 */
export type SearchSort = SearchOrder;

/** The facets the library counts. */
export const FACET_KINDS = [
  'discipline',
  'level',
  'licence',
  'language'
] as const;

/**
 * The library's SQL: resources, versions, files, facets, endorsements, usage, profiles.
 * Only this module reads these tables.
 */
export class LibraryStore {
  constructor(
    private readonly _db: Kysely<Database>,
    limits?: ConstructorParameters<typeof SearchIndex>[1]
  ) {
    this.index = new SearchIndex(_db, limits);
  }

  readonly index: SearchIndex;

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
   * The same inside the caller's transaction (bulk imports write many at once).
   */
  async writeVersionIn(
    trx: Kysely<Database>,
    version: IVersionWrite
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
    await trx
      .deleteFrom('library_tags')
      .where('resource_id', '=', resourceId)
      .execute();
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
    const counters = await trx
      .selectFrom('library_resources')
      .select(['peer_endorsements', 'inspection_endorsements'])
      .where('id', '=', resourceId)
      .executeTakeFirstOrThrow();
    await this.index.put(trx, resourceId, {
      title: meta.title,
      keywords: meta.keywords.join(' '),
      summary: meta.summary,
      body: version.notebookText,
      tags: [...tags, ...Private.endorsedTag(counters)]
    });
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
   * A page of search results, their total and facet counts (see SearchIndex).
   */
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

  search(
    filter: ISearchFilter,
    sort: SearchSort,
    limit: number,
    offset: number
  ): Promise<IIndexAnswer> {
    return this.index.search(filter, sort, limit, offset);
  }

  /**
   * Record an endorsement (idempotent) and keep the resource's counters right.
   *
   * @returns false if the resource does not exist.
   */
  async endorse(
    resourceId: string,
    userId: string,
    kind: 'peer' | 'inspection',
    at: string,
    on: boolean
  ): Promise<boolean> {
    return this._db.transaction().execute(async trx => {
      const exists = await trx
        .selectFrom('library_resources')
        .select('id')
        .where('id', '=', resourceId)
        .executeTakeFirst();
      if (!exists) {
        return false;
      }
      if (on) {
        await trx
          .insertInto('library_endorsements')
          .values({
            resource_id: resourceId,
            user_id: userId,
            kind,
            created_at: at
          })
          .onConflict(oc => oc.doNothing())
          .execute();
      } else {
        await trx
          .deleteFrom('library_endorsements')
          .where('resource_id', '=', resourceId)
          .where('user_id', '=', userId)
          .where('kind', '=', kind)
          .execute();
      }
      const count = await trx
        .selectFrom('library_endorsements')
        .select(eb => eb.fn.countAll<number>().as('n'))
        .where('resource_id', '=', resourceId)
        .where('kind', '=', kind)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('library_resources')
        .set(
          kind === 'peer'
            ? { peer_endorsements: Number(count.n) }
            : { inspection_endorsements: Number(count.n) }
        )
        .where('id', '=', resourceId)
        .execute();
      await Private.updatePopularity(trx, resourceId);
      const counters = await trx
        .selectFrom('library_resources')
        .select(['peer_endorsements', 'inspection_endorsements'])
        .where('id', '=', resourceId)
        .executeTakeFirstOrThrow();
      const tags = await trx
        .selectFrom('library_tags')
        .select(['kind', 'value'])
        .where('resource_id', '=', resourceId)
        .execute();
      await this.index.setTags(trx, resourceId, [
        ...tags,
        ...Private.endorsedTag(counters)
      ]);
      return true;
    });
  }

  /**
   * Who endorsed a resource: user ids by kind.
   */
  async endorsers(
    resourceId: string
  ): Promise<{ userId: string; kind: string; at: string }[]> {
    const rows = await this._db
      .selectFrom('library_endorsements')
      .select(['user_id', 'kind', 'created_at'])
      .where('resource_id', '=', resourceId)
      .orderBy('created_at')
      .execute();
    return rows.map(row => ({
      userId: row.user_id,
      kind: row.kind,
      at: row.created_at
    }));
  }

  /**
   * Record a use (`open`, `assign`) and count it on the resource.
   */
  async recordUse(
    resourceId: string,
    userId: string,
    kind: 'open' | 'assign',
    at: string
  ): Promise<void> {
    await this._db.transaction().execute(async trx => {
      await trx
        .insertInto('library_events')
        .values({ user_id: userId, resource_id: resourceId, kind, at })
        .execute();
      await trx
        .updateTable('library_resources')
        .set(eb => ({ uses: eb('uses', '+', 1) }))
        .where('id', '=', resourceId)
        .execute();
      await Private.updatePopularity(trx, resourceId);
    });
  }

  /**
   * The resources a user used or published, most recent first (ids, once each).
   */
  async usedBy(userId: string, limit = 200): Promise<string[]> {
    const rows = await this._db
      .selectFrom('library_events')
      .select(['resource_id'])
      .select(eb => eb.fn.max('at').as('last'))
      .where('user_id', '=', userId)
      .groupBy('resource_id')
      .orderBy('last', 'desc')
      .limit(limit)
      .execute();
    return rows.map(row => row.resource_id);
  }

  /**
   * Co-usage: for the resources `used`, the other resources that the same users used,
   * with how many of those users did (the caller excluded).
   */
  async usedAlongside(
    userId: string,
    used: readonly string[],
    limit = 200
  ): Promise<{ resourceId: string; users: number; via: string }[]> {
    if (!used.length) {
      return [];
    }
    // `shared`: colleagues' uses of the caller's resources; `also`: their other uses.
    // Publishing is not using: an author's own versions do not link resources.
    const rows = await this._db
      .selectFrom('library_events as shared')
      .innerJoin('library_events as also', 'also.user_id', 'shared.user_id')
      .select([
        'also.resource_id as resourceId',
        eb => eb.fn.count<number>('also.user_id').distinct().as('users'),
        eb => eb.fn.min('shared.resource_id').as('via')
      ])
      .where('shared.resource_id', 'in', used)
      .where('shared.user_id', '<>', userId)
      .where('shared.kind', '<>', 'publish')
      .where('also.resource_id', 'not in', used)
      .where('also.kind', '<>', 'publish')
      .groupBy('also.resource_id')
      .orderBy('users', 'desc')
      .limit(limit)
      .execute();
    return rows.map(row => ({
      resourceId: row.resourceId,
      users: Number(row.users),
      via: String(row.via)
    }));
  }

  /**
   * Resources whose current version has one of these facet values (for profiles).
   */
  async taggedAny(
    tags: { kind: string; value: string }[],
    limit = 500
  ): Promise<string[]> {
    if (!tags.length) {
      return [];
    }
    const rows = await this._db
      .selectFrom('library_tags')
      .select('resource_id')
      .distinct()
      .where(eb =>
        eb.or(
          tags.map(tag =>
            eb.and([eb('kind', '=', tag.kind), eb('value', '=', tag.value)])
          )
        )
      )
      .limit(limit)
      .execute();
    return rows.map(row => row.resource_id);
  }

  /**
   * The most used and endorsed resources (the popularity baseline, and a fallback).
   */
  async popular(limit: number): Promise<string[]> {
    const rows = await this._db
      .selectFrom('library_resources')
      .select('id')
      .orderBy(
        sql`uses + 3 * peer_endorsements + 10 * inspection_endorsements`,
        'desc'
      )
      .orderBy('updated_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(row => row.id);
  }

  /**
   * A teacher's profile: the disciplines and levels they teach, or null.
   */
  async profile(
    userId: string
  ): Promise<{ disciplines: string[]; levels: string[] } | null> {
    const row = await this._db
      .selectFrom('library_profiles')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row
      ? {
          disciplines: JSON.parse(row.disciplines),
          levels: JSON.parse(row.levels)
        }
      : null;
  }

  /**
   * Set a teacher's profile.
   */
  async setProfile(
    userId: string,
    profile: { disciplines: string[]; levels: string[] },
    at: string
  ): Promise<void> {
    const values = {
      disciplines: JSON.stringify(profile.disciplines),
      levels: JSON.stringify(profile.levels),
      updated_at: at
    };
    await this._db
      .insertInto('library_profiles')
      .values({ user_id: userId, ...values })
      .onConflict(oc => oc.column('user_id').doUpdateSet(values))
      .execute();
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

/**
 * Thrown when two new versions of one resource race: the second is refused.
 */
export class VersionConflict extends Error {}

namespace Private {
  /** Recompute a resource's popularity from its counters. */
  export async function updatePopularity(
    trx: Kysely<Database>,
    resourceId: string
  ): Promise<void> {
    await trx
      .updateTable('library_resources')
      .set(eb => ({
        popularity: eb(
          eb('uses', '+', eb('peer_endorsements', '*', 3)),
          '+',
          eb('inspection_endorsements', '*', 10)
        )
      }))
      .where('id', '=', resourceId)
      .execute();
  }

  /** The `endorsed` facet value of a resource recommended by anyone. */
  export function endorsedTag(counters: {
    peer_endorsements: number;
    inspection_endorsements: number;
  }): ITag[] {
    return Number(counters.peer_endorsements) +
      Number(counters.inspection_endorsements) >
      0
      ? [{ kind: 'endorsed', value: 'oui' }]
      : [];
  }

  export function metadataOf(
    row: Omit<Selectable<LibraryVersionsTable>, 'resource_id'>
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
    row: Selectable<LibraryVersionsTable> &
      Pick<
        Selectable<LibraryResourcesTable>,
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
