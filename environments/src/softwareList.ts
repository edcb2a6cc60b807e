/**
 * A software list: the files of a Binder repository (or of a resource), read with
 * repo2docker's rules (binderRules.ts) into what the embedded builder installs (Python
 * version, pip requirements, the repository itself) and what only an image build applies
 * (conda packages without a PyPI equivalent, apt packages, postBuild, start). Whatever
 * the builder leaves aside is said in a French note; what prevents building, in a problem.
 */
import path from 'node:path';

import {
  configFolder,
  detectKind,
  parseRuntime,
  pythonFromVersion,
  type IRuntime
} from './binderRules';
import { readCondaEnvironment } from './condaEnvironment';
import { readPipfiles } from './pipfile';
import { readPythonPackage } from './pythonPackage';
import {
  readRequirementsFile,
  type IRequirementsContext
} from './requirements';
import { applyCommonFiles, noteLeftAside } from './softwareListNotes';
import type { IProblem, ISoftwareList } from './softwareListParts';

export type {
  IImageOnly,
  IProblem,
  IRequirement,
  ISoftwareList
} from './softwareListParts';
export type { ConfigKind } from './binderRules';

/** A file of a software list. */
export interface ISoftwareFile {
  /** Path relative to the resource or folder, e.g. `requirements.txt` or `binder/apt.txt`. */
  path: string;
  /** Its text. */
  content: string;
}

/** How to read a list. */
export interface IParseOptions {
  /**
   * The folders at the top of the repository (`binder`, `.binder`): an empty one takes
   * over from the top as well. Folders holding a file of the list are always counted.
   */
  folders?: readonly string[];
  /**
   * Whether builds run `postBuild` in their sandbox (`sandboxAvailable()`): the list then
   * carries the script into its lock. Without it, postBuild is kept for image builds only.
   */
  sandbox?: boolean;
  /**
   * The deployment's conda channels (`CANDYCE_CONDA_CHANNELS`): the conda packages without
   * a PyPI equivalent are then solved against them (conda.ts) instead of left aside.
   */
  condaChannels?: readonly string[];
}

/** The problem as one French sentence: « requirements.txt, ligne 3 : … ». */
export function describeProblem(problem: IProblem): string {
  const place = problem.line
    ? `${problem.file}, ligne ${problem.line}`
    : problem.file;
  return `${place} : ${problem.message}`;
}

/** Read the files of a software list with repo2docker's rules. */
export function parseSoftwareList(
  files: ISoftwareFile[],
  options: IParseOptions = {}
): ISoftwareList {
  const byPath = new Map(
    files.map(file => [path.posix.normalize(file.path), file.content])
  );
  const folders = new Set(options.folders ?? []);
  for (const file of byPath.keys()) {
    if (file.includes('/')) {
      folders.add(file.split('/')[0]);
    }
  }
  const list: ISoftwareList = {
    requirements: [],
    imageOnly: { condaPackages: [], condaChannels: [], aptPackages: [] },
    notes: [],
    problems: [],
    kind: 'python',
    folder: '',
    usedFiles: []
  };
  const folder = configFolder(folders);
  if (folder === null) {
    list.problems.push({
      file: 'binder/, .binder/',
      message:
        'le dépôt a un dossier binder/ et un dossier .binder/ : repo2docker refuse de choisir ; gardez-en un seul.'
    });
    return list;
  }
  list.folder = folder;
  const fileIn = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);
  const present = new Set(
    [...byPath.keys()]
      .filter(file => path.posix.dirname(file) === (folder || '.'))
      .map(file => path.posix.basename(file))
  );
  const configFile = (name: string) => {
    const file = fileIn(folder, name);
    const content = byPath.get(file);
    return content === undefined ? undefined : { file, content };
  };
  const use = (file: string) => {
    if (!list.usedFiles.includes(file)) {
      list.usedFiles.push(file);
    }
  };

  let runtime: IRuntime | undefined;
  const runtimeFile = configFile('runtime.txt');
  if (runtimeFile) {
    const parsed = parseRuntime(runtimeFile.content);
    if (typeof parsed === 'string') {
      list.problems.push({ file: runtimeFile.file, line: 1, message: parsed });
    } else {
      runtime = parsed;
    }
  }
  const rule = detectKind(present, runtime, folder === '');
  list.kind = rule.kind;
  noteLeftAside(list, byPath, folder, rule, present);
  if (!rule.builtHere) {
    return list;
  }

  const context: IRequirementsContext = {
    files: byPath,
    requirements: list.requirements,
    problems: list.problems,
    included: new Set()
  };
  if (rule.kind === 'conda') {
    const conda =
      configFile('environment.yml') ?? configFile('environment.yaml');
    use(conda!.file);
    Private.readConda(list, conda!, context, options.condaChannels ?? []);
  } else if (rule.kind === 'pipfile') {
    const pipfile = configFile('Pipfile');
    const lockfile = configFile('Pipfile.lock');
    const result = readPipfiles(folder, pipfile, lockfile, context, list.notes);
    if (result.used) {
      use(result.used);
    }
    if (result.python) {
      list.python = result.python;
      list.pythonFrom = result.pythonFile;
    }
    if (result.installsRepository) {
      list.installsRepository = result.used;
      // The repository's own packaging file, which the wheel is built from.
      const own = ['setup.py', 'pyproject.toml'].find(name => byPath.has(name));
      if (own) {
        use(own);
      }
    }
  } else {
    Private.readPython(list, runtime, runtimeFile?.file, configFile, context);
    context.included.forEach(use);
    if (folder === '') {
      readPythonPackage(byPath, list);
    }
  }
  context.included.forEach(use);
  if (context.installsRepository) {
    list.installsRepository ??= context.installsRepository.file;
  }
  if (list.installsRepository) {
    Private.forgetPackageNotes(list);
  }
  applyCommonFiles(list, configFile, options.sandbox ?? false);
  return list;
}

