/**
 * repo2docker's rules for reading a Binder repository, kept as data where they can be:
 * which folder holds the configuration, which kind of configuration wins, which files
 * each kind leaves aside, and where the Python version comes from. Each rule names the
 * file of jupyterhub/repo2docker (`repo2docker/…`, read at commit 808ae6b, 2026-08) it
 * follows; differences that are deliberate are marked « Candyce: ».
 */

/** The kinds of configuration, as repo2docker's buildpacks are called. */
export type ConfigKind =
  | 'dockerfile'
  | 'julia-project'
  | 'julia-require'
  | 'nix'
  | 'r'
  | 'conda'
  | 'pipfile'
  | 'python';

/** One kind of configuration: how repo2docker detects it and what it leaves aside. */
export interface IKindRule {
  kind: ConfigKind;
  /** Any of these files in the configuration folder selects the kind. */
  detectedBy: readonly string[];
  /** Whether Candyce's builder (a virtualenv) can build it. */
  builtHere: boolean;
  /** Files repo2docker does not use with this kind (they are noted when present). */
  ignores: readonly string[];
  /** The buildpack the rule comes from. */
  source: string;
}

/** Files every Python-based kind also applies (repo2docker/buildpacks/base.py). */
export const COMMON_FILES = ['apt.txt', 'postBuild', 'start'] as const;

/**
 * The kinds in the order repo2docker tries them (repo2docker/app.py, `buildpacks`); the
 * first that detects wins, and the Python kind is also the default (`default_buildpack`).
 * The R kind is detected by `runtime.txt` too (see `isRRuntime`).
 */
export const KIND_RULES: readonly IKindRule[] = [
  {
    kind: 'dockerfile',
    detectedBy: ['Dockerfile'],
    builtHere: false,
    ignores: [],
    source: 'repo2docker/buildpacks/docker.py, DockerBuildPack.detect'
  },
  {
    kind: 'julia-project',
    detectedBy: ['Project.toml', 'JuliaProject.toml'],
    builtHere: false,
    ignores: [],
    source: 'repo2docker/buildpacks/julia/julia_project.py, detect'
  },
  {
    kind: 'julia-require',
    detectedBy: ['REQUIRE'],
    builtHere: false,
    ignores: [],
    source: 'repo2docker/buildpacks/julia/julia_require.py, detect'
  },
  {
    kind: 'nix',
    detectedBy: ['default.nix'],
    builtHere: false,
    ignores: [],
    source: 'repo2docker/buildpacks/nix/__init__.py, detect'
  },
  {
    kind: 'r',
    // DESCRIPTION counts only at the top, without binder/ (see `detectKind`).
    detectedBy: ['DESCRIPTION'],
    builtHere: false,
    ignores: [],
    source: 'repo2docker/buildpacks/r.py, RBuildPack.detect and checkpoint_date'
  },
  {
    kind: 'conda',
    detectedBy: ['environment.yml', 'environment.yaml'],
    builtHere: true,
    // The conda buildpack installs environment.yml only: no requirements.txt, no
    // Pipfile, no `pip install .`; the Python version comes from environment.yml.
    ignores: [
      'requirements.txt',
      'Pipfile',
      'Pipfile.lock',
      'setup.py',
      'pyproject.toml',
      'runtime.txt'
    ],
    source: 'repo2docker/buildpacks/conda/__init__.py, CondaBuildPack'
  },
  {
    kind: 'pipfile',
    detectedBy: ['Pipfile', 'Pipfile.lock'],
    builtHere: true,
    // pipenv installs the Pipfile(.lock) only; the repository itself only when the
    // Pipfile names it (`{path = "."}`); the Python version comes from the Pipfile.
    ignores: ['requirements.txt', 'setup.py', 'pyproject.toml', 'runtime.txt'],
    source: 'repo2docker/buildpacks/pipfile/__init__.py, PipfileBuildPack'
  },
  {
    kind: 'python',
    detectedBy: [
      'requirements.txt',
      'setup.py',
      'pyproject.toml',
      'runtime.txt'
    ],
    builtHere: true,
    ignores: [],
    source: 'repo2docker/buildpacks/python/__init__.py, PythonBuildPack'
  }
];

/**
 * Files repo2docker reads somewhere; any of them present but not used by the chosen
 * kind gets a note (nothing is ignored silently).
 */
export const KNOWN_FILES = [
  ...new Set([
    ...KIND_RULES.flatMap(rule => rule.detectedBy),
    ...COMMON_FILES,
    'install.R',
    'requirements3.txt'
  ])
];

/**
 * The Python version repo2docker uses when none is asked for (`major_pythons`,
 * repo2docker/buildpacks/conda/__init__.py), and for `python-3` / `python=3`.
 */
export const REPO2DOCKER_PYTHON: Readonly<Record<string, string>> = {
  '2': '2.7',
  '3': '3.10'
};

/**
 * The Python versions repo2docker can build, for `requires-python`
 * (repo2docker/buildpacks/conda/supported_python_version.py).
 */
export const REPO2DOCKER_SUPPORTED_PYTHONS = [
  '3.8',
  '3.9',
  '3.10',
  '3.11',
  '3.12',
  '3.13',
  '3.14'
] as const;

/**
 * Candyce: when the repository asks for no Python version, the server's default Python
 * is used rather than repo2docker's 3.10 (which a server may not have); the teacher is
 * told, and the export writes the version actually used into runtime.txt.
 */
export const DEFAULT_PYTHON_IS_SERVERS = true;

