/**
 * A read-only preview of a library notebook.
 *
 * A resource is untrusted: its markdown goes through JupyterLab's sanitizer, its code
 * is shown as text, and of its outputs only text and PNG/JPEG images are shown. HTML,
 * SVG, JavaScript and widget outputs are never rendered, so no script from a resource
 * ever runs.
 */
import {
  nbText,
  untrustedOutput,
  type MarkdownRenderer,
  type UntrustedOutput
} from '@candyce/core';
import type { TranslationBundle } from '@jupyterlab/translation';

/**
 * An output, reduced to what the preview may show.
 */
export type PreviewOutput = UntrustedOutput;

/**
 * A cell, reduced to what the preview shows.
 */
export type PreviewCell =
  | { kind: 'markdown'; source: string }
  | {
      kind: 'code';
      source: string;
      /** The execution count the notebook was saved with, if any. */
      count: number | null;
      outputs: PreviewOutput[];
    }
  | { kind: 'raw'; source: string };

/**
 * What the preview of a notebook holds.
 */
export interface INotebookPreview {
  cells: PreviewCell[];
  /** Cells of the notebook (the preview may show fewer). */
  cellCount: number;
  /** The first markdown heading, if any. */
  heading: string | null;
  /** The language of its code (`Python`), from its metadata, if it says. */
  language: string | null;
}

/**
 * Read a notebook (parsed JSON of unknown shape) into a preview.
 *
 * @param maxCells - cells to keep at most.
 */
export function notebookPreview(
  notebook: unknown,
  maxCells = 40
): INotebookPreview {
  const raw = (notebook as { cells?: unknown })?.cells;
  const cells = Array.isArray(raw) ? raw : [];
  const preview: PreviewCell[] = [];
  let heading: string | null = null;
  for (const cell of cells) {
    const type = (cell as { cell_type?: unknown })?.cell_type;
    const source = nbText((cell as { source?: unknown })?.source);
    if (type === 'markdown' && heading === null) {
      heading = firstHeading(source);
    }
    if (preview.length >= maxCells) {
      continue;
    }
    if (type === 'markdown') {
      preview.push({ kind: 'markdown', source });
    } else if (type === 'code') {
      const outputs = (cell as { outputs?: unknown }).outputs;
      const count = (cell as { execution_count?: unknown }).execution_count;
      preview.push({
        kind: 'code',
        source,
        count: Number.isInteger(count) ? (count as number) : null,
        outputs: Array.isArray(outputs) ? outputs.map(previewOutput) : []
      });
    } else {
      preview.push({ kind: 'raw', source });
    }
  }
  return {
    cells: preview,
    cellCount: cells.length,
    heading,
    language: notebookLanguage(notebook)
  };
}

/**
 * The language a notebook's metadata names (`language_info`, else the kernelspec's),
 * capitalised for a sentence, or null.
 */
export function notebookLanguage(notebook: unknown): string | null {
  const metadata = (notebook as { metadata?: Record<string, unknown> })
    ?.metadata;
  const info = metadata?.language_info as { name?: unknown } | undefined;
  const spec = metadata?.kernelspec as { language?: unknown } | undefined;
  const name = [info?.name, spec?.language].find(
    (value): value is string => typeof value === 'string' && !!value.trim()
  );
  if (!name) {
    return null;
  }
  const word = name.trim().slice(0, 40);
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * The first markdown heading of a text (`# Titre` or `Titre\n===`), without its marks.
 */
export function firstHeading(markdown: string): string | null {
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const atx = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(lines[i]);
    if (atx && atx[1]) {
      return atx[1];
    }
    if (lines[i].trim() && /^ {0,3}(=+|-+)\s*$/.test(lines[i + 1] ?? '')) {
      return lines[i].trim();
    }
  }
  return null;
}

/**
 * Reduce an nbformat output to what the preview may show (see `untrustedOutput`).
 */
export const previewOutput = untrustedOutput;

/**
 * Build the DOM of a preview into `host`.
 *
 * Code and text go in through `textContent` (escaped by construction), images as
 * `data:` URLs of checked base64, markdown through `renderMarkdown`.
 */
export async function renderPreview(
  host: HTMLElement,
  preview: INotebookPreview,
  renderMarkdown: MarkdownRenderer,
  trans: TranslationBundle
): Promise<void> {
  const doc = host.ownerDocument;
  host.textContent = '';
  const pending: Promise<void>[] = [];
  for (const cell of preview.cells) {
    const node = doc.createElement('div');
    node.className = `cdc-Preview-cell cdc-Preview-${cell.kind}`;
    if (cell.kind === 'markdown') {
      // JupyterLab's look of rendered markdown (what it renders is sanitised).
      node.classList.add('jp-RenderedHTMLCommon');
      pending.push(renderMarkdown(node, cell.source));
    } else {
      if (cell.kind === 'code') {
        // The prompt as a notebook shows it (`[3]:`), for the eye only.
        const prompt = doc.createElement('div');
        prompt.className = 'cdc-Preview-prompt';
        prompt.setAttribute('aria-hidden', 'true');
        prompt.textContent = `[${cell.count ?? ' '}]:`;
        node.appendChild(prompt);
      }
      const pre = doc.createElement('pre');
      pre.className = 'cdc-Preview-source';
      pre.textContent = cell.source;
      node.appendChild(pre);
      if (cell.kind === 'code') {
        for (const output of cell.outputs) {
          node.appendChild(Private.outputNode(doc, output, trans));
        }
      }
    }
    host.appendChild(node);
  }
  if (preview.cellCount > preview.cells.length) {
    const more = doc.createElement('p');
    more.className = 'cdc-Preview-more';
    more.textContent = trans.__(
      'The preview shows the first %1 cells of %2.',
      preview.cells.length,
      preview.cellCount
    );
    host.appendChild(more);
  }
  await Promise.all(pending);
}

namespace Private {
  export function outputNode(
    doc: Document,
    output: PreviewOutput,
    trans: TranslationBundle
  ): HTMLElement {
    switch (output.kind) {
      case 'text': {
        const pre = doc.createElement('pre');
        pre.className = output.error
          ? 'cdc-Preview-output cdc-Preview-error'
          : 'cdc-Preview-output';
        pre.textContent = output.text;
        return pre;
      }
      case 'image': {
        const img = doc.createElement('img');
        img.className = 'cdc-Preview-output cdc-Preview-image';
        img.src = `data:${output.mime};base64,${output.data}`;
        img.alt = trans.__('Image produced by the code above');
        return img;
      }
      case 'omitted': {
        const p = doc.createElement('p');
        p.className = 'cdc-Preview-output cdc-Preview-omitted';
        p.textContent = trans.__(
          'Output not shown in the preview (open a copy to see it).'
        );
        return p;
      }
    }
  }
}
