/**
 * What a sandbox dropped to an account (`sandboxUids`) must be shown so that it can run
 * Python at all.
 */
import * as fs from 'fs';
import * as path from 'path';

import { closedToOthers } from './othersAccess';
import { ISandboxPaths, sandboxTmpfsDirs } from './sandbox';

/**
 * The folders to add to a sandbox whose command runs as an account, not root.
 */
export interface IAccountPaths {
  /** The Python installations to show read-only (`ISandboxPaths.readOnlyDirs`). */
  readonly readOnlyDirs: string[];
  /**
   * Private folders above them or above the venv and the store (root's home, for a
   * pyenv Python), to hide behind an empty folder (`ISandboxPaths.hiddenDirs`): the
   * sandbox then opens the way to what it shows, and to nothing else.
   */
  readonly hiddenDirs: string[];
}

/**
 * The Python installations the venv and the environments were made from (the `home` of
 * their `pyvenv.cfg`, read at each start: environments are built while the hub runs),
 * and the private folders that would keep an account from reaching them.
 *
 * @param madeBySandbox - folders the sandbox makes itself (its `/tmp`, the hidden data
 *   dir): what lies below them is reachable anyway.
 */
export function accountPaths(
  venvDir: string,
  envStoreDir: string | null,
  madeBySandbox: readonly string[]
): IAccountPaths {
  const interpreters = new Set<string>();
  for (const venv of [venvDir, ...Private.environments(envStoreDir)]) {
    const prefix = Private.pythonPrefix(venv);
    if (prefix) {
      interpreters.add(prefix);
    }
  }
  const hiddenDirs: string[] = [];
  const readOnlyDirs: string[] = [];
  const needed = [venvDir, ...(envStoreDir ? [envStoreDir] : [])];
  for (const prefix of interpreters) {
    if (closedToOthers(prefix, madeBySandbox) !== null) {
      readOnlyDirs.push(prefix);
      needed.push(prefix);
    }
  }
  for (const dir of needed) {
    const made = [...madeBySandbox, ...hiddenDirs];
    const closed = closedToOthers(dir, made);
    // A folder that is itself private cannot be opened by hiding it.
    if (closed !== null && closed !== dir) {
      hiddenDirs.push(closed);
    }
  }
  return { readOnlyDirs, hiddenDirs };
}

/**
 * The paths of a sandbox, with what its account must reach added when it has one
 * (`runAs`); unchanged otherwise.
 */
export function withAccountPaths(paths: ISandboxPaths): ISandboxPaths {
  if (!paths.runAs) {
    return paths;
  }
  const hiddenDirs = paths.hiddenDirs ?? [];
  const shown = accountPaths(
    paths.venvDir,
    paths.envStoreDir,
    sandboxTmpfsDirs(paths)
  );
  return {
    ...paths,
    hiddenDirs: [...hiddenDirs, ...shown.hiddenDirs],
    readOnlyDirs: [...(paths.readOnlyDirs ?? []), ...shown.readOnlyDirs]
  };
}

namespace Private {
  /** The virtualenvs of the environments store. */
  export function environments(envStoreDir: string | null): string[] {
    if (envStoreDir === null) {
      return [];
    }
    const envs = path.join(envStoreDir, 'envs');
    try {
      return fs.readdirSync(envs).map(name => path.join(envs, name));
    } catch {
      return [];
    }
  }

  /**
   * The real path of the installation a virtualenv was made from (`home` in its
   * `pyvenv.cfg` is that installation's `bin`), or null.
   */
  export function pythonPrefix(venv: string): string | null {
    let config: string;
    try {
      config = fs.readFileSync(path.join(venv, 'pyvenv.cfg'), 'utf8');
    } catch {
      return null;
    }
    const home = /^home\s*=\s*(.+?)\s*$/m.exec(config)?.[1];
    if (!home || !path.isAbsolute(home)) {
      return null;
    }
    try {
      return fs.realpathSync(path.dirname(home));
    } catch {
      return null;
    }
  }
}
