/**
 * Finding the Python interpreter a software list asks for, and asking an interpreter
 * what it is (version, implementation, platform, the wheel tags it accepts).
 */
import fs from 'node:fs/promises';

import { EnvironmentError } from './errors';
import { run } from './process';
import { pathDirectories, which } from './which';

/** What an interpreter says about itself. */
export interface IPythonInfo {
  /** Path of the interpreter. */
  path: string;
  /** `major.minor`, e.g. `3.11`: what a lock pins (patch releases keep the ABI). */
  version: string;
  /** The full version, e.g. `3.11.2`. */
  fullVersion: string;
  /** `sys.implementation.name`, e.g. `cpython`. */
  implementation: string;
  /** `sys.platform`, e.g. `linux`. */
  system: string;
  /** `platform.machine()`, e.g. `x86_64`. */
  machine: string;
  /**
   * The wheel tags it accepts, most specific first (`packaging.tags.sys_tags()`); empty
   * when neither `packaging` nor pip is importable by it.
   */
  tags: string[];
}

// Run by the interpreter itself: what it is, in JSON. `packaging` may be missing from a
// bare interpreter; pip vendors it.
const PROBE = `
import json, platform, sys
try:
    from packaging import tags
except ImportError:
    try:
        from pip._vendor.packaging import tags
    except ImportError:
        tags = None
print(json.dumps({
    "version": "%d.%d" % sys.version_info[:2],
    "fullVersion": platform.python_version(),
    "implementation": sys.implementation.name,
    "system": sys.platform,
    "machine": platform.machine(),
    "tags": [str(t) for t in tags.sys_tags()] if tags else [],
}))
`;

/** Ask an interpreter what it is. */
export async function probePython(python: string): Promise<IPythonInfo> {
  let result;
  try {
    result = await run(python, ['-I', '-c', PROBE]);
  } catch {
    throw new EnvironmentError(
      'python-missing',
      `L’interpréteur Python « ${python} » est introuvable sur ce serveur.`
    );
  }
  if (result.code !== 0) {
    throw new EnvironmentError(
      'python-missing',
      `L’interpréteur Python « ${python} » ne répond pas.`,
      result.stderr
    );
  }
  return { path: python, ...JSON.parse(result.stdout) };
}

/** Where to look for interpreters. */
export interface IFindPythonOptions {
  /** Directories searched for `python3.X` (default: the `PATH`). */
  searchPath?: string[];
  /** Used when no version is asked for (default: `python3` on the search path). */
  defaultPython?: string;
}

/**
 * The interpreter of the Python version a software list asks for (`3.11`), or the
 * default one when it asks for none.
 *
 * @throws EnvironmentError `python-missing`, naming the versions that are installed
 */
export async function findPython(
  version: string | undefined,
  options: IFindPythonOptions = {}
): Promise<IPythonInfo> {
  const dirs = options.searchPath ?? pathDirectories();
  // The probe (and venv, pip's report) need Python 3: a Python 2 found on the server
  // would not answer, and « not installed » would be wrong.
  if (version && Number(version.split('.')[0]) < 3) {
    throw new EnvironmentError(
      'python-missing',
      `Python ${version} n’est pas pris en charge : Candyce ne construit que des environnements Python 3.`
    );
  }
  if (!version) {
    return probePython(
      options.defaultPython ?? (await which('python3', dirs)) ?? 'python3'
    );
  }
  const found = await which(`python${version}`, dirs);
  // A found name that does not answer is absent too (a pyenv shim of a version that is
  // not installed, a dangling link).
  const info = found ? await probePython(found).catch(() => null) : null;
  if (info?.version === version) {
    return info;
  }
  const installed = await installedPythons({ searchPath: dirs });
  throw new EnvironmentError(
    'python-missing',
    `Python ${version} est demandé mais n’est pas installé sur ce serveur ` +
      (installed.length
        ? `(versions disponibles : ${installed.join(', ')}).`
        : '(aucune version trouvée).')
  );
}

/**
 * The `3.X` versions this machine can build with: each `python3.X` of the search path
 * that answers as that version, oldest first (one process per name found).
 */
export async function installedPythons(
  options: Pick<IFindPythonOptions, 'searchPath'> = {}
): Promise<string[]> {
  return Private.installedVersions(options.searchPath ?? pathDirectories());
}

namespace Private {
  /** The `3.X` versions whose first `python3.X` in `dirs` answers, sorted. */
  export async function installedVersions(dirs: string[]): Promise<string[]> {
    const versions = new Set<string>();
    for (const dir of dirs) {
      const names = await fs.readdir(dir).catch(() => [] as string[]);
      for (const name of names) {
        const match = /^python(3\.\d+)$/.exec(name);
        if (match) {
          versions.add(match[1]);
        }
      }
    }
    const answering = await Promise.all(
      [...versions].map(async version => {
        const found = await which(`python${version}`, dirs);
        const info = found ? await probePython(found).catch(() => null) : null;
        return info?.version === version ? version : null;
      })
    );
    return answering
      .filter((version): version is string => version !== null)
      .sort((a, b) => minor(a) - minor(b));
  }

  function minor(version: string): number {
    return Number(version.split('.')[1]);
  }
}
