/**
 * `Pipfile` and `Pipfile.lock`, as repo2docker's pipfile buildpack installs them
 * (`pipenv install --system --dev`, with `--ignore-pipfile` when the lock exists): the
 * lock's `default` and `develop` packages, or else the Pipfile's `[packages]` and
 * `[dev-packages]`. A `{path = "."}` entry that names the repository installs it.
 */
import path from 'node:path';

import { parse as parseToml } from 'smol-toml';

import { pythonFromVersion } from './binderRules';
import type { IRequirementsContext } from './requirements';
import { readRequirementLine } from './requirements';
import type { IProblem } from './softwareListParts';

/** What a Pipfile (or its lock) adds to a software list. */
export interface IPipfileResult {
  /** Python `major.minor` of `requires` (the lock's first, as pipfile/__init__.py). */
  python?: string;
  /** Where that version was read. */
  pythonFile?: string;
  /** Whether an entry installs the repository itself (`{path = "."}`). */
  installsRepository: boolean;
  /** The file whose packages were installed. */
  used?: string;
}

type Table = Record<string, unknown>;

/**
 * Read `Pipfile.lock` (preferred) or `Pipfile` of the configuration folder `folder`
 * into the context.
 */
export function readPipfiles(
  folder: string,
  pipfile: { file: string; content: string } | undefined,
  lockfile: { file: string; content: string } | undefined,
  context: IRequirementsContext,
  notes: IProblem[]
): IPipfileResult {
  const result: IPipfileResult = { installsRepository: false };
  const problem = (file: string, message: string) =>
    context.problems.push({ file, message });
  let lock: Table | undefined;
  let pip: Table | undefined;
  if (lockfile) {
    try {
      lock = Private.table(JSON.parse(lockfile.content));
    } catch {
      problem(lockfile.file, 'ce fichier n’est pas du JSON valide.');
    }
  }
  if (pipfile) {
    try {
      pip = parseToml(pipfile.content) as Table;
    } catch (error) {
      problem(
        pipfile.file,
        `ce fichier n’est pas du TOML valide (${(error as Error).message.split('\n')[0]}).`
      );
    }
  }

  // pipfile/__init__.py, python_version: the lock's `_meta.requires`, then the
  // Pipfile's `[requires]`; `python_full_version` before `python_version`.
  const sources: [string | undefined, Table | undefined][] = [
    [lockfile?.file, Private.table(Private.table(lock?._meta)?.requires)],
    [pipfile?.file, Private.table(pip?.requires)]
  ];
  for (const [file, requires] of sources) {
    const text = requires?.python_full_version ?? requires?.python_version;
    const version =
      typeof text === 'string' ? /^\d+(\.\d+)*/.exec(text)?.[0] : undefined;
    if (version) {
      result.python = pythonFromVersion(version);
      result.pythonFile = file;
      break;
    }
  }

  const entries = (file: string, sections: (Table | undefined)[]) => {
    result.used = file;
    for (const section of sections) {
      for (const [name, value] of Object.entries(section ?? {})) {
        Private.readEntry(folder, file, name, value, context, result);
      }
    }
  };
  if (lock) {
    // `pipenv install --ignore-pipfile --dev`: the lock's two sections.
    entries(lockfile!.file, [
      Private.table(lock.default),
      Private.table(lock.develop)
    ]);
    if (pipfile) {
      notes.push({
        file: pipfile.file,
        message: `seul ${lockfile!.file} est installé (comme « pipenv install --ignore-pipfile » de repo2docker) ; les paquets de ce fichier servent à le régénérer.`
      });
    }
  } else if (pip) {
    // `pipenv install --skip-lock --dev`: the Pipfile's two sections.
    entries(pipfile!.file, [
      Private.table(pip.packages),
      Private.table(pip['dev-packages'])
    ]);
  }
  const sourcesList = Array.isArray(pip?.source) ? pip.source : [];
  for (const source of sourcesList) {
    const url = String(Private.table(source)?.url ?? '');
    if (url && !/^https:\/\/pypi\.(?:python\.)?org\/simple\/?$/.test(url)) {
      notes.push({
        file: pipfile!.file,
        message: `l’index « ${url} » n’est pas utilisé : les paquets viennent de l’index choisi par la plateforme.`
      });
    }
  }
  return result;
}

namespace Private {
  export function table(value: unknown): Table | undefined {
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Table)
      : undefined;
  }

  /** One `name = spec` entry of a Pipfile, or one package of a Pipfile.lock. */
  export function readEntry(
    folder: string,
    file: string,
    name: string,
    value: unknown,
    context: IRequirementsContext,
    result: IPipfileResult
  ): void {
    const problem = (message: string) =>
      context.problems.push({ file, message: `« ${name} » : ${message}` });
    if (typeof value === 'string') {
      readRequirementLine(
        value.trim() === '*' ? name : `${name}${value.trim()}`,
        file,
        0,
        context
      );
      return;
    }
    const entry = table(value);
    if (!entry) {
      problem('entrée illisible (attendu : "*", une version ou une table).');
      return;
    }
    if (typeof entry.path === 'string') {
      // pipenv runs in the configuration folder (pipfile/__init__.py,
      // working_directory): the path is relative to it.
      const target = path.posix.normalize(
        path.posix.join(folder || '.', entry.path)
      );
      if (target === '.' || target === './') {
        result.installsRepository = true;
      } else {
        problem(
          `le chemin « ${entry.path} » n’est pas le dépôt lui-même ; seuls les paquets publiés et le dépôt (path = ".") sont installés.`
        );
      }
      return;
    }
    for (const key of ['git', 'file', 'hg', 'svn', 'bzr']) {
      if (typeof entry[key] === 'string') {
        problem(
          `l’installation depuis « ${String(entry[key])} » n’est pas acceptée : seuls les paquets publiés sur l’index le sont.`
        );
        return;
      }
    }
    const extras = Array.isArray(entry.extras)
      ? `[${entry.extras.map(String).join(',')}]`
      : '';
    const version =
      typeof entry.version === 'string' && entry.version.trim() !== '*'
        ? entry.version.trim()
        : '';
    const markers =
      typeof entry.markers === 'string' ? ` ; ${entry.markers}` : '';
    readRequirementLine(
      `${name}${extras}${version}${markers}`,
      file,
      0,
      context
    );
  }
}
