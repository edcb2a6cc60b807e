/**
 * The command line of a local server: `jupyter lab`, in its bubblewrap sandbox, under
 * its memory limit, below its keeper.
 */
import * as fs from 'fs';

import { withAccountPaths } from './accountPaths';
import { ILocalProcessSpawnerOptions } from './localOptions';
import { buildSandboxArgv, withKeeper } from './sandbox';
import { buildServerArgv } from './server';
import { ISystemAccount } from './types';

/**
 * The full command line of a user's server.
 *
 * @param options - the spawner's options, folders already resolved to real paths.
 * @param homeDir - the user's home, a real path.
 * @param account - the account the server runs as (the sandbox drops to it).
 * @throws Error if an account is asked for without a sandbox to drop to it.
 */
export function buildLocalCommand(
  options: ILocalProcessSpawnerOptions,
  homeDir: string,
  port: number,
  baseUrl: string,
  account?: ISystemAccount
): string[] {
  if (account && options.sandbox !== 'bubblewrap') {
    throw new Error('A server runs as its own account only in its sandbox');
  }
  const { venvDir, dataDir, hiddenDirs, memoryLimitBytes } = options;
  let argv = buildServerArgv({
    venvDir,
    port,
    baseUrl,
    homeDir,
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
          runAs: account
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
  return argv;
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
