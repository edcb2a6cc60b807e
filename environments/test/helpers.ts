/**
 * What the engine's tests share: the repository's Python (it has pip), and a tiny local
 * package index written by `fixtures/makeIndex.py`, so that no test needs a registry.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { IPackageSource } from '../src';
import { removeTree } from '../src/tree';

/** The repository's virtualenv, whose `bin/` holds `python3.X` with pip. */
export const VENV_BIN = path.resolve(__dirname, '..', '..', '.venv', 'bin');

/** The Python version of that virtualenv, `3.X`. */
export const PYTHON_VERSION = execFileSync(path.join(VENV_BIN, 'python'), [
  '-c',
  'import sys; print("%d.%d" % sys.version_info[:2])'
])
  .toString()
  .trim();

const temporaryDirectories: string[] = [];

/** A fresh temporary directory, removed by `removeTemporaryDirectories`. */
export function temporaryDirectory(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `candyce-${prefix}-`));
  temporaryDirectories.push(dir);
  return dir;
}

/** Remove the temporary directories, read-only environments included. */
export async function removeTemporaryDirectories(): Promise<void> {
  for (const dir of temporaryDirectories.splice(0)) {
    await removeTree(dir);
  }
}

/** Write the tiny index into a new folder and return where packages come from. */
export function tinyIndex(): IPackageSource & {
  pythonSearchPath: string[];
} {
  const folder = temporaryDirectory('index');
  execFileSync(path.join(VENV_BIN, 'python'), [
    path.join(__dirname, 'fixtures', 'makeIndex.py'),
    folder
  ]);
  return {
    findLinks: [folder],
    noIndex: true,
    usePipConfig: false,
    pythonSearchPath: [VENV_BIN]
  };
}

/** `requirements.txt` content as a software-list file. */
export function requirements(...lines: string[]) {
  return { path: 'requirements.txt', content: lines.join('\n') + '\n' };
}
