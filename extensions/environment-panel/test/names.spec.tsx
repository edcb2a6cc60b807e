import type { KernelSpec } from '@jupyterlab/services';
import * as fs from 'fs';
import * as path from 'path';
import * as React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

import type { IProgressEvent } from '../src/api';
import {
  nameFromPath,
  pinnedCandyceMetadata,
  readPinned
} from '../src/metadata';
import { Operation } from '../src/operation';
import { OperationProgress, stepText } from '../src/progress';
import { EnvironmentSummary } from '../src/summary';
import { trans } from '@candyce/core/testing';

const ID = 'c'.repeat(64);
const LOCK = {
  lockVersion: 1 as const,
  python: { implementation: 'cpython', version: '3.11' },
  platform: { system: 'linux', machine: 'x86_64', tag: 'cp311-cp311-linux' },
  packages: [
    {
      name: 'sympy',
      version: '1.13',
      file: 'sympy-1.13-py3-none-any.whl',
      sha256: 'a'.repeat(64)
    }
  ]
};

/** A kernelspec manager that lists these kernels (name → display name). */
function kernelspecs(listed: Record<string, string>): KernelSpec.IManager {
  return {
    specs: {
      default: 'python3',
      kernelspecs: Object.fromEntries(
        Object.entries(listed).map(([name, display_name]) => [
          name,
          { name, display_name }
        ])
      )
    }
  } as unknown as KernelSpec.IManager;
}

describe('environment names in the panel', () => {
  it('reads and writes the name a notebook carries', () => {
    const pinned = readPinned({
      environment: { id: ID, files: [], lock: LOCK, name: ' Probas ' }
    });
    expect(pinned?.name).toBe('Probas');
    expect(
      readPinned({ environment: { id: ID, files: [], lock: LOCK } })
    ).not.toHaveProperty('name');
    const written = pinnedCandyceMetadata(
      { other: 1 },
      { id: ID, files: [], lock: LOCK, name: 'Fonctions affines' }
    );
    expect(written).toEqual({
      other: 1,
      environment: { id: ID, files: [], lock: LOCK, name: 'Fonctions affines' }
    });
  });

  it('names a new environment after its notebook’s file', () => {
    expect(nameFromPath('cours/fonctions_affines-2de.ipynb')).toBe(
      'fonctions affines 2de'
    );
    expect(nameFromPath('Untitled.ipynb')).toBe('Untitled');
  });

  it('shows the name, not the hash, with the hash folded in the details', () => {
    const html = renderToStaticMarkup(
      <EnvironmentSummary
        pinned={{ id: ID, files: [], lock: LOCK }}
        api={null}
        kernelspecs={kernelspecs({
          [`candyce-${ID.slice(0, 16)}`]: 'Python — Mathématiques'
        })}
        trans={trans}
        refreshKey={0}
      />
    );
    expect(html).toContain(
      '<p class="cdc-EnvSummary-title">Python — Mathématiques</p>'
    );
    const [before, details] = html.split('<details');
    expect(before).not.toContain(ID.slice(0, 8));
    expect(details).toContain(ID.slice(0, 16));
    // Without a kernel listed, the name the notebook carries.
    const carried = renderToStaticMarkup(
      <EnvironmentSummary
        pinned={{ id: ID, files: [], lock: LOCK, name: 'Probas' }}
        api={null}
        kernelspecs={kernelspecs({})}
        trans={trans}
        refreshKey={0}
      />
    );
    expect(carried).toContain('>Probas</p>');
  });
});

describe('progress in a teacher’s words', () => {
  const event = (phase: IProgressEvent['phase']): IProgressEvent => ({
    phase,
    message: 'Compilation des modules…'
  });

  it('says which step of how many, and what it does', () => {
    const build = new Operation('build');
    expect(stepText(build, trans)).toBe(
      'Getting the notebook’s software ready…'
    );
    build.onProgress(event('install'));
    expect(stepText(build, trans)).toBe(
      'Step 2 of 4: installing the software…'
    );
    build.onProgress(event('compile'));
    expect(stepText(build, trans)).toBe(
      'Step 3 of 4: preparing the software so that it starts quickly…'
    );
    build.onProgress(event('done'));
    expect(stepText(build, trans)).toBe('Ready.');
    const resolution = new Operation('resolve');
    resolution.onProgress(event('resolve'));
    expect(stepText(resolution, trans)).toBe(
      'Step 1 of 1: looking for versions of the software that work together…'
    );
  });

  it('draws the step, the engine’s sentence and « Cancel »', () => {
    const build = new Operation('build');
    build.onProgress({ ...event('store'), fraction: 0.9 });
    const html = renderToStaticMarkup(
      <OperationProgress operation={build} label="Build" trans={trans} />
    );
    expect(html).toContain(
      'Step 4 of 4: putting the environment away, nearly ready…'
    );
    expect(html).toContain('Compilation des modules…');
    expect(html).toContain('aria-valuenow="90"');
    expect(html).toMatch(/<button[^>]*>Cancel<\/button>/);
  });
});

describe('package names never break mid-word', () => {
  const css = fs.readFileSync(
    path.join(__dirname, '..', 'style', 'base.css'),
    'utf8'
  );
  /** The declarations of the rule whose selector list starts with `selector`. */
  const rule = (selector: string) => {
    const start = css.indexOf(`${selector}`);
    return css.slice(css.indexOf('{', start), css.indexOf('}', start));
  };

  it.each(['.cdc-EnvPackageName', '.cdc-EnvCombobox-list li {'])(
    '%s: whole words, an ellipsis when too long',
    selector => {
      const declarations = rule(selector);
      expect(declarations).not.toContain('overflow-wrap: anywhere');
      expect(declarations).not.toContain('word-break: break-all');
      expect(declarations).toContain('text-overflow: ellipsis');
      expect(declarations).toContain('white-space: nowrap');
    }
  );
});
