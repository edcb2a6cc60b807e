import { RenderMimeRegistry } from '@jupyterlab/rendermime';
import { marked } from 'marked';

import { markdownRenderer } from '../src/markdown';

/** JupyterLab's registry with its default sanitizer and a real markdown parser. */
function registry(): RenderMimeRegistry {
  return new RenderMimeRegistry({
    markdownParser: { render: async source => marked.parse(source) }
  });
}

describe('markdownRenderer', () => {
  it('renders markdown through the sanitizer: no script, no handler', async () => {
    const host = document.createElement('div');
    await markdownRenderer(registry(), null)(
      host,
      '# Les listes\n\nUne *liste* <img src="x" onerror="alert(1)"><script>alert(2)</script>'
    );
    expect(host.querySelector('h1')?.textContent).toContain('Les listes');
    expect(host.querySelector('em')?.textContent).toBe('liste');
    expect(host.querySelector('script')).toBeNull();
    expect(host.innerHTML).not.toContain('onerror');
    expect(host.innerHTML).not.toContain('alert(2)');
  });

  it('shows the source as text without rendermime', async () => {
    const host = document.createElement('div');
    await markdownRenderer(null, null)(host, '# Titre <b>gras</b>');
    const pre = host.querySelector('pre');
    expect(pre?.textContent).toBe('# Titre <b>gras</b>');
    expect(host.querySelector('b')).toBeNull();
  });
});
