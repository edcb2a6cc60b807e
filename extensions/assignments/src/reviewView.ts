import {
  base64ToText,
  nbText,
  untrustedOutput,
  type MarkdownRenderer,
  type UntrustedOutput
} from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import type { ICellComment, IFileIn } from './api';
import { COMMENT_CLASS, commentsFor, fillCommentNode } from './comments';
import { basename } from './files';

/**
 * A pupil's work, or the files handed out, read by the teacher: nothing of it runs, and
 * nothing of it is written to the teacher's home.
 *
 * The files come from the hub and stay in this page. Notebooks are shown cell by cell:
 * code as text, markdown through JupyterLab's sanitizer, and of the outputs only text
 * and PNG or JPEG images — HTML, SVG, JavaScript and widgets never render, whatever the
 * notebook says of its own trust (a pupil writes it). There is no kernel to run it in.
 * The other files (a pupil's `numpy.py`…) are listed by name and can be downloaded as
 * text, never written beside the notebook where a teacher's kernel would import them.
 */
export class ReviewView extends Widget {
  constructor(options: ReviewView.IOptions) {
    super();
    this._options = options;
    this.addClass('cdc-Review');
    this.node.tabIndex = -1;
    this.review = options.review ?? null;
    this.ready = this._render();
  }

  /**
   * Whose work this is (`null` for the files handed out, which take no comments).
   */
  readonly review: { assignmentId: string; learner: string } | null;

  /**
   * Resolves once the markdown cells are rendered.
   */
  readonly ready: Promise<void>;

  /**
   * The cell the teacher last selected (click, focus or context menu), if it has an id
   * to comment on.
   */
  get selectedCell(): { path: string; cellId: string } | null {
    const node = this._selected;
    const path = node?.dataset.path;
    const cellId = node?.dataset.cellId;
    return path && cellId ? { path, cellId } : null;
  }

  /**
   * Show comments under the cells they name, replacing those shown before.
   */
  showComments(comments: readonly ICellComment[], label: string): void {
    for (const old of Array.from(
      this.node.querySelectorAll(`.${COMMENT_CLASS}`)
    )) {
      old.remove();
    }
    for (const cell of Array.from(
      this.node.querySelectorAll<HTMLElement>('.cdc-Review-cell')
    )) {
      const { path, cellId } = cell.dataset;
      const found = commentsFor(comments, path ?? '').find(
        c => c.cellId === cellId
      );
      if (found) {
        cell.appendChild(
          fillCommentNode(
            this.node.ownerDocument.createElement('div'),
            label,
            found.comment
          )
        );
      }
    }
  }

  private async _render(): Promise<void> {
    const { trans, heading, files } = this._options;
    const doc = this.node.ownerDocument;
    const title = doc.createElement('h2');
    title.className = 'cdc-Review-heading';
    title.textContent = heading;
    const note = doc.createElement('p');
    note.className = 'cdc-Review-note';
    note.textContent = trans.__(
      'Read-only: nothing here runs, and nothing is written to your files.'
    );
    this.node.append(title, note);
    const pending: Promise<void>[] = [];
    const sorted = [...files].sort((a, b) =>
      a.path.localeCompare(b.path, 'fr')
    );
    const notebooks = sorted.filter(file => file.path.endsWith('.ipynb'));
    const others = sorted.filter(file => !file.path.endsWith('.ipynb'));
    for (const file of notebooks) {
      this.node.appendChild(this._notebook(file, pending));
    }
    if (others.length) {
      this.node.appendChild(this._others(others));
    }
    await Promise.all(pending);
  }

  private _notebook(file: IFileIn, pending: Promise<void>[]): HTMLElement {
    const { trans, renderMarkdown } = this._options;
    const doc = this.node.ownerDocument;
    const section = doc.createElement('section');
    section.className = 'cdc-Review-notebook';
    section.setAttribute('aria-label', file.path);
    const name = doc.createElement('h3');
    name.textContent = file.path;
    section.appendChild(name);
    const cells = Private.cells(file.content);
    if (!cells) {
      const bad = doc.createElement('p');
      bad.className = 'cdc-Review-error';
      bad.textContent = trans.__(
        'This notebook cannot be read: it is not valid JSON.'
      );
      section.appendChild(bad);
      return section;
    }
    cells.forEach((cell, index) => {
      const node = doc.createElement('div');
      node.className = `cdc-Review-cell cdc-mod-${cell.kind}`;
      node.tabIndex = 0;
      node.setAttribute('role', 'group');
      node.setAttribute(
        'aria-label',
        cell.kind === 'markdown'
          ? trans.__('Cell %1, text', index + 1)
          : trans.__('Cell %1, code', index + 1)
      );
      node.dataset.path = file.path;
      if (cell.id) {
        node.dataset.cellId = cell.id;
      }
      const select = () => this._select(node);
      node.addEventListener('focusin', select);
      node.addEventListener('mousedown', select);
      node.addEventListener('contextmenu', select);
      if (cell.kind === 'markdown') {
        const host = doc.createElement('div');
        host.className = 'cdc-Review-markdown';
        node.appendChild(host);
        pending.push(renderMarkdown(host, cell.source));
      } else {
        const source = doc.createElement('pre');
        source.className = 'cdc-Review-source';
        // Text only: the pupil's code is read, never run nor parsed as HTML.
        source.textContent = cell.source;
        node.appendChild(source);
        for (const output of cell.outputs) {
          node.appendChild(Private.outputNode(doc, output, trans));
        }
      }
      section.appendChild(node);
    });
    return section;
  }

