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
 * candyce-env export <dossier> --out <dir>     le dépôt repo2docker du verrou du dossier
 * candyce-env gc --store <dir> --keep <id,...> [--dry-run] [--uv <uv>]
 * candyce-env warm <dossier>... --store <dir> --uv <uv> [--packages <fichier>] [--check]
 * ```
 *
 * `warm` exits with 0 when the package index cannot be reached too (said in French and
 * English): a cold cache only makes resolutions slower. `warm --check` exits with 1
 * when some list is not warm yet (nothing is fetched).
 */
import { LOCK_FILE } from './build';
import { describeSystemError, execute } from './cliCommands';
import type { Command, IOutput } from './cliTypes';
import { warm } from './cliWarm';
import { EnvironmentError } from './errors';

export type { Command, IOutput } from './cliTypes';

/** A command line that cannot be understood; its message says why, in French. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
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
  export <dossier> --out <dir>       écrit dans <dir> (nouveau) un dépôt que repo2docker
                                     construit tel quel : le verrou du dossier en
                                     requirements.txt avec empreintes, runtime.txt…
  gc --store <dir> --keep <id,...>   supprime les environnements qui ne sont pas gardés
     [--dry-run] [--uv <uv>]         (--dry-run : dit seulement lesquels et combien ;
                                     --uv : élague aussi le cache de uv du magasin)
  warm <dossier>... --store <dir>    préchauffe le cache de uv du magasin pour les listes
     --uv <uv> [--packages <fichier>]  des dossiers et chaque paquet du fichier (un par
     [--check] [--force]             ligne) : une résolution prend alors quelques
                                     secondes ; --check dit seulement s’il l’est

Options :
  --store <dir>     le magasin d’environnements
  --out <dir>       le dossier où écrire un export
  --python <chemin> l’interpréteur de base (par défaut : python3.X du PATH)
  --uv <chemin>     l’exécutable uv (jamais deviné)
  --packages <fichier>  les paquets d’enseignement à préchauffer
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
      'Indiquez une commande : lock, id, build, freeze, export, gc ou warm.'
    );
  }
  const allowed = Private.OPTIONS[name];
  if (!allowed) {
    throw new UsageError(
      `Commande inconnue : « ${name} ». Commandes : lock, id, build, freeze, export, gc, warm.`
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
    case 'export': {
      if (rest.length !== 1) {
        throw new UsageError(
          'La commande export demande exactement un dossier de liste de logiciels.'
        );
      }
      const out = values.get('--out');
      if (!out) {
        throw new UsageError(
          'La commande export demande le dossier où écrire : --out <dossier>.'
        );
      }
      return { name, folder: rest[0], out };
    }
    case 'warm': {
      const uv = values.get('--uv');
      if (!uv) {
        throw new UsageError(
          'La commande warm demande l’exécutable uv : --uv <chemin>.'
        );
      }
      const packages = values.get('--packages');
      if (!rest.length && !packages) {
        throw new UsageError(
          'La commande warm demande des dossiers de listes de logiciels ou --packages <fichier>.'
        );
      }
      return {
        name,
        folders: rest,
        store: store(),
        uv,
        ...(packages ? { packages } : {}),
        ...(python ? { python } : {}),
        force: flags.has('--force'),
        check: flags.has('--check')
      };
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
        dryRun: flags.has('--dry-run'),
        ...(values.get('--uv') ? { uv: values.get('--uv') } : {})
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
  if (command.name === 'help') {
    output.out(USAGE);
    return 0;
  }
  try {
    if (command.name === 'warm') {
      return await warm(command, output, signal);
    }
    await execute(command, output, signal);
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
      output.err(`candyce-env : ${describeSystemError(error as Error)}`);
      return 1;
    }
    throw error;
  }
}

namespace Private {
  /** Options without a value. */
  export const FLAGS = new Set(['--dry-run', '--force', '--check']);

  /** Options with a value. */
  export const VALUED = new Set([
    '--store',
    '--keep',
    '--python',
    '--out',
    '--uv',
    '--packages'
  ]);

  /** The options each command accepts. */
  export const OPTIONS: Record<string, string[] | undefined> = {
    lock: ['--python'],
    id: [],
    build: ['--store', '--python'],
    freeze: ['--store'],
    export: ['--out'],
    gc: ['--store', '--keep', '--dry-run', '--uv'],
    warm: ['--store', '--uv', '--packages', '--python', '--force', '--check']
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