/**
 * The configuration folder (repo2docker/buildpacks/base.py, `binder_dir`): `.binder` or
 * `binder` when that directory exists, even empty, and then files at the top are not
 * configuration; both at once is an error (null).
 */
export function configFolder(
  folders: ReadonlySet<string>
): '' | 'binder' | '.binder' | null {
  const binder = folders.has('binder');
  const dotBinder = folders.has('.binder');
  if (binder && dotBinder) {
    return null;
  }
  return dotBinder ? '.binder' : binder ? 'binder' : '';
}

/** `runtime.txt` read as repo2docker does (base.py, `runtime`), or why not. */
export interface IRuntime {
  name: string;
  version?: string;
  date?: string;
}

/**
 * `name-version`, `name-version-YYYY-MM-DD` or `name-YYYY-MM-DD`
 * (repo2docker/buildpacks/base.py, `runtime`): split on `-`, 2, 4 or 5 non-empty parts.
 */
export function parseRuntime(text: string): IRuntime | string {
  const parts = text.trim().split('-');
  if (![2, 4, 5].includes(parts.length) || parts.some(part => !part)) {
    return `« ${text.trim()} » n’est pas un runtime.txt valide : écrivez python-3.X, par ex. python-3.11.`;
  }
  const runtime: IRuntime = { name: parts[0] };
  if (parts.length === 2 || parts.length === 5) {
    runtime.version = parts[1];
  }
  if (parts.length >= 4) {
    const date = parts.slice(-3).join('-');
    if (!/^\d\d\d\d-\d\d-\d\d/.test(date)) {
      return `la date « ${date} » de runtime.txt n’est pas au format AAAA-MM-JJ.`;
    }
    runtime.date = date;
  }
  return runtime;
}

/** An R runtime with a snapshot date selects the R kind (r.py, `checkpoint_date`). */
export function isRRuntime(runtime: IRuntime | undefined): boolean {
  return runtime?.name === 'r' && runtime.date !== undefined;
}

/**
 * The kind repo2docker picks (app.py: the first buildpack whose `detect` is true, else
 * the Python one). `present` holds the names of the files in the configuration folder;
 * `atTop` whether that folder is the top of the repository.
 */
export function detectKind(
  present: ReadonlySet<string>,
  runtime: IRuntime | undefined,
  atTop: boolean
): IKindRule {
  for (const rule of KIND_RULES) {
    if (rule.kind === 'r') {
      // r.py: a dated r- runtime, or DESCRIPTION at the top when there is no binder/.
      if (isRRuntime(runtime) || (atTop && present.has('DESCRIPTION'))) {
        return rule;
      }
      continue;
    }
    if (rule.kind === 'julia-require') {
      // julia_require.py: REQUIRE only without Project.toml (handled above anyway).
      if (present.has('REQUIRE')) {
        return rule;
      }
      continue;
    }
    if (rule.kind === 'pipfile' && runtime && runtime.name !== 'python') {
      // pipfile/__init__.py: « first make sure python is not explicitly unwanted ».
      continue;
    }
    if (rule.kind === 'python') {
      break;
    }
    if (rule.detectedBy.some(file => present.has(file))) {
      return rule;
    }
  }
  return KIND_RULES[KIND_RULES.length - 1];
}

/**
 * A Python version as repo2docker reads it from runtime.txt, environment.yml or a
 * Pipfile: `3` is the default of that major version, `3.11.4` is kept as `3.11`
 * (conda/__init__.py and pipfile/__init__.py keep `major.minor`).
 */
export function pythonFromVersion(version: string): string | undefined {
  const parts = version.split('.').filter(Boolean);
  if (!parts.length || parts.some(part => !/^\d+$/.test(part))) {
    return undefined;
  }
  return parts.length === 1
    ? REPO2DOCKER_PYTHON[parts[0]]
    : `${parts[0]}.${parts[1]}`;
}

/**
 * Whether `major.minor` satisfies a `requires-python` specifier such as `>=3.10` or
 * `>=3.8,<3.12` (the comparisons a pyproject.toml uses; patch levels count as 0).
 */
export function satisfiesRequiresPython(
  version: string,
  specifier: string
): boolean {
  const value = Private.numbers(version);
  return specifier
    .split(',')
    .map(clause => clause.trim())
    .filter(Boolean)
    .every(clause => {
      const match = /^(~=|===|==|!=|<=|>=|<|>)\s*([\d.]+)(\.\*)?$/.exec(clause);
      if (!match) {
        return true;
      }
      const [, operator, text, wildcard] = match;
      const other = Private.numbers(text);
      const order = Private.compare(value, other);
      if (wildcard) {
        const same = other.every((part, i) => value[i] === part);
        return operator === '!=' ? !same : same;
      }
      switch (operator) {
        case '>=':
          return order >= 0;
        case '>':
          return order > 0;
        case '<=':
          return order <= 0;
        case '<':
          return order < 0;
        case '!=':
          return order !== 0;
        case '~=':
          // ~=3.9 is >=3.9 and ==3.*: all parts but the last one given are fixed.
          return (
            order >= 0 &&
            other
              .slice(0, text.split('.').length - 1)
              .every((part, i) => value[i] === part)
          );
        default:
          return order === 0;
      }
    });
}

namespace Private {
  export function numbers(version: string): number[] {
    const parts = version.split('.').map(Number);
    while (parts.length < 3) {
      parts.push(0);
    }
    return parts;
  }

  export function compare(a: number[], b: number[]): number {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const difference = (a[i] ?? 0) - (b[i] ?? 0);
      if (difference) {
        return difference;
      }
    }
    return 0;
  }
}
