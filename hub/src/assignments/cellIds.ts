import { createHash } from 'crypto';

import { IFile } from '../storage/files';

/**
 * Notebooks handed out get a stable id on every cell (nbformat 4.5).
 *
 * A teacher's comment is attached to a cell by its id. A notebook of nbformat 4.0–4.4
 * has none: JupyterLab makes up new ones each time it opens it, so a comment written
 * on a pupil's work would match no cell in the pupil's own copy. Ids given once, here,
 * travel with the notebook to the pupil and back.
 *
 * @param files - checked files (notebooks already valid against nbformat's schema).
 */
export function withCellIds(files: readonly IFile[]): IFile[] {
  return files.map(file =>
    file.path.endsWith('.ipynb') ? Private.upgrade(file) : file
  );
}

namespace Private {
  interface INotebook {
    nbformat: number;
    nbformat_minor: number;
    cells: { id?: string }[];
  }

  export function upgrade(file: IFile): IFile {
    const notebook = JSON.parse(file.content.toString('utf8')) as INotebook;
    if (
      notebook.nbformat !== 4 ||
      (notebook.nbformat_minor >= 5 && notebook.cells.every(cell => cell.id))
    ) {
      return file;
    }
    const taken = new Set(notebook.cells.map(cell => cell.id).filter(Boolean));
    const newId = (index: number): string => {
      // Derived from the file and the cell's place: the same notebook gets the same ids.
      let id = createHash('sha256')
        .update(`${file.path}\0${index}`)
        .digest('hex')
        .slice(0, 8);
      while (taken.has(id)) {
        id = createHash('sha256').update(id).digest('hex').slice(0, 8);
      }
      taken.add(id);
      return id;
    };
    // The id goes first, where nbformat writes it.
    notebook.cells = notebook.cells.map((cell, index) =>
      cell.id ? cell : { id: newId(index), ...cell }
    );
    notebook.nbformat_minor = Math.max(notebook.nbformat_minor, 5);
    // nbformat's own layout: one space of indentation, a final newline.
    return {
      path: file.path,
      content: Buffer.from(`${JSON.stringify(notebook, null, 1)}\n`)
    };
  }
}
