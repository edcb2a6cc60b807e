import {
  checkLockFits,
  EnvironmentError,
  EnvironmentStore,
  exportRepository,
  findPython,
  lockId,
  resolve,
  shortId,
  type IEnvironment,
  type ILock,
  type IPackageSource,
  type ISoftwareFile,
  type ISoftwareList,
  type ProgressCallback
} from '@candyce/environments';
import { promises as fs } from 'fs';
import * as path from 'path';

import { DomainError, trans } from '../errors';
import { IUser } from '../users/service';
import { writeZip } from '../util/zip';
import { Kernelspecs } from './kernelspecs';
import { PackageIndex } from './packageIndex';
import { IPythonOptions, PythonOptions } from './pythons';
import { ENVIRONMENT_ID } from './schemas';
import { IStandardEnvironment } from './standard';
import { EnvironmentRecordStore, IEnvironmentRecord } from './store';
import { environmentView } from './views';

/** How the hub resolves, builds and keeps environments. */
export interface IEnvironmentServiceOptions {
  /** The store (`environmentsDir`), created if missing. */
  dir: string;
  /** Where packages come from (`packageIndexUrl`, `packageFindLinks`…). */
  source: IPackageSource;
  /** A Python with pip (the Candyce venv's), asked for pip's configured index. */
  pipPython: string;
  /** The standard environments (binder-configs), known from the start. */
  standard: readonly IStandardEnvironment[];
  log: { info: (object: unknown, message: string) => void };
  now?: () => Date;
}

/** What a call that resolves or builds may pass. */
export interface IOperationOptions {
  /** Aborted when the caller goes away. */
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}

/**
 * Environments: resolving software lists into locks, building locks into the store
 * (one build per id however many ask), their kernelspecs, the locks notebooks carry,
 * and exports for repo2docker. Rights are decided by the routes; garbage collection is
 * {@link EnvironmentCollector}'s.
 */
export class EnvironmentService {
  private constructor(
    readonly records: EnvironmentRecordStore,
    readonly store: EnvironmentStore,
    readonly kernelspecs: Kernelspecs,
    private readonly _options: IEnvironmentServiceOptions,
    private readonly _index: PackageIndex,
    private readonly _pythons: PythonOptions,
    private readonly _knownNames: Set<string>
  ) {}

  /**
   * Open the store (one per hub), record the standard environments, and make the
   * kernelspecs match the built environments.
   */
  static async open(
    records: EnvironmentRecordStore,
    options: IEnvironmentServiceOptions
  ): Promise<EnvironmentService> {
    await fs.mkdir(options.dir, { recursive: true });
    // Kernelspecs name the real path: the sandbox binds the store at its real path.
    const dir = await fs.realpath(options.dir);
    const store = await EnvironmentStore.open(dir, options.source);
    const now = (options.now ?? (() => new Date()))().toISOString();
    for (const env of options.standard) {
      await records.add({
        id: env.id,
        lock: env.lock,
        files: env.files,
        python: env.lock.python.version,
        addedRequirements: [],
        createdBy: null,
        createdAt: now,
        lastUsedAt: null
      });
    }
    const names = new Set<string>();
    for (const record of await records.all()) {
      record.lock.packages.forEach(item => names.add(item.name));
    }
    const service = new EnvironmentService(
      records,
      store,
      new Kernelspecs(path.join(dir, 'jupyter')),
      { ...options, dir },
      new PackageIndex({
        ...options.source,
        findLinks: options.source.findLinks ?? [],
        noIndex: options.source.noIndex ?? false,
        usePipConfig: options.source.usePipConfig ?? true,
        pipPython: options.pipPython
      }),
      new PythonOptions(),
      names
    );
    await service.syncKernelspecs();
    // Asked now, so that the panel's first call does not wait for every interpreter.
    void service.options();
    return service;
  }

  /** The store's folder (real path). */
  get dir(): string {
    return this._options.dir;
  }

  /** The standard environments' ids. */
  get standardIds(): string[] {
    return this._options.standard.map(env => env.id);
  }

  /** The Python versions environments can be built with here. */
  options(): Promise<IPythonOptions> {
    return this._pythons.get();
  }

  /**
   * Package names for a search: the index's and those of known locks.
   *
   * @throws {DomainError} 503 `index_unreachable`.
   */
  searchPackages(query: string, limit: number): Promise<string[]> {
    return this._index.search(query, limit, this._knownNames);
  }

  /**
   * Resolve a checked software list (see `checkSoftwareList`) into a lock and record it;
   * `ipykernel` is added when the list lacks it, so that a kernel can run.
   *
   * @throws EnvironmentError in French (`not-found`, `conflict`, `python-missing`,
   *   `build-failed`, `cancelled`…)
   */
  async resolve(
    checked: { files: ISoftwareFile[]; list: ISoftwareList },
    user: IUser,
    options: IOperationOptions = {}
  ): Promise<IEnvironment> {
    const { files, list } = checked;
    const added = Private.withKernel(list);
    const lock = await resolve(list, {
      ...this._options.source,
      signal: options.signal,
      onProgress: options.onProgress
    });
    const id = lockId(lock);
    const createdAt = this._now();
    await this._record({
      id,
      lock,
      files,
      python: lock.python.version,
      addedRequirements: added,
      createdBy: user.id,
      createdAt,
      lastUsedAt: null
    });
    const built = await this.store.has(id);
    if (built) {
      await this.kernelspecs.write(id, lock, this.store.pathOf(id));
    }
    // The caller's list, even when another list gave the same lock first.
    return environmentView(
      id,
      { lock, files, addedRequirements: added, createdAt },
      built
    );
  }

