import { bytesToBase64 } from '@candyce/core';
import type { Contents } from '@jupyterlab/services';

import type { IResourceDetail, LibraryApi } from './api';
import { pinNotebook } from './environment';
import { slugify, uniqueName } from './query';

/**
 * The folder of the user's home where library copies go.
 */
export const COPIES_FOLDER = 'Bibliothèque';

/**
 * Copy the current version of a resource into `Bibliothèque/<title slug>/`, never
 * over an existing folder (`<slug> (2)`, `<slug> (3)`…).
 *
 * @returns the folder and the path of the first notebook.
 */
export async function copyResource(
  api: LibraryApi,
  contents: Contents.IManager,
  resource: IResourceDetail
): Promise<{ folder: string; notebook: string | null }> {
  // Fetch everything first: a failed download leaves no half-copied folder.
  const environment =
    resource.environmentId && !api.readOnly
      ? await api.environment(resource.environmentId)
      : null;
  const files = await Promise.all(
    resource.files.map(async file => {
      const bytes = await api.fileBytes(
        resource.id,
        resource.version,
        file.path
      );
      return {
        path: file.path,
        bytes:
          environment && file.path.endsWith('.ipynb')
            ? pinNotebook(bytes, environment)
            : bytes
      };
    })
  );
  await Private.ensureDirectory(contents, COPIES_FOLDER);
  const name = await uniqueName(slugify(resource.title), candidate =>
    Private.exists(contents, `${COPIES_FOLDER}/${candidate}`)
  );
  const folder = `${COPIES_FOLDER}/${name}`;
  await contents.save(folder, { type: 'directory' });
  const made = new Set<string>([folder]);
  for (const file of files) {
    const parts = file.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = `${folder}/${parts.slice(0, i).join('/')}`;
      if (!made.has(dir)) {
        await contents.save(dir, { type: 'directory' });
        made.add(dir);
      }
    }
    await contents.save(`${folder}/${file.path}`, {
      type: 'file',
      format: 'base64',
      content: bytesToBase64(file.bytes)
    });
  }
  const first = files.find(file => file.path.endsWith('.ipynb'));
  return { folder, notebook: first ? `${folder}/${first.path}` : null };
}

namespace Private {
  export async function exists(
    contents: Contents.IManager,
    path: string
  ): Promise<boolean> {
    try {
      await contents.get(path, { content: false });
      return true;
    } catch (reason) {
      if ((reason as { response?: Response })?.response?.status === 404) {
        return false;
      }
      throw reason;
    }
  }

  export async function ensureDirectory(
    contents: Contents.IManager,
    path: string
  ): Promise<void> {
    if (!(await exists(contents, path))) {
      await contents.save(path, { type: 'directory' });
    }
  }
}
