/**
 * The environment store: one read-only virtualenv per lock id, shared by everyone who
 * needs it. A build happens in a temporary directory beside the environments and is
 * renamed into place only once complete, so the store never holds half an environment.
 * Several processes may use one store at once: a build holds the lock of its id
 * (storeLock.ts), so the same lock is built once while the others wait, and only the
 * leftovers of a build whose lock nobody holds (a crash) are removed.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

import { buildEnvironment, LOCK_FILE } from './build';
import type { ICondaOptions } from './conda';
import { cancelledError, EnvironmentError } from './errors';
import { checkLockFits, lockId, readLock, shortId, type ILock } from './lock';
import { toolEnvironment, type IPackageSource } from './pip';
import { diskUsage } from './diskUsage';
import { bytesFreed, prunePool, shareFiles } from './pool';
import type { IPostBuildOptions } from './postBuild';
import type { ProgressCallback } from './progress';
import { run } from './process';
import { findPython, probePython, type IPythonInfo } from './python';
import { nearestNeighbour, type INeighbour } from './reuse';
import { acquireLock } from './storeLock';
import { makeReadOnly, removeTree } from './tree';
import { storeUvCache } from './uv';
import { pruneUvCache, type IUvCacheCollected } from './uvCache';

/** How the store builds environments. */
export interface IStoreOptions
  extends IPackageSource, IPostBuildOptions, ICondaOptions {
  /** The base interpreter for every build (default: `python3.X` of the lock, on the search path). */
  python?: string;
  /** Where to look for `python3.X` (default: the `PATH`). */
  pythonSearchPath?: string[];
  /** A Python that has pip, to run it (default: the base interpreter). */
  pip?: string;
  /**
   * The uv executable to build with; pip when absent. Never guessed from the `PATH`: uv
   * does not read pip's configuration (a mirror, a certificate, constraints), so it must
   * be chosen together with `indexUrl` / `findLinks`.
   */
  uv?: string;
  /**
   * uv's cache, shared by the store's builds and the resolutions that pass it on
   * (default with uv: `<dir>/cache/uv`, on the store's file system so that uv
   * hard-links from it).
   */
  uvCacheDir?: string;
  /** Hard-link identical files between environments (default: true). */
  shareFiles?: boolean;
}

/** Options of one `ensure` call. */
export interface IEnsureOptions {
  /** Stops waiting; the build itself stops when nobody waits for it any more. */
  signal?: AbortSignal;
  /** Receives the build's progress events. */
  onProgress?: ProgressCallback;
  /**
   * More folders of distribution files for this lock (the wheel of a repository that
   * installs itself, see repositoryWheel.ts).
   */
  findLinks?: string[];
}

/** An environment ready for use. */
export interface IEnsureResult {
  /** Its id, the lock's hash. */
  id: string;
  /** Its directory (`<path>/bin/python` is its interpreter). */
  path: string;
  /** Whether this call started the build (false: it existed, or another call built it). */
  built: boolean;
  /** How long this call took, in milliseconds. */
  ms: number;
  /** Disk bytes the environment added (0 when it already existed or was shared). */
  addedBytes: number;
}

/** What a garbage collection removed, or would remove. */
export interface ICollectResult {
  /** The ids removed (or that a real run would remove). */
  ids: string[];
  /**
   * The disk bytes freed: measured with `du` over the environments, the pool and uv's
   * cache before and after (a dry run: those of the removed trees no kept tree links).
   */
  bytes: number;
  /** Whether nothing was removed. */
  dryRun: boolean;
  /** uv's cache, pruned by a real collection of a store that builds with uv. */
  uvCache?: IUvCacheCollected;
}

/** A store of read-only environments, each in `<dir>/envs/<lock id>`. */
export class EnvironmentStore {
  private constructor(
    readonly dir: string,
    private readonly options: IStoreOptions,
    private readonly uv: string | undefined
  ) {}

