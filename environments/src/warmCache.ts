/**
 * Warming the resolution cache: each list the platform expects teachers to start from
 * (the curated environments' requirements, each package of the shipped teaching list)
 * is resolved once with uv into the store's cache, as the hub resolves, so that the
 * index pages, the packages' metadata and their projects' spellings (uvNames.ts) are
 * there when a teacher adds a package. Lists already warmed with the same inputs are
 * skipped (recorded beside uv's cache, as are those the index answered uv cannot
 * resolve, until `force`); an unreachable index is not a failure: the
 * platform works without a warm cache, only slower.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

import { EnvironmentError } from './errors';
import type { IPackageSource } from './pip';
import { findPython, probePython, type IPythonInfo } from './python';
import { uvInvocation } from './uv';
import { resolveWithUv } from './uvResolve';

/** A list to warm: requirement lines for one Python version (null: the default). */
export interface IWarmList {
  /** What the messages call it (a folder's name, a package). */
  name: string;
  lines: string[];
  python: string | null;
}

/** Where and how to warm. */
export interface IWarmOptions extends IPackageSource {
  uv: string;
  /** uv's cache of the store (`storeUvCache`). */
  cacheDir: string;
  /** The interpreter to resolve for, instead of `python3.X` of each list. */
  python?: string;
  pythonSearchPath?: string[];
  /** A Python with pip, asked for pip's configuration (default: the interpreter). */
  pip?: string;
  /** Warm again lists already warmed. */
  force?: boolean;
  /** Only say which lists are warm (`already`) and which are not (`missing`). */
  check?: boolean;
  /** Lists resolved at once (default 3). */
  concurrency?: number;
  /** How long one list may take before the index counts as unreachable (default 120 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Told each list's outcome as it comes. */
  onList?: (name: string, outcome: WarmOutcome) => void;
}

/** One list's outcome. */
export type WarmOutcome =
  'warmed' | 'already' | 'missing' | 'failed' | 'unreachable';

/** What warming did. */
export interface IWarmResult {
  /** False when the index did not answer: the rest was not tried. */
  reachable: boolean;
  warmed: string[];
  already: string[];
  /** Lists uv could not resolve (a package missing for this Python…), with uv's last line. */
  failed: { name: string; reason: string }[];
}

/** The record of warmed lists, beside uv's cache. */
export const WARMED_FILE = 'candyce-warmed.json';

/**
 * Resolve each list with uv into `cacheDir`, skipping those already warmed.
 *
 * @throws EnvironmentError `python-missing` when a list's Python is not installed,
 *   `cancelled` when `signal` stops it; never for the index's answers.
 */
export async function warmResolveCache(
  lists: readonly IWarmList[],
  options: IWarmOptions
): Promise<IWarmResult> {
  const result: IWarmResult = {
    reachable: true,
    warmed: [],
    already: [],
    failed: []
  };
  const recordFile = path.join(options.cacheDir, WARMED_FILE);
  const record = await Private.readRecord(recordFile);
  const { args } = await uvInvocation(
    { ...options, cacheDir: undefined },
    true
  );
  const pythons = new Map<string | null, Promise<IPythonInfo>>();
  const pythonOf = (version: string | null) => {
    let python = pythons.get(version);
    if (!python) {
      python = options.python
        ? probePython(options.python)
        : findPython(version ?? undefined, {
            searchPath: options.pythonSearchPath
          });
      pythons.set(version, python);
    }
    return python;
  };
  const pending = [...lists];
  const worker = async () => {
    for (let list = pending.shift(); list; list = pending.shift()) {
      if (!result.reachable) {
        return;
      }
      const python = await pythonOf(list.python);
      // Same lines, Python and sources: the same index pages and metadata.
      const key = Private.key([python.path, python.version, args, list.lines]);
      let outcome: WarmOutcome;
      if (record[key] && !options.force) {
        outcome = 'already';
        result.already.push(list.name);
      } else if (options.check) {
        outcome = 'missing';
      } else {
        const tried = await Private.resolveOne(list, python, options);
        outcome = tried.outcome;
        if (outcome === 'warmed') {
          record[key] = new Date().toISOString();
          result.warmed.push(list.name);
        } else if (outcome === 'failed') {
          // An answer of the index (no such package for this Python, no wheel): asking
          // again at every start would only get it again (`force` does).
          record[key] = `failed ${new Date().toISOString()}`;
          result.failed.push({ name: list.name, reason: tried.reason });
        } else if (result.reachable) {
          result.reachable = false;
        } else {
          return;
        }
      }
      options.onList?.(list.name, outcome);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, options.concurrency ?? 3) }, worker)
  );
  if (result.warmed.length || result.failed.length) {
    await Private.writeRecord(recordFile, record);
  }
  return result;
}

