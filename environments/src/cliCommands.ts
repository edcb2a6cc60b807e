/**
 * What each `candyce-env` command does, once its command line is understood (`cli.ts`).
 */
import fs from 'node:fs/promises';
import path from 'node:path';

import { KIND_RULES } from './binderRules';
import { LOCK_FILE } from './build';
import type { Command, IOutput } from './cliTypes';
import { EnvironmentError } from './errors';
import { lockId, readLock, shortId, writeLock } from './lock';
import type { ProgressCallback } from './progress';
import { exportRepository } from './repository';
import { REPOSITORY_WHEELS } from './repositoryWheel';
import { resolve } from './resolve';
import { sandboxAvailable } from './sandbox';
import { condaChannelsFromEnvironment } from './conda';
import {
  describeProblem,
  parseSoftwareList,
  type ISoftwareFile,
  type ISoftwareList
} from './softwareList';
import { EnvironmentStore } from './store';

/** Run an understood command. */
export async function execute(
  command: Exclude<Command, { name: 'help' | 'warm' }>,
  output: IOutput,
  signal?: AbortSignal
): Promise<void> {
  switch (command.name) {
    case 'lock':
      for (const folder of command.folders) {
        await lock(folder, command.python, output, signal);
      }
      return;
    case 'id':
      for (const folder of command.folders) {
        output.out(lockId(await readLock(path.join(folder, LOCK_FILE))));
      }
      return;
    case 'build':
      return build(command, output, signal);
    case 'freeze': {
      const store = await openExisting(command.store);
      if (!(await store.has(command.id))) {
        throw new EnvironmentError(
          'invalid-list',
          `L’environnement ${shortId(command.id)} n’est pas dans le magasin ${command.store}.`
        );
      }
      output.out((await store.freeze(command.id)).trimEnd());
      return;
    }
    case 'export':
      return exportFolder(command, output);
    case 'gc': {
      const store = await openExisting(
        command.store,
        command.uv ? { uv: command.uv } : {}
      );
      const result = await store.collect(new Set(command.keep), {
        dryRun: command.dryRun
      });
      const verb = result.dryRun ? 'seraient supprimés' : 'supprimés';
      for (const id of result.ids) {
        output.out(id);
      }
      output.err(
        `${result.ids.length} environnement(s) ${verb}, ${formatBytes(result.bytes)} ${result.dryRun ? 'seraient libérés' : 'libérés sur le disque'}.`
      );
      if (result.uvCache) {
        const { freedBytes, bytes, sharedBytes } = result.uvCache;
        output.err(
          `Cache de uv : ${formatBytes(freedBytes)} libérés en l’élaguant ; il garde ${formatBytes(bytes)}, dont ${formatBytes(sharedBytes)} partagés avec les environnements (liens physiques, libérés seulement avec eux).`
        );
      }
      return;
    }
  }
}

/** Resolve one folder's list and write its lock. */
async function lock(
  folder: string,
  python: string | undefined,
  output: IOutput,
  signal?: AbortSignal
): Promise<void> {
  const name = path.basename(path.resolve(folder));
  const { list } = await readSoftwareFolder(folder);
  const builtHere = KIND_RULES.some(
    rule => rule.kind === list.kind && rule.builtHere
  );
  output.err(
    builtHere
      ? `${name} : configuration ${KIND_NAMES[list.kind]} (${list.usedFiles.join(', ') || 'aucun fichier'}), Python ${list.python ?? 'par défaut du serveur'}${list.installsRepository ? ', le dépôt lui-même installé' : ''}.`
      : `${name} : configuration ${KIND_NAMES[list.kind]}, que le constructeur intégré ne construit pas.`
  );
  for (const note of list.notes) {
    output.err(`${name} : remarque : ${describeProblem(note)}`);
  }
  output.err(`${name} : résolution de la liste de logiciels…`);
  const started = Date.now();
  const result = await resolve(list, {
    python,
    signal,
    onProgress: progressPrinter(name, output),
    ...(list.installsRepository
      ? {
          repository: {
            folder,
            wheelDir: path.join(folder, REPOSITORY_WHEELS)
          }
        }
      : {})
  });
  await writeLock(path.join(folder, LOCK_FILE), result);
  output.err(
    `${name} : ${result.packages.length} paquets verrouillés en ${formatSeconds(Date.now() - started)}.`
  );
  output.out(lockId(result));
}

