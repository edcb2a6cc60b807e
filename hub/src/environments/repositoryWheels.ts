/**
 * A repository that installs itself (repo2docker's `pip install .`, a Pipfile's
 * `{path = "."}`): its files are written into a throwaway folder for the engine, which
 * builds its wheel at resolution as `candyce-env lock` does; the wheel is then kept in
 * the store, under `repository-wheels/<id>/`, where builds of that environment find it.
 */
import {
  lockId,
  type ILock,
  type ISoftwareFile,
  type ISoftwareList
} from '@candyce/environments';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The folder of a repository the engine builds the wheel of. */
export interface IRepositoryFolder {
  folder: string;
  wheelDir: string;
}

/** Where the wheels of the repositories are kept, in the store's folder. */
const WHEELS_DIR = 'repository-wheels';

/**
 * Resolve `list` with `resolveList`, giving it the repository's folder when the list
 * installs the repository; its wheel is kept for the builds of the lock's environment.
 */
export async function resolveWithRepository(
  checked: {
    files: ISoftwareFile[];
    sources?: ISoftwareFile[];
    list: ISoftwareList;
  },
  storeDir: string,
  resolveList: (repository?: IRepositoryFolder) => Promise<ILock>
): Promise<ILock> {
  if (!checked.list.installsRepository) {
    return resolveList();
  }
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'candyce-depot-'));
  try {
    const folder = path.join(work, 'depot');
    // Paths were checked (binderImport.ts): inside the repository, no `..`.
    for (const file of [...checked.files, ...(checked.sources ?? [])]) {
      const target = path.join(folder, file.path);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, file.content);
    }
    const wheelDir = path.join(work, 'wheels');
    const lock = await resolveList({ folder, wheelDir });
    const kept = path.join(storeDir, WHEELS_DIR, lockId(lock));
    if (!(await Private.exists(kept))) {
      // Copied beside, then renamed: a build never sees half a folder.
      const partial = `${kept}.${process.pid}.tmp`;
      await fs.mkdir(path.dirname(kept), { recursive: true });
      await fs.cp(wheelDir, partial, { recursive: true });
      await fs.rename(partial, kept).catch(async () => {
        // Kept meanwhile by a concurrent resolution of the same lock.
        await fs.rm(partial, { recursive: true, force: true });
      });
    }
    return lock;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** The folder of the repository's wheel for environment `id`, if it has one. */
export async function repositoryWheels(
  storeDir: string,
  id: string
): Promise<string[]> {
  const dir = path.join(storeDir, WHEELS_DIR, id);
  return (await Private.exists(dir)) ? [dir] : [];
}

namespace Private {
  export async function exists(file: string): Promise<boolean> {
    return fs
      .access(file)
      .then(() => true)
      .catch(() => false);
  }
}
