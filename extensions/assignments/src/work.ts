import type { IDocumentManager } from '@jupyterlab/docmanager';
import type { INotebookTracker } from '@jupyterlab/notebook';
import type { Contents } from '@jupyterlab/services';

import type { AssignmentsApi, IFileIn, ILearnerAssignment } from './api';
import {
  allowedInSubmission,
  filesToWrite,
  firstNotebook,
  joinPath,
  listFiles,
  planFetch,
  readBase64,
  readFiles,
  writeFiles
} from './files';

/**
 * How the learner answers « Vos fichiers existent déjà ».
 */
export type ConflictChoice = 'keep' | 'replace' | 'cancel';

/**
 * A learner's work on their assignments, in their home: fetching without ever
 * overwriting silently, opening, reading the files to hand in.
 */
export class LearnerWork {
  constructor(options: LearnerWork.IOptions) {
    this._options = options;
  }

  /**
   * Fetch an assignment into its folder of the home.
   *
   * Files the learner does not have are written; files they have and have changed
   * are replaced only if they say so (`askConflict`); the same files are left alone.
   *
   * @returns the folder and its first notebook, or `null` when the learner cancelled.
   */
  async fetch(
    assignment: ILearnerAssignment
  ): Promise<{ folder: string; notebook: string | null } | null> {
    const { api, contents, askConflict } = this._options;
    const { folder, files } = await api.fetch(assignment.id);
    const existing = new Map<string, string | null>();
    for (const file of files) {
      existing.set(
        file.path,
        await readBase64(contents, joinPath(folder, file.path))
      );
    }
    const plan = planFetch(files, existing);
    let choice: ConflictChoice = 'keep';
    if (plan.different.length) {
      choice = await askConflict(plan.different.map(file => file.path));
      if (choice === 'cancel') {
        return null;
      }
    }
    await writeFiles(contents, folder, filesToWrite(plan, choice));
    const notebook = firstNotebook(files.map(file => file.path));
    return { folder, notebook: notebook ? joinPath(folder, notebook) : null };
  }

  /**
   * Open the first notebook of an assignment's folder.
   *
   * @returns the path opened, or `null` when the folder holds no notebook.
   */
  async open(assignment: ILearnerAssignment): Promise<string | null> {
    const paths = await listFiles(this._options.contents, assignment.folder);
    const notebook = firstNotebook(paths);
    if (!notebook) {
      return null;
    }
    const path = joinPath(assignment.folder, notebook);
    this.openPath(path);
    return path;
  }

  /**
   * Open a file of the home in the main area.
   */
  openPath(path: string): void {
    this._options.docManager?.openOrReveal(path);
  }

  /**
   * Read the files of an assignment's folder to hand it in, after saving the
   * notebooks of the folder that have unsaved changes: the assignment's own files and
   * the extra files it allows; the others are left out (the hub would refuse them).
   *
   * @returns the files to send, and the paths left out.
   */
  async read(
    assignment: ILearnerAssignment,
    onProgress?: (done: number, total: number) => void
  ): Promise<{ files: IFileIn[]; leftOut: string[] }> {
    const { contents } = this._options;
    await this._saveOpenDocuments(assignment.folder);
    const { allowed, leftOut } = allowedInSubmission(
      await listFiles(contents, assignment.folder),
      assignment.files.map(file => file.path),
      assignment.extraFiles ?? []
    );
    const files = await readFiles(
      contents,
      assignment.folder,
      allowed,
      onProgress
    );
    return { files, leftOut };
  }

  private async _saveOpenDocuments(folder: string): Promise<void> {
    const { notebooks, docManager } = this._options;
    const inFolder = (path: string) => path.startsWith(`${folder}/`);
    const contexts = new Set<{
      path: string;
      model: { dirty: boolean };
      save(): Promise<void>;
    }>();
    notebooks?.forEach(panel => {
      if (inFolder(panel.context.path)) {
        contexts.add(panel.context);
      }
    });
    if (docManager) {
      const paths = await listFiles(this._options.contents, folder).catch(
        () => []
      );
      for (const path of paths) {
        const widget = docManager.findWidget(joinPath(folder, path));
        const context = widget ? docManager.contextForWidget(widget) : null;
        if (context) {
          contexts.add(context);
        }
      }
    }
    for (const context of contexts) {
      if (context.model.dirty) {
        await context.save();
      }
    }
  }

  private _options: LearnerWork.IOptions;
}

/**
 * The LearnerWork options.
 */
export namespace LearnerWork {
  /**
   * What the learner's work needs.
   */
  export interface IOptions {
    api: AssignmentsApi;
    contents: Contents.IManager;
    docManager: IDocumentManager | null;
    notebooks: INotebookTracker | null;
    /**
     * Ask the learner what to do with files they have changed (the paths, relative
     * to the assignment folder).
     */
    askConflict: (paths: string[]) => Promise<ConflictChoice>;
  }
}
