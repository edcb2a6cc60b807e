import { describeProblem, parseSoftwareList } from '../src';

describe('parseSoftwareList', () => {
  it('reads requirements.txt, with comments, continuations and -r includes', () => {
    const list = parseSoftwareList([
      {
        path: 'requirements.txt',
        content:
          '# course tools\nnumpy>=1.26  # arrays\npandas[excel] ==2.2.*\\\n  ,!=2.2.1\n-r extra.txt\nrich ; python_version >= "3.8"\n'
      },
      { path: 'extra.txt', content: 'matplotlib\n' }
    ]);
    expect(list.problems).toEqual([]);
    expect(list.requirements.map(r => r.text)).toEqual([
      'numpy>=1.26',
      'pandas[excel] ==2.2.*  ,!=2.2.1',
      'matplotlib',
      'rich ; python_version >= "3.8"'
    ]);
    expect(list.requirements[2]).toEqual({
      text: 'matplotlib',
      file: 'extra.txt',
      line: 1
    });
    expect(list.python).toBeUndefined();
  });

  it('refuses malformed lines, index options, URLs and missing includes, with file and line', () => {
    const list = parseSoftwareList([
      requirementsFile(
        'alpha >>> 2\n--index-url https://example.org/simple\n-e ./elsewhere\nbeta @ https://example.org/beta.whl\n-r missing.txt'
      )
    ]);
    expect(list.requirements).toEqual([]);
    const messages = list.problems.map(describeProblem);
    expect(messages).toEqual([
      expect.stringMatching(
        /^requirements\.txt, ligne 1 : « alpha >>> 2 » n’est pas une exigence valide/
      ),
      expect.stringMatching(
        /^requirements\.txt, ligne 2 : l’option « --index-url » n’est pas acceptée/
      ),
      expect.stringMatching(/^requirements\.txt, ligne 3 : l’option « -e »/),
      expect.stringMatching(
        /^requirements\.txt, ligne 4 : .*seuls les paquets publiés/
      ),
      expect.stringMatching(
        /^requirements\.txt, ligne 5 : le fichier inclus « missing\.txt »/
      )
    ]);
  });

  it('reads runtime.txt as repo2docker does, and refuses what is not a runtime', () => {
    expect(
      parseSoftwareList([{ path: 'runtime.txt', content: 'python-3.7\n' }])
        .python
    ).toBe('3.7');
    expect(
      parseSoftwareList([{ path: 'runtime.txt', content: 'python-3.11.4' }])
        .python
    ).toBe('3.11');
    // python-3 is repo2docker's default Python 3 (conda/__init__.py, major_pythons).
    expect(
      parseSoftwareList([{ path: 'runtime.txt', content: 'python-3\n' }]).python
    ).toBe('3.10');
    const list = parseSoftwareList([
      { path: 'runtime.txt', content: 'python3.11' }
    ]);
    expect(list.problems.map(describeProblem)).toEqual([
      'runtime.txt, ligne 1 : « python3.11 » n’est pas un runtime.txt valide : écrivez python-3.X, par ex. python-3.11.'
    ]);
  });

  it('takes the Python version and pip section of environment.yml, and conda packages with a PyPI equivalent', () => {
    const list = parseSoftwareList([
      {
        path: 'environment.yml',
        content: [
          'name: cours',
          'channels:',
          '  - conda-forge',
          'dependencies:',
          '  - python=3.11',
          '  - pip',
          '  - conda-forge::numpy=1.26',
          '  - xeus-cling=0.6.0',
          '  - pip:',
          '      - alpha==1.1',
          '      - not valid !'
        ].join('\n')
      }
    ]);
    expect(list.python).toBe('3.11');
    expect(list.requirements).toEqual([
      { text: 'numpy==1.26.*', file: 'environment.yml', line: 7 },
      { text: 'alpha==1.1', file: 'environment.yml', line: 10 }
    ]);
    expect(list.imageOnly.condaPackages).toEqual(['xeus-cling=0.6.0']);
    expect(list.imageOnly.condaChannels).toEqual(['conda-forge']);
    expect(list.problems.map(describeProblem)).toEqual([
      expect.stringMatching(
        /^environment\.yml, ligne 11 : « not valid ! » n’est pas une exigence valide/
      )
    ]);
    expect(list.notes.map(describeProblem)).toEqual([
      'environment.yml : paquets conda installés depuis PyPI (même logiciel) : conda-forge::numpy=1.26 → numpy==1.26.*.',
      'environment.yml : canaux conda non utilisés (conda-forge) : les paquets viennent de l’index PyPI de la plateforme ; l’export les garde.',
      expect.stringMatching(
        /^environment\.yml : paquets conda sans équivalent PyPI connu, non installés .* : xeus-cling=0\.6\.0\.$/
      )
    ]);
  });

  it('says where an environment.yml is not YAML', () => {
    const list = parseSoftwareList([
      {
        path: 'environment.yml',
        content:
          'dependencies:\n  - python=3.11\n  - pip:\n    - alpha\n   bad: [\n'
      }
    ]);
    expect(list.problems).toHaveLength(1);
    expect(describeProblem(list.problems[0])).toMatch(
      /^environment\.yml, ligne \d+ : ce fichier n’est pas du YAML valide/
    );
  });

  it('takes the Python version of environment.yml over runtime.txt, as repo2docker, with a note', () => {
    const list = parseSoftwareList([
      { path: 'runtime.txt', content: 'python-3.10' },
      { path: 'environment.yml', content: 'dependencies:\n  - python=3.11\n' }
    ]);
    expect(list.problems).toEqual([]);
    expect(list.python).toBe('3.11');
    expect(list.notes.map(describeProblem)).toEqual([
      expect.stringMatching(/^runtime\.txt : ignoré : avec environment\.yml/)
    ]);
  });

  it('keeps apt.txt, and postBuild where no sandbox runs it, for image builds, with a note', () => {
    const list = parseSoftwareList([
      { path: 'apt.txt', content: '# tools\ngraphviz\nffmpeg\n' },
      { path: 'postBuild', content: '#!/bin/sh\necho ok\n' }
    ]);
    expect(list.problems).toEqual([]);
    expect(list.imageOnly.aptPackages).toEqual(['graphviz', 'ffmpeg']);
    expect(list.imageOnly.postBuild).toBe('#!/bin/sh\necho ok\n');
    // Not run without bubblewrap: not in the lock either.
    expect(list.postBuild).toBeUndefined();
    expect(list.notes.map(describeProblem)).toEqual([
      expect.stringMatching(
        /^apt\.txt : les paquets système \(graphviz, ffmpeg\) ne sont installés que par une construction d’image/
      ),
      expect.stringMatching(
        /^postBuild : non exécuté : ce serveur n’a pas bubblewrap, le bac à sable dans lequel le constructeur intégré l’exécuterait/
      ),
      expect.stringMatching(
        /^runtime\.txt : aucune version de Python n’est demandée : repo2docker prendrait Python 3\.10/
      )
    ]);
  });

  it('prefers the binder/ folder, like repo2docker', () => {
    const list = parseSoftwareList([
      requirementsFile('alpha'),
      { path: 'binder/requirements.txt', content: '-r base.txt\nbeta\n' },
      { path: 'binder/base.txt', content: 'gamma\n' }
    ]);
    expect(list.requirements.map(r => `${r.file}:${r.text}`)).toEqual([
      'binder/base.txt:gamma',
      'binder/requirements.txt:beta'
    ]);
  });
});

function requirementsFile(content: string) {
  return { path: 'requirements.txt', content };
}
