#!/usr/bin/env node
/**
 * `candyce-env`: the engine's command line, for administrators, the set-up script and
 * the benchmarks. Every message is in French; the exit code is 0 on success, 1 when the
 * operation failed, 2 when the command line itself is wrong and 130 when interrupted.
 *
 * ```
 * candyce-env lock <dossier>...                 résout et écrit <dossier>/candyce-lock.json
 * candyce-env id <dossier>...                   l'identifiant du verrou de chaque dossier
 * candyce-env build <dossier>... --store <dir>  construit (ou réutilise) chaque environnement
 * candyce-env freeze <id> --store <dir>         pip freeze dans un environnement du magasin
 * candyce-env gc --store <dir> --keep <id,...> [--dry-run]
 * ```
 */
import fs from 'node:fs/promises';
import path from 'node:path';

import { LOCK_FILE } from './build';
import { EnvironmentError } from './errors';
import { lockId, readLock, shortId, writeLock } from './lock';
import type { ProgressCallback } from './progress';
import { resolve } from './resolve';
import {
  describeProblem,
  parseSoftwareList,
  type ISoftwareFile
} from './softwareList';
import { EnvironmentStore } from './store';

/** A command line, understood. */
export type Command =
  | { name: 'help' }
  | { name: 'lock'; folders: string[]; python?: string }
  | { name: 'id'; folders: string[] }
  | { name: 'build'; folders: string[]; store: string; python?: string }
  | { name: 'freeze'; id: string; store: string }
  | { name: 'gc'; store: string; keep: string[]; dryRun: boolean };

/** A command line that cannot be understood; its message says why, in French. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** What the command line writes to (the process's streams, or a test's buffers). */
export interface IOutput {
  /** Results, one per line. */
  out: (line: string) => void;
  /** Progress and errors. */
  err: (line: string) => void;
}

/** The help text. */
export const USAGE = `Usage : candyce-env <commande> [options]

Commandes :
  lock <dossier>...                  résout la liste de logiciels de chaque dossier
                                     (requirements.txt, runtime.txt…) et écrit
                                     <dossier>/${LOCK_FILE} ; affiche l’identifiant
  id <dossier>...                    affiche l’identifiant du verrou de chaque dossier
  build <dossier>... --store <dir>   construit l’environnement du verrou de chaque dossier
                                     dans le magasin, ou le réutilise s’il y est déjà
  freeze <id> --store <dir>          affiche « pip freeze » de l’environnement <id>
  gc --store <dir> --keep <id,...>   supprime les environnements qui ne sont pas gardés
     [--dry-run]                     (--dry-run : dit seulement lesquels et combien)

Options :
  --store <dir>     le magasin d’environnements
  --python <chemin> l’interpréteur de base (par défaut : python3.X du PATH)
  -h, --help        cette aide`;

/**
 * Understand a command line (without `node` and the script).
 *
 * @throws UsageError in French: unknown command or option, missing or extra argument
 */
export function parseArguments(argv: readonly string[]): Command {
  const positional: string[] = [];
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      return { name: 'help' };
    }
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      if (arg.startsWith('-') && arg !== '-') {
        throw new UsageError(`Option inconnue : « ${arg} ».`);
      }
      positional.push(arg);
      continue;
    }
    const [option, inline] = Private.splitOption(arg);
    if (Private.FLAGS.has(option)) {
      if (inline !== undefined) {
        throw new UsageError(`L’option ${option} ne prend pas de valeur.`);
      }
      flags.add(option);
    } else if (Private.VALUED.has(option)) {
      const value = inline ?? argv[++i];
      if (value === undefined) {
        throw new UsageError(`L’option ${option} attend une valeur.`);
      }
      if (values.has(option)) {
        throw new UsageError(`L’option ${option} est donnée deux fois.`);
      }
      values.set(option, value);
    } else {
      throw new UsageError(`Option inconnue : « ${option} ».`);
    }
  }

  const [name, ...rest] = positional;
  if (name === undefined) {
    throw new UsageError(
      'Indiquez une commande : lock, id, build, freeze ou gc.'
    );
  }
  const allowed = Private.OPTIONS[name];
  if (!allowed) {
    throw new UsageError(
      `Commande inconnue : « ${name} ». Commandes : lock, id, build, freeze, gc.`
    );
  }
  for (const option of [...values.keys(), ...flags]) {
    if (!allowed.includes(option)) {
      throw new UsageError(
        `L’option ${option} ne s’applique pas à la commande ${name}.`
      );
    }
  }
  const store = () => {
    const value = values.get('--store');
    if (!value) {
      throw new UsageError(
        `La commande ${name} demande le magasin : --store <dossier>.`
      );
    }
    return value;
  };
  const folders = () => {
    if (!rest.length) {
      throw new UsageError(
        `La commande ${name} demande au moins un dossier de liste de logiciels.`
      );
    }
    return rest;
  };
  const python = values.get('--python');

  switch (name) {
    case 'lock':
      return { name, folders: folders(), ...(python ? { python } : {}) };
    case 'id':
      return { name, folders: folders() };
    case 'build':
      return {
        name,
        folders: folders(),
        store: store(),
        ...(python ? { python } : {})
      };
    case 'freeze': {
      if (rest.length !== 1) {
        throw new UsageError(
          'La commande freeze demande exactement un identifiant d’environnement.'
        );
      }
      return { name, id: Private.checkId(rest[0]), store: store() };
    }
    default: {
      if (rest.length) {
        throw new UsageError(
          `La commande gc ne prend pas d’argument (reçu : « ${rest[0]} »).`
        );
      }
      const keep = values.get('--keep');
      if (keep === undefined) {
        throw new UsageError(
          'La commande gc demande les environnements à garder : --keep <id,...> (--keep "" pour n’en garder aucun).'
        );
      }
      return {
        name: 'gc',
        store: store(),
        keep: keep
          .split(',')
          .map(id => id.trim())
          .filter(Boolean)
          .map(Private.checkId),
        dryRun: flags.has('--dry-run')
      };
    }
  }
}

