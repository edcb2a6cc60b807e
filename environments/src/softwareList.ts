/**
 * A software list: the Binder/repo2docker files stored with a resource or a folder,
 * read into what the embedded builder installs (Python version, pip requirements) and
 * what only an image build applies (conda and apt packages, postBuild).
 */
import path from 'node:path';

import { readCondaEnvironment } from './condaEnvironment';
import {
  readRequirementsFile,
  type IRequirementsContext
} from './requirements';
import type { IImageOnly, IProblem, IRequirement } from './softwareListParts';

export type { IImageOnly, IProblem, IRequirement } from './softwareListParts';

/** A file of a software list. */
export interface ISoftwareFile {
  /** Path relative to the resource or folder, e.g. `requirements.txt` or `binder/apt.txt`. */
  path: string;
  /** Its text. */
  content: string;
}

/** A software list, read. */
export interface ISoftwareList {
  /** The Python version asked for (`3.11`), from `runtime.txt` or `environment.yml`. */
  python?: string;
  /** The pip requirements, in file order. */
  requirements: IRequirement[];
  /** What only image builds apply. */
  imageOnly: IImageOnly;
  /** Information for the author (parts the embedded builder ignores). */
  notes: IProblem[];
  /** What prevents resolving the list; empty when it can be resolved. */
  problems: IProblem[];
}

/** The problem as one French sentence: « requirements.txt, ligne 3 : … ». */
export function describeProblem(problem: IProblem): string {
  const place =
    problem.line === undefined
      ? problem.file
      : `${problem.file}, ligne ${problem.line}`;
  return `${place} : ${problem.message}`;
}

/**
 * Read the files of a software list. Like repo2docker, files in a `binder/` (or
 * `.binder/`) folder take precedence over those at the top; other files are ignored.
 */
export function parseSoftwareList(files: ISoftwareFile[]): ISoftwareList {
  const byPath = new Map(
    files.map(file => [path.posix.normalize(file.path), file.content])
  );
  const folder = Private.configFolder([...byPath.keys()]);
  const configFile = (name: string) => {
    const file = folder ? `${folder}/${name}` : name;
    const content = byPath.get(file);
    return content === undefined ? undefined : { file, content };
  };
  const list: ISoftwareList = {
    requirements: [],
    imageOnly: { condaPackages: [], condaChannels: [], aptPackages: [] },
    notes: [],
    problems: []
  };
  const context: IRequirementsContext = {
    files: byPath,
    requirements: list.requirements,
    problems: list.problems,
    included: new Set()
  };

  const runtime = configFile('runtime.txt');
  if (runtime) {
    const text = runtime.content.trim();
    const match = /^python-(\d+\.\d+)(?:\.\d+)?$/.exec(text);
    if (match) {
      list.python = match[1];
    } else {
      list.problems.push({
        file: runtime.file,
        line: 1,
        message: `« ${text} » n’est pas pris en charge : écrivez python-3.X, par ex. python-3.11.`
      });
    }
  }

  const conda = configFile('environment.yml') ?? configFile('environment.yaml');
  if (conda) {
    const found = readCondaEnvironment(
      conda.file,
      conda.content,
      context,
      list.imageOnly
    );
    if (found.python && list.python && found.python !== list.python) {
      list.problems.push({
        file: conda.file,
        line: found.pythonLine,
        message: `Python ${found.python} est demandé ici mais runtime.txt demande Python ${list.python}.`
      });
    }
    list.python ??= found.python;
  }

  const requirements = configFile('requirements.txt');
  if (requirements) {
    readRequirementsFile(requirements.file, requirements.content, context);
  }

  const apt = configFile('apt.txt');
  if (apt) {
    list.imageOnly.aptPackages = apt.content
      .split(/\r?\n/)
      .map(line => line.replace(/#.*$/, '').trim())
      .filter(Boolean);
    list.notes.push({
      file: apt.file,
      message: `les paquets système (${list.imageOnly.aptPackages.join(', ')}) ne sont installés que par une construction d’image (repo2docker) ; le constructeur intégré les ignore.`
    });
  }

  const postBuild = configFile('postBuild');
  if (postBuild) {
    list.imageOnly.postBuild = postBuild.content;
    list.notes.push({
      file: postBuild.file,
      message:
        'ce script n’est exécuté que par une construction d’image (repo2docker) ; le constructeur intégré l’ignore.'
    });
  }
  return list;
}

namespace Private {
  /** `binder` or `.binder` when the list has such a folder, else the top (''). */
  export function configFolder(paths: string[]): string {
    for (const folder of ['.binder', 'binder']) {
      if (paths.some(file => file.startsWith(`${folder}/`))) {
        return folder;
      }
    }
    return '';
  }
}
