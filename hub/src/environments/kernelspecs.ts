/**
 * The kernelspecs of built environments, named for teachers (« Python — Mathématiques »),
 * in three folders of the store, each a Jupyter data folder (`<folder>/kernels/<name>`):
 *
 * - `jupyter/`: every built environment (grading runs pinned notebooks with it);
 * - `jupyter-standard/`: the standard environments, which every user's server lists;
 * - `jupyter-users/<key>/`: the others a user has used (a notebook pinned to one that
 *   they opened, a list they resolved), which only their server lists.
 *
 * A user's server gets `JUPYTER_PATH=<their folder>:<standard folder>`
 * ({@link userKernelDirs}): a teacher's new environment does not appear in every
 * pupil's launcher, and a notebook pinned to it still opens on it (opening builds it,
 * which gives it to the user).
 */
import { shortId, type ILock } from '@candyce/environments';
import { createHash, randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';

/** The kernel name of an environment: `candyce-<16 hex>`. */
export function kernelName(id: string): string {
  return `candyce-${shortId(id)}`;
}

/**
 * The folders (relative to the store) whose kernels a user's server lists, theirs
 * first. Users are told apart by a hash of their hub name, not the name itself: the
 * store is readable by every server.
 */
export function userKernelDirs(storeDir: string, userName: string): string[] {
  return [
    path.join(storeDir, Private.USERS, Private.userKey(userName)),
    path.join(storeDir, Private.STANDARD)
  ];
}

/** What a kernelspec is written from. */
export interface IKernelEnvironment {
  lock: ILock;
  /** The built environment's folder. */
  envDir: string;
  /** Its human name, the kernel's display name. */
  name: string;
  /** Standard environments are listed by every server. */
  standard: boolean;
}

/** What `kernel.json` holds for an environment. */
export function kernelSpec(
  id: string,
  environment: IKernelEnvironment
): Record<string, unknown> {
  return {
    argv: [
      path.join(environment.envDir, 'bin', 'python'),
      '-m',
      'ipykernel_launcher',
      '-f',
      '{connection_file}'
    ],
    display_name: environment.name,
    language: 'python',
    metadata: {
      candyce: { environmentId: id, python: environment.lock.python.version }
    }
  };
}

/**
 * The kernelspecs of a store (its real path: servers see it at the same place).
 */
export class Kernelspecs {
  constructor(readonly storeDir: string) {}

  /** The folder with every built environment's kernelspec (grading's `JUPYTER_PATH`). */
  get jupyterDir(): string {
    return path.join(this.storeDir, Private.ALL);
  }

  /** The folder of an environment's kernelspec in the folder of every built one. */
  dirOf(id: string): string {
    return path.join(this.jupyterDir, 'kernels', kernelName(id));
  }

  /**
   * Write an environment's kernelspec where it belongs (every built one; the
   * standard folder for a standard one), unless it is there as it should be.
   */
  async write(id: string, environment: IKernelEnvironment): Promise<void> {
    const text = Private.text(id, environment);
    await Private.writeInto(this.jupyterDir, id, text);
    if (environment.standard) {
      await Private.writeInto(
        path.join(this.storeDir, Private.STANDARD),
        id,
        text
      );
    }
  }

  /**
   * Offer a built environment to a user: its kernelspec in their folder (a standard
   * one is offered to all already).
   */
  async offer(
    userName: string,
    id: string,
    environment: IKernelEnvironment
  ): Promise<void> {
    await this.write(id, environment);
    if (!environment.standard) {
      const [own] = userKernelDirs(this.storeDir, userName);
      await Private.writeInto(own, id, Private.text(id, environment));
    }
  }

  /**
   * Write an environment's kernelspec again (its name changed) wherever it is: every
   * folder that holds it.
   */
  async rewrite(id: string, environment: IKernelEnvironment): Promise<void> {
    await this.write(id, environment);
    const text = Private.text(id, environment);
    for (const dir of await this._userDirs()) {
      if (await Private.exists(path.join(dir, 'kernels', kernelName(id)))) {
        await Private.writeInto(dir, id, text);
      }
    }
  }

  /** The display name an environment's kernel has now, or null without one. */
  async displayNameOf(id: string): Promise<string | null> {
    try {
      const spec = JSON.parse(
        await fs.readFile(path.join(this.dirOf(id), 'kernel.json'), 'utf8')
      );
      return typeof spec.display_name === 'string' ? spec.display_name : null;
    } catch {
      return null;
    }
  }

  /** Remove an environment's kernelspecs (it was collected), from every folder. */
  async remove(id: string): Promise<void> {
    for (const dir of [
      this.jupyterDir,
      path.join(this.storeDir, Private.STANDARD),
      ...(await this._userDirs())
    ]) {
      await fs.rm(path.join(dir, 'kernels', kernelName(id)), {
        recursive: true,
        force: true
      });
    }
  }

  /**
   * Make the kernelspecs match the built environments: write the missing ones (an
   * environment built by the set-up, outside the hub) and those whose name changed,
   * remove those of environments that are gone, and temporary folders a crash left.
   */
  async sync(built: ReadonlyMap<string, IKernelEnvironment>): Promise<void> {
    const standardDir = path.join(this.storeDir, Private.STANDARD);
    const userDirs = await this._userDirs();
    const byKernel = new Map(
      [...built].map(([id, environment]) => [
        kernelName(id),
        { id, environment }
      ])
    );
    for (const dir of [this.jupyterDir, standardDir, ...userDirs]) {
      // There from the start: servers get them as JUPYTER_PATH.
      await fs.mkdir(path.join(dir, 'kernels'), { recursive: true });
      await Private.removeScratch(dir);
      for (const name of await fs.readdir(path.join(dir, 'kernels'))) {
        if (!name.startsWith('candyce-')) {
          continue;
        }
        const found = byKernel.get(name);
        if (!found || (dir === standardDir && !found.environment.standard)) {
          await fs.rm(path.join(dir, 'kernels', name), {
            recursive: true,
            force: true
          });
        } else if (userDirs.includes(dir)) {
          await Private.writeInto(
            dir,
            found.id,
            Private.text(found.id, found.environment)
          );
        }
      }
    }
    for (const [id, environment] of built) {
      await this.write(id, environment);
    }
  }

  /** Every user's folder. */
  private async _userDirs(): Promise<string[]> {
    const users = path.join(this.storeDir, Private.USERS);
    const names = await fs.readdir(users).catch(() => []);
    return names.map(name => path.join(users, name));
  }
}

namespace Private {
  export const ALL = 'jupyter';
  export const STANDARD = 'jupyter-standard';
  export const USERS = 'jupyter-users';

  /** A user's folder name: 32 hex of a hash of their hub name. */
  export function userKey(userName: string): string {
    return createHash('sha256')
      .update(`candyce-kernels:${userName}`)
      .digest('hex')
      .slice(0, 32);
  }

  export function text(id: string, environment: IKernelEnvironment): string {
    return JSON.stringify(kernelSpec(id, environment), null, 2) + '\n';
  }

  /**
   * Write a kernelspec into a Jupyter data folder unless it is there as it should be.
   * Written in a temporary folder outside `kernels/` and renamed into place, so that
   * Jupyter never lists half of one.
   */
  export async function writeInto(
    jupyterDir: string,
    id: string,
    text: string
  ): Promise<void> {
    const target = path.join(jupyterDir, 'kernels', kernelName(id));
    const current = await fs
      .readFile(path.join(target, 'kernel.json'), 'utf8')
      .catch(() => null);
    if (current === text) {
      return;
    }
    // A scratch folder of this call's own, beside `kernels/` (never listed by Jupyter).
    const scratch = path.join(
      jupyterDir,
      `.tmp-${randomBytes(6).toString('hex')}`
    );
    const temporary = path.join(scratch, 'new');
    await fs.mkdir(temporary, { recursive: true });
    try {
      await fs.writeFile(path.join(temporary, 'kernel.json'), text);
      await fs.mkdir(path.dirname(target), { recursive: true });
      if (current !== null) {
        // A stale one (renamed, or the store moved): out of the way first.
        await fs.rename(target, path.join(scratch, 'old'));
      }
      await fs.rename(temporary, target).catch(async error => {
        // Written meanwhile by another call: the same content.
        if (!(await exists(path.join(target, 'kernel.json')))) {
          throw error;
        }
      });
    } finally {
      await fs.rm(scratch, { recursive: true, force: true });
    }
  }

  /** Temporary folders a crash left in a Jupyter data folder. */
  export async function removeScratch(jupyterDir: string): Promise<void> {
    for (const name of await fs.readdir(jupyterDir).catch(() => [])) {
      if (name.startsWith('.tmp-')) {
        await fs.rm(path.join(jupyterDir, name), {
          recursive: true,
          force: true
        });
      }
    }
  }

  export function exists(file: string): Promise<boolean> {
    return fs
      .access(file)
      .then(() => true)
      .catch(() => false);
  }
}
