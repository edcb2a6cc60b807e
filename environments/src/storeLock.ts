/**
 * Locks shared by every process that uses a store (the hub, `candyce-env`, grading
 * runs): an advisory `flock(2)` lock on a file, held by a small `flock(1)` process of
 * util-linux. The kernel releases it when its holder dies, whatever killed it, so a
 * crashed build never blocks the others and no process id has to be trusted.
 */
import { spawn } from 'node:child_process';

import { cancelledError, EnvironmentError } from './errors';

/** A lock this process holds. */
export interface IHeldLock {
  /** Let the others in. */
  release(): Promise<void>;
}

/**
 * Take the lock on `file` (created if missing). With `wait: false`, null when another
 * process holds it; else wait until it is free, or until `signal` aborts.
 *
 * @throws EnvironmentError `cancelled`, or `tool-failed` when `flock` cannot run
 */
export function acquireLock(
  file: string,
  options: { wait?: boolean; signal?: AbortSignal } = {}
): Promise<IHeldLock | null> {
  const { signal } = options;
  if (signal?.aborted) {
    return Promise.reject(cancelledError());
  }
  return new Promise((resolve, reject) => {
    // The holder prints once it has the lock, then keeps it until its stdin closes:
    // when this process releases it or dies.
    const child = spawn(
      'flock',
      [
        options.wait === false ? '-xn' : '-x',
        file,
        'sh',
        '-c',
        'echo locked && exec cat >/dev/null'
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] }
    );
    let held = false;
    let stderr = '';
    const exited = new Promise<void>(done => child.once('close', () => done()));
    const onAbort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stderr.on('data', chunk => (stderr += String(chunk)));
    child.stdout.on('data', chunk => {
      if (!held && String(chunk).includes('locked')) {
        held = true;
        signal?.removeEventListener('abort', onAbort);
        resolve({
          release: async () => {
            child.stdin.end();
            await exited;
          }
        });
      }
    });
    child.once('error', error => {
      signal?.removeEventListener('abort', onAbort);
      reject(
        new EnvironmentError(
          'tool-failed',
          'La commande flock (util-linux) est introuvable : elle garde le magasin d’environnements quand plusieurs processus construisent.',
          String(error)
        )
      );
    });
    child.once('close', code => {
      if (held) {
        return;
      }
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) {
        reject(cancelledError());
      } else if (code === 1 && options.wait === false) {
        resolve(null);
      } else {
        reject(
          new EnvironmentError(
            'tool-failed',
            'Le verrou du magasin d’environnements n’a pas pu être pris.',
            stderr
          )
        );
      }
    });
  });
}
