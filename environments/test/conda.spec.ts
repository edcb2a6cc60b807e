/**
 * Conda packages solved by py-rattler against a deployment's channels: a tiny local
 * channel made by the test itself (fixtures/makeCondaChannel.py, indexed by rattler), no
 * conda channel of the internet. The solve pins every file in the lock, the build
 * installs them (prefix placeholders written with the environment's final path), and a
 * channel that changed since is caught.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import {
  EnvironmentError,
  EnvironmentStore,
  lockId,
  parseSoftwareList,
  resolve,
  type ILock
} from '../src';
import {
  removeTemporaryDirectories,
  temporaryDirectory,
  tinyIndex,
  VENV_BIN
} from './helpers';

const CONDA_PYTHON = path.join(VENV_BIN, 'python');

/** Make the channel in a new folder; its `file://` URL. */
function makeChannel(changed = false, folder = temporaryDirectory('canal')) {
  execFileSync(CONDA_PYTHON, [
    path.join(__dirname, 'fixtures', 'makeCondaChannel.py'),
    folder,
    ...(changed ? ['--changed'] : [])
  ]);
  return { folder, url: pathToFileURL(folder).href };
}

/** An environment.yml with these dependencies. */
function environmentYml(...dependencies: string[]) {
  return {
    path: 'environment.yml',
    content:
      'channels:\n  - conda-forge\ndependencies:\n' +
      dependencies.map(item => `  - ${item}\n`).join('')
  };
}

describe('conda packages from a deployment’s channels (py-rattler, local channel)', () => {
  const source = tinyIndex();
  afterAll(removeTemporaryDirectories);

  const options = (channel: string) => ({
    ...source,
    condaChannels: [channel],
    condaPython: CONDA_PYTHON
  });

  it('solves the conda packages PyPI lacks, pins their files, and builds them into the environment', async () => {
    const channel = makeChannel();
    const list = parseSoftwareList(
      [
        environmentYml(
          'numpy=1.26',
          'outil-cours>=2',
          'pip',
          'pip:\n      - alpha'
        )
      ],
      { condaChannels: [channel.url] }
    );
    expect(list.problems).toEqual([]);
    expect(list.conda).toEqual({
      specs: ['outil-cours>=2'],
      channels: [channel.url]
    });
    expect(list.notes.map(note => note.message)).toEqual([
      'paquets conda installés depuis PyPI (même logiciel) : numpy=1.26 → numpy==1.26.*.',
      `paquets conda résolus et installés depuis les canaux conda de la plateforme (${channel.url}) plutôt que depuis ceux du fichier (conda-forge) : outil-cours>=2. Le Python reste celui de l’environnement : un paquet conda qui demande le Python de conda est refusé.`,
      expect.stringMatching(/^aucune version de Python n’est demandée/)
    ]);

    const lock = await resolve(list, options(channel.url));
    expect(lock.packages.map(item => item.name).sort()).toEqual([
      'alpha',
      'beta',
      'numpy'
    ]);
    expect(lock.conda?.channels).toEqual([channel.url]);
    expect(
      lock.conda?.packages.map(
        item => `${item.name} ${item.version} ${item.build}`
      )
    ).toEqual(['donnees-cours 1.0 0', 'outil-cours 2.0 0']);
    for (const item of lock.conda!.packages) {
      const file = path.join(channel.folder, 'noarch', path.basename(item.url));
      expect(item.sha256).toBe(
        execFileSync('sha256sum', [file]).toString().split(' ')[0]
      );
    }

    const store = await EnvironmentStore.open(temporaryDirectory('store'), {
      ...source,
      condaPython: CONDA_PYTHON
    });
    const built = await store.ensure(lock);
    // The tool runs from the environment's final path and finds its data there.
    expect(
      execFileSync(path.join(built.path, 'bin', 'outil-cours')).toString()
    ).toBe('outil du cours\nx,y\n1,2\n');
    expect(fs.readdirSync(path.join(built.path, 'conda-meta')).sort()).toEqual(
      expect.arrayContaining([
        'donnees-cours-1.0-0.json',
        'outil-cours-2.0-0.json'
      ])
    );
    execFileSync(path.join(built.path, 'bin', 'python'), [
      '-c',
      'import alpha, numpy'
    ]);
  });

  it('keeps today’s PyPI mapping and notes without channels', async () => {
    const list = parseSoftwareList([environmentYml('numpy', 'outil-cours')]);
    expect(list.conda).toBeUndefined();
    expect(list.notes.map(note => note.message)).toContain(
      'paquets conda sans équivalent PyPI connu, non installés par le constructeur intégré (une image repo2docker les installera) : outil-cours.'
    );
    const lock = await resolve(list, source);
    expect(lock.conda).toBeUndefined();
  });

  it.each([
    [
      'a package the channels do not have',
      'nexistepas',
      'not-found',
      /^Le paquet conda « nexistepas » est introuvable dans les canaux conda de la plateforme\./
    ],
    [
      'a package that wants conda’s Python',
      'avec-python',
      'invalid-list',
      /^Ces paquets conda demandent le Python de conda \(python 3\.11\.7\) : avec-python\./
    ]
  ])(
    'tried: %s → refused in French at lock time',
    async (_what, spec, code, message) => {
      const channel = makeChannel();
      const list = parseSoftwareList([environmentYml(spec)], {
        condaChannels: [channel.url]
      });
      const error = await resolve(list, options(channel.url)).then(
        () => null,
        (reason: EnvironmentError) => reason
      );
      expect(error).toBeInstanceOf(EnvironmentError);
      expect(error!.code).toBe(code);
      expect(error!.message).toMatch(message);
    }
  );

  it('tried: a channel whose file changed since the lock → hash-mismatch, nothing stored', async () => {
    const channel = makeChannel();
    const list = parseSoftwareList([environmentYml('outil-cours')], {
      condaChannels: [channel.url]
    });
    const lock: ILock = await resolve(list, options(channel.url));
    // The same name, version and build, other content: re-made and re-indexed.
    fs.rmSync(channel.folder, { recursive: true });
    makeChannel(true, channel.folder);
    const store = await EnvironmentStore.open(temporaryDirectory('store'), {
      ...source,
      condaPython: CONDA_PYTHON
    });
    const error = await store.ensure(lock).then(
      () => null,
      (reason: EnvironmentError) => reason
    );
    expect(error?.code).toBe('hash-mismatch');
    expect(error!.message).toMatch(
      /^Le paquet conda outil-cours du canal ne correspond plus au verrou/
    );
    expect(fs.readdirSync(path.join(store.dir, 'envs'))).toEqual([]);
    expect(await store.has(lockId(lock))).toBe(false);
  });
});
