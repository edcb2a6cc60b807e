/**
 * Resolving with uv: `uv pip compile --format pylock.toml` (PEP 751) for the
 * interpreter, in well under a second once uv's cache knows the index pages, against
 * pip's several seconds. A pylock lists every file of a package that could fit; the
 * lock keeps the one pip would install here: the wheel whose tags come first in the
 * interpreter's list, else the source archive. uv writes names normalised (`pygments`)
 * where pip's report keeps the project's own spelling (`Pygments`), which the lock's id
 * depends on: that spelling is read from each file's metadata (PEP 658 `.metadata`
 * beside the file on an index, the wheel itself on disk) and remembered by file hash in
 * the cache. So both tools give the same lock, with the same id.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { parse as parseToml } from 'smol-toml';

import { EnvironmentError } from './errors';
import type { ILockedPackage } from './lock';
import type { ProgressCallback } from './progress';
import { run } from './process';
import type { IPythonInfo } from './python';
import { uvInvocation, type IUvOptions } from './uv';
import { projectNames } from './uvNames';

/** A file of a pylock package. */
interface IPylockFile {
  url?: string;
  path?: string;
  name?: string;
  hashes?: { sha256?: string };
}

/** A file chosen for the lock, before its project's own spelling is known. */
interface IChosenFile extends ILockedPackage {
  /** Where it is: `file:` or `https:` URL, or a path. */
  location: string;
}

/** A pylock package. */
interface IPylockPackage {
  name: string;
  version?: string;
  wheels?: IPylockFile[];
  sdist?: IPylockFile;
}

/**
 * Resolve requirement lines for `python` with uv.
 *
 * @returns the packages, or null when uv could not resolve them: pip, which explains
 *   failures in words the engine translates, is asked then.
 */
export async function resolveWithUv(
  inputs: string[],
  python: IPythonInfo,
  options: IUvOptions & { signal?: AbortSignal; onProgress?: ProgressCallback }
): Promise<ILockedPackage[] | null> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'candyce-uv-'));
  try {
    const input = path.join(work, 'requirements.in');
    const output = path.join(work, 'pylock.toml');
    await fs.writeFile(input, inputs.map(text => text + '\n').join(''));
    const { args, env } = await uvInvocation(options, true);
    options.onProgress?.({
      phase: 'resolve',
      message: 'Résolution des versions…'
    });
    const result = await run(
      options.uv,
      [
        'pip',
        'compile',
        '--python',
        python.path,
        '--format',
        'pylock.toml',
        '--no-header',
        ...args,
        '-o',
        output,
        input
      ],
      {
        cwd: work,
        env,
        signal: options.signal,
        onLine: line =>
          options.onProgress?.({
            phase: 'resolve',
            message: 'Résolution des versions…',
            log: line
          })
      }
    );
    if (result.code !== 0) {
      return null;
    }
    const pylock = parseToml(await fs.readFile(output, 'utf8')) as {
      packages?: IPylockPackage[];
    };
    const chosen: IChosenFile[] = [];
    for (const item of pylock.packages ?? []) {
      const file = Private.choose(item, python.tags);
      if (!file) {
        return null;
      }
      // A pylock's paths are relative to its own folder.
      if (!/^[a-z]+:/.test(file.location)) {
        file.location = path.resolve(work, file.location);
      }
      chosen.push(file);
    }
    const names = await projectNames(chosen, python, options, env);
    if (!names) {
      return null;
    }
    return chosen.map(({ name, version, file, sha256 }) => ({
      name: names.get(sha256) ?? name,
      version,
      file,
      sha256
    }));
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

namespace Private {
  /** The file pip would take for `item` here, with its hash. */
  export function choose(
    item: IPylockPackage,
    tags: string[]
  ): IChosenFile | null {
    const rank = new Map(tags.map((tag, i) => [tag, i]));
    let best: {
      file: string;
      sha256: string;
      location: string;
      rank: number;
    } | null = null;
    for (const wheel of item.wheels ?? []) {
      const file = fileName(wheel);
      const sha256 = wheel.hashes?.sha256;
      if (!file || !sha256) {
        continue;
      }
      const ranks = wheelTags(file)
        .map(tag => rank.get(tag))
        .filter((value): value is number => value !== undefined);
      if (ranks.length && (!best || Math.min(...ranks) < best.rank)) {
        const location = wheel.url ?? wheel.path ?? '';
        best = { file, sha256, location, rank: Math.min(...ranks) };
      }
    }
    const sdist = item.sdist && fileName(item.sdist);
    const chosen =
      best ??
      (sdist && item.sdist?.hashes?.sha256
        ? {
            file: sdist,
            sha256: item.sdist.hashes.sha256,
            location: item.sdist.url ?? item.sdist.path ?? ''
          }
        : null);
    if (!chosen || !item.version) {
      return null;
    }
    if (!/^[0-9a-f]{64}$/.test(chosen.sha256)) {
      throw new EnvironmentError(
        'tool-failed',
        `uv a donné une empreinte illisible pour ${item.name}.`
      );
    }
    return {
      name: item.name,
      version: item.version,
      file: chosen.file,
      sha256: chosen.sha256,
      location: chosen.location
    };
  }

  /** A file's name, from its `name`, URL or path. */
  function fileName(file: IPylockFile): string | null {
    const where = file.name ?? file.url ?? file.path;
    if (!where) {
      return null;
    }
    return decodeURIComponent(where.split(/[/\\]/).pop()!.split('#')[0]);
  }

  /** The tags a wheel's file name declares (compressed tag sets expanded). */
  function wheelTags(file: string): string[] {
    const parts = file.replace(/\.whl$/, '').split('-');
    if (parts.length < 5) {
      return [];
    }
    const [pythons, abis, platforms] = parts.slice(-3).map(p => p.split('.'));
    const tags: string[] = [];
    for (const py of pythons) {
      for (const abi of abis) {
        for (const platform of platforms) {
          tags.push(`${py}-${abi}-${platform}`);
        }
      }
    }
    return tags;
  }
}
