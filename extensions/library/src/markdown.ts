import { IRenderMimeRegistry, renderMarkdown } from '@jupyterlab/rendermime';
import type { ITranslator } from '@jupyterlab/translation';

import type { MarkdownRenderer } from './preview';

/**
 * The previews' markdown renderer: JupyterLab's, untrusted (through its sanitizer, with
 * no link handler nor resolver); without rendermime, markdown is shown as its text.
 */
export function markdownRenderer(
  rendermime: IRenderMimeRegistry | null,
  translator: ITranslator | null
): MarkdownRenderer {
  return async (host, source) => {
    if (!rendermime) {
      const pre = document.createElement('pre');
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