  /**
   * Build a known environment unless it is built (concurrent callers share one build),
   * write its kernelspec, and note the use (an opened notebook asks for it).
   *
   * @throws {DomainError} 400 / 404 for a bad or unknown id; EnvironmentError in French
   *   (`platform-mismatch`, `python-missing`, `build-failed`, `cancelled`…).
   */
  async build(
    id: string,
    options: IOperationOptions = {}
  ): Promise<IEnvironment> {
    const record = await this.recordOr404(id);
    await this.records.touch(id, this._now());
    const result = await this.store.ensure(record.lock, options);
    if (result.built) {
      this._options.log.info(
        {
          environment: shortId(id),
          ms: result.ms,
          addedBytes: result.addedBytes
        },
        'environment built'
      );
    }
    await this.kernelspecs.write(id, record.lock, result.path);
    return environmentView(id, record, true);
  }

  /**
   * Register a lock a notebook carries (made elsewhere). It is checked against its id
   * when one is given.
   *
   * @returns the environment, and whether the hub did not know it.
   * @throws {DomainError} 400 `environment_mismatch` when the id is not the lock's.
   */
  async registerLock(
    lock: ILock,
    files: ISoftwareFile[],
    userId: string | null,
    expectedId?: string
  ): Promise<{ environment: IEnvironment; created: boolean }> {
    const id = lockId(lock);
    if (expectedId !== undefined && expectedId !== id) {
      throw new DomainError(
        'environment_mismatch',
        trans.__(
          'This lock does not match environment %1: it has been changed. Pin the software list again.',
          shortId(expectedId)
        )
      );
    }
    const created = await this._record({
      id,
      lock,
      files,
      python: lock.python.version,
      addedRequirements: [],
      createdBy: userId,
      createdAt: this._now(),
      lastUsedAt: null
    });
    return { environment: await this.get(id), created };
  }

  /**
   * Refuse a lock that cannot be built here (another platform, or a Python this
   * machine lacks).
   *
   * @throws {DomainError} 400 `platform_mismatch` or `python_missing`, in French.
   */
  async checkFits(lock: ILock): Promise<void> {
    try {
      checkLockFits(lock, await findPython(lock.python.version));
    } catch (error) {
      if (error instanceof EnvironmentError) {
        // The engine's message is French: told as it is.
        throw new DomainError(
          Private.refusalCode(error),
          trans.__('%1', error.message)
        );
      }
      throw error;
    }
  }

  /**
   * A known environment.
   *
   * @throws {DomainError} 400 `invalid_environment_id`, 404 `environment_unknown`.
   */
  async get(id: string): Promise<IEnvironment> {
    const record = await this.recordOr404(id);
    return environmentView(id, record, await this.store.has(id));
  }

  /**
   * A known environment as a zip that repo2docker builds as is, and its file name.
   *
   * @throws {DomainError} 400, 404.
   */
  async repositoryZip(id: string): Promise<{ name: string; zip: Buffer }> {
    const record = await this.recordOr404(id);
    const files = exportRepository(record.lock, record.files);
    return {
      name: `environnement-${shortId(id)}.zip`,
      zip: writeZip(
        files.map(file => ({
          path: file.path,
          content: Buffer.from(file.content),
          executable: file.path === 'postBuild'
        }))
      )
    };
  }

  /**
   * The record of a known environment.
   *
   * @throws {DomainError} 400 `invalid_environment_id`, 404 `environment_unknown`.
   */
  async recordOr404(id: string): Promise<IEnvironmentRecord> {
    if (!ENVIRONMENT_ID.test(id)) {
      throw new DomainError(
        'invalid_environment_id',
        trans.__('Invalid environment id (64 hexadecimal characters expected).')
      );
    }
    const record = await this.records.get(id);
    if (!record) {
      throw new DomainError(
        'environment_unknown',
        trans.__(
          "The platform does not know this environment: pin the notebook's software list again."
        )
      );
    }
    return record;
  }

  /** Write the kernelspecs of the built environments, remove the others'. */
  async syncKernelspecs(): Promise<void> {
    const built = new Map<string, { lock: ILock; envDir: string }>();
    for (const id of await this.store.list()) {
      const lock =
        (await this.records.get(id))?.lock ?? (await this.store.lockOf(id));
      built.set(id, { lock, envDir: this.store.pathOf(id) });
    }
    await this.kernelspecs.sync(built);
  }

  /** Record an environment; its package names join the search. */
  private async _record(record: IEnvironmentRecord): Promise<boolean> {
    record.lock.packages.forEach(item => this._knownNames.add(item.name));
    return this.records.add(record);
  }

  private _now(): string {
    return (this._options.now ?? (() => new Date()))().toISOString();
  }
}

namespace Private {
  /**
   * The hub's code for an engine failure refusing a lock: the engine's, with `_`.
   */
  export function refusalCode(
    error: EnvironmentError
  ): 'platform_mismatch' | 'python_missing' | 'tool_failed' {
    return error.code === 'python-missing' || error.code === 'platform-mismatch'
      ? (error.code.replace('-', '_') as 'platform_mismatch' | 'python_missing')
      : 'tool_failed';
  }

  /**
   * Add `ipykernel` to a list that does not name it.
   *
   * @returns what was added.
   */
  export function withKernel(list: ISoftwareList): string[] {
    const names = list.requirements.map(item =>
      (/^[A-Za-z0-9._-]+/.exec(item.text)?.[0] ?? '')
        .toLowerCase()
        .replace(/[-_.]+/g, '-')
    );
    if (names.includes('ipykernel')) {
      return [];
    }
    list.requirements.push({
      text: 'ipykernel',
      file: 'requirements.txt',
      line: 0
    });
    return ['ipykernel'];
  }
}
