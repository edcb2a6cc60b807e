/**
 * Why a local server could not start, told to its user in French (`SpawnError`).
 */
import * as fs from 'fs';
import * as path from 'path';

import { SpawnError } from './errors';
import { ManagedProcess } from './managed';

/**
 * Run a step of the launch; its failure (the log folder cannot be written…) is the
 * administrator's to fix, and the user is told so.
 *
 * @throws SpawnError (`launch`) if the step throws.
 */
export function launchStep<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw new SpawnError(
      'Votre espace n’a pas pu être lancé. Prévenez l’administrateur.',
      'launch',
      String(error)
    );
  }
}

/**
 * The real path of the home, which the hub must have created.
 *
 * @throws SpawnError (`launch`) if it does not exist.
 */
export async function resolveHome(homeDir: string): Promise<string> {
  try {
    return await fs.promises.realpath(path.resolve(homeDir));
  } catch (error) {
    throw new SpawnError(
      'Votre dossier personnel est introuvable, votre espace ne peut pas démarrer. Prévenez l’administrateur.',
      'launch',
      String(error)
    );
  }
}

/**
 * The error that explains to the user why their server did not start.
 */
export function startError(
  managed: ManagedProcess,
  outcome: 'ready' | 'timeout' | 'aborted',
  timeoutMs: number
): SpawnError {
  if (managed.launchError) {
    return new SpawnError(
      'Votre espace n’a pas pu être lancé. Prévenez l’administrateur.',
      'launch',
      [managed.launchError.message, managed.output].join('\n').trim()
    );
  }
  if (outcome === 'timeout') {
    return new SpawnError(
      `Votre espace n’a pas démarré dans le temps imparti (${Math.round(timeoutMs / 1000)} s) et a été arrêté. Réessayez dans un instant.`,
      'timeout',
      managed.output
    );
  }
  return new SpawnError(
    `Votre espace s’est arrêté pendant son démarrage (code de sortie ${managed.exitCode}). Prévenez l’administrateur si cela se reproduit.`,
    'exited',
    managed.output
  );
}
