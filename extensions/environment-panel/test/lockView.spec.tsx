import * as React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

import type { IEnvironment } from '../src/api';
import { LockView } from '../src/lockView';
import { trans } from '@candyce/core/testing';

/** An environment as the hub answers it, with the given notes. */
function environment(notes: string[]): IEnvironment {
  const lock = {
    lockVersion: 1 as const,
    python: { implementation: 'cpython', version: '3.11' },
    platform: { system: 'linux', machine: 'x86_64', tag: 'cp311-cp311-linux' },
    packages: [
      {
        name: 'alpha',
        version: '1.0',
        file: 'alpha-1.0-py3-none-any.whl',
        sha256: 'a'.repeat(64)
      }
    ]
  };
  return {
    id: 'b'.repeat(64),
    shortId: 'b'.repeat(16),
    kernelName: `candyce-${'b'.repeat(16)}`,
    name: 'Fonctions affines',
    standard: false,
    renamable: true,
    python: '3.11',
    packages: [{ name: 'alpha', version: '1.0' }],
    files: [
      { path: 'environment.yml', content: 'dependencies:\n  - xeus-cling\n' }
    ],
    imageOnly: ['environment.yml'],
    notes,
    addedRequirements: [],
    built: false,
    lock,
    createdAt: '2026-12-06T00:00:00Z'
  };
}

describe('LockView', () => {
  it('lists the notes on the software list, each as said by the engine', () => {
    const notes = [
      'environment.yml : paquets conda sans équivalent PyPI connu, non installés par le constructeur intégré (une image repo2docker les installera) : xeus-cling.',
      'runtime.txt : ignoré : avec environment.yml, repo2docker prend la version de Python de environment.yml (python=3.X).'
    ];
    const html = renderToStaticMarkup(
      <LockView environment={environment(notes)} trans={trans} />
    );
    expect(html).toContain('What this platform’s builder does with the list:');
    const items = [...html.matchAll(/<li>(.*?)<\/li>/g)].map(m => m[1]);
    expect(items).toEqual(notes.map(note => note.replace(/'/g, '&#x27;')));
  });

  it('shows no notes section when there is nothing to say', () => {
    const html = renderToStaticMarkup(
      <LockView environment={environment([])} trans={trans} />
    );
    expect(html).not.toContain('What this platform’s builder does');
    expect(html).not.toContain('<li>');
  });
});
