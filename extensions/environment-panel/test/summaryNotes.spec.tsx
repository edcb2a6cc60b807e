import type { KernelSpec } from '@jupyterlab/services';
import * as React from 'react';
import { act } from 'react';
import { createRoot } from 'react-dom/client';

import type { EnvironmentsApi, IEnvironment } from '../src/api';
import { EnvironmentSummary } from '../src/summary';
import { trans } from '@candyce/core/testing';

const ID = 'd'.repeat(64);
const LOCK = {
  lockVersion: 1 as const,
  python: { implementation: 'cpython', version: '3.11' },
  platform: { system: 'linux', machine: 'x86_64', tag: 'cp311-cp311-linux' },
  packages: []
};

/** The environment as the hub describes it, with the engine's notes on its list. */
function known(notes: string[]): IEnvironment {
  return {
    id: ID,
    shortId: ID.slice(0, 16),
    kernelName: `candyce-${ID.slice(0, 16)}`,
    name: 'Statistiques',
    standard: false,
    renamable: false,
    python: '3.11',
    packages: [],
    files: [{ path: 'Pipfile', content: '[packages]\nalpha = "*"\n' }],
    imageOnly: [],
    notes,
    addedRequirements: [],
    built: true,
    lock: LOCK,
    createdAt: '2026-12-06T00:00:00Z'
  };
}

/** Render the notebook's environment details once the hub has answered. */
async function render(notes: string[]): Promise<HTMLElement> {
  (
    globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }
  ).IS_REACT_ACT_ENVIRONMENT = true;
  const api = {
    get: async (id: string) => {
      expect(id).toBe(ID);
      return known(notes);
    }
  } as unknown as EnvironmentsApi;
  const kernelspecs = {
    specs: { default: 'python3', kernelspecs: {} }
  } as unknown as KernelSpec.IManager;
  const host = document.createElement('div');
  document.body.appendChild(host);
  const root = createRoot(host);
  await act(async () => {
    root.render(
      <EnvironmentSummary
        pinned={{ id: ID, files: [], lock: LOCK }}
        api={api}
        kernelspecs={kernelspecs}
        trans={trans}
        refreshKey={0}
      />
    );
  });
  return host;
}

describe('the notebook’s environment details', () => {
  it('list the engine’s notes on the software list, once the hub has answered', async () => {
    const notes = [
      'requirements.txt : ignoré : avec un Pipfile, repo2docker n’installe que le Pipfile (ou Pipfile.lock).',
      'postBuild : exécuté à la construction, après l’installation des paquets, dans un bac à sable : sans réseau.'
    ];
    const host = await render(notes);
    expect(host.textContent).toContain(
      'What this platform’s builder does with the list:'
    );
    expect([...host.querySelectorAll('li')].map(li => li.textContent)).toEqual(
      notes
    );
  });

  it('say nothing more when there is nothing to say', async () => {
    const host = await render([]);
    expect(host.querySelector('.cdc-EnvSummary-title')?.textContent).toBe(
      'Statistiques'
    );
    expect(host.querySelectorAll('li')).toHaveLength(0);
    expect(host.textContent).not.toContain('What this platform’s builder');
  });
});
