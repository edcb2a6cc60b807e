import type { INotebookTracker } from '@jupyterlab/notebook';
import type { Contents } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';

import type { IFileIn } from './api';
import type { IAssignSource } from './assign';
import { dirname, listFiles, MAX_SOURCE_FILES, readFiles } from './files';
import { titleFromPath } from './form';

/**
 * The notebook to hand out and the files of its folder (the notebook alone when it
 * sits at the root of the home), read as they are saved — an open notebook is saved
 * first when it has changes.
 */
export function homeSource(
  path: string,
  contents: Contents.IManager,
  notebooks: INotebookTracker | null,
  trans: TranslationBundle
): IAssignSource {
  return {
    description: trans.__('Notebook handed out: %1', path),
    title: titleFromPath(path),
    read: async () => ({
      home: { path, files: await readSourceFiles() }
    })
  };

  async function readSourceFiles(): Promise<IFileIn[]> {
    const open = notebooks?.find(panel => panel.context.path === path);
    if (open?.context.model.dirty) {
      await open.context.save();
    }
    const folder = dirname(path);
    const name = path.slice(folder ? folder.length + 1 : 0);
    let paths = [name];
    if (folder) {
      paths = await listFiles(contents, folder, MAX_SOURCE_FILES);
      if (paths.length > MAX_SOURCE_FILES) {
        const error = new Error(
          trans.__(
            'The folder %1 holds more than %2 files: move the notebook into a folder of its own.',
            folder,
            MAX_SOURCE_FILES
          )
        );
        error.name = 'TooManyFiles';
        throw error;
      }
    }
    return readFiles(contents, folder, paths);
  }
}

/**
 * A version of a library resource, handed out as it is.
 */
export function librarySource(
  resource: { resourceId: string; version: number; title: string },
  trans: TranslationBundle
): IAssignSource {
  return {
    description: trans.__(
      'Library resource handed out: « %1 », version %2',
      resource.title,
      resource.version
    ),
    title: resource.title,
    read: async () => ({
      library: { resourceId: resource.resourceId, version: resource.version }
    })
  };
}
