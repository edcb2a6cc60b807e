import { randomUUID } from 'crypto';

import { INotebookEnvironments } from '../environments/notebooks';
import { DomainError, trans } from '../errors';
import { IUser } from '../users/service';
import { BlobStore } from '../storage/blobs';
import { checkFiles, IResourceFile } from './files';
import { checkMetadata, IResourceMetadata } from './metadata';
import {
  FACET_KINDS,
  IFileRow,
  IResourceRow,
  LibraryStore,
  SearchSort,
  VersionConflict
} from './store';
import { QueryFacetReader } from './queryFacets';
import { ISearchHelp, SearchAssistant } from './searchAssistant';
import { ITaxonomy } from './taxonomy';

/**
 * A search as the API receives it (already typed by the route).
 */
export interface ISearchRequest {
  q?: string;
  disciplines?: string[];
  levels?: string[];
  licences?: string[];
  languages?: string[];
  endorsed?: boolean;
  sort?: SearchSort;
  page?: number;
  perPage?: number;
}

/**
 * A page of results.
 */
export interface ISearchPage {
  total: number;
  page: number;
  perPage: number;
  /** The order used: `recent` instead of the one asked when too many match. */
  order: SearchSort;
  results: IResourceRow[];
  /** Counts per facet value over the first `facetsOver` results (all when fewer). */
  facets: Record<string, Record<string, number>>;
  facetsOver: number;
}

/**
 * A page of results with what the search made of the query (facet words read,
 * corrections, suggestions: see searchAssistant.ts).
 */
export type ISearchAnswer = ISearchPage & ISearchHelp;

/** Results per page, at most. */
export const MAX_PER_PAGE = 50;

/**
 * The library: publishing resources and their immutable versions, search, endorsements
 * and usage. Rights are decided by the routes (policy); this service checks content.
 */
export class LibraryService {
  constructor(
    private readonly _store: LibraryStore,
    private readonly _blobs: BlobStore,
    readonly taxonomy: ITaxonomy,
    private readonly _now: () => Date = () => new Date(),
    private readonly _environments: INotebookEnvironments | null = null
  ) {}

  /**
   * Publish a new resource.
   *
   * Files are checked (paths, sizes, notebooks against the nbformat schema) and metadata
   * against the taxonomy before anything is stored; files are then stored by content
   * hash and the version written in one transaction: a failure leaves no resource.
   *
   * @throws {DomainError} 400 / 413 with a French message.
   */
  async publish(
    author: IUser,
    input: {
      metadata: unknown;
      files: IResourceFile[];
      environmentId?: string | null;
    }
  ): Promise<IResourceRow> {
    const resourceId = randomUUID();
    await this._write(author, resourceId, 1, author.id, input);
    return (await this._store.rows([resourceId]))[0];
  }

  /**
   * Publish a new version of a resource (its owner, or an admin: the route decides).
   * Earlier versions stay as they were.
   *
   * @throws {DomainError} 404 unknown resource; 409 when another version was published
   *   meanwhile; 400 / 413 for bad content.
   */
  async publishVersion(
    author: IUser,
    resourceId: string,
    input: {
      metadata: unknown;
      files: IResourceFile[];
      environmentId?: string | null;
    }
  ): Promise<IResourceRow> {
    const current = await this.getOr404(resourceId);
    await this._write(
      author,
      resourceId,
      current.version + 1,
      current.ownerId ?? author.id,
      input
    );
    return (await this._store.rows([resourceId]))[0];
  }

  /**
   * A resource's current version.
   *
   * @throws {DomainError} 404.
   */
  async getOr404(resourceId: string): Promise<IResourceRow> {
    const [row] = await this._store.rows([resourceId]);
    if (!row) {
      throw Private.notFound();
    }
    return row;
  }

  /**
   * A version's metadata and files.
   *
   * @throws {DomainError} 404.
   */
  async versionOr404(
    resourceId: string,
    version: number
  ): Promise<{
    metadata: IResourceMetadata;
    environmentId: string | null;
    publishedAt: string;
    files: IFileRow[];
  }> {
    const found = await this._store.version(resourceId, version);
    if (!found) {
      throw Private.notFound();
    }
    return { ...found, files: await this._store.files(resourceId, version) };
  }