namespace Private {
  /** The repository is installed after all: its setup.py is not left aside. */
  export function forgetPackageNotes(list: ISoftwareList): void {
    const isPackageFile = (file: string) =>
      file === 'setup.py' || file === 'pyproject.toml';
    list.notes = list.notes
      .map(note => ({
        ...note,
        file: note.file
          .split(', ')
          .filter(file => !isPackageFile(file))
          .join(', ')
      }))
      .filter(
        note => note.file && !isPackageFile(path.posix.basename(note.file))
      );
  }

  /** The conda kind: environment.yml, with its Python version and packages. */
  export function readConda(
    list: ISoftwareList,
    conda: { file: string; content: string },
    context: IRequirementsContext,
    channels: readonly string[]
  ): void {
    const found = readCondaEnvironment(
      conda.file,
      conda.content,
      context,
      list.imageOnly
    );
    if (found.python) {
      list.python = found.python;
      list.pythonFrom = conda.file;
    }
    if (found.loosePython) {
      list.notes.push({
        file: conda.file,
        line: found.loosePython.line,
        message: `« ${found.loosePython.spec} » ne fixe pas la version de Python pour repo2docker (il lui faut python=3.X).`
      });
    }
    if (found.mapped.length) {
      list.notes.push({
        file: conda.file,
        message: `paquets conda installés depuis PyPI (même logiciel) : ${found.mapped
          .map(item => `${item.conda} → ${item.pip}`)
          .join(', ')}.`
      });
    }
    if (channels.length && found.unmapped.length) {
      // The deployment's channels: its solver installs what PyPI does not have.
      list.conda = { specs: found.unmapped, channels: [...channels] };
      list.notes.push({
        file: conda.file,
        message: `paquets conda résolus et installés depuis les canaux conda de la plateforme (${channels.join(', ')}) plutôt que ${list.imageOnly.condaChannels.length ? `depuis ceux du fichier (${list.imageOnly.condaChannels.join(', ')})` : 'depuis conda-forge'} : ${found.unmapped.join(', ')}. Le Python reste celui de l’environnement : un paquet conda qui demande le Python de conda est refusé.`
      });
      return;
    }
    if (list.imageOnly.condaChannels.length) {
      list.notes.push({
        file: conda.file,
        message: `canaux conda non utilisés (${list.imageOnly.condaChannels.join(', ')}) : les paquets viennent de l’index PyPI de la plateforme ; l’export les garde.`
      });
    }
    if (found.unmapped.length) {
      list.notes.push({
        file: conda.file,
        message: `paquets conda sans équivalent PyPI connu, non installés par le constructeur intégré (une image repo2docker les installera) : ${found.unmapped.join(', ')}.`
      });
    }
  }

  /** The Python kind: runtime.txt and requirements.txt. */
  export function readPython(
    list: ISoftwareList,
    runtime: IRuntime | undefined,
    runtimeFile: string | undefined,
    configFile: (name: string) => { file: string; content: string } | undefined,
    context: IRequirementsContext
  ): void {
    if (runtime && runtimeFile) {
      list.usedFiles.push(runtimeFile);
      if (runtime.name !== 'python') {
        // python/__init__.py: a runtime that is not Python's leaves the default.
        list.notes.push({
          file: runtimeFile,
          line: 1,
          message: `« ${runtime.name} » n’est pas un runtime que Candyce sait construire ; la version de Python par défaut est prise.`
        });
      } else if (runtime.version) {
        const python = pythonFromVersion(runtime.version);
        if (!python) {
          list.problems.push({
            file: runtimeFile,
            line: 1,
            message: `« python-${runtime.version} » n’est pas une version de Python : écrivez python-3.X, par ex. python-3.11.`
          });
        } else {
          list.python = python;
          list.pythonFrom = runtimeFile;
          if (runtime.version.split('.').length > 2) {
            list.notes.push({
              file: runtimeFile,
              line: 1,
              message: `seule la version python-${python} compte (repo2docker refuse python-${runtime.version} ; l’export écrit python-${python}).`
            });
          }
        }
      }
    }
    const requirements = configFile('requirements.txt');
    if (requirements) {
      readRequirementsFile(requirements.file, requirements.content, context);
    }
  }
}
