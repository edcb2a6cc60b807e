import { INotebookEnvironments } from '../environments/notebooks';
import { DomainError, trans } from '../errors';
import { BlobStore } from '../storage/blobs';
import { checkFiles } from '../library/files';
import { IFile } from '../storage/files';
import { LibraryService } from '../library/service';
import { withCellIds } from './cellIds';
import { release } from './nbgrader';
import { IFileRow } from './store';

/**
 * Where an assignment's files come from when it is created.
 */
export type AssignmentSource =
  | { library: { resourceId: string; version: number } }
  | { home: { path: string; files: IFile[] } };

/**
 * The files of a new assignment, stored and ready for its rows.
 */
export interface INewAssignmentFiles {
  /** The files learners get. */
  files: IFileRow[];
  /** The teacher's notebooks to grade with (autograded assignments only). */
  sourceFiles: IFileRow[];
  /** The environments its notebooks are pinned to. */
  environmentIds: string[];
}

/**
 * The files of assignments: copied from their source when created, and read back from
 * the blob store.
 */
export class AssignmentFiles {
  constructor(
    private readonly _blobs: BlobStore,
    private readonly _library: LibraryService,
    private readonly _environments: INotebookEnvironments | null
  ) {}

  /**
   * Copy and store the files of a new assignment (a library version's, or the ones the
   * teacher sent), so that later changes to the source never change what pupils get.
   * Autograded, pupils get the notebooks as nbgrader releases them, and the teacher's
   * are kept to grade with.
   *
   * @param ownerId - the teacher, who registers the environments of the notebooks.
   * @throws {DomainError} 400 / 413 for bad files (bad nbgrader metadata, no graded cell
   *   to autograde), 404 unknown library version.
   */
  async prepare(
    ownerId: string,
    source: AssignmentSource,
    autograde: boolean
  ): Promise<INewAssignmentFiles> {
    let given = withCellIds(
      checkFiles(
        'library' in source
          ? await this._libraryFiles(source.library)
          : source.home.files
      ).files
    );
    // A library version pinned to an environment hands out notebooks pinned to it, so
    // that pupils run the software the resource was made with.
    const versionEnvironment =
      'library' in source
        ? (
            await this._library.versionOr404(
              source.library.resourceId,
              source.library.version
            )
          ).environmentId
        : null;
    if (versionEnvironment && this._environments) {
      given = await this._environments.pinNotebooks(given, versionEnvironment);
    }
    // Pinned environments are kept (garbage collection spares them) while the
    // assignment exists.
    const environmentIds =
      (await this._environments?.registerFromNotebooks(given, ownerId)) ?? [];
    if (versionEnvironment && !environmentIds.includes(versionEnvironment)) {
      environmentIds.push(versionEnvironment);
    }
    const { handedOut, kept } = autograde
      ? Private.releaseGraded(given)
      : { handedOut: given, kept: [] };
    const files = await this._storeFiles(handedOut);
    const sourceFiles = await this._storeFiles(kept);
    return { files, sourceFiles, environmentIds };
  }

  /** The bytes of stored files. */
  async contents(files: readonly IFileRow[]): Promise<IFile[]> {
    return Promise.all(
      files.map(async file => ({
        path: file.path,
        content: await this._blobs.get(file.sha256)
      }))
    );
  }

  private async _libraryFiles(source: {
    resourceId: string;
    version: number;
  }): Promise<IFile[]> {
    const version = await this._library.versionOr404(
      source.resourceId,
      source.version
    );
    return Promise.all(
      version.files.map(async file => ({
        path: file.path,
        content: (
          await this._library.file(source.resourceId, source.version, file.path)
        ).content
      }))
    );
  }

  /** Store checked files durably: only then may a row name them. */
  private async _storeFiles(files: IFile[]): Promise<IFileRow[]> {
    const rows: IFileRow[] = [];
    for (const file of files) {
      rows.push({
        path: file.path,
        sha256: await this._blobs.put(file.content),
        size: file.content.length
      });
    }
    return rows;
  }
}

namespace Private {
  /**
   * The notebooks learners get, as nbgrader releases them, and the teacher's notebooks
   * to keep for grading (those with nbgrader cells).
   *
   * @throws {DomainError} 400 for bad nbgrader metadata, or when no cell is graded.
   */
  export function releaseGraded(files: IFile[]): {
    handedOut: IFile[];
    kept: IFile[];
  } {
    const handedOut: IFile[] = [];
    const kept: IFile[] = [];
    let graded = 0;
    for (const file of files) {
      if (!file.path.endsWith('.ipynb')) {
        handedOut.push(file);
        continue;
      }
      const released = release(file.content, file.path);
      if (released.graded.length) {
        kept.push(file);
      }
      graded += released.graded.length;
      handedOut.push({
        path: file.path,
        content: released.usesNbgrader ? released.notebook : file.content
      });
    }
    if (!graded) {
      throw new DomainError(
        'no_graded_cell',
        trans.__(
          "No graded cell: auto-grading would have nothing to grade. Add test cells with nbgrader's “Create Assignment” tool, or choose manual grading."
        )
      );
    }
    // The released notebooks are checked as any notebook handed out.
    return { handedOut: checkFiles(handedOut).files, kept };
  }
}