  /**
   * A version's metadata and files with their bytes (what an export holds).
   *
   * @throws {DomainError} 404.
   */
  async versionContents(
    resourceId: string,
    version: number
  ): Promise<{ metadata: IResourceMetadata; files: IResourceFile[] }> {
    const found = await this.versionOr404(resourceId, version);
    const files: IResourceFile[] = [];
    for (const file of found.files) {
      files.push({
        path: file.path,
        content: await this._blobs.get(file.sha256)
      });
    }
    return { metadata: found.metadata, files };
  }

  /**
   * The versions of a resource, newest first.
   */
  versions(resourceId: string): ReturnType<LibraryStore['versions']> {
    return this._store.versions(resourceId);
  }

  /**
   * The bytes of a file of a version.
   *
   * @throws {DomainError} 404.
   */
  async file(
    resourceId: string,
    version: number,
    path: string
  ): Promise<{ file: IFileRow; content: Buffer }> {
    const file = (await this._store.files(resourceId, version)).find(
      candidate => candidate.path === path
    );
    if (!file) {
      throw new DomainError(
        'not_found',
        trans.__('This file does not exist in this version.')
      );
    }
    return { file, content: await this._blobs.get(file.sha256) };
  }

  /**
   * The resources one of whose versions runs on an environment, by latest title.
   */
  resourcesUsing(
    environmentId: string
  ): Promise<{ id: string; title: string }[]> {
    return this._store.resourcesUsing(environmentId);
  }

  /** How many resources name each environment (the collector keeps those). */
  environmentReferences(): Promise<Map<string, number>> {
    return this._store.environmentReferences();
  }

  /**
   * Search: French full text (accents and endings ignored), facets, sort, pages.
   *
   * @throws {DomainError} 400 for an unknown facet value or sort.
   */
  async search(request: ISearchRequest): Promise<ISearchAnswer> {
    const perPage = Math.min(Math.max(request.perPage ?? 20, 1), MAX_PER_PAGE);
    const page = Math.max(request.page ?? 1, 1);
    const tags = [
      {
        kind: 'discipline',
        values: request.disciplines ?? [],
        known: this.taxonomy.disciplines
      },
      {
        kind: 'level',
        values: request.levels ?? [],
        known: this.taxonomy.levels
      },
      {
        kind: 'licence',
        values: request.licences ?? [],
        known: this.taxonomy.licences
      },
      {
        kind: 'language',
        values: request.languages ?? [],
        known: this.taxonomy.languages
      }
    ];
    for (const { kind, values, known } of tags) {
      const unknown = values.find(
        value => !known.some(entry => entry.id === value)
      );
      if (unknown !== undefined) {
        throw new DomainError(
          'invalid_filter',
          trans.__('Unknown filter: %1 = “%2”.', kind, unknown.slice(0, 40))
        );
      }
    }
    const { found, help } = await this._assistant.search({
      q: request.q ?? '',
      tags: [
        ...tags.map(({ kind, values }) => ({ kind, values })),
        { kind: 'endorsed', values: request.endorsed ? ['oui'] : [] }
      ],
      sort: request.sort,
      limit: perPage,
      offset: (page - 1) * perPage
    });
    return {
      total: found.total,
      page,
      perPage,
      order: found.order,
      results: await this._store.rows(found.ids),
      facets: Private.allFacets(found.facets),
      facetsOver: found.facetsOver,
      ...help
    };
  }

  /**
   * Endorse a resource (or withdraw one's endorsement): `peer` by teachers, `inspection`
   * by inspectors (the route checks the role).
   *
   * @throws {DomainError} 404.
   */
  async endorse(
    user: IUser,
    resourceId: string,
    kind: 'peer' | 'inspection',
    on: boolean
  ): Promise<IResourceRow> {
    if (
      !(await this._store.endorse(
        resourceId,
        user.id,
        kind,
        this._now().toISOString(),
        on
      ))
    ) {
      throw Private.notFound();
    }
    return this.getOr404(resourceId);
  }

  /**
   * Who endorsed a resource.
   */
  endorsers(resourceId: string): ReturnType<LibraryStore['endorsers']> {
    return this._store.endorsers(resourceId);
  }

  /**
   * Record that a user opened a copy of a resource (or assigned it): counts for reuse
   * and co-usage recommendations.
   *
   * @throws {DomainError} 404.
   */
  async recordUse(
    user: IUser,
    resourceId: string,
    kind: 'open' | 'assign'
  ): Promise<void> {
    await this.getOr404(resourceId);
    await this._store.recordUse(
      resourceId,
      user.id,
      kind,
      this._now().toISOString()
    );
  }

