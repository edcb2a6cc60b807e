/**
 * `environment.yml`: the embedded builder takes its Python version, its `pip:` section
 * and the conda packages that have a PyPI equivalent (condaPackages.ts); the other conda
 * packages and the channels are kept for image builds (repo2docker) and named in a note.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';

import { pythonFromVersion } from './binderRules';
import { condaToPip } from './condaPackages';
import { readRequirementLine, type IRequirementsContext } from './requirements';
import type { IImageOnly } from './softwareListParts';

/** What an `environment.yml` adds to a software list. */
export interface ICondaEnvironment {
  /** The Python version it asks for (`3.11`), if any. */
  python?: string;
  /** Line of the Python dependency, for messages. */
  pythonLine?: number;
  /** The Python dependency as written (`python=3`). */
  pythonText?: string;
  /** A Python dependency that fixes no version for repo2docker (`python>=3.8`). */
  loosePython?: { spec: string; line?: number };
  /** Conda packages installed from PyPI instead, with their pip requirement. */
  mapped: { conda: string; pip: string }[];
  /** Conda packages with no PyPI equivalent (kept for image builds). */
  unmapped: string[];
}

/** Read an `environment.yml` into the context and the image-only parts. */
export function readCondaEnvironment(
  file: string,
  content: string,
  context: IRequirementsContext,
  imageOnly: IImageOnly
): ICondaEnvironment {
  const lines = new LineCounter();
  const document = parseDocument(content, { lineCounter: lines });
  const problem = (message: string, line?: number) =>
    context.problems.push({ file, line, message });
  if (document.errors.length) {
    const error = document.errors[0];
    problem(
      `ce fichier n’est pas du YAML valide (${Private.yamlReason(error.code)}).`,
      error.linePos?.[0].line
    );
    return { mapped: [], unmapped: [] };
  }
  const root = document.contents;
  if (root === null) {
    return { mapped: [], unmapped: [] };
  }
  if (!isMap(root)) {
    problem(
      'ce fichier doit décrire un environnement (name, channels, dependencies).'
    );
    return { mapped: [], unmapped: [] };
  }
  const lineOf = (node: unknown) =>
    (node as Node | undefined)?.range
      ? lines.linePos((node as Node).range![0]).line
      : undefined;
  const channels = root.get('channels', true);
  if (isSeq(channels)) {
    imageOnly.condaChannels.push(
      ...channels.items.map(item => String(isScalar(item) ? item.value : item))
    );
  }
  const dependencies = root.get('dependencies', true);
  if (dependencies === undefined || dependencies === null) {
    return { mapped: [], unmapped: [] };
  }
  if (!isSeq(dependencies)) {
    problem('« dependencies » doit être une liste.', lineOf(dependencies));
    return { mapped: [], unmapped: [] };
  }
  const found: ICondaEnvironment = { mapped: [], unmapped: [] };
  for (const item of dependencies.items) {
    const line = lineOf(item);
    if (isMap(item) && item.has('pip')) {
      const pip = item.get('pip', true);
      if (!isSeq(pip)) {
        problem('la section « pip: » doit être une liste.', line);
        continue;
      }
      for (const entry of pip.items) {
        const text = isScalar(entry) ? String(entry.value) : '';
        readRequirementLine(text, file, lineOf(entry) ?? 0, context);
      }
      continue;
    }
    if (!isScalar(item) || typeof item.value !== 'string') {
      problem('chaque dépendance doit être un nom de paquet.', line);
      continue;
    }
    const spec = item.value.trim();
    // `conda-forge::numpy=1.26` names its channel first.
    const name = /^(?:[^:\s]+::)?([A-Za-z0-9_.-]+)/.exec(spec)?.[1] ?? spec;
    if (name === 'pip') {
      continue;
    }
    if (name === 'python') {
      // conda/__init__.py, PYTHON_REGEX: the first `python=X.Y` (or `==`) is the
      // version; `python>=3.8` or a bare `python` gives none (repo2docker's default).
      const version = /^python\s*=+\s*([\d.]*)/.exec(spec);
      if (version && found.python === undefined) {
        found.python = pythonFromVersion(version[1]);
        found.pythonLine = line;
        found.pythonText = spec;
      } else if (!version && spec !== 'python') {
        found.loosePython = { spec, line };
      }
      continue;
    }
    const converted = condaToPip(spec);
    if (converted.pip) {
      context.requirements.push({ text: converted.pip, file, line: line ?? 0 });
      found.mapped.push({ conda: spec, pip: converted.pip });
    } else {
      imageOnly.condaPackages.push(spec);
      found.unmapped.push(spec);
    }
  }
  return found;
}

namespace Private {
  /** A French reason for a YAML error code. */
  export function yamlReason(code: string): string {
    switch (code) {
      case 'BAD_INDENT':
      case 'MISSING_CHAR':
        return 'indentation ou ponctuation incorrecte';
      case 'DUPLICATE_KEY':
        return 'clé en double';
      case 'TAB_AS_INDENT':
        return 'tabulation utilisée pour l’indentation';
      default:
        return `erreur ${code}`;
    }
  }
}
