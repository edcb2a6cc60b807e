/**
 * Conda packages solved and installed by an established conda solver, py-rattler
 * (rattler's Python bindings, run as a tool like pip), when a deployment configures conda
 * channels (`CANDYCE_CONDA_CHANNELS`). The conda packages without a PyPI equivalent are
 * solved against those channels at lock time — every file pinned by URL and SHA-256 in
 * the lock — and installed into the environment at build time, files checked. The
 * environment keeps its own Python (a venv): a solution that would bring conda's Python
 * is refused, in French (its packages belong in the PyPI part of the list).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { EnvironmentError } from './errors';
import { run } from './process';

/** Where the conda packages of a lock come from, and which files they are. */
export interface ILockedConda {
  /** The channels they were solved against, as configured. */
  channels: string[];
  /** Every conda package, sorted by name. */
  packages: {
    name: string;
    version: string;
    build: string;
    /** The file's URL in its channel. */
    url: string;
    sha256: string;
  }[];
}

/** How conda packages are solved and installed. */
export interface ICondaOptions {
  /** The conda channels (URLs, `file://` included); none: conda packages are not solved. */
  condaChannels?: string[];
  /** A Python that has py-rattler (default: `CANDYCE_CONDA_PYTHON`, else the pip Python). */
  condaPython?: string;
}

/** The channels a deployment names in `CANDYCE_CONDA_CHANNELS` (comma-separated). */
export function condaChannelsFromEnvironment(
  env: NodeJS.ProcessEnv = process.env
): string[] {
  return (env.CANDYCE_CONDA_CHANNELS ?? '')
    .split(',')
    .map(channel => channel.trim())
    .filter(Boolean);
}

/**
 * Solve conda match specs against the channels.
 *
 * @throws EnvironmentError `not-found` / `conflict` (the solver's reason, in French),
 * `invalid-list` when the solution needs conda's Python, `tool-failed` without py-rattler
 */
export async function solveConda(
  specs: string[],
  options: ICondaOptions & { pip?: string; signal?: AbortSignal }
): Promise<ILockedConda> {
  const channels = options.condaChannels ?? [];
  const answer = await Private.tool(
    { action: 'solve', channels, specs },
    options
  );
  const packages = (answer.packages as ILockedConda['packages']).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  );
  const python = packages.find(item => item.name === 'python');
  if (python) {
    throw new EnvironmentError(
      'invalid-list',
      `Ces paquets conda demandent le Python de conda (python ${python.version}) : ${specs.join(', ')}. Un environnement Candyce garde son propre Python ; mettez les paquets Python dans la section « pip: » de environment.yml (ou installez-les depuis PyPI), et ne gardez en conda que les logiciels qui ne dépendent pas de Python.`
    );
  }
  return { channels, packages };
}

/**
 * Install the locked conda packages into `directory` (a venv being built), for use at
 * `finalPath` (text files' prefix placeholders are written with it).
 *
 * @throws EnvironmentError `hash-mismatch` when a channel now serves other files,
 * `tool-failed` otherwise
 */
export async function installConda(
  conda: ILockedConda,
  directory: string,
  finalPath: string,
  options: ICondaOptions & { pip?: string; signal?: AbortSignal }
): Promise<void> {
  const cache = await fs.mkdtemp(path.join(os.tmpdir(), 'candyce-conda-'));
  try {
    await Private.tool(
      {
        action: 'install',
        channels: conda.channels,
        packages: conda.packages,
        prefix: directory,
        target: finalPath,
        cache
      },
      options
    );
  } finally {
    await fs.rm(cache, { recursive: true, force: true });
  }
}

namespace Private {
  /**
   * Run by the Python that has py-rattler: one JSON request as argument, one JSON answer
   * on stdout. The install solves again with exact pins and checks every file's SHA-256
   * against the lock before installing, so that a channel that changed is caught.
   */
  const TOOL = `
import asyncio, json, os, sys
try:
    import rattler
    from rattler.platform import Platform
except ImportError:
    print(json.dumps({"error": "missing"})); sys.exit(0)

async def solve(channels, specs):
    platform = str(Platform.current())
    records = await rattler.solve(channels, specs, platforms=[platform, "noarch"],
                                  virtual_packages=rattler.VirtualPackage.detect())
    return records

async def main(request):
    try:
        if request["action"] == "solve":
            records = await solve(request["channels"], request["specs"])
            return {"packages": [{"name": r.name.normalized, "version": str(r.version),
                                  "build": str(r.build), "url": str(r.url), "sha256": r.sha256.hex()}
                                 for r in records]}
        locked = {p["name"]: p for p in request["packages"]}
        records = await solve(request["channels"],
                              ["%s ==%s %s" % (p["name"], p["version"], p["build"]) for p in locked.values()])
        for r in records:
            p = locked.get(r.name.normalized)
            if p is None or r.sha256.hex() != p["sha256"] or str(r.url) != p["url"]:
                return {"error": "hash", "name": r.name.normalized}
        await rattler.install(records, request["prefix"], cache_dir=request["cache"],
                              alternative_target_prefix=request["target"], show_progress=False)
        return {"installed": len(records)}
    except Exception as error:
        return {"error": "solver", "message": str(error)}

print(json.dumps(asyncio.run(main(json.loads(sys.argv[1])))))
# rattler's runtime threads may crash the interpreter's finalization (its output is a
# pipe): leave at once, the answer is written.
sys.stdout.flush()
os._exit(0)
`;

  /** Run the tool and read its answer. */
  export async function tool(
    request: Record<string, unknown>,
    options: ICondaOptions & { pip?: string; signal?: AbortSignal }
  ): Promise<Record<string, unknown>> {
    const python =
      options.condaPython ??
      process.env.CANDYCE_CONDA_PYTHON ??
      options.pip ??
      'python3';
    const result = await run(
      python,
      ['-I', '-c', TOOL, JSON.stringify(request)],
      { signal: options.signal }
    );
    let answer: Record<string, unknown>;
    try {
      answer = JSON.parse(result.stdout.trim().split('\n').pop() ?? '');
    } catch {
      throw new EnvironmentError(
        'tool-failed',
        'Le solveur conda (py-rattler) a échoué.',
        result.stdout + result.stderr
      );
    }
    switch (answer.error) {
      case undefined:
        return answer;
      case 'missing':
        throw new EnvironmentError(
          'tool-failed',
          `Des canaux conda sont configurés, mais py-rattler n’est pas installé pour ${python} : installez-le (pip install py-rattler) ou indiquez un Python qui l’a (CANDYCE_CONDA_PYTHON).`
        );
      case 'hash':
        throw new EnvironmentError(
          'hash-mismatch',
          `Le paquet conda ${String(answer.name)} du canal ne correspond plus au verrou (autre fichier ou autre empreinte) : résolvez à nouveau la liste de logiciels.`
        );
      default:
        throw explainSolverFailure(String(answer.message ?? ''));
    }
  }

  /** The solver's message, in French. */
  export function explainSolverFailure(message: string): EnvironmentError {
    const missing = /No candidates were found for ([^\s.]+)/i.exec(message);
    if (missing) {
      return new EnvironmentError(
        'not-found',
        `Le paquet conda « ${missing[1]} » est introuvable dans les canaux conda de la plateforme.`,
        message
      );
    }
    if (/cannot be installed because|conflict/i.test(message)) {
      return new EnvironmentError(
        'conflict',
        'Ces paquets conda ne peuvent pas être installés ensemble.',
        message
      );
    }
    return new EnvironmentError(
      'tool-failed',
      'Le solveur conda (py-rattler) a échoué.',
      message
    );
  }
}