  /**
   * Open (or create) the store in `dir`, removing temporary directories that a crashed
   * build or collection left behind; builds other processes are running are left alone.
   */
  static async open(
    dir: string,
    options: IStoreOptions = {}
  ): Promise<EnvironmentStore> {
    await fs.mkdir(path.join(dir, 'envs'), { recursive: true });
    await fs.mkdir(path.join(dir, 'pool'), { recursive: true });
    await fs.mkdir(path.join(dir, 'locks'), { recursive: true });
    const store = new EnvironmentStore(dir, options, options.uv);
    await store.removeLeftovers();
    return store;
  }

  /**
   * Remove `.building-<id>-…` directories whose id nobody is building (its lock is
   * free: the builder died), and `.removing-…` ones a collection left.
   */
  private async removeLeftovers(): Promise<void> {
    const envs = path.join(this.dir, 'envs');
    for (const name of await fs.readdir(envs)) {
      const building = /^\.building-([0-9a-f]{64})-/.exec(name);
      if (building) {
        const lock = await acquireLock(this.lockFile(building[1]), {
          wait: false
        });
        if (lock) {
          await removeTree(path.join(envs, name)).catch(() => undefined);
          await lock.release();
        }
      } else if (name.startsWith('.removing-')) {
        // Another process may be removing it too: whoever ends first wins.
        await removeTree(path.join(envs, name)).catch(() => undefined);
      }
    }
  }

  /** The file whose lock a build of `id` holds, in every process. */
  private lockFile(id: string): string {
    return path.join(this.dir, 'locks', `${id}.lock`);
  }

  /** uv's cache of this store (undefined when it builds with pip). */
  get uvCacheDir(): string | undefined {
    return this.uv
      ? (this.options.uvCacheDir ?? storeUvCache(this.dir))
      : undefined;
  }

  /** The directory of environment `id` (whether or not it exists). */
  pathOf(id: string): string {
    if (!/^[0-9a-f]{64}$/.test(id)) {
      throw new EnvironmentError(
        'invalid-list',
        `« ${id} » n’est pas un identifiant d’environnement.`
      );
    }
    return path.join(this.dir, 'envs', id);
  }

  /** Whether environment `id` is built. */
  async has(id: string): Promise<boolean> {
    return fs
      .access(this.pathOf(id))
      .then(() => true)
      .catch(() => false);
  }

  /** The ids of the built environments. */
  async list(): Promise<string[]> {
    const names = await fs.readdir(path.join(this.dir, 'envs'));
    return names.filter(name => /^[0-9a-f]{64}$/.test(name)).sort();
  }

  /** The lock environment `id` was built from. */
  lockOf(id: string): Promise<ILock> {
    return readLock(path.join(this.pathOf(id), LOCK_FILE));
  }

  /**
   * The environment of `lock`, built if missing. Concurrent calls for the same lock
   * share one build; each caller may cancel its own wait.
   *
   * @throws EnvironmentError in French (`platform-mismatch`, `python-missing`,
   * `build-failed`, `hash-mismatch`, `cancelled`…); the store is then unchanged
   */
  async ensure(
    lock: ILock,
    options: IEnsureOptions = {}
  ): Promise<IEnsureResult> {
    const started = Date.now();
    const id = lockId(lock);
    const result = (built: boolean, addedBytes: number): IEnsureResult => ({
      id,
      path: this.pathOf(id),
      built,
      ms: Date.now() - started,
      addedBytes
    });
    if (options.signal?.aborted) {
      throw cancelledError();
    }
    if (!this.building.has(id) && (await this.has(id))) {
      return result(false, 0);
    }
    let build = this.building.get(id);
    const starter = !build;
    if (!build) {
      build = this.startBuild(id, lock, options.findLinks ?? []);
    }
    // null: another process built it meanwhile.
    const addedBytes = await this.wait(build, options);
    return result(starter && addedBytes !== null, addedBytes ?? 0);
  }

