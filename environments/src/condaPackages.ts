/**
 * Conda packages of an `environment.yml` for a virtualenv: one that has a PyPI
 * equivalent (`data/conda-pypi.json`, with its source) becomes a pip requirement with the
 * same version constraint; the others stay for image builds and are named in a note.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The mapping file: conda name → PyPI name, with where it comes from. */
export interface ICondaPypiMapping {
  description: string;
  source: string;
  reviewed: string;
  packages: Record<string, string>;
}

/** Where the mapping is kept (beside `src/` and `lib/` alike). */
export const CONDA_PYPI_FILE = path.join(
  __dirname,
  '..',
  'data',
  'conda-pypi.json'
);

let mapping: ICondaPypiMapping | undefined;

/** The mapping, read once. */
export function condaPypiMapping(): ICondaPypiMapping {
  mapping ??= JSON.parse(
    fs.readFileSync(CONDA_PYPI_FILE, 'utf8')
  ) as ICondaPypiMapping;
  return mapping;
}

/** A conda dependency, taken apart. */
export interface ICondaSpec {
  /** The package name, without its channel (`conda-forge::numpy` → `numpy`). */
  name: string;
  /** The pip requirement of its PyPI equivalent, if it has one. */
  pip?: string;
}

/**
 * Read a conda match spec (`numpy`, `numpy=1.26`, `numpy>=1.2,<2`, `numpy 1.26.*`,
 * `conda-forge::numpy=1.26=py311h…`) and give its PyPI requirement when the mapping has
 * the package. Conda's `=1.26` means « 1.26 or any 1.26.x », pip's `==1.26.*`; a build
 * string (third part) is dropped: wheels have none.
 */
export function condaToPip(spec: string): ICondaSpec {
  const text = spec.trim().replace(/^[^:\s]+::/, '');
  const match = /^([A-Za-z0-9_.-]+)\s*(.*)$/.exec(text);
  const name = (match?.[1] ?? text).toLowerCase();
  const pypi = condaPypiMapping().packages[name];
  if (!pypi || !match) {
    return { name };
  }
  const constraint = Private.pipConstraint(match[2].trim());
  return constraint === null ? { name } : { name, pip: pypi + constraint };
}

namespace Private {
  /** Conda's version part as pip's, or null when it cannot be said in pip's terms. */
  export function pipConstraint(version: string): string | null {
    if (!version) {
      return '';
    }
    // `=1.26=build` or `1.26 build`: the build string goes.
    const [first] = version.split(/\s+|(?<=[^=<>!~])=(?=[^=])/);
    const clauses = first.split(',').map(clause => clause.trim());
    const converted: string[] = [];
    for (const clause of clauses) {
      const match = /^(==|>=|<=|!=|~=|=|<|>)?\s*([0-9][0-9A-Za-z.*+!-]*)$/.exec(
        clause
      );
      if (!match) {
        return null;
      }
      const [, operator, value] = match;
      if (!operator || operator === '=') {
        // Fuzzy: 1.26 means 1.26.*, unless a star is already there.
        converted.push(value.endsWith('*') ? `==${value}` : `==${value}.*`);
      } else {
        converted.push(`${operator}${value}`);
      }
    }
    return converted.join(',');
  }
}
