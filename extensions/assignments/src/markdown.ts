import { IRenderMimeRegistry, renderMarkdown } from '@jupyterlab/rendermime';
import type { ITranslator } from '@jupyterlab/translation';

import type { MarkdownRenderer } from './reviewView';

/**
 * Markdown of a pupil's work, rendered untrusted: through JupyterLab's sanitizer, with
 * no link handler nor resolver into the teacher's files.
 */
export function markdownRenderer(
  rendermime: IRenderMimeRegistry | null,
  translator: ITranslator | null
): MarkdownRenderer {
  return async (host, source) => {
    if (!rendermime) {
      // Without rendermime, markdown is shown as the text it is.
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
