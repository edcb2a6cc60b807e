import { HubAnswer, HubApi, HubClient, HubSchema } from '@candyce/core';

import { libraryActivity } from './activity';
import type { IPinnedEnvironment } from './environment';
import { buildSearchQuery, ISearchQuery } from './query';

/**
 * One entry of the library's taxonomy: a stable id and its French label (levels: their
 * `stage`; licences: the `url` of their text; disciplines: `taught`, the name in a
 * sentence, with its article).
 */
export type ITaxonomyEntry = HubSchema<'TaxonomyEntry'>;

/**
 * Disciplines, levels, languages and licences, as `GET /library/taxonomy` answers.
 */
export type ITaxonomy = HubSchema<'Taxonomy'>;

/**
 * What a teacher says about a resource when publishing it.
 */
export type IResourceMetadata = HubSchema<'Metadata'>;

/**
 * A resource as search results and recommendations list it.
 */
export type IResourceSummary = HubSchema<'ResourceSummary'>;

/**
 * A file of a version.
 */
export type IResourceFileInfo = HubSchema<'FileEntry'>;

/**
 * A resource with its versions, endorsements and what the caller may do.
 */
export type IResourceDetail = HubSchema<'ResourceDetail'>;

/**
 * A page of search results, with the counts of each facet value.
 */
export type ISearchPage = HubSchema<'SearchPage'>;

/**
 * A recommendation and the sentences that explain it.
 */
export type IRecommendation = HubAnswer<
  'get',
  '/library/recommendations'
>['recommendations'][number];

/**
 * What a teacher teaches (« Ce que j'enseigne »), as recommendations read it: saved, or
 * pre-filled from the levels of their classes (`saved` false).
 */
export type ITeachingProfile = HubSchema<'TeachingProfile'>;

/**
 * A file to publish: its relative path and its bytes in base64.
 */
export type IPublishFile = HubSchema<'PublishBody'>['files'][number];

/**
 * The library API of the hub, typed by its contract (`hub/openapi.yml`).
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
  ) {
    this._api = new HubApi(hub);
  }

  taxonomy(): Promise<ITaxonomy> {
    return this._api.get('/library/taxonomy');
  }

  search(query: ISearchQuery): Promise<ISearchPage> {
    return this._api.get('/library/resources', {
      query: new URLSearchParams(buildSearchQuery(query))
    });
  }

  async resource(id: string): Promise<IResourceDetail> {
    const resource = await this._api.get('/library/resources/{id}', {
      params: { id }
    });
    libraryActivity.emit({ kind: 'viewed', resourceId: id });
    return resource;
  }

  profile(): Promise<ITeachingProfile> {
    return this._api.get('/library/profile');
  }

  setProfile(profile: {
    disciplines: string[];
    levels: string[];
  }): Promise<ITeachingProfile> {
    return this._api.put('/library/profile', { body: profile });
  }

  recommendations(): Promise<IRecommendation[]> {
    return this._api
      .get('/library/recommendations')
      .then(answer => answer.recommendations);
  }

  endorse(
    id: string,
    kind: 'peer' | 'inspection',
    on: boolean
  ): Promise<IResourceDetail> {
    const path = '/library/resources/{id}/endorsements/{kind}';
    if (!on) {
      return this._api.delete(path, { params: { id, kind } });
    }
    return this._api.put(path, { params: { id, kind } }).then(resource => {
      libraryActivity.emit({ kind: 'endorsed', resourceId: id });
      return resource;
    });
  }

  /**
   * Record that a copy was opened (`open`) or handed out (`assign`); an opened copy is
   * also a learning trace (`ILibrary.activity`), recorded or not by the hub.
   */
  recordUse(id: string, kind: 'open' | 'assign'): Promise<void> {
    if (kind === 'open') {
      libraryActivity.emit({ kind: 'copied', resourceId: id });
    }
    return this._api.post('/library/resources/{id}/uses', {
      params: { id },
      body: { kind }
    });
  }

  publish(
    metadata: IResourceMetadata,
    files: IPublishFile[],
    resourceId?: string
  ): Promise<IResourceSummary> {
    const body = { metadata, files };
    return resourceId
      ? this._api.post('/library/resources/{id}/versions', {
          params: { id: resourceId },
          body
        })
      : this._api.post('/library/resources', { body });
  }

  /**
   * The environment a version is pinned to (the hub's environments API).
   */
  environment(id: string): Promise<IPinnedEnvironment> {
    return this._api
      .get('/environments/{id}', { params: { id } })
      .then(answer => answer.environment);
  }

  /**
   * The URL of a file of a version (the hub answers it as an attachment).
   */
  fileUrl(id: string, version: number, path: string): string {
    return this._api.url(
      '/library/resources/{id}/versions/{version}/files/{path}',
      { params: { id, version: String(version), path } }
    );
  }

  /**
   * The URL of a version as a Binder-compatible zip (an attachment).
   */
  exportUrl(id: string, version: number): string {
    return this._api.url(
      '/library/resources/{id}/versions/{version}/export.zip',
      { params: { id, version: String(version) } }
    );
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

  private _api: HubApi;
}