/** The kinds of configuration, as the command line names them. */
const KIND_NAMES: Record<ISoftwareList['kind'], string> = {
  dockerfile: 'Dockerfile',
  'julia-project': 'Julia',
  'julia-require': 'Julia (REQUIRE)',
  nix: 'Nix',
  r: 'R',
  conda: 'conda (environment.yml)',
  pipfile: 'Pipfile',
  python: 'Python (pip)'
};

/** Ensure each folder's environment, one after the other. */
async function build(
  command: Extract<Command, { name: 'build' }>,
  output: IOutput,
  signal?: AbortSignal
): Promise<void> {
  const locks = [];
  for (const folder of command.folders) {
    locks.push({
      folder,
      name: path.basename(path.resolve(folder)),
      lock: await readLock(path.join(folder, LOCK_FILE))
    });
  }
  const store = await EnvironmentStore.open(
    command.store,
    command.python ? { python: command.python } : {}
  );
  for (const { folder, name, lock } of locks) {
    const id = lockId(lock);
    if (!(await store.has(id))) {
      output.err(
        `${name} : construction de l’environnement ${shortId(id)} (${lock.packages.length} paquets)…`
      );
    }
    const result = await store.ensure(lock, {
      signal,
      onProgress: progressPrinter(name, output),
      findLinks: await repositoryWheels(folder)
    });
    const what = result.built
      ? `construit en ${formatSeconds(result.ms)} (${formatBytes(result.addedBytes)} ajoutés au disque)`
      : `déjà construit, réutilisé (${formatSeconds(result.ms)})`;
    output.out(`${name} : ${what}`);
    output.out(`  identifiant : ${result.id}`);
    output.out(`  chemin : ${result.path}`);
  }
}

/**
 * Write the repo2docker repository of a folder's locked list into `command.out`, which
 * must not exist yet (an export never mixes with other files).
 */
async function exportFolder(
  command: Extract<Command, { name: 'export' }>,
  output: IOutput
): Promise<void> {
  const lock = await readLock(path.join(command.folder, LOCK_FILE));
  const wheels = await repositoryWheels(command.folder);
  const files = exportRepository(
    lock,
    await readSoftwareFiles(command.folder),
    {
      folders: await binderFolders(command.folder),
      repositoryFiles: wheels.length ? await fs.readdir(wheels[0]) : []
    }
  );
  try {
    await fs.mkdir(command.out, { recursive: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new EnvironmentError(
        'invalid-list',
        `Le dossier « ${command.out} » existe déjà : choisissez un dossier nouveau pour l’export.`
      );
    }
    throw error;
  }
  for (const file of files) {
    await fs.writeFile(path.join(command.out, file.path), file.content, {
      mode: file.path === 'postBuild' || file.path === 'start' ? 0o755 : 0o644
    });
    output.out(path.join(command.out, file.path));
  }
  output.err(
    `Dépôt repo2docker de l’environnement ${shortId(lockId(lock))} écrit dans ${command.out} (${files.length} fichiers).`
  );
}

/** The folder of the repository's own wheel beside a lock, if it has one. */
async function repositoryWheels(folder: string): Promise<string[]> {
  const dir = path.resolve(folder, REPOSITORY_WHEELS);
  const stat = await fs.stat(dir).catch(() => null);
  return stat?.isDirectory() ? [dir] : [];
}

/** A store that must already exist (freeze and gc never create one). */
async function openExisting(
  dir: string,
  options: { uv?: string } = {}
): Promise<EnvironmentStore> {
  try {
    await fs.access(path.join(dir, 'envs'));
  } catch {
    throw new EnvironmentError(
      'invalid-list',
      `Le magasin d’environnements « ${dir} » n’existe pas.`
    );
  }
  return EnvironmentStore.open(dir, options);
}

/** The configuration folders (`binder`, `.binder`) a folder has, even empty. */
export async function binderFolders(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of ['binder', '.binder']) {
    const stat = await fs.stat(path.join(folder, name)).catch(() => null);
    if (stat?.isDirectory()) {
      found.push(name);
    }
  }
  return found;
}