  /**
   * Resources by discipline and level, and their reuses between two times (the
   * programme's dashboard).
   */
  figures(since: string, before: string): ReturnType<LibraryStore['figures']> {
    return this._store.figures(since, before);
  }

  /**
   * The resources these users reused between two times, by discipline and level (an
   * establishment's dashboard: its teachers).
   */
  figuresOfUsers(
    userIds: readonly string[],
    since: string,
    before: string
  ): ReturnType<LibraryStore['figuresOfUsers']> {
    return this._store.figuresOfUsers(userIds, since, before);
  }

  /** Teachers' profiles, by user id (the dashboards' disciplines). */
  profiles(userIds: readonly string[]): ReturnType<LibraryStore['profiles']> {
    return this._store.profiles(userIds);
  }

  /**
   * A teacher's profile (what they teach), or null when never set.
   */
  profile(userId: string): ReturnType<LibraryStore['profile']> {
    return this._store.profile(userId);
  }

  /**
   * Record that a user looks at their recommendations; when their previous visit was
   * (null on the first).
   */
  visit(userId: string): Promise<string | null> {
    return this._store.visit(userId, this._now().toISOString());
  }

  /**
   * Set a teacher's profile.
   *
   * @throws {DomainError} 400 for an unknown discipline or level.
   */
  async setProfile(
    userId: string,
    profile: { disciplines: string[]; levels: string[] }
  ): Promise<void> {
    const known = (entries: { id: string }[], values: string[]) =>
      values.every(value => entries.some(entry => entry.id === value));
    if (
      !known(this.taxonomy.disciplines, profile.disciplines) ||
      !known(this.taxonomy.levels, profile.levels)
    ) {
      throw new DomainError(
        'invalid_profile',
        trans.__('Unknown subject or level.')
      );
    }
    await this._store.setProfile(
      userId,
      {
        disciplines: [...new Set(profile.disciplines)],
        levels: [...new Set(profile.levels)]
      },
      this._now().toISOString()
    );
  }

  private async _write(
    author: IUser,
    resourceId: string,
    version: number,
    ownerId: string,
    input: {
      metadata: unknown;
      files: IResourceFile[];
      environmentId?: string | null;
    }
  ): Promise<void> {
    const metadata = checkMetadata(this.taxonomy, input.metadata);
    const { files, notebookText } = checkFiles(input.files);
    // A notebook pinned with the « Environnement » panel names the version's
    // environment; otherwise the one given (the seed resources' standard ones). Its
    // name, unless the panel gave one, is the resource's title: what a teacher who
    // opens a copy sees in the kernel picker.
    const [pinned] =
      (await this._environments?.registerFromNotebooks(files, author.id, {
        title: metadata.title
      })) ?? [];
    const stored: IFileRow[] = [];
    for (const file of files) {
      stored.push({
        path: file.path,
        sha256: await this._blobs.put(file.content),
        size: file.content.length
      });
    }
    try {
      await this._store.writeVersion({
        resourceId,
        version,
        ownerId,
        publishedBy: author.id,
        metadata,
        environmentId: pinned ?? input.environmentId ?? null,
        files: stored,
        notebookText: `${notebookText}`,
        at: this._now().toISOString()
      });
    } catch (error) {
      if (error instanceof VersionConflict) {
        throw new DomainError(
          'version_conflict',
          trans.__(
            'Another version has just been published: reload the resource and try again.'
          )
        );
      }
      throw error;
    }
  }

  /** Query understanding and corrections above the index, made at the first search. */
  private get _assistant(): SearchAssistant {
    this._searchAssistant ??= new SearchAssistant(
      this._store.index,
      new QueryFacetReader(this.taxonomy)
    );
    return this._searchAssistant;
  }

  private _searchAssistant: SearchAssistant | null = null;
}

namespace Private {
  /** Every facet, empty ones included. */
  export function allFacets(
    found: Record<string, Record<string, number>>
  ): Record<string, Record<string, number>> {
    return Object.fromEntries(
      [...FACET_KINDS, 'endorsed'].map(kind => [kind, found[kind] ?? {}])
    );
  }

  export function notFound(): DomainError {
    return new DomainError(
      'not_found',
      trans.__('This resource does not exist.')
    );
  }
}
