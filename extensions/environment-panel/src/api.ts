import type { HubClient } from '@candyce/core';
// Types only, and a devDependency: the builder shares (so bundles) every package of
// `dependencies`, and the engine's code is Node's, not the browser's.
import type { IEnvironment } from '@candyce/environments';

import { postEventStream } from './stream';

/** An environment as the hub describes it, declared once by the engine's package. */
export type { IEnvironment };

/**
 * A file of a software list (Binder/repo2docker format): `requirements.txt`,
 * `runtime.txt`, `environment.yml`, `apt.txt`, `postBuild`, optionally under `binder/`.
 */
export interface ISoftwareFile {
  path: string;
  content: string;
}

/**
 * One package of a lock.
 */
export interface ILockedPackage {
  name: string;
  version: string;
  /** The wheel or sdist chosen. */
  file: string;
  sha256: string;
}

/**
 * A lock: everything needed to rebuild the same environment (the engine's `ILock`).
 */
export interface ILock {
  lockVersion: number;
  python: { implementation: string; version: string };
  platform: { system: string; machine: string; tag: string };
  packages: ILockedPackage[];
}

/**
 * One step of a resolution or a build, as the engine reports it.
 */
export interface IProgressEvent {
  phase: string;
  /** A short French sentence. */
  message: string;
  /** From 0 to 1, when known. */
  fraction?: number;
  /** A raw line of the tools' output. */
  log?: string;
}

/**
 * The Python versions the hub can build with.
 */
export interface IEnvironmentOptions {
  pythons: string[];
  defaultPython: string;
}

/**
 * The environments part of the hub API (`/hub/api/v1/environments`).
 */
export class EnvironmentsApi {
  constructor(readonly hub: HubClient) {}

  /**
   * The Python versions offered (any signed-in user).
   */
  options(): Promise<IEnvironmentOptions> {
    return this.hub.get<IEnvironmentOptions>('environments/options');
  }

  /**
   * Package names starting with or containing `q` (teachers, authors, admins).
   */
  async searchPackages(q: string, limit = 20): Promise<string[]> {
    const params = new URLSearchParams({ q, limit: String(limit) });
    const answer = await this.hub.get<{ packages: { name: string }[] }>(
      `environments/packages?${params}`
    );
    return answer.packages.map(p => p.name);
  }

  /**
   * One environment (404 when the hub does not know it).
   */
  async get(id: string): Promise<IEnvironment> {
    const answer = await this.hub.get<{ environment: IEnvironment }>(
      `environments/${encodeURIComponent(id)}`
    );
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
    id?: string
  ): Promise<IEnvironment> {
    const answer = await this.hub.post<{ environment: IEnvironment }>(
      'environments/locks',
      id === undefined ? { lock, files } : { id, lock, files }
    );
    return answer.environment;
  }

  /**
   * Resolve a software list into a lock, streaming the progress; closing the request
   * (`signal`) cancels it on the hub.
   */
  resolve(
    files: ISoftwareFile[],
    onProgress: (event: IProgressEvent) => void,
    signal?: AbortSignal
  ): Promise<IEnvironment> {
    return this._stream('environments/resolve', { files }, onProgress, signal);
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
    return this._stream(
      `environments/${encodeURIComponent(id)}/build`,
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
    const answer = await postEventStream<{ environment: IEnvironment }>(
      this.hub,
      path,
      body,
      data => onProgress(data as IProgressEvent),
      signal
    );
    return answer.environment;
  }
}
