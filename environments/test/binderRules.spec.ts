import fs from 'node:fs';

import {
  configFolder,
  KIND_RULES,
  parseRuntime,
  satisfiesRequiresPython
} from '../src/binderRules';
import {
  CONDA_PYPI_FILE,
  condaPypiMapping,
  condaToPip
} from '../src/condaPackages';
import { findPython } from '../src/python';

describe('repo2docker rules as data', () => {
  it('names the buildpack each kind comes from, in repo2docker’s order', () => {
    expect(KIND_RULES.map(rule => rule.kind)).toEqual([
      'dockerfile',
      'julia-project',
      'julia-require',
      'nix',
      'r',
      'conda',
      'pipfile',
      'python'
    ]);
    for (const rule of KIND_RULES) {
      expect(rule.source).toMatch(/^repo2docker\/buildpacks\/\S+\.py/);
    }
  });

  it('picks the configuration folder, refusing binder/ with .binder/', () => {
    expect(configFolder(new Set())).toBe('');
    expect(configFolder(new Set(['binder']))).toBe('binder');
    expect(configFolder(new Set(['.binder', 'data']))).toBe('.binder');
    expect(configFolder(new Set(['binder', '.binder']))).toBeNull();
  });

  it.each([
    ['python-3.11', { name: 'python', version: '3.11' }],
    ['python-3', { name: 'python', version: '3' }],
    ['r-2023-01-01', { name: 'r', date: '2023-01-01' }],
    ['r-4.3-2023-01-01', { name: 'r', version: '4.3', date: '2023-01-01' }]
  ])('reads runtime.txt %s', (text, runtime) => {
    expect(parseRuntime(text)).toEqual(runtime);
  });

  it.each(['python3.11', 'python-', 'python-3.11-2023', 'r-4.3-20-01-01'])(
    'refuses runtime.txt %s in French',
    text => {
      expect(parseRuntime(text)).toMatch(/runtime\.txt|date/);
    }
  );

  it.each([
    ['3.10', '>=3.10', true],
    ['3.9', '>=3.10', false],
    ['3.12', '>=3.8,<3.12', false],
    ['3.11', '>=3.8,<3.12', true],
    ['3.11', '~=3.9', true],
    ['3.11', '==3.11.*', true],
    ['3.12', '!=3.12.*', false]
  ])('Python %s against requires-python %s: %s', (version, spec, ok) => {
    expect(satisfiesRequiresPython(version, spec)).toBe(ok);
  });

  it('says Python 2 is not supported, not « not installed »', async () => {
    await expect(findPython('2.7')).rejects.toThrow(
      /Python 2\.7 n’est pas pris en charge/
    );
  });
});

describe('conda → PyPI mapping (data/conda-pypi.json)', () => {
  it('is well formed: a source, lowercase conda names, valid PyPI names', () => {
    const raw = JSON.parse(fs.readFileSync(CONDA_PYPI_FILE, 'utf8'));
    expect(Object.keys(raw).sort()).toEqual([
      'description',
      'packages',
      'reviewed',
      'source'
    ]);
    expect(raw.source).toMatch(/https:\/\//);
    expect(raw.reviewed).toMatch(/^\d{4}-\d\d-\d\d$/);
    const entries = Object.entries(condaPypiMapping().packages);
    expect(entries.length).toBeGreaterThan(30);
    for (const [conda, pypi] of entries) {
      expect(conda).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
      expect(pypi).toMatch(/^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/);
    }
    // Sorted, so that a review sees one place per name.
    const names = entries.map(([conda]) => conda);
    expect(names).toEqual([...names].sort());
    // System tools whose PyPI namesake is other software stay out.
    for (const name of ['graphviz', 'gdal', 'nodejs', 'r-base']) {
      expect(names).not.toContain(name);
    }
  });

  it.each([
    ['numpy', 'numpy'],
    ['numpy=1.26', 'numpy==1.26.*'],
    ['numpy==1.26.4', 'numpy==1.26.4'],
    ['numpy 1.26.*', 'numpy==1.26.*'],
    ['conda-forge::numpy=1.26=py311h64a7726_0', 'numpy==1.26.*'],
    ['scipy>=1.10,<2', 'scipy>=1.10,<2'],
    ['pytorch', 'torch'],
    ['matplotlib-base=3.8', 'matplotlib==3.8.*']
  ])('installs conda %s as %s', (conda, pip) => {
    expect(condaToPip(conda).pip).toBe(pip);
  });

  it.each(['xeus-cling=0.6.0', 'gdal', 'r-base', 'numpy=!weird'])(
    'leaves %s to image builds',
    conda => {
      expect(condaToPip(conda).pip).toBeUndefined();
    }
  );
});