/**
 * Run a command line and return its exit code. Progress goes to `err`, results to `out`.
 */
export async function main(
  argv: readonly string[],
  output: IOutput,
  signal?: AbortSignal
): Promise<number> {
  let command: Command;
  try {
    command = parseArguments(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`candyce-env : ${error.message}`);
      output.err('Aide : candyce-env --help');
      return 2;
    }
    throw error;
  }
  try {
    await Private.execute(command, output, signal);
    return 0;
  } catch (error) {
    if (error instanceof EnvironmentError) {
      output.err(`candyce-env : ${error.message}`);
      if (error.details && process.env.CANDYCE_ENV_DEBUG) {
        output.err(error.details);
      }
      return error.code === 'cancelled' ? 130 : 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (
      code === 'ENOENT' ||
      code === 'EACCES' ||
      error instanceof SyntaxError
    ) {
      output.err(
        `candyce-env : ${Private.describeSystemError(error as Error)}`
      );
      return 1;
    }
    throw error;
  }
}

namespace Private {
  /** Options without a value. */
  export const FLAGS = new Set(['--dry-run']);

  /** Options with a value. */
  export const VALUED = new Set(['--store', '--keep', '--python']);

  /** The options each command accepts. */
  export const OPTIONS: Record<string, string[] | undefined> = {
    lock: ['--python'],
    id: [],
    build: ['--store', '--python'],
    freeze: ['--store'],
    gc: ['--store', '--keep', '--dry-run']
  };

  /** `--name=value` into its two parts. */
  export function splitOption(arg: string): [string, string | undefined] {
    const equals = arg.indexOf('=');
    return equals < 0
      ? [arg, undefined]
      : [arg.slice(0, equals), arg.slice(equals + 1)];
  }

  /** An environment id, checked. */
  export function checkId(id: string): string {
    if (!/^[0-9a-f]{64}$/.test(id)) {
      throw new UsageError(
        `« ${id} » n’est pas un identifiant d’environnement (64 caractères hexadécimaux).`
      );
    }
    return id;
  }

  /** Run an understood command. */
  export async function execute(
    command: Command,
    output: IOutput,
    signal?: AbortSignal
  ): Promise<void> {
    switch (command.name) {
      case 'help':
        output.out(USAGE);
        return;
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
      case 'gc': {
        const store = await openExisting(command.store);
        const result = await store.collect(new Set(command.keep), {
          dryRun: command.dryRun
        });
        const verb = result.dryRun ? 'seraient supprimés' : 'supprimés';
        for (const id of result.ids) {
          output.out(id);
        }
        output.err(
          `${result.ids.length} environnement(s) ${verb}, ${formatBytes(result.bytes)} ${result.dryRun ? 'seraient libérés' : 'libérés'}.`
        );
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
    const list = parseSoftwareList(await readSoftwareFiles(folder));
    for (const note of list.notes) {
      output.err(`${name} : remarque : ${describeProblem(note)}`);
    }
    output.err(`${name} : résolution de la liste de logiciels…`);
    const started = Date.now();
    const result = await resolve(list, {
      python,
      signal,
      onProgress: progressPrinter(name, output)
    });
    await writeLock(path.join(folder, LOCK_FILE), result);
    output.err(
      `${name} : ${result.packages.length} paquets verrouillés en ${formatSeconds(Date.now() - started)}.`
    );
    output.out(lockId(result));
  }

  /** Ensure each folder's environment, one after the other. */
  async function build(
    command: Extract<Command, { name: 'build' }>,
    output: IOutput,
    signal?: AbortSignal
  ): Promise<void> {
    const locks = [];
    for (const folder of command.folders) {
      locks.push({
        name: path.basename(path.resolve(folder)),
        lock: await readLock(path.join(folder, LOCK_FILE))
      });
    }
    const store = await EnvironmentStore.open(
      command.store,
      command.python ? { python: command.python } : {}
    );
    for (const { name, lock } of locks) {
      const id = lockId(lock);
      if (!(await store.has(id))) {
        output.err(
          `${name} : construction de l’environnement ${shortId(id)} (${lock.packages.length} paquets)…`
        );
      }
      const result = await store.ensure(lock, {
        signal,
        onProgress: progressPrinter(name, output)
      });
      const what = result.built
        ? `construit en ${formatSeconds(result.ms)} (${formatBytes(result.addedBytes)} ajoutés au disque)`
        : `déjà construit, réutilisé (${formatSeconds(result.ms)})`;
      output.out(`${name} : ${what}`);
      output.out(`  identifiant : ${result.id}`);
      output.out(`  chemin : ${result.path}`);
    }
  }

  /** A store that must already exist (freeze and gc never create one). */
  async function openExisting(dir: string): Promise<EnvironmentStore> {
    try {
      await fs.access(path.join(dir, 'envs'));
    } catch {
      throw new EnvironmentError(
        'invalid-list',
        `Le magasin d’environnements « ${dir} » n’existe pas.`
      );
    }
    return EnvironmentStore.open(dir);
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
}

// Run when executed, not when imported by the tests.
if (require.main === module) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  main(
    process.argv.slice(2),
    {
      out: line => process.stdout.write(line + '\n'),
      err: line => process.stderr.write(line + '\n')
    },
    controller.signal
  ).then(
    code => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `candyce-env : erreur inattendue : ${String(error)}\n`
      );
      process.exitCode = 1;
    }
  );
}
