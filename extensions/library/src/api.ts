import type { HubClient } from '@candyce/core';

import type { IPinnedEnvironment } from './environment';
import { buildSearchQuery, ISearchQuery } from './query';

/**
 * One entry of the library's taxonomy: a stable id and its French label.
 */
export interface ITaxonomyEntry {
  id: string;
  label: string;
  /** Levels: the stage they belong to. */
  stage?: string;
  /** Licences: the text of the licence. */
  url?: string;
  /** Disciplines: the name in a sentence, with its article. */
  taught?: string;
}

/**
 * Disciplines, levels, languages and licences, as `GET /library/taxonomy` answers.
 */
export interface ITaxonomy {
  levels: ITaxonomyEntry[];
  stages: ITaxonomyEntry[];
  disciplines: ITaxonomyEntry[];
  languages: ITaxonomyEntry[];
  licences: ITaxonomyEntry[];
}

/**
 * What a teacher says about a resource when publishing it.
 */
export interface IResourceMetadata {
  title: string;
  summary: string;
  disciplines: string[];
  levels: string[];
  keywords: string[];
  language: string;
  durationMinutes: number;
  licence: string;
  authors: string[];
}

/**
 * A resource as search results and recommendations list it.
 */
export interface IResourceSummary extends IResourceMetadata {
  id: string;
  version: number;
  environmentId: string | null;
  createdAt: string;
  updatedAt: string;
  uses: number;
  endorsements: { peer: number; inspection: number };
}

/**
 * A file of a version.
 */
export interface IResourceFileInfo {
  path: string;
  sha256: string;
  size: number;
}

/**
 * A resource with its versions, endorsements and what the caller may do.
 */
export interface IResourceDetail extends IResourceSummary {
  owner: string | null;
  files: IResourceFileInfo[];
  versions: {
    version: number;
    title: string;
    publishedAt: string;
    publishedBy: string | null;
  }[];
  endorsedBy: { peer: (string | null)[]; inspection: (string | null)[] };
  mine: { peer: boolean; inspection: boolean };
  can: {
    publishVersion: boolean;
    endorse: boolean;
    endorseForInspection: boolean;
  };
}

/**
 * A page of search results, with the counts of each facet value.
 */
export interface ISearchPage {
  total: number;
  page: number;
  perPage: number;
  /** The order the hub used: `recent` when too many resources match to rank them. */
  order: 'relevance' | 'recent' | 'popular' | 'title';
  results: IResourceSummary[];
  facets: Record<string, Record<string, number>>;
  /** How many results the facet counts cover (the first ones when many match). */
  facetsOver: number;
}

/**
 * A recommendation and the sentences that explain it.
 */
export interface IRecommendation {
  resource: IResourceSummary;
  reasons: string[];
}

/**
 * A file to publish: its relative path and its bytes in base64.
 */
export interface IPublishFile {
  path: string;
  content: string;
}

/**
 * The library API of the hub, typed.
 */
export class LibraryApi {
  /**
   * @param hub - the hub's API client.
   * @param readOnly - a public library read without an account (`libraryUrl`): files
   *   are fetched without credentials, and nothing is written.
   */
  constructor(
    readonly hub: HubClient,
    readonly readOnly = false
  ) {}

  taxonomy(): Promise<ITaxonomy> {
    return this.hub.get<ITaxonomy>('library/taxonomy');
  }

  search(query: ISearchQuery): Promise<ISearchPage> {
    return this.hub.get<ISearchPage>(
      `library/resources?${buildSearchQuery(query)}`
    );
  }

  resource(id: string): Promise<IResourceDetail> {
    return this.hub.get<IResourceDetail>(
      `library/resources/${encodeURIComponent(id)}`
    );
  }

  recommendations(): Promise<IRecommendation[]> {
    return this.hub
      .get<{
        recommendations: IRecommendation[];
      }>('library/recommendations')
      .then(answer => answer.recommendations);
  }

  endorse(
    id: string,
    kind: 'peer' | 'inspection',
    on: boolean
  ): Promise<IResourceDetail> {
    const path = `library/resources/${encodeURIComponent(id)}/endorsements/${kind}`;
    return on
      ? this.hub.put<IResourceDetail>(path)
      : this.hub.delete<IResourceDetail>(path);
  }

  recordUse(id: string, kind: 'open' | 'assign'): Promise<void> {
    return this.hub.post<void>(
      `library/resources/${encodeURIComponent(id)}/uses`,
      { kind }
    );
  }

  publish(
    metadata: IResourceMetadata,
    files: IPublishFile[],
    resourceId?: string
  ): Promise<IResourceSummary> {
    const path = resourceId
      ? `library/resources/${encodeURIComponent(resourceId)}/versions`
      : 'library/resources';
    return this.hub.post<IResourceSummary>(path, { metadata, files });
  }

  /**
   * The environment a version is pinned to (the hub's environments API).
   */
  environment(id: string): Promise<IPinnedEnvironment> {
    return this.hub
      .get<{
        environment: IPinnedEnvironment;
      }>(`environments/${encodeURIComponent(id)}`)
      .then(answer => answer.environment);
  }

  /**
   * The URL of a file of a version (the hub answers it as an attachment).
   */
  fileUrl(id: string, version: number, path: string): string {
    const encoded = path.split('/').map(encodeURIComponent).join('/');
    return `${this.hub.baseUrl}/library/resources/${encodeURIComponent(id)}/versions/${version}/files/${encoded}`;
  }

  /**
   * The URL of a version as a Binder-compatible zip (an attachment).
   */
  exportUrl(id: string, version: number): string {
    return `${this.hub.baseUrl}/library/resources/${encodeURIComponent(id)}/versions/${version}/export.zip`;
  }

  /**
   * The bytes of a file of a version.
   */
  async fileBytes(
    id: string,
    version: number,
    path: string
  ): Promise<Uint8Array> {
    const response = await fetch(this.fileUrl(id, version, path), {
      credentials: this.readOnly ? 'omit' : 'same-origin'
    });
    if (!response.ok) {
      throw new Error(`${path}: HTTP ${response.status}`);
    }
    return new Uint8Array(await response.arrayBuffer());
  }
}
