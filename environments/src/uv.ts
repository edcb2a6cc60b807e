/**
 * How the engine runs uv. uv reads none of pip's configuration, so the sources pip is
 * configured with (index, extra indexes, `--find-links`, constraints, certificate: what
 * `pip config list` shows, files and `PIP_*` variables alike) are handed to it, and it
 * merges indexes as pip does (the best version wherever it is). One cache serves every
 * resolution and build of a store: kept inside the store, on its file system, so that
 * installing hard-links the files of a wheel unpacked once instead of copying them.
 */
import path from 'node:path';

import { sourceArguments, toolEnvironment, type IPackageSource } from './pip';
import { run } from './process';

/** What uv needs besides the package sources. */
export interface IUvOptions extends IPackageSource {
  /** The uv executable. */
  uv: string;
  /** uv's cache, shared by resolutions and builds (default: uv's own, in the home). */
  cacheDir?: string;
  /** A Python that has pip, asked for pip's configuration (default: `python3`). */
  pip?: string;
  /** Variables for uv besides the process's (warmCache.ts: fail fast offline). */
  extraEnv?: NodeJS.ProcessEnv;
}

/** The sources pip is configured with on this machine. */
export interface IPipConfiguredSources {
  indexUrl: string | null;
  extraIndexUrls: string[];
  findLinks: string[];
  constraints: string[];
  cert: string | null;
}

/** The folder of uv's cache inside a store. */
export function storeUvCache(storeDir: string): string {
  return path.join(storeDir, 'cache', 'uv');
}

/**
 * The arguments and environment of a uv run: the cache, pip's sources (unless
 * `usePipConfig` is false) under this call's own, and pip's way of merging indexes.
 *
 * @param forResolve - constraints apply to resolving only (a build installs a lock)
 */
export async function uvInvocation(
  options: IUvOptions,
  forResolve: boolean
): Promise<{ args: string[]; env: NodeJS.ProcessEnv }> {
  const env = { ...toolEnvironment(options), ...options.extraEnv };
  const configured =
    options.usePipConfig === false
      ? null
      : await pipConfiguredSources(options.pip ?? 'python3', env);
  const args: string[] = [];
  if (options.cacheDir) {
    args.push('--cache-dir', options.cacheDir);
  }
  if (options.noIndex) {
    args.push(...sourceArguments(options));
  } else {
    // As pip: an explicit index replaces the configured one, not its additions.
    const indexUrl = options.indexUrl ?? configured?.indexUrl;
    if (indexUrl) {
      args.push('--index-url', indexUrl);
    }
    for (const extra of configured?.extraIndexUrls ?? []) {
      args.push('--extra-index-url', extra);
    }
    for (const link of options.findLinks ?? []) {
      args.push('--find-links', link);
    }
    args.push('--index-strategy', 'unsafe-best-match');
  }
  // The configuration's find-links apply with or without an index, as in pip.
  for (const link of configured?.findLinks ?? []) {
    args.push('--find-links', link);
  }
  if (forResolve) {
    for (const file of configured?.constraints ?? []) {
      args.push('--constraints', file);
    }
  }
  if (configured?.cert) {
    env.SSL_CERT_FILE = configured.cert;
  }
  return { args, env };
}

/**
 * pip's configured sources, asked once per interpreter: they change with the machine,
 * not while a process runs. Nothing when pip cannot tell.
 */
export function pipConfiguredSources(
  pip: string,
  env: NodeJS.ProcessEnv
): Promise<IPipConfiguredSources> {
  let known = Private.asked.get(pip);
  if (!known) {
    known = Private.ask(pip, env);
    Private.asked.set(pip, known);
  }
  return known;
}

namespace Private {
  export const asked = new Map<string, Promise<IPipConfiguredSources>>();

  export async function ask(
    pip: string,
    env: NodeJS.ProcessEnv
  ): Promise<IPipConfiguredSources> {
    const values = new Map<string, string>();
    try {
      const result = await run(pip, ['-m', 'pip', 'config', 'list'], { env });
      for (const line of result.code === 0 ? result.stdout.split('\n') : []) {
        const match = /^([^=]+)='(.*)'$/.exec(line.trim());
        if (match) {
          values.set(match[1], match[2]);
        }
      }
    } catch {
      // No pip there: uv's defaults.
    }
    const value = (key: string) =>
      values.get(`:env:.${key}`) ??
      values.get(`install.${key}`) ??
      values.get(`global.${key}`) ??
      null;
    const list = (key: string) =>
      value(key)?.split(/\s+/).filter(Boolean) ?? [];
    return {
      indexUrl: value('index-url'),
      extraIndexUrls: list('extra-index-url'),
      findLinks: list('find-links'),
      constraints: list('constraint'),
      cert: value('cert')
    };
  }
}
