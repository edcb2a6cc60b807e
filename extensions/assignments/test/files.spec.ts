import { textToBase64 } from '@candyce/core';
import type { Contents } from '@jupyterlab/services';

import {
  allowedInSubmission,
  filesToWrite,
  firstNotebook,
  isWorkFile,
  planFetch,
  sameBase64,
  writeFiles
} from '../src/files';

const file = (path: string, text: string) => ({
  path,
  content: textToBase64(text)
});

describe('planFetch and filesToWrite: never overwrite silently', () => {
  const incoming = [
    file('devoir.ipynb', '{"cells": []}'),
    file('donnees/notes.csv', 'a;b\n1;2\n'),
    file('aide.md', '# Aide')
  ];

  it('writes everything into an empty folder', () => {
    const plan = planFetch(incoming, new Map());
    expect(plan.missing.map(f => f.path)).toEqual([
      'devoir.ipynb',
      'donnees/notes.csv',
      'aide.md'
    ]);
    expect(plan.different).toEqual([]);
    expect(filesToWrite(plan, 'keep')).toHaveLength(3);
  });

  it('keeps the changed files unless the learner chooses to replace them', () => {
    const existing = new Map<string, string | null>([
      ['devoir.ipynb', textToBase64('{"cells": ["mon travail"]}')],
      // Jupyter's contents API wraps base64 in lines: still the same bytes.
      ['aide.md', textToBase64('# Aide').replace(/(.{4})/g, '$1\n')],
      ['donnees/notes.csv', null]
    ]);
    const plan = planFetch(incoming, existing);
    expect(plan.different.map(f => f.path)).toEqual(['devoir.ipynb']);
    expect(plan.same.map(f => f.path)).toEqual(['aide.md']);
    expect(plan.missing.map(f => f.path)).toEqual(['donnees/notes.csv']);
    expect(filesToWrite(plan, 'keep').map(f => f.path)).toEqual([
      'donnees/notes.csv'
    ]);
    expect(filesToWrite(plan, 'replace').map(f => f.path)).toEqual([
      'donnees/notes.csv',
      'devoir.ipynb'
    ]);
  });
});

describe('file helpers', () => {
  it('compares base64 whatever its line breaks', () => {
    expect(sameBase64('YWJj\nZA==', 'YWJjZA==')).toBe(true);
    expect(sameBase64('YWJj', 'YWJk')).toBe(false);
  });

  it('finds the first notebook, at the top of the folder first', () => {
    expect(firstNotebook(['b/a.ipynb', 'z.ipynb', 'data.csv', 'a.ipynb'])).toBe(
      'a.ipynb'
    );
    expect(firstNotebook(['data.csv'])).toBeNull();
  });

  it('leaves out hidden files and checkpoints', () => {
    expect(isWorkFile('devoir.ipynb')).toBe(true);
    expect(isWorkFile('.ipynb_checkpoints/devoir-checkpoint.ipynb')).toBe(
      false
    );
    expect(isWorkFile('src/__pycache__/x.pyc')).toBe(false);
  });

  it('tried: a folder holding numpy.py, a figure, a draft notebook: only the assignment’s files and its declared extras are handed in', () => {
    const folder = [
      'listes.ipynb',
      'donnees/notes.csv',
      'numpy.py',
      'figure.png',
      'brouillon.ipynb',
      'images/a.png'
    ];
    const own = ['listes.ipynb', 'donnees/notes.csv'];
    expect(allowedInSubmission(folder, own, [])).toEqual({
      allowed: ['listes.ipynb', 'donnees/notes.csv'],
      leftOut: ['numpy.py', 'figure.png', 'brouillon.ipynb', 'images/a.png']
    });
    expect(allowedInSubmission(folder, own, ['*.png'])).toEqual({
      allowed: ['listes.ipynb', 'donnees/notes.csv', 'figure.png'],
      leftOut: ['numpy.py', 'brouillon.ipynb', 'images/a.png']
    });
    // As in a shell, a wildcard at the start of a name matches no hidden file.
    expect(
      allowedInSubmission(
        ['.env', 'images/.a.png', 'a.b'],
        [],
        ['*', 'images/*', 'a?b']
      )
    ).toEqual({ allowed: ['a.b'], leftOut: ['.env', 'images/.a.png'] });
  });

  it('creates the parent folders before writing', async () => {
    const saved: [string, Partial<Contents.IModel>][] = [];
    const dirs = new Set<string>(['devoirs']);
    const contents = {
      get: async (path: string) => {
        if (dirs.has(path)) {
          return { path, type: 'directory' };
        }
        throw { response: { status: 404 } };
      },
      save: async (path: string, model: Partial<Contents.IModel>) => {
        saved.push([path, model]);
        if (model.type === 'directory') {
          dirs.add(path);
        }
        return { path };
      }
    } as unknown as Contents.IManager;
    await writeFiles(contents, 'devoirs/listes', [
      file('a/b/c.txt', 'x'),
      file('a/d.txt', 'y')
    ]);
    expect(saved.map(([path, model]) => `${model.type} ${path}`)).toEqual([
      'directory devoirs/listes',
      'directory devoirs/listes/a',
      'directory devoirs/listes/a/b',
      'file devoirs/listes/a/b/c.txt',
      'file devoirs/listes/a/d.txt'
    ]);
  });
});
