import {
  EnvironmentStore,
  lockId,
  resolve,
  sandboxAvailable,
  shortId,
  type ILock,
  type IPackageSource,
  type ISoftwareFile,
  type ISoftwareList,
  type ProgressCallback
} from '@candyce/environments';
import { promises as fs } from 'fs';

import { DomainError, trans } from '../errors';
import { IUser } from '../users/service';
import { IKernelEnvironment, Kernelspecs } from './kernelspecs';
import { recordOr404, recordStandard } from './knownRecords';
import { checkLockFitsHere } from './lockFit';
import { checkEnvironmentName, environmentName } from './names';
import { PackageIndex } from './packageIndex';
import { repositoryWheels, resolveWithRepository } from './repositoryWheels';
import { repositoryZip } from './repositoryZip';
import { withKernel } from './withKernel';
import { IPythonOptions, PythonOptions } from './pythons';
import { IStandardEnvironment } from './standard';
import { teachingTiers } from './teaching';
import { EnvironmentRecordStore, IEnvironmentRecord } from './store';
import { environmentView, IHubEnvironment } from './views';

/** How the hub resolves, builds and keeps environments. */
export interface IEnvironmentServiceOptions {
  /** The store (`environmentsDir`), created if missing. */
  dir: string;
  /** Where packages come from (`packageIndexUrl`, `packageFindLinks`…). */
  source: IPackageSource;
  /** The deployment's conda channels (`condaChannels`); none: conda is not solved. */
  condaChannels?: readonly string[];
  /** A Python with pip (the Candyce venv's), asked for pip's configured index. */
  pipPython: string;
  /** uv, to resolve and build with (pip without it). */
  uv?: string;
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

/** What resolving may also say: the environment's name (its notebook's title). */
export interface IResolveOptions extends IOperationOptions {
  name?: string;
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
    private readonly _knownNames: Set<string>,
    /** Whether builds run postBuild here: bubblewrap makes their sandbox. */
    readonly runsPostBuild: boolean
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
    const store = await EnvironmentStore.open(dir, {
      ...options.source,
      uv: options.uv,
      condaPython: options.pipPython // it has py-rattler, for conda packages
    });
    await recordStandard(
      records,
      options.standard,
      (options.now ?? (() => new Date()))().toISOString()
    );
    const names = new Set<string>();
    for (const record of await records.all()) {
      record.lock.packages.forEach(item => names.add(item.name));
    }
    const service = new EnvironmentService(
      records,
      store,
      new Kernelspecs(dir),
      { ...options, dir },
      new PackageIndex({
        ...options.source,
        findLinks: options.source.findLinks ?? [],
        noIndex: options.source.noIndex ?? false,
        usePipConfig: options.source.usePipConfig ?? true,
        pipPython: options.pipPython
      }),
      new PythonOptions(),
      names,
      await sandboxAvailable()
    );
    await service.syncKernelspecs();
    // Asked now, so that the panel's first call does not wait for every interpreter.
    void service.options();
    return service;
  }

  /** The deployment's conda channels, as software lists are checked against them. */
  get condaChannels(): string[] {
    return [...(this._options.condaChannels ?? [])];
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
    this._teaching ??= teachingTiers(this._options.standard);
    return this._index.search(query, limit, this._knownNames, this._teaching);
  }

