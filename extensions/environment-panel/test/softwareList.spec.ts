import {
  addPackage,
  draftFromFiles,
  filesFromDraft,
  isValidConstraint,
  normalizeName,
  readRequirements,
  requirementLine,
  rowProblems
} from '../src/softwareList';

describe('software list ⇄ rows', () => {
  it('reads requirements and the Python version', () => {
    const draft = draftFromFiles([
      {
        path: 'requirements.txt',
        content:
          '# Pour le cours\nnumpy>=1.26\npandas[excel] ==2.0  # commentaire\nsix\nmatplotlib>=3,<4; python_version >= "3.10"\n\n'
      },
      { path: 'runtime.txt', content: 'python-3.11\n' }
    ]);
    expect(draft.python).toBe('3.11');
    expect(draft.rows).toEqual([
      { name: 'numpy', constraint: '>=1.26' },
      { name: 'pandas[excel]', constraint: '==2.0' },
      { name: 'six', constraint: '' },
      {
        name: 'matplotlib',
        constraint: '>=3,<4; python_version >= "3.10"'
      }
    ]);
    expect(draft.otherLines).toEqual([]);
    expect(draft.keptFiles).toEqual([]);
    expect(draft.folder).toBe('');
  });

  it('writes the rows back as the files the hub resolves', () => {
    const files = [
      { path: 'requirements.txt', content: 'numpy>=1.26\nsix\n' },
      { path: 'runtime.txt', content: 'python-3.11\n' }
    ];
    expect(filesFromDraft(draftFromFiles(files))).toEqual(files);
  });

  it('keeps what it does not edit: other lines, other files, the binder folder', () => {
    const draft = draftFromFiles([
      {
        path: 'binder/requirements.txt',
        content: '-r extra.txt\nrequests --hash=sha256:abc \\\n  >=2\n'
      },
      { path: 'binder/apt.txt', content: 'graphviz\n' },
      { path: 'binder/runtime.txt', content: 'r-4.3-2023-01-01\n' },
      { path: 'README.md', content: 'Bonjour' }
    ]);
    expect(draft.folder).toBe('binder/');
    expect(draft.rows).toEqual([{ name: 'requests', constraint: '>=2' }]);
    expect(draft.otherLines).toEqual(['-r extra.txt']);
    expect(draft.python).toBeNull();
    const written = filesFromDraft({
      ...draft,
      rows: [...draft.rows, { name: 'six', constraint: '==1.16.0' }],
      python: '3.11'
    });
    expect(written).toEqual([
      {
        path: 'binder/requirements.txt',
        content: 'requests>=2\nsix==1.16.0\n-r extra.txt\n'
      },
      { path: 'binder/runtime.txt', content: 'python-3.11\n' },
      { path: 'binder/apt.txt', content: 'graphviz\n' },
      { path: 'README.md', content: 'Bonjour' }
    ]);
    // Without a Python chosen, the R runtime stays.
    expect(filesFromDraft(draft).map(f => f.path)).toEqual([
      'binder/requirements.txt',
      'binder/apt.txt',
      'binder/runtime.txt',
      'README.md'
    ]);
  });

  it('starts empty, and writes no requirements.txt for an empty list', () => {
    const draft = draftFromFiles([]);
    expect(draft.rows).toEqual([]);
    expect(filesFromDraft(draft)).toEqual([]);
    expect(filesFromDraft({ ...draft, python: '3.12' })).toEqual([
      { path: 'runtime.txt', content: 'python-3.12\n' }
    ]);
  });

  it('writes markers after a space and trims names and constraints', () => {
    expect(requirementLine({ name: ' six ', constraint: ' >=1.2 ' })).toBe(
      'six>=1.2'
    );
    expect(
      requirementLine({
        name: 'tomli',
        constraint: '; python_version < "3.11"'
      })
    ).toBe('tomli ; python_version < "3.11"');
    expect(readRequirements('tomli ; python_version < "3.11"\n').rows).toEqual([
      { name: 'tomli', constraint: '; python_version < "3.11"' }
    ]);
  });
});

describe('rows: validation and adding', () => {
  it('accepts the constraints pip accepts, and empty', () => {
    for (const ok of [
      '',
      '>=1.2',
      '==2.0',
      ' ~=1.4.2 ',
      '>=1,<2',
      '!=1.5.*',
      '(>=1)'
    ]) {
      expect(isValidConstraint(ok)).toBe(true);
    }
    for (const bad of ['1.2', '=>1', '>= ', 'latest', '>=1,', '== 1 2']) {
      expect(isValidConstraint(bad)).toBe(false);
    }
  });

  it('says what is wrong with each row', () => {
    expect(
      rowProblems([
        { name: 'numpy', constraint: '>=1' },
        { name: '', constraint: '' },
        { name: 'not a name!', constraint: '' },
        { name: 'NumPy', constraint: '' },
        { name: 'six', constraint: 'recent' }
      ])
    ).toEqual([
      null,
      'name-empty',
      'name-invalid',
      'name-duplicate',
      'constraint-invalid'
    ]);
  });

  it('adds a package once, whatever its spelling', () => {
    const first = addPackage([], 'six');
    expect(first).toEqual({
      rows: [{ name: 'six', constraint: '' }],
      index: 0,
      added: true
    });
    const again = addPackage(
      [{ name: 'numpy', constraint: '' }, ...first.rows],
      'Six'
    );
    expect(again.added).toBe(false);
    expect(again.index).toBe(1);
    expect(again.rows).toHaveLength(2);
    expect(normalizeName('Typing_Extensions[all]')).toBe('typing-extensions');
  });
});
