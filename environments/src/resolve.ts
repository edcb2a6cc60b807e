/**
 * Resolving a software list into a lock: uv's resolver when the caller gives uv (in
 * well under a second with a warm cache, see uvResolve.ts), else pip's in dry-run mode,
 * whose JSON report (`pip install --dry-run --ignore-installed --report`) lists every
 * package it would install, with the file chosen and its hash. pip also answers when uv
 * fails, for its errors are the ones the engine explains in French.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { solveConda, type ICondaOptions } from './conda';
import { EnvironmentError } from './errors';
import { sha256File } from './hash';
import type { ILock, ILockedPackage } from './lock';
import { sourceArguments, toolEnvironment, type IPackageSource } from './pip';
import { explainPipFailure } from './pipErrors';
import type { ProgressCallback } from './progress';
import { run } from './process';
import { findPython, probePython, type IPythonInfo } from './python';
import { buildRepositoryWheel } from './repositoryWheel';
import { describeProblem, type ISoftwareList } from './softwareList';
import { resolveWithUv } from './uvResolve';

/** How to resolve. */
export interface IResolveOptions extends IPackageSource, ICondaOptions {
  /**
   * The interpreter to resolve for; by default the `python3.X` the list asks for, found
   * on `pythonSearchPath`, or `python3`.
   */
  python?: string;
  /** Where to look for `python3.X` (default: the `PATH`). */
  pythonSearchPath?: string[];
  /** A Python that has pip, to run it (default: the interpreter itself). */
  pip?: string;
  /** The uv executable: resolves with uv first (pip's configuration is handed to it). */
  uv?: string;
  /** uv's cache, shared with the store's builds (see `storeUvCache`). */
  uvCacheDir?: string;
  /**
   * The repository's folder and where to write its wheel, when the list installs the
   * repository itself (`installsRepository`, like repo2docker's `pip install .`).
   */
  repository?: { folder: string; wheelDir: string };
  /** Cancels the resolution. */
  signal?: AbortSignal;
  /** Receives progress events. */
  onProgress?: ProgressCallback;
}

/**
 * Resolve a software list into a complete lock: every package with its exact version,
 * file and hash, the Python version and the platform.
 *
 * @throws EnvironmentError with a French message: `invalid-list` (the list's problems),
 * `python-missing`, `not-found`, `conflict`, `build-failed`, `cancelled`…
 */
export async function resolve(
  list: ISoftwareList,
  options: IResolveOptions = {}
): Promise<ILock> {
  if (list.problems.length) {
    throw new EnvironmentError(
      'invalid-list',
      `La liste de logiciels ne peut pas être résolue :\n${list.problems
        .map(problem => `- ${describeProblem(problem)}`)
        .join('\n')}`
    );
  }
  if (list.installsRepository && !options.repository) {
    throw new EnvironmentError(
      'invalid-list',
      `${list.installsRepository} demande d’installer le dépôt lui-même (pip install .) : seul « candyce-env lock » sur le dossier du dépôt sait le faire.`
    );
  }
  const python = await Private.interpreter(list, options);
  const wheel =
    list.installsRepository && options.repository
      ? await buildRepositoryWheel(python, options.repository, options)
      : undefined;
  const inputs = [
    ...list.requirements.map(item => item.text),
    ...(wheel ? [wheel] : [])
  ];
  const fast =
    inputs.length && options.uv && !wheel
      ? await resolveWithUv(inputs, python, {
          ...options,
          uv: options.uv,
          cacheDir: options.uvCacheDir,
          pip: options.pip ?? python.path
        })
      : null;
  const packages: ILockedPackage[] =
    fast ??
    (inputs.length ? await Private.runResolver(inputs, python, options) : []);
  // The conda packages PyPI lacks, from the deployment's channels (conda.ts).
  const conda = list.conda
    ? await solveConda(list.conda.specs, {
        ...options,
        condaChannels: list.conda.channels
      })
    : undefined;
  options.onProgress?.({
    phase: 'done',
    message: `Liste résolue : ${packages.length} paquets.`,
    fraction: 1
  });
  return {
    lockVersion: 1,
    python: { implementation: python.implementation, version: python.version },
    platform: {
      system: python.system,
      machine: python.machine,
      tag: python.tags[0] ?? ''
    },
    packages: packages.sort((a, b) =>
      a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1
    ),
    ...(conda ? { conda } : {}),
    // Run by the build in its sandbox: another script is another environment.
    ...(list.postBuild !== undefined ? { postBuild: list.postBuild } : {})
  };
}