/**
 * The lists of a teaching-packages file: one package a line, `#` comments, each
 * package its own list (a teacher adds one at a time).
 */
export function teachingLists(
  text: string,
  python: string | null
): IWarmList[] {
  const names = text
    .split('\n')
    .map(line => line.replace(/#.*/, '').trim())
    .filter(Boolean);
  return [...new Set(names)].map(name => ({
    name,
    lines: [name],
    python
  }));
}

namespace Private {
  /**
   * uv's words when it cannot reach the index (DNS, refused or cut connection, time
   * out, proxy, certificate), as opposed to an answer it got.
   */
  const UNREACHABLE =
    /error sending request|dns error|failed to lookup address|connection refused|connect error|tcp connect|timed out|network is unreachable|no route to host|connection reset|certificate|proxy|Could not connect|offline/i;

  export async function resolveOne(
    list: IWarmList,
    python: IPythonInfo,
    options: IWarmOptions
  ): Promise<{ outcome: WarmOutcome; reason: string }> {
    const lines: string[] = [];
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 120_000);
    const signal = options.signal
      ? AbortSignal.any([options.signal, timeout])
      : timeout;
    try {
      const packages = await resolveWithUv(list.lines, python, {
        ...options,
        cacheDir: options.cacheDir,
        pip: options.pip ?? python.path,
        // Offline, uv's retries and 30 s waits would hold the set-up for minutes: one
        // try, a shorter wait (a list not warmed is tried again at the next warming).
        extraEnv: {
          UV_HTTP_RETRIES: process.env.UV_HTTP_RETRIES ?? '0',
          UV_HTTP_TIMEOUT: process.env.UV_HTTP_TIMEOUT ?? '15'
        },
        signal,
        onProgress: event => {
          if (event.log?.trim()) {
            lines.push(event.log.trim());
          }
        }
      });
      if (packages) {
        return { outcome: 'warmed', reason: '' };
      }
    } catch (error) {
      if (
        !(error instanceof EnvironmentError && error.code === 'cancelled') ||
        options.signal?.aborted
      ) {
        throw error;
      }
      // No answer in time: the index is as good as unreachable.
      return { outcome: 'unreachable', reason: 'timeout' };
    }
    // uv's own complaint (`error: …`, `× No solution found…`, `╰─▶ Because …`); without
    // one, uv resolved and only a package without wheel kept its spelling unread (the
    // hub's pip resolves such a list).
    const first = lines.findIndex(line => /^(error:|×)/.test(line));
    const errors = first < 0 ? [] : lines.slice(first);
    if (UNREACHABLE.test(errors.join('\n'))) {
      return { outcome: 'unreachable', reason: errors[errors.length - 1] };
    }
    return {
      outcome: 'failed',
      reason: errors.length
        ? errors
            .filter(line => !line.startsWith('hint:'))
            .join(' ')
            .slice(0, 500)
        : 'un paquet sans wheel : pip résoudra cette liste / a package without a wheel: pip will resolve this list'
    };
  }

  export function key(parts: unknown): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  }

  export async function readRecord(
    file: string
  ): Promise<Record<string, string>> {
    try {
      const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
      return parsed && typeof parsed === 'object'
        ? (parsed as Record<string, string>)
        : {};
    } catch {
      return {};
    }
  }

  export async function writeRecord(
    file: string,
    record: Record<string, string>
  ): Promise<void> {
    // Whole file replaced at once: a reader never sees half of it.
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await fs.writeFile(temporary, JSON.stringify(record));
    await fs.rename(temporary, file);
  }
}
