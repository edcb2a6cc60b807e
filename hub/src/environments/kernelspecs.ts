/**
 * The kernelspec of each built environment, in `<store>/jupyter/kernels/candyce-<short>`:
 * users' servers get `JUPYTER_PATH=<store>/jupyter`, so every built environment is a
 * kernel they can pick, and a notebook pinned to one opens on it.
 */
import { shortId, type ILock } from '@candyce/environments';
import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';

/** The kernel name of an environment: `candyce-<16 hex>`. */
export function kernelName(id: string): string {
  return `candyce-${shortId(id)}`;
}

/** The name JupyterLab shows for an environment's kernel. */
export function kernelDisplayName(id: string, lock: ILock): string {
  return `Python ${lock.python.version} · environnement ${id.slice(0, 8)}`;
}

/** What `kernel.json` holds for an environment built at `envDir`. */
export function kernelSpec(
  id: string,
  lock: ILock,
  envDir: string
): Record<string, unknown> {
  return {
    argv: [
      path.join(envDir, 'bin', 'python'),
      '-m',
      'ipykernel_launcher',
      '-f',
      '{connection_file}'
    ],
    display_name: kernelDisplayName(id, lock),
    language: 'python',
    metadata: { candyce: { environmentId: id } }
  };
}

/**
 * The kernelspecs of a store, `<store>/jupyter` (the folder servers get as
 * `JUPYTER_PATH`).
 */
export class Kernelspecs {
  constructor(readonly jupyterDir: string) {}

  /** The folder of an environment's kernelspec. */
  dirOf(id: string): string {
    return path.join(this.jupyterDir, 'kernels', kernelName(id));
  }

  /**
   * Write an environment's kernelspec unless it is there as it should be. Written in a
   * temporary folder outside `kernels/` and renamed into place, so that Jupyter never
   * lists half of one.
   */
  async write(id: string, lock: ILock, envDir: string): Promise<void> {
    const target = this.dirOf(id);
    const text = JSON.stringify(kernelSpec(id, lock, envDir), null, 2) + '\n';
    const current = await fs
      .readFile(path.join(target, 'kernel.json'), 'utf8')
      .catch(() => null);
    if (current === text) {
      return;
    }
    // A scratch folder of this call's own, beside `kernels/` (never listed by Jupyter).
    const scratch = path.join(
      this.jupyterDir,
      `.tmp-${randomBytes(6).toString('hex')}`
    );
    const temporary = path.join(scratch, 'new');
    await fs.mkdir(temporary, { recursive: true });
    try {
      await fs.writeFile(path.join(temporary, 'kernel.json'), text);
      await fs.mkdir(path.dirname(target), { recursive: true });
      if (current !== null) {
        // A stale one (the store moved): out of the way first.
        await fs.rename(target, path.join(scratch, 'old'));
      }
      await fs.rename(temporary, target).catch(async error => {
        // Written meanwhile by another call: the same content.
        if (!(await Private.exists(path.join(target, 'kernel.json')))) {
          throw error;
        }
      });
    } finally {
      await fs.rm(scratch, { recursive: true, force: true });
    }
  }

  /** Remove an environment's kernelspec (it was collected). */
  async remove(id: string): Promise<void> {
    await fs.rm(this.dirOf(id), { recursive: true, force: true });
  }

  /**
   * Make the kernelspecs match the built environments: write the missing ones (an
   * environment built by the set-up, outside the hub), remove those of environments
   * that are gone, and temporary folders a crash left.
   */
  async sync(
    built: ReadonlyMap<string, { lock: ILock; envDir: string }>
  ): Promise<void> {
    // There from the start: servers get it as JUPYTER_PATH only if it exists.
    await fs.mkdir(path.join(this.jupyterDir, 'kernels'), { recursive: true });
    for (const name of await fs.readdir(this.jupyterDir).catch(() => [])) {
      if (name.startsWith('.tmp-')) {
        await fs.rm(path.join(this.jupyterDir, name), {
          recursive: true,
          force: true
        });
      }
    }
    const kernels = path.join(this.jupyterDir, 'kernels');
    const wanted = new Set([...built.keys()].map(kernelName));
    for (const name of await fs.readdir(kernels)) {
      if (name.startsWith('candyce-') && !wanted.has(name)) {
        await fs.rm(path.join(kernels, name), { recursive: true, force: true });
      }
    }
    for (const [id, { lock, envDir }] of built) {
      await this.write(id, lock, envDir);
    }
  }
}

namespace Private {
  export function exists(file: string): Promise<boolean> {
    return fs
      .access(file)
      .then(() => true)
      .catch(() => false);
  }
}