/** A folder's software list, read with repo2docker's rules. */
export async function readSoftwareFolder(
  folder: string
): Promise<{ files: ISoftwareFile[]; list: ISoftwareList }> {
  const files = await readSoftwareFiles(folder);
  const folders = await binderFolders(folder);
  // postBuild runs only where bubblewrap can make the build's sandbox.
  const sandbox = await sandboxAvailable();
  // Conda packages are solved only where the deployment names channels.
  const condaChannels = condaChannelsFromEnvironment();
  return {
    files,
    list: parseSoftwareList(files, { folders, sandbox, condaChannels })
  };
}

/**
 * The software-list files of a folder: those at its top and in `binder/` or
 * `.binder/` (where repo2docker looks), without the lock itself.
 */
export async function readSoftwareFiles(
  folder: string
): Promise<ISoftwareFile[]> {
  const stat = await fs.stat(folder).catch(() => null);
  if (!stat?.isDirectory()) {
    throw new EnvironmentError(
      'invalid-list',
      `Le dossier « ${folder} » est introuvable.`
    );
  }
  const files: ISoftwareFile[] = [];
  for (const sub of ['', 'binder', '.binder']) {
    const dir = path.join(folder, sub);
    const entries = await fs
      .readdir(dir, { withFileTypes: true })
      .catch(() => []);
    for (const entry of entries) {
      if (!entry.isFile() || entry.name === LOCK_FILE) {
        continue;
      }
      const file = path.join(dir, entry.name);
      if ((await fs.stat(file)).size > MAX_FILE_BYTES) {
        continue;
      }
      files.push({
        path: path.posix.join(sub, entry.name),
        content: await fs.readFile(file, 'utf8')
      });
    }
  }
  return files;
}

/** Software-list files are small; larger files (data, notebooks) are not read. */
const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Print progress compactly, prefixed by the list's name: the first message of each
 * phase, then the installation's progress every fifth of the way (pip's per-package
 * lines would be a hundred per environment).
 */
function progressPrinter(name: string, output: IOutput): ProgressCallback {
  const phases = new Set<string>();
  let fifths = 0;
  return event => {
    if (!phases.has(event.phase)) {
      phases.add(event.phase);
      output.err(`${name} : ${event.message}`);
    } else if (event.phase === 'install' && event.fraction !== undefined) {
      const reached = Math.floor(event.fraction * 5);
      if (reached > fifths) {
        fifths = reached;
        output.err(
          `${name} : Installation des paquets… ${Math.round(event.fraction * 100)} %`
        );
      }
    }
  };
}

/** « 42,3 s ». */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toLocaleString('fr-FR', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1
  })} s`;
}

/** « 312 Mo ». */
export function formatBytes(bytes: number): string {
  const megabytes = bytes / 1e6;
  return megabytes >= 10
    ? `${Math.round(megabytes)} Mo`
    : `${megabytes.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

/** A system error (missing file, permission, malformed JSON) in French. */
export function describeSystemError(error: Error): string {
  const err = error as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') {
    return `Fichier introuvable : ${err.path ?? ''}${
      err.path?.endsWith(LOCK_FILE)
        ? ' (lancez d’abord « candyce-env lock » sur ce dossier)'
        : ''
    }.`;
  }
  if (err.code === 'EACCES') {
    return `Accès refusé : ${err.path ?? ''}.`;
  }
  return `Fichier JSON illisible : ${error.message}`;
}
