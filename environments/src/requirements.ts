/**
 * `requirements.txt` lines: PEP 508 requirements are kept, `-r` includes are followed
 * among the files given, and everything that would let a list choose its own index,
 * install from a path or a URL, or edit in place is refused: a lock must be a list of
 * published packages with their hashes.
 */
import path from 'node:path';

import type { IProblem, IRequirement } from './softwareListParts';

/** Where a line comes from, and what has been gathered so far. */
export interface IRequirementsContext {
  /** The files of the software list, by path. */
  files: Map<string, string>;
  /** Requirements gathered so far. */
  requirements: IRequirement[];
  /** Problems found so far. */
  problems: IProblem[];
  /** Files already included, against `-r` loops. */
  included: Set<string>;
  /** Set when a line installs the repository itself (`.` or `-e .`). */
  installsRepository?: { file: string; line: number };
}

const NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?';
const EXTRAS = `\\[\\s*(?:${NAME}(?:\\s*,\\s*${NAME})*)?\\s*\\]`;
const CLAUSE = '(?:~=|===|==|!=|<=|>=|<|>)\\s*[A-Za-z0-9_.*+!-]+';
const SPEC = `${CLAUSE}(?:\\s*,\\s*${CLAUSE})*`;
const REQUIREMENT = new RegExp(
  `^(${NAME})\\s*(?:${EXTRAS})?\\s*(?:\\(\\s*${SPEC}\\s*\\)|${SPEC})?\\s*(?:;\\s*\\S.*)?$`
);

/** Read a whole requirements file into the context. */
export function readRequirementsFile(
  file: string,
  content: string,
  context: IRequirementsContext
): void {
  context.included.add(file);
  const lines = content.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const start = index;
    let text = lines[index];
    // A trailing backslash continues the line.
    while (text.endsWith('\\') && index + 1 < lines.length) {
      text = text.slice(0, -1) + lines[++index];
    }
    readRequirementLine(text, file, start + 1, context);
  }
}

/**
 * Read one line (of a requirements file, or of the `pip:` section of an
 * `environment.yml`) into the context.
 */
export function readRequirementLine(
  raw: string,
  file: string,
  line: number,
  context: IRequirementsContext
): void {
  // A `--hash` of a line (as in an exported repository) is dropped: the lock records
  // the hash of whatever file the resolution chooses.
  const text = raw
    .replace(/(^|\s)#.*$/, '')
    .replace(/\s+--hash(?:=|\s+)\S+/g, '')
    .trim();
  if (!text) {
    return;
  }
  const problem = (message: string) =>
    context.problems.push({ file, line, message });
  const include = /^(?:-r|--requirement)(?:\s+|=)(\S+)$/.exec(text);
  if (include) {
    const target = path.posix.normalize(
      path.posix.join(path.posix.dirname(file), include[1])
    );
    const content = context.files.get(target);
    if (content === undefined) {
      problem(
        `le fichier inclus « ${include[1]} » ne fait pas partie de la liste de logiciels.`
      );
    } else if (!context.included.has(target)) {
      readRequirementsFile(target, content, context);
    }
    return;
  }
  // `.` or `-e .` (pip runs at the top of the repository in repo2docker): the
  // repository itself, installed like `pip install .`.
  if (/^(?:(?:-e|--editable)(?:\s+|=))?\.\/?$/.test(text)) {
    context.installsRepository ??= { file, line };
    return;
  }
  if (text.startsWith('-')) {
    const option = text.split(/[\s=]/)[0];
    problem(Private.optionRefusal(option));
    return;
  }
  if (/\s@\s|:\/\/|^[./~]/.test(text)) {
    problem(
      `« ${text} » désigne un fichier ou une adresse ; seuls les paquets publiés sur l’index sont acceptés (par ex. numpy>=1.26).`
    );
    return;
  }
  if (!REQUIREMENT.test(text)) {
    problem(
      `« ${text} » n’est pas une exigence valide (attendu : un nom de paquet, éventuellement suivi d’une version, par ex. numpy>=1.26).`
    );
    return;
  }
  context.requirements.push({ text, file, line });
}

namespace Private {
  /** Why a pip option line is refused, in French. */
  export function optionRefusal(option: string): string {
    if (['-c', '--constraint'].includes(option)) {
      return `l’option « ${option} » (contraintes) n’est pas acceptée : écrivez les versions voulues directement dans la liste.`;
    }
    if (['-e', '--editable'].includes(option)) {
      return `l’option « ${option} » (installation modifiable) n’est pas acceptée : seuls les paquets publiés sur l’index le sont.`;
    }
    if (
      [
        '-i',
        '--index-url',
        '--extra-index-url',
        '-f',
        '--find-links',
        '--no-index'
      ].includes(option)
    ) {
      return `l’option « ${option} » n’est pas acceptée : l’index des paquets est choisi par la plateforme.`;
    }
    return `l’option « ${option} » n’est pas acceptée dans une liste de logiciels.`;
  }
}