namespace Private {
  /** The interpreter to resolve for, checked against the list's Python version. */
  export async function interpreter(
    list: ISoftwareList,
    options: IResolveOptions
  ): Promise<IPythonInfo> {
    const python = options.python
      ? await probePython(options.python)
      : await findPython(list.python, { searchPath: options.pythonSearchPath });
    if (list.python && python.version !== list.python) {
      throw new EnvironmentError(
        'python-missing',
        `La liste de logiciels demande Python ${list.python}, mais l’interpréteur fourni est Python ${python.version}.`
      );
    }
    return python;
  }

  /** Run pip's resolver and read its report. */
  export async function runResolver(
    inputs: string[],
    python: IPythonInfo,
    options: IResolveOptions
  ): Promise<ILockedPackage[]> {
    const work = await fs.mkdtemp(path.join(os.tmpdir(), 'candyce-resolve-'));
    try {
      const input = path.join(work, 'requirements.in');
      const report = path.join(work, 'report.json');
      await fs.writeFile(input, inputs.map(text => text + '\n').join(''));
      const pip = options.pip ?? python.path;
      const result = await run(
        pip,
        [
          '-m',
          'pip',
          ...(pip === python.path ? [] : ['--python', python.path]),
          'install',
          '--dry-run',
          '--ignore-installed',
          '--report',
          report,
          ...sourceArguments(options),
          '-r',
          input
        ],
        {
          cwd: work,
          env: toolEnvironment(options),
          signal: options.signal,
          onLine: line => {
            const name = /^(?:Collecting|Processing)\s+(\S+)/.exec(line)?.[1];
            options.onProgress?.({
              phase: 'resolve',
              message: name
                ? `Résolution : ${path.basename(name)}…`
                : 'Résolution des versions…',
              log: line
            });
          }
        }
      );
      if (result.code !== 0) {
        throw explainPipFailure(result.stdout + result.stderr);
      }
      return await readReport(report);
    } finally {
      await fs.rm(work, { recursive: true, force: true });
    }
  }

  /** pip's installation report, read into locked packages. */
  async function readReport(file: string): Promise<ILockedPackage[]> {
    const report = JSON.parse(await fs.readFile(file, 'utf8'));
    if (report.version !== '1') {
      throw new EnvironmentError(
        'tool-failed',
        `Le rapport de pip est dans un format inconnu (version ${report.version}).`
      );
    }
    const packages: ILockedPackage[] = [];
    for (const item of report.install) {
      const { name, version } = item.metadata;
      const url: string = item.download_info.url;
      const archive = item.download_info.archive_info;
      if (!archive) {
        throw new EnvironmentError(
          'invalid-list',
          `Le paquet ${name} ne vient pas d’un fichier publié (${url}) : il ne peut pas être verrouillé.`
        );
      }
      const sha256: string | undefined =
        archive.hashes?.sha256 ??
        /^sha256=([0-9a-f]{64})$/.exec(archive.hash ?? '')?.[1] ??
        (url.startsWith('file:')
          ? await sha256File(fileURLToPath(url))
          : undefined);
      if (!sha256) {
        throw new EnvironmentError(
          'tool-failed',
          `L’index n’a pas donné d’empreinte SHA-256 pour ${name} ${version}.`
        );
      }
      const file = decodeURIComponent(new URL(url).pathname.split('/').pop()!);
      packages.push({ name, version, file, sha256 });
    }
    return packages;
  }
}
