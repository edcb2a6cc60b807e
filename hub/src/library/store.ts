import { Kysely } from 'kysely';

import { IDatabase } from '../db/schema';
import { EndorsementStore } from './endorsementStore';
import { ILibraryProfile, ProfileStore } from './profileStore';
import { IVersionWrite, ResourceStore } from './resourceStore';
import {
  IIndexAnswer,
  ISearchFilter,
  SearchIndex,
  SearchOrder
} from './searchIndex';
import { UsageStore } from './usageStore';
import { VisitStore } from './visitStore';

export type { ILibraryProfile } from './profileStore';
export type { IFileRow, IResourceRow, IVersionWrite } from './resourceStore';
export { VersionConflict } from './resourceStore';

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
 * The library's SQL: resources, versions, files, facets, endorsements, usage, profiles,
 * visits.
 * Only this module (and the stores it gathers, one per group of tables) reads these
 * tables; the service and the recommender see this one object.
 */
export class LibraryStore {
  constructor(
    db: Kysely<IDatabase>,
    limits?: ConstructorParameters<typeof SearchIndex>[1]
  ) {
    this.index = new SearchIndex(db, limits);
    this._resources = new ResourceStore(db, this.index);
    this._endorsements = new EndorsementStore(db, this.index);
    this._usage = new UsageStore(db);
    this._profiles = new ProfileStore(db);
    this._visits = new VisitStore(db);
  }

  readonly index: SearchIndex;

  /** See {@link ResourceStore.writeVersion}. */
  writeVersion(version: IVersionWrite): Promise<void> {
    return this._resources.writeVersion(version);
  }

  /** See {@link ResourceStore.writeVersionIn}. */
  writeVersionIn(
    trx: Kysely<IDatabase>,
    version: IVersionWrite
  ): Promise<void> {
    return this._resources.writeVersionIn(trx, version);
  }

  /** See {@link ResourceStore.writeVersionsIn}. */
  writeVersionsIn(
    trx: Kysely<IDatabase>,
    versions: readonly IVersionWrite[]
  ): Promise<void> {
    return this._resources.writeVersionsIn(trx, versions);
  }

  /** See {@link ResourceStore.rows}. */
  rows(ids: readonly string[]): ReturnType<ResourceStore['rows']> {
    return this._resources.rows(ids);
  }

  /** See {@link ResourceStore.versions}. */
  versions(resourceId: string): ReturnType<ResourceStore['versions']> {
    return this._resources.versions(resourceId);
  }

  /** See {@link ResourceStore.version}. */
  version(
    resourceId: string,
    version: number
  ): ReturnType<ResourceStore['version']> {
    return this._resources.version(resourceId, version);
  }

  /** See {@link ResourceStore.files}. */
  files(
    resourceId: string,
    version: number
  ): ReturnType<ResourceStore['files']> {
    return this._resources.files(resourceId, version);
  }

  /** See {@link ResourceStore.resourcesUsing}. */
  resourcesUsing(
    environmentId: string
  ): Promise<{ id: string; title: string }[]> {
    return this._resources.resourcesUsing(environmentId);
  }

  /** See {@link ResourceStore.environmentReferences}. */
  environmentReferences(): Promise<Map<string, number>> {
    return this._resources.environmentReferences();
  }

  /**
   * A page of search results, their total and facet counts (see SearchIndex).
   */
  search(
    filter: ISearchFilter,
    sort: SearchSort,
    limit: number,
    offset: number
  ): Promise<IIndexAnswer> {
    return this.index.search(filter, sort, limit, offset);
  }

  /** See {@link EndorsementStore.endorse}. */
  endorse(
    resourceId: string,
    userId: string,
    kind: 'peer' | 'inspection',
    at: string,
    on: boolean
  ): Promise<boolean> {
    return this._endorsements.endorse(resourceId, userId, kind, at, on);
  }

  /** See {@link EndorsementStore.endorsers}. */
  endorsers(resourceId: string): ReturnType<EndorsementStore['endorsers']> {
    return this._endorsements.endorsers(resourceId);
  }

  /** See {@link EndorsementStore.peerEndorsedBy}. */
  peerEndorsedBy(userId: string): Promise<Set<string>> {
    return this._endorsements.peerEndorsedBy(userId);
  }

  /** See {@link UsageStore.recordUse}. */
  recordUse(
    resourceId: string,
    userId: string,
    kind: 'open' | 'assign',
    at: string
  ): Promise<void> {
    return this._usage.recordUse(resourceId, userId, kind, at);
  }

  /** See {@link UsageStore.usedBy}. */
  usedBy(userId: string, limit?: number): Promise<string[]> {
    return this._usage.usedBy(userId, limit);
  }

  /** See {@link UsageStore.usedAlongside}. */
  usedAlongside(
    userId: string,
    used: readonly string[],
    limit?: number
  ): ReturnType<UsageStore['usedAlongside']> {
    return this._usage.usedAlongside(userId, used, limit);
  }

  /** See {@link UsageStore.taggedAny}. */
  taggedAny(
    tags: { kind: string; value: string }[],
    limit?: number
  ): Promise<string[]> {
    return this._usage.taggedAny(tags, limit);
  }

  /** See {@link UsageStore.popular}. */
  popular(limit: number): Promise<string[]> {
    return this._usage.popular(limit);
  }

  /** See {@link ProfileStore.profile}. */
  profile(userId: string): Promise<ILibraryProfile | null> {
    return this._profiles.profile(userId);
  }

  /** See {@link ProfileStore.profiles}. */
  profiles(userIds: readonly string[]): Promise<Map<string, ILibraryProfile>> {
    return this._profiles.profiles(userIds);
  }

  /** See {@link ProfileStore.setProfile}. */
  setProfile(
    userId: string,
    profile: ILibraryProfile,
    at: string
  ): Promise<void> {
    return this._profiles.setProfile(userId, profile, at);
  }

  /** See {@link VisitStore.visit}. */
  visit(userId: string, at: string): Promise<string | null> {
    return this._visits.visit(userId, at);
  }

  /** See {@link UsageStore.figures}. */
  figures(since: string, before: string): ReturnType<UsageStore['figures']> {
    return this._usage.figures(since, before);
  }

  /** See {@link UsageStore.figuresOfUsers}. */
  figuresOfUsers(
    userIds: readonly string[],
    since: string,
    before: string
  ): ReturnType<UsageStore['figuresOfUsers']> {
    return this._usage.figuresOfUsers(userIds, since, before);
  }

  /** See {@link ResourceStore.count}. */
  count(): Promise<number> {
    return this._resources.count();
  }

  private readonly _resources: ResourceStore;
  private readonly _endorsements: EndorsementStore;
  private readonly _usage: UsageStore;
  private readonly _profiles: ProfileStore;
  private readonly _visits: VisitStore;
}
