import { HubApi, HubBody, HubClient, HubSchema } from '@candyce/core';

import { postEventStream } from './stream';

/**
 * An environment as the hub describes it.
 */
export type IEnvironment = HubSchema<'Environment'>;

/**
 * A file of a software list (Binder/repo2docker format): `requirements.txt`,
 * `runtime.txt`, `environment.yml`, `apt.txt`, `postBuild`, optionally under `binder/`.
 */
export type ISoftwareFile = HubSchema<'SoftwareFile'>;

/**
 * One package of a lock.
 */
export type ILockedPackage = HubSchema<'LockedPackage'>;

/**
 * A lock: everything needed to rebuild the same environment (the engine's `ILock`).
 */
export type ILock = HubSchema<'Lock'>;

/**
 * One step of a resolution or a build, as the engine reports it.
 */
export type IProgressEvent = HubSchema<'EnvironmentProgress'>;

/**
 * The Python versions the hub can build with, and the one a list naming none gets:
 * `''` when the hub has no `python3` (it answers null), the draft's « not known ».
 */
export type IEnvironmentOptions = Omit<
  HubSchema<'PythonOptions'>,
  'defaultPython'
> & { defaultPython: string };

/**
 * The environments part of the hub API (`/hub/api/v1/environments`), typed by its
 * contract (`hub/openapi.yml`).
 */
export class EnvironmentsApi {
  constructor(readonly hub: HubClient) {
    this._api = new HubApi(hub);
  }

  /**
   * The Python versions offered (any signed-in user).
   */
  async options(): Promise<IEnvironmentOptions> {
    const answer = await this._api.get('/environments/options');
    return { ...answer, defaultPython: answer.defaultPython ?? '' };
  }

  /**
   * Package names starting with or containing `q` (teachers, authors, admins).
   */
  async searchPackages(q: string, limit = 20): Promise<string[]> {
    const answer = await this._api.get('/environments/packages', {
      query: { q, limit: String(limit) }
    });
    return answer.packages.map(p => p.name);
  }

  /**
   * One environment (404 when the hub does not know it).
   */
  async get(id: string): Promise<IEnvironment> {
    const answer = await this._api.get('/environments/{id}', {
      params: { id }
    });
    return answer.environment;
  }

  /**
   * Register a lock carried by a notebook (teachers, authors, admins).
   *
   * @param id - the environment id the notebook names: the hub refuses a lock that
   *   does not hash to it.
   */
  async registerLock(
    lock: ILock,
    files: ISoftwareFile[],
    id?: string,
    name?: string
  ): Promise<IEnvironment> {
    const answer = await this._api.post('/environments/locks', {
      body: {
        ...(id === undefined ? {} : { id }),
        ...(name ? { name } : {}),
        lock,
        files
      }
    });
    return answer.environment;
  }

  /**
   * Rename an environment (its author; the hub refuses others).
   */
  async rename(id: string, name: string): Promise<IEnvironment> {
    const answer = await this._api.patch('/environments/{id}', {
      params: { id },
      body: { name }
    });
    return answer.environment;
  }

  /**
   * Resolve a software list into a lock, streaming the progress; closing the request
   * (`signal`) cancels it on the hub.
   */
  resolve(
    files: ISoftwareFile[],
    onProgress: (event: IProgressEvent) => void,
    signal?: AbortSignal,
    name?: string
  ): Promise<IEnvironment> {
    const body: HubBody<'post', '/environments/resolve'> = name
      ? { files, name }
      : { files };
    return this._stream(
      HubApi.path('/environments/resolve'),
      body,
      onProgress,
      signal
    );
  }

  /**
   * Build a known environment (once for every concurrent caller), streaming the
   * progress.
   */
  build(
    id: string,
    onProgress: (event: IProgressEvent) => void,
    signal?: AbortSignal
  ): Promise<IEnvironment> {
    // The operation takes no body; an event stream is still asked for with JSON.
    return this._stream(
      HubApi.path('/environments/{id}/build', { params: { id } }),
      {},
      onProgress,
      signal
    );
  }

  private async _stream(
    path: string,
    body: unknown,
    onProgress: (event: IProgressEvent) => void,
    signal?: AbortSignal
  ): Promise<IEnvironment> {
    // The `result` event of the stream, as the contract describes it.
    const answer = await postEventStream<HubSchema<'EnvironmentResult'>>(
      this.hub,
      path,
      body,
      data => onProgress(data as IProgressEvent),
      signal
    );
    return answer.environment;
  }

  private _api: HubApi;
}
