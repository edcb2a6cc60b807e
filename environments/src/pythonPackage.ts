/**
 * A repository that is itself a Python package (repo2docker/buildpacks/python/__init__.py,
 * `_is_python_package`): `setup.py`, or a `pyproject.toml` with `[project]` and
 * `[build-system]`, at the top and without binder/. repo2docker then runs `pip install .`;
 * the `requires-python` of pyproject.toml also moves the default Python version.
 */
import { parse as parseToml } from 'smol-toml';

import {
  REPO2DOCKER_PYTHON,
  REPO2DOCKER_SUPPORTED_PYTHONS,
  satisfiesRequiresPython
} from './binderRules';
import type { ISoftwareList } from './softwareListParts';

/** Read setup.py / pyproject.toml of the top of the repository into the list. */
export function readPythonPackage(
  files: ReadonlyMap<string, string>,
  list: ISoftwareList
): void {
  let pyproject: Record<string, unknown> | undefined;
  const text = files.get('pyproject.toml');
  if (text !== undefined) {
    try {
      pyproject = parseToml(text) as Record<string, unknown>;
    } catch (error) {
      list.problems.push({
        file: 'pyproject.toml',
        message: `ce fichier n’est pas du TOML valide (${(error as Error).message.split('\n')[0]}).`
      });
      return;
    }
  }
  const project = pyproject?.project as Record<string, unknown> | undefined;
  if (files.has('setup.py')) {
    list.installsRepository ??= 'setup.py';
  } else if (project && pyproject?.['build-system']) {
    list.installsRepository ??= 'pyproject.toml';
  } else if (pyproject) {
    list.notes.push({
      file: 'pyproject.toml',
      message:
        'sans sections [project] et [build-system], repo2docker n’installe pas le dépôt ; ce fichier ne sert qu’à sa version de Python.'
    });
  }
  if (list.installsRepository) {
    list.usedFiles.push(list.installsRepository);
  }
  const requires = project?.['requires-python'];
  if (typeof requires === 'string') {
    Private.applyRequiresPython(list, requires);
  }
}

namespace Private {
  /**
   * python/__init__.py, `python_version`: a runtime.txt version outside `requires-python`
   * is an error; a default one is replaced by the newest supported version inside it.
   */
  export function applyRequiresPython(
    list: ISoftwareList,
    requires: string
  ): void {
    if (list.python) {
      if (!satisfiesRequiresPython(list.python, requires)) {
        list.problems.push({
          file: 'pyproject.toml',
          message: `requires-python « ${requires} » exclut Python ${list.python} demandé par ${list.pythonFrom} (repo2docker refuse aussi).`
        });
      }
      return;
    }
    if (satisfiesRequiresPython(REPO2DOCKER_PYTHON['3'], requires)) {
      return;
    }
    const fitting = REPO2DOCKER_SUPPORTED_PYTHONS.filter(version =>
      satisfiesRequiresPython(version, requires)
    );
    if (!fitting.length) {
      list.problems.push({
        file: 'pyproject.toml',
        message: `aucune version de Python prise en charge ne satisfait requires-python « ${requires} ».`
      });
      return;
    }
    list.python = fitting[fitting.length - 1];
    list.pythonFrom = 'pyproject.toml';
    list.notes.push({
      file: 'pyproject.toml',
      message: `requires-python « ${requires} » : Python ${list.python} est pris, la version la plus récente qui le satisfait (comme repo2docker).`
    });
  }
}
