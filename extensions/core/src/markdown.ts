import type { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { renderMarkdown } from '@jupyterlab/rendermime';
import type { ITranslator } from '@jupyterlab/translation';

/**
 * Renders a markdown source into a host element (a cell of a read-only view).
 */
export type MarkdownRenderer = (
  host: HTMLElement,
  source: string
) => Promise<void>;

/**
 * Markdown someone else wrote (a pupil's work, a library resource), rendered untrusted:
 * JupyterLab's renderer through its sanitizer, with no link handler nor resolver into
 * the reader's files. Without rendermime, markdown is shown as the text it is.
 */
export function markdownRenderer(
  rendermime: IRenderMimeRegistry | null,
  translator: ITranslator | null
): MarkdownRenderer {
  return async (host, source) => {
    if (!rendermime) {
      const pre = host.ownerDocument.createElement('pre');
      pre.textContent = source;
      host.appendChild(pre);
      return;
    }
    await renderMarkdown({
      host,
      source,
      trusted: false,
      sanitizer: rendermime.sanitizer,
      resolver: null,
      linkHandler: null,
      shouldTypeset: true,
      latexTypesetter: rendermime.latexTypesetter,
      markdownParser: rendermime.markdownParser,
      translator: translator ?? undefined
    });
  };
}
