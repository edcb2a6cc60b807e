import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import {
  exportRepository,
  lockId,
  parseSoftwareList,
  readLock,
  resolve,
  type ILock
} from '../src';
import { main, type IOutput } from '../src/cli';
import {
  removeTemporaryDirectories,
  requirements,
  temporaryDirectory,
  tinyIndex,
  VENV_BIN
} from './helpers';

const execFileAsync = promisify(execFile);

/** The content of one exported file. */
function fileOf(files: { path: string; content: string }[], name: string) {
  const file = files.find(item => item.path === name);
  if (!file) {
    throw new Error(`${name} is not exported`);
  }
  return file.content;
}

describe('exportRepository (a repository repo2docker builds as is)', () => {
  const source = tinyIndex();
  let lock: ILock;

  beforeAll(async () => {
    lock = await resolve(parseSoftwareList([requirements('alpha')]), source);
  });
  afterAll(removeTemporaryDirectories);

  it('pins every package of the lock with its hash, and the Python of the lock', () => {
    const files = exportRepository(lock, [requirements('alpha')]);
    expect(files.map(file => file.path)).toEqual([
      'requirements.txt',
      'runtime.txt',
      'candyce-lock.json',
      'README.md'
    ]);
    const lines = fileOf(files, 'requirements.txt')
      .split('\n')
      .filter(line => line && !line.startsWith('#'));
    expect(lines).toEqual(
      lock.packages.map(
        item => `${item.name}==${item.version} --hash=sha256:${item.sha256}`
      )
    );
    expect(fileOf(files, 'runtime.txt')).toBe(
      `python-${lock.python.version}\n`
    );
    expect(lockId(JSON.parse(fileOf(files, 'candyce-lock.json')))).toBe(
      lockId(lock)
    );
    expect(fileOf(files, 'README.md')).toContain('repo2docker .');
  });

  it('installs, with pip in hash-checking mode, exactly the packages of the lock', async () => {
    const dir = temporaryDirectory('export');
    const file = path.join(dir, 'requirements.txt');
    fs.writeFileSync(
      file,
      fileOf(exportRepository(lock, []), 'requirements.txt')
    );
    const report = path.join(dir, 'report.json');
    await execFileAsync(
      path.join(VENV_BIN, 'python'),
      [
        '-m',
        'pip',
        'install',
        '--dry-run',
        '--ignore-installed',
        '--require-hashes',
        '--no-index',
        '--find-links',
        source.findLinks![0],
        '--report',
        report,
        '-r',
        file
      ],
      { env: { ...process.env, PIP_CONFIG_FILE: '/dev/null' } }
    );
    const installed = JSON.parse(fs.readFileSync(report, 'utf8')).install.map(
      (item: { metadata: { name: string; version: string } }) =>
        `${item.metadata.name}==${item.metadata.version}`
    );
    expect(installed.sort()).toEqual(
      lock.packages.map(item => `${item.name}==${item.version}`)
    );

    // A wrong hash is what pip refuses: the hashes are checked, not decoration.
    fs.writeFileSync(
      file,
      fileOf(exportRepository(lock, []), 'requirements.txt').replace(
        /sha256:[0-9a-f]/,
        match =>
          match.endsWith('0')
            ? `${match.slice(0, -1)}1`
            : `${match.slice(0, -1)}0`
      )
    );
    await expect(
      execFileAsync(
        path.join(VENV_BIN, 'python'),
        [
          '-m',
          'pip',
          'install',
          '--dry-run',
          '--ignore-installed',
          '--no-index',
          '--find-links',
          source.findLinks![0],
          '-r',
          file
        ],
        { env: { ...process.env, PIP_CONFIG_FILE: '/dev/null' } }
      )
    ).rejects.toMatchObject({ stderr: expect.stringMatching(/HASHES/) });
  });

  it('resolves again to the same environment id (an exported list can be imported)', async () => {
    const again = await resolve(
      parseSoftwareList(exportRepository(lock, [])),
      source
    );
    expect(lockId(again)).toBe(lockId(lock));
  });

  it('keeps what only image builds apply, with the Python of the lock in environment.yml', () => {
    const files = exportRepository(lock, [
      requirements('alpha'),
      {
        path: 'environment.yml',
        content:
          'channels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - gdal\n  - pip\n'
      },
      { path: 'apt.txt', content: 'graphviz\n# comment\n' },
      { path: 'postBuild', content: '#!/bin/sh\necho ok\n' }
    ]);
    expect(fileOf(files, 'environment.yml')).toBe(
      'channels:\n  - "conda-forge"\ndependencies:\n' +
        `  - "python=${lock.python.version}"\n  - "gdal"\n  - "pip"\n` +
        '  - pip:\n    - "-r requirements.txt"\n'
    );
    expect(fileOf(files, 'apt.txt')).toBe('graphviz\n');
    expect(fileOf(files, 'postBuild')).toBe('#!/bin/sh\necho ok\n');
    expect(fileOf(files, 'README.md')).toContain('chmod +x postBuild');
    // What the builder did not do as repo2docker is said in the README too.
    expect(fileOf(files, 'README.md')).toMatch(
      /^- requirements\.txt : ignoré : avec environment\.yml/m
    );
    expect(fileOf(files, 'README.md')).toMatch(
      /^- environment\.yml : paquets conda sans équivalent PyPI connu.* : gdal\.$/m
    );
  });
});

describe('candyce-env export', () => {
  afterAll(removeTemporaryDirectories);

  /** An output that keeps what the command line wrote. */
  function capture(): IOutput & { stdout: string[]; stderr: string[] } {
    const stdout: string[] = [];
    const stderr: string[] = [];
    return {
      stdout,
      stderr,
      out: line => stdout.push(line),
      err: line => stderr.push(line)
    };
  }

  const standard = path.resolve(
    __dirname,
    '..',
    '..',
    'binder-configs',
    'python-base'
  );

  it('writes a new folder with the locked list, and refuses an existing one', async () => {
    const out = path.join(temporaryDirectory('export-cli'), 'depot');
    const output = capture();
    expect(await main(['export', standard, '--out', out], output)).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual([
      'README.md',
      'candyce-lock.json',
      'requirements.txt',
      'runtime.txt'
    ]);
    const lock = await readLock(path.join(standard, 'candyce-lock.json'));
    expect(
      lockId(
        JSON.parse(fs.readFileSync(path.join(out, 'candyce-lock.json'), 'utf8'))
      )
    ).toBe(lockId(lock));
    expect(output.stderr.join('\n')).toMatch(/Dépôt repo2docker/);

    const again = capture();
    expect(await main(['export', standard, '--out', out], again)).toBe(1);
    expect(again.stderr.join('\n')).toMatch(/existe déjà/);
  });

  it('asks for --out and for exactly one folder', async () => {
    const output = capture();
    expect(await main(['export', standard], output)).toBe(2);
    expect(output.stderr[0]).toMatch(/--out <dossier>/);
    expect(await main(['export', '--out', 'x'], output)).toBe(2);
    expect(output.stderr.join('\n')).toMatch(/exactement un dossier/);
  });
});