  /** What `pip freeze` says in environment `id`. */
  async freeze(id: string): Promise<string> {
    const lock = await this.lockOf(id);
    const pip = this.options.pip ?? (await this.interpreter(lock)).path;
    const result = await run(
      pip,
      [
        '-m',
        'pip',
        '--python',
        path.join(this.pathOf(id), 'bin', 'python'),
        'freeze'
      ],
      { env: toolEnvironment(this.options) }
    );
    if (result.code !== 0) {
      throw new EnvironmentError(
        'tool-failed',
        'pip freeze a échoué.',
        result.stderr
      );
    }
    return result.stdout;
  }

  /**
   * Remove the environments that are not in `referenced` (by resources, assignments and
   * open notebooks) and not being built. With `dryRun`, only say which and how much.
   */
  async collect(
    referenced: ReadonlySet<string>,
    options: { dryRun?: boolean } = {}
  ): Promise<ICollectResult> {
    const dryRun = options.dryRun ?? false;
    const all = await this.list();
    const ids = all.filter(id => !referenced.has(id) && !this.building.has(id));
    const kept = all.filter(id => !ids.includes(id));
    if (dryRun) {
      const bytes = await bytesFreed(
        ids.map(id => this.pathOf(id)),
        kept.map(id => this.pathOf(id))
      );
      return { ids, bytes, dryRun };
    }
    // Measured on disk: environments, pool and cache share files by hard links, and
    // a removed environment's file is freed only once no other link holds it. (A build
    // running meanwhile adds bytes: the figure is then lower, never made up.)
    const trees = this.spaceTrees();
    const before = await diskUsage(trees);
    for (const id of ids) {
      // Renamed first, so that the environment disappears at once, never partly.
      const doomed = path.join(
        this.dir,
        'envs',
        `.removing-${id}-${Private.suffix()}`
      );
      await fs.rename(this.pathOf(id), doomed);
      await removeTree(doomed);
    }
    await prunePool(path.join(this.dir, 'pool'));
    let after = await diskUsage(trees);
    let uvCache: IUvCacheCollected | undefined;
    if (this.uv && this.uvCacheDir) {
      const outcome = await pruneUvCache(this.uv, this.uvCacheDir);
      const pruned = await diskUsage(trees);
      // The cache is the last tree: its entry is what it alone holds on disk.
      const alone = (await diskUsage([this.uvCacheDir])).total;
      uvCache = {
        outcome,
        freedBytes: Math.max(0, after.total - pruned.total),
        bytes: alone,
        sharedBytes: Math.max(0, alone - pruned.each[trees.length - 1])
      };
      after = pruned;
    }
    return {
      ids,
      bytes: Math.max(0, before.total - after.total),
      dryRun,
      ...(uvCache ? { uvCache } : {})
    };
  }

  /** The trees whose disk space a collection frees: environments, pool, uv's cache. */
  private spaceTrees(): string[] {
    return [
      path.join(this.dir, 'envs'),
      path.join(this.dir, 'pool'),
      ...(this.uv && this.uvCacheDir ? [this.uvCacheDir] : [])
    ];
  }

  /** Start building `id`; the build ends in the store or leaves nothing. */
  private startBuild(
    id: string,
    lock: ILock,
    findLinks: string[]
  ): Private.IBuild {
    const controller = new AbortController();
    const listeners = new Set<ProgressCallback>();
    const build: Private.IBuild = {
      controller,
      listeners,
      waiters: 0,
      promise: this.build(id, lock, findLinks, controller.signal, event =>
        listeners.forEach(listener => listener(event))
      ).finally(() => this.building.delete(id))
    };
    // Waiters handle the failure; this only keeps an abandoned build from being unhandled.
    build.promise.catch(() => undefined);
    this.building.set(id, build);
    return build;
  }

  private async build(
    id: string,
    lock: ILock,
    findLinks: string[],
    signal: AbortSignal,
    onProgress: ProgressCallback
  ): Promise<number | null> {
    // A build that ended while this call was checking the store: nothing left to do.
    if (await this.has(id)) {
      return null;
    }
    // Another process may be building the same lock: wait for it, then use its result.
    const held = await acquireLock(this.lockFile(id), { signal });
    try {
      if (await this.has(id)) {
        return null;
      }
      return await this.buildLocked(id, lock, findLinks, signal, onProgress);
    } finally {
      await held!.release();
    }
  }

