import { shortId, type ICollectResult } from '@candyce/environments';
import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import * as path from 'path';

import { AuditLog } from '../audit';
import { environmentName } from './names';
import { EnvironmentService } from './service';
import { IEnvironmentSummary } from './views';

/** What the collector needs besides the environments themselves. */
export interface IEnvironmentCollectorOptions {
  /** How many library resources name each environment (LibraryService provides it). */
  libraryReferences: () => Promise<Map<string, number>>;
  /** An environment used within this many days is kept (`environmentKeepDays`). */
  keepDays: number;
  /** Hours between scheduled collections; 0: none (`environmentGcIntervalHours`). */
  intervalHours: number;
  log: {
    info: (object: unknown, message: string) => void;
    error: (object: unknown, message: string) => void;
  };
  now?: () => Date;
}

/**
 * Garbage collection of built environments: those that no library resource, no
 * assignment and no notebook opened within `keepDays` references, standard ones
 * excepted, are removed from the store with their kernelspecs. Runs every
 * `intervalHours`, and when an administrator asks (with a dry run first).
 */
export class EnvironmentCollector {
  constructor(
    private readonly _environments: EnvironmentService,
    private readonly _options: IEnvironmentCollectorOptions
  ) {}

  /** The ids that must be kept. */
  async referenced(): Promise<Set<string>> {
    const { records } = this._environments;
    const [library, assignments, recent] = await Promise.all([
      this._options.libraryReferences(),
      records.assignmentCounts(),
      records.usedSince(this._recentSince())
    ]);
    return new Set([
      ...library.keys(),
      ...assignments.keys(),
      ...recent,
      ...this._environments.standardIds
    ]);
  }

  /**
   * Remove what nothing references and prune uv's cache, or with `dryRun` only say
   * which environments and how much. An administrator's collection (`by`) is written
   * to the audit log with the space freed, measured on disk.
   */
  async collect(
    dryRun: boolean,
    by?: { actorId: string; audit: AuditLog }
  ): Promise<ICollectResult> {
    const { store, kernelspecs } = this._environments;
    const referenced = await this.referenced();
    // Most of the time every built environment is referenced: the store's count of
    // freed bytes walks every kept tree, seconds for nothing. (A real collection still
    // prunes uv's cache.)
    if (dryRun && (await store.list()).every(id => referenced.has(id))) {
      return { ids: [], bytes: 0, dryRun };
    }
    const result = await store.collect(referenced, { dryRun });
    if (dryRun) {
      return result;
    }
    for (const id of result.ids) {
      await kernelspecs.remove(id);
      this._sizes.delete(id);
    }
    if (result.ids.length || result.bytes) {
      this._options.log.info(
        {
          environments: result.ids.map(shortId),
          bytes: result.bytes,
          uvCache: result.uvCache
        },
        'environments collected'
      );
    }
    await by?.audit.record({
      actorId: by.actorId,
      action: 'environments.collect',
      targetId: null,
      details: {
        freed: {
          environments: result.ids.length,
          bytes: result.bytes,
          uvCacheBytes: result.uvCache?.freedBytes ?? 0
        }
      }
    });
    return result;
  }

  /** Every known or built environment, with its size and what references it. */
  async list(): Promise<IEnvironmentSummary[]> {
    const { records, store, standardIds } = this._environments;
    const [known, built, library, assignments, recent] = await Promise.all([
      records.all(),
      store.list(),
      this._options.libraryReferences(),
      records.assignmentCounts(),
      records.usedSince(this._recentSince())
    ]);
    const isBuilt = new Set(built);
    const recentIds = new Set(recent);
    const entries = known.map(record => ({
      id: record.id,
      lock: record.lock,
      lastUsedAt: record.lastUsedAt,
      name: environmentName(record)
    }));
    // Built outside the hub and never known (an older standard environment).
    for (const id of built.filter(id => !known.some(r => r.id === id))) {
      const lock = await store.lockOf(id);
      entries.push({
        id,
        lock,
        lastUsedAt: null,
        name: environmentName({
          name: null,
          python: lock.python.version,
          createdAt: new Date().toISOString()
        })
      });
    }
    const sizes = await Promise.all(
      entries.map(entry => (isBuilt.has(entry.id) ? this._size(entry.id) : 0))
    );
    return entries.map((entry, i) => ({
      id: entry.id,
      shortId: shortId(entry.id),
      name: entry.name,
      python: entry.lock.python.version,
      packages: entry.lock.packages.length,
      bytes: sizes[i],
      built: isBuilt.has(entry.id),
      references: {
        resources: library.get(entry.id) ?? 0,
        assignments: assignments.get(entry.id) ?? 0,
        recentUses: recentIds.has(entry.id) ? 1 : 0
      },
      standard: standardIds.includes(entry.id),
      lastUsedAt: entry.lastUsedAt
    }));
  }

  /** Collect every `intervalHours` (the timer never keeps the hub alive). */
  start(): void {
    const hours = this._options.intervalHours;
    if (hours <= 0 || this._timer) {
      return;
    }
    this._timer = setInterval(() => {
      this.collect(false).then(
        result =>
          this._options.log.info(
            {
              removed: result.ids.length,
              bytes: result.bytes,
              uvCacheBytes: result.uvCache?.freedBytes ?? 0
            },
            'scheduled environment collection done'
          ),
        error =>
          this._options.log.error(
            { err: error },
            'environment collection failed'
          )
      );
    }, hours * 3600_000);
    this._timer.unref();
    this._options.log.info(
      { everyHours: hours, keepDays: this._options.keepDays },
      'environment collection scheduled'
    );
  }

  stop(): void {
    if (this._timer) {
      clearInterval(this._timer);
      this._timer = null;
    }
  }

  private _recentSince(): string {
    const now = (this._options.now ?? (() => new Date()))().getTime();
    return new Date(now - this._options.keepDays * 86_400_000).toISOString();
  }

  /** Disk bytes of a built environment (its files never change: measured once). */
  private _size(id: string): Promise<number> {
    let size = this._sizes.get(id);
    if (!size) {
      size = Private.treeBytes(this._environments.store.pathOf(id));
      this._sizes.set(id, size);
    }
    return size;
  }

  private _timer: NodeJS.Timeout | null = null;
  private readonly _sizes = new Map<string, Promise<number>>();
}

namespace Private {
  /**
   * The bytes of a tree's files, each hard-linked file once: `du` (GNU), much faster
   * than a walk from Node over an environment's tens of thousands of files; the walk
   * where `du -b` is missing.
   */
  export function treeBytes(dir: string): Promise<number> {
    return new Promise(resolve => {
      execFile('du', ['-sb', dir], (error, stdout) => {
        const bytes = Number(/^(\d+)\s/.exec(stdout ?? '')?.[1]);
        resolve(error || !Number.isSafeInteger(bytes) ? walkBytes(dir) : bytes);
      });
    });
  }

  async function walkBytes(dir: string): Promise<number> {
    const seen = new Set<number>();
    let total = 0;
    const walk = async (folder: string): Promise<void> => {
      for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
        const file = path.join(folder, entry.name);
        if (entry.isDirectory()) {
          await walk(file);
        } else if (entry.isFile()) {
          const stat = await fs.lstat(file);
          if (!seen.has(stat.ino)) {
            seen.add(stat.ino);
            total += stat.size;
          }
        }
      }
    };
    await walk(dir);
    return total;
  }
}
