/**
 * The command line of a local server: `jupyter lab`, in its bubblewrap sandbox, under
 * its memory limit, below its keeper.
 */
import * as fs from 'fs';
import * as path from 'path';

import { withAccountPaths } from './accountPaths';
import { IPreparedLimits } from './limits';
import { ILocalProcessSpawnerOptions } from './localOptions';
import { buildSandboxArgv, withKeeper } from './sandbox';
import { buildServerArgv } from './server';
import { ISystemAccount } from './types';

/**
 * The full command line of a user's server.
 *
 * @param options - the spawner's options, folders already resolved to real paths.
 * @param homeDir - the user's home, a real path.
 * @param socketPath - the server's Unix socket, in a folder of its own (bound into the
 *   sandbox, which has no network of its own but its loopback).
 * @param account - the account the server runs as (the sandbox drops to it).
 * @param limits - what the user's limits add (cgroups to join, tmpfs sizes).
 * @throws Error if an account is asked for without a sandbox to drop to it.
 */
export function buildLocalCommand(
  options: ILocalProcessSpawnerOptions,
  homeDir: string,
  socketPath: string,
  baseUrl: string,
  account?: ISystemAccount,
  limits?: IPreparedLimits
): string[] {
  if (account && options.sandbox !== 'bubblewrap') {
    throw new Error('A server runs as its own account only in its sandbox');
  }
  const { venvDir, dataDir, hiddenDirs, memoryLimitBytes } = options;
  let argv = buildServerArgv({
    venvDir,
    socketPath,
    baseUrl,
    homeDir,
    hubOrigin: options.hubOrigin,
    extraArgs: options.extraArgs ?? []
  });
  if (options.sandbox === 'bubblewrap') {
    argv = [
      'bwrap',
      ...buildSandboxArgv(
        withAccountPaths({
          homeDir,
          dataDir,
          venvDir,
          envStoreDir: resolveIfExists(options.envStoreDir),
          hiddenDirs,
          runAs: account,
          isolateNetwork: true,
          socketDir: path.dirname(socketPath),
          tmpfsSizeBytes: limits?.tmpfsSizeBytes
        }),
        argv
      )
    ];
  }
  if (memoryLimitBytes !== undefined) {
    // prlimit execs its command: the pid stays the one we track.
    argv = ['prlimit', `--as=${Math.floor(memoryLimitBytes)}`, '--', ...argv];
  }
  if (options.sandbox === 'bubblewrap') {
    argv = withKeeper(argv);
  }
  // Outermost, so that the keeper is in the user's cgroups too (a later hub finds them
  // from its pid); it execs what follows.
  return [...(limits?.prefix ?? []), ...argv];
}

/**
 * The real path of a folder, or `null` if it does not exist.
 */
export function resolveIfExists(dir: string): string | null {
  try {
    return fs.realpathSync(dir);
  } catch {
    return null;
  }
}