  /** Build `id` while holding its lock. */
  private async buildLocked(
    id: string,
    lock: ILock,
    findLinks: string[],
    signal: AbortSignal,
    onProgress: ProgressCallback
  ): Promise<number> {
    const python = await this.interpreter(lock);
    checkLockFits(lock, python);
    const final = this.pathOf(id);
    const temporary = path.join(
      this.dir,
      'envs',
      `.building-${id}-${Private.suffix()}`
    );
    const pooled: string[] = [];
    try {
      const shared = await buildEnvironment(lock, temporary, final, {
        ...this.options,
        findLinks: [...(this.options.findLinks ?? []), ...findLinks],
        python,
        uv: this.uv,
        uvCacheDir: this.uvCacheDir,
        neighbour: await this.neighbourOf(lock),
        signal,
        onProgress
      });
      const saving = (fraction: number) =>
        onProgress({
          phase: 'store',
          message: `Enregistrement de l’environnement (${Math.round(fraction * 100)} %)…`,
          fraction: 0.8 + 0.18 * fraction
        });
      saving(0);
      const added =
        this.options.shareFiles === false
          ? await bytesFreed([temporary], [])
          : await shareFiles(temporary, path.join(this.dir, 'pool'), {
              shared,
              signal,
              onFraction: saving,
              created: pooled
            });
      signal.throwIfAborted();
      await makeReadOnly(temporary);
      signal.throwIfAborted();
      await fs.rename(temporary, final);
      onProgress({
        phase: 'done',
        message: `Environnement ${shortId(id)} prêt.`,
        fraction: 1
      });
      return added;
    } catch (error) {
      await removeTree(temporary);
      // What this build put in the pool goes with it: the store is as it was.
      for (const file of pooled) {
        await fs.rm(file, { force: true });
        // Its folder too when it made it (another build may have filled it meanwhile).
        await fs.rmdir(path.dirname(file)).catch(() => undefined);
      }
      throw signal.aborted ? cancelledError() : error;
    }
  }

  /** The built environment nearest to `lock`, whose files a build reuses. */
  private async neighbourOf(lock: ILock): Promise<INeighbour | null> {
    const built: INeighbour[] = [];
    for (const id of await this.list()) {
      const other = await this.lockOf(id).catch(() => null);
      if (other) {
        built.push({ dir: this.pathOf(id), lock: other });
      }
    }
    return nearestNeighbour(lock, built);
  }

  /** Wait for a build, or for this caller's cancellation. */
  private async wait(
    build: Private.IBuild,
    options: IEnsureOptions
  ): Promise<number | null> {
    const { signal, onProgress } = options;
    build.waiters++;
    if (onProgress) {
      build.listeners.add(onProgress);
    }
    let onAbort = () => undefined as void;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(cancelledError());
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([build.promise, aborted]);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (onProgress) {
        build.listeners.delete(onProgress);
      }
      build.waiters--;
      if (build.waiters === 0 && signal?.aborted) {
        build.controller.abort();
        // Only resolve once the temporary directory is gone.
        await build.promise.catch(() => undefined);
      }
    }
  }

  /** The base interpreter for a lock. */
  private interpreter(lock: ILock): Promise<IPythonInfo> {
    return this.options.python
      ? probePython(this.options.python)
      : findPython(lock.python.version, {
          searchPath: this.options.pythonSearchPath
        });
  }

  private readonly building = new Map<string, Private.IBuild>();
}

namespace Private {
  /** A build in progress, shared by its waiters. */
  export interface IBuild {
    promise: Promise<number | null>;
    controller: AbortController;
    listeners: Set<ProgressCallback>;
    waiters: number;
  }

  /** A random suffix for temporary names. */
  export function suffix(): string {
    return randomBytes(6).toString('hex');
  }
}