  private _others(files: IFileIn[]): HTMLElement {
    const { trans } = this._options;
    const doc = this.node.ownerDocument;
    const section = doc.createElement('section');
    section.className = 'cdc-Review-files';
    const heading = doc.createElement('h3');
    heading.textContent = trans.__('Other files');
    const hint = doc.createElement('p');
    hint.className = 'cdc-Review-note';
    hint.textContent = trans.__(
      'Not opened nor written to your files: download one to read it as text.'
    );
    const list = doc.createElement('ul');
    for (const file of files) {
      const item = doc.createElement('li');
      const name = doc.createElement('code');
      name.textContent = file.path;
      const button = doc.createElement('button');
      button.type = 'button';
      button.className = 'jp-Button jp-mod-styled cdc-Review-download';
      button.textContent = trans.__('Download');
      button.setAttribute('aria-label', trans.__('Download %1', file.path));
      button.addEventListener('click', () => Private.download(doc, file));
      item.append(name, ' ', button);
      list.appendChild(item);
    }
    section.append(heading, hint, list);
    return section;
  }

  private _select(node: HTMLElement): void {
    this._selected?.classList.remove('cdc-mod-selected');
    this._selected = node;
    node.classList.add('cdc-mod-selected');
  }

  private _options: ReviewView.IOptions;
  private _selected: HTMLElement | null = null;
}

/**
 * The ReviewView options.
 */
export namespace ReviewView {
  /**
   * What a review view shows.
   */
  export interface IOptions {
    /** The heading, for example « Copie de Nathan Durand (version 2) ». */
    heading: string;
    /** The files, as the hub gives them (base64). */
    files: readonly IFileIn[];
    /** Whose work it is; left out for the files handed out. */
    review?: { assignmentId: string; learner: string };
    renderMarkdown: MarkdownRenderer;
    trans: TranslationBundle;
  }
}

namespace Private {
  /**
   * An output, reduced to what may be shown of a pupil's notebook.
   */
  export type Output = UntrustedOutput;

  /**
   * A cell, reduced to what is shown.
   */
  export type Cell =
    | { kind: 'markdown'; id: string | null; source: string }
    | { kind: 'code'; id: string | null; source: string; outputs: Output[] };

  /**
   * The cells of a notebook in base64 (raw cells are shown as code, as text), or
   * `null` when it is not JSON.
   */
  export function cells(base64: string): Cell[] | null {
    let notebook: unknown;
    try {
      notebook = JSON.parse(base64ToText(base64));
    } catch {
      return null;
    }
    const raw = (notebook as { cells?: unknown })?.cells;
    return (Array.isArray(raw) ? raw : []).map(value => {
      const cell = (value ?? {}) as Record<string, unknown>;
      const id =
        typeof cell.id === 'string' && /^[a-zA-Z0-9-_]{1,64}$/.test(cell.id)
          ? cell.id
          : null;
      const source = nbText(cell.source);
      if (cell.cell_type === 'markdown') {
        return { kind: 'markdown', id, source };
      }
      const outputs = Array.isArray(cell.outputs) ? cell.outputs : [];
      return {
        kind: 'code',
        id,
        source,
        outputs: outputs.map(untrustedOutput)
      };
    });
  }

  export function outputNode(
    doc: Document,
    output: Output,
    trans: TranslationBundle
  ): HTMLElement {
    switch (output.kind) {
      case 'text': {
        const pre = doc.createElement('pre');
        pre.className = output.error
          ? 'cdc-Review-output cdc-mod-error'
          : 'cdc-Review-output';
        pre.textContent = output.text;
        return pre;
      }
      case 'image': {
        const img = doc.createElement('img');
        img.className = 'cdc-Review-output cdc-Review-image';
        img.src = `data:${output.mime};base64,${output.data}`;
        img.alt = trans.__('Image produced by the code above');
        return img;
      }
      case 'omitted': {
        const p = doc.createElement('p');
        p.className = 'cdc-Review-output cdc-mod-omitted';
        p.textContent = trans.__(
          'Output not shown: HTML, JavaScript and widgets of a pupil’s work are never displayed.'
        );
        return p;
      }
    }
  }

  /**
   * Save a file on the teacher's computer as text (`text/plain`: the browser shows it,
   * never runs it).
   */
  export function download(doc: Document, file: IFileIn): void {
    const binary = atob(file.content.replace(/\s+/g, ''));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    const url = URL.createObjectURL(new Blob([bytes], { type: 'text/plain' }));
    const link = doc.createElement('a');
    link.href = url;
    link.download = basename(file.path);
    doc.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