  /**
   * Resolve a checked software list (see `checkSoftwareList`) into a lock and record it;
   * `ipykernel` is added when the list lacks it, so that a kernel can run.
   *
   * @throws EnvironmentError in French (`not-found`, `conflict`, `python-missing`,
   *   `build-failed`, `cancelled`…)
   */
  async resolve(
    checked: {
      files: ISoftwareFile[];
      sources?: ISoftwareFile[];
      list: ISoftwareList;
    },
    user: IUser,
    options: IResolveOptions = {}
  ): Promise<IHubEnvironment> {
    const { files, list } = checked;
    const name =
      options.name === undefined ? null : checkEnvironmentName(options.name);
    const added = withKernel(list);
    // A repository that installs itself has its wheel built, as `candyce-env lock` does.
    const lock = await resolveWithRepository(checked, this.dir, repository =>
      resolve(list, {
        ...this._options.source,
        // The store's cache: what a resolution learns of the index, a build reuses.
        uv: this._options.uv,
        uvCacheDir: this.store.uvCacheDir,
        signal: options.signal,
        onProgress: options.onProgress,
        condaPython: this._options.pipPython,
        repository
      })
    );
    const id = lockId(lock);
    const createdAt = this._now();
    const created = await this._record({
      id,
      lock,
      files,
      python: lock.python.version,
      addedRequirements: added,
      createdBy: user.id,
      createdAt,
      lastUsedAt: null,
      name
    });
    // Known before (the first record wins), perhaps without a name.
    const record = await this.recordOr404(id);
    let named = created && name !== null;
    if (record.name === null && name !== null) {
      named = true;
      await this.records.setName(id, name);
      record.name = name;
    }
    const built = await this.store.has(id);
    if (built) {
      const kernel = this._kernelEnvironment(id, record);
      if (named) {
        // Built before it had this name (a store that outlived its database).
        await this.kernelspecs.rewrite(id, kernel);
      }
      await this.kernelspecs.offer(user.name, id, kernel);
    }
    // The caller's list, even when another list gave the same lock first.
    return environmentView(
      id,
      { ...record, files, addedRequirements: added, createdAt },
      { built, standard: this._isStandard(id), viewerId: user.id, list }
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
    options: IOperationOptions = {},
    user?: Pick<IUser, 'id' | 'name'>
  ): Promise<IHubEnvironment> {
    const record = await this.recordOr404(id);
    await this.records.touch(id, this._now());
    const result = await this.store.ensure(record.lock, {
      ...options,
      findLinks: await repositoryWheels(this.dir, id)
    });
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
    const kernel = this._kernelEnvironment(id, record);
    if (user) {
      // Offered to whoever opened it: their server lists it from now on.
      await this.kernelspecs.offer(user.name, id, kernel);
    } else {
      await this.kernelspecs.write(id, kernel);
    }
    return environmentView(id, record, {
      built: true,
      standard: this._isStandard(id),
      viewerId: user?.id
    });
  }

  /**
   * Rename an environment: its author may, or an administrator (`asAdmin`); never a
   * standard one. Its kernelspecs follow.
   *
   * @throws {DomainError} 400 `invalid_environment_name`, 403 `environment_not_author`,
   *   404 `environment_unknown`.
   */
  async rename(
    id: string,
    rawName: string,
    user: Pick<IUser, 'id'>,
    asAdmin: boolean
  ): Promise<IHubEnvironment> {
    const record = await this.recordOr404(id);
    const name = checkEnvironmentName(rawName);
    const standard = this._isStandard(id);
    if (standard || (record.createdBy !== user.id && !asAdmin)) {
      throw new DomainError(
        'environment_not_author',
        standard
          ? trans.__('A standard environment keeps its name.')
          : trans.__('Only the author of an environment can rename it.')
      );
    }
    await this.records.setName(id, name);
    record.name = name;
    const built = await this.store.has(id);
    if (built) {
      await this.kernelspecs.rewrite(id, this._kernelEnvironment(id, record));
    }
    return environmentView(id, record, {
      built,
      standard,
      viewerId: user.id
    });
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
    expectedId?: string,
    name?: string | null
  ): Promise<{ environment: IHubEnvironment; created: boolean }> {
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
      lastUsedAt: null,
      name: name ?? null
    });
    if (created && name && (await this.store.has(id))) {
      const record = await this.recordOr404(id);
      await this.kernelspecs.rewrite(id, this._kernelEnvironment(id, record));
    }
    return { environment: await this.get(id, userId), created };
  }

  /**
   * Refuse a lock that cannot be built here (another platform, or a Python this
   * machine lacks).
   *
   * @throws {DomainError} 400 `platform_mismatch` or `python_missing`, in French.
   */
  checkFits(lock: ILock): Promise<void> {
    return checkLockFitsHere(lock);
  }

  /**
   * A known environment.
   *
   * @throws {DomainError} 400 `invalid_environment_id`, 404 `environment_unknown`.
   */
  async get(id: string, viewerId?: string | null): Promise<IHubEnvironment> {
    const record = await this.recordOr404(id);
    return environmentView(id, record, {
      built: await this.store.has(id),
      standard: this._isStandard(id),
      viewerId
    });
  }

  /**
   * A known environment as a zip that repo2docker builds as is, and its file name.
   *
   * @throws {DomainError} 400, 404.
   */
  async repositoryZip(id: string): Promise<{ name: string; zip: Buffer }> {
    return repositoryZip(id, await this.recordOr404(id));
  }

  /**
   * The record of a known environment.
   *
   * @throws {DomainError} 400 `invalid_environment_id`, 404 `environment_unknown`.
   */
  recordOr404(id: string): Promise<IEnvironmentRecord> {
    return recordOr404(this.records, id);
  }

  /** Write the kernelspecs of the built environments, remove the others'. */
  async syncKernelspecs(): Promise<void> {
    const built = new Map<string, IKernelEnvironment>();
    for (const id of await this.store.list()) {
      // A store that outlived its database keeps the names its kernels had.
      const record = (await this.records.get(id)) ?? {
        lock: await this.store.lockOf(id),
        name: await this.kernelspecs.displayNameOf(id),
        createdAt: this._now()
      };
      built.set(id, this._kernelEnvironment(id, record));
    }
    await this.kernelspecs.sync(built);
  }

  /** What an environment's kernelspec is written from. */
  private _kernelEnvironment(
    id: string,
    record: Pick<IEnvironmentRecord, 'lock' | 'name' | 'createdAt'>
  ): IKernelEnvironment {
    return {
      lock: record.lock,
      envDir: this.store.pathOf(id),
      name: environmentName({
        name: record.name,
        python: record.lock.python.version,
        createdAt: record.createdAt
      }),
      standard: this._isStandard(id)
    };
  }

  private _isStandard(id: string): boolean {
    return this._options.standard.some(env => env.id === id);
  }

  /** Record an environment; its package names join the search. */
  private async _record(record: IEnvironmentRecord): Promise<boolean> {
    record.lock.packages.forEach(item => this._knownNames.add(item.name));
    return this.records.add(record);
  }

  /** The search's preferred names, read once. */
  private _teaching: Set<string>[] | null = null;

  private _now(): string {
    return (this._options.now ?? (() => new Date()))().toISOString();
  }
}
