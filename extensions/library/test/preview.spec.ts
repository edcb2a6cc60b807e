import {
  firstHeading,
  notebookPreview,
  previewOutput,
  renderPreview
} from '../src/preview';
import { trans } from '@candyce/core/testing';

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

function notebook(cells: unknown[]) {
  return { nbformat: 4, nbformat_minor: 5, metadata: {}, cells };
}

/** A markdown renderer that only writes text, as the sanitised renderer does with text. */
async function textMarkdown(host: HTMLElement, source: string): Promise<void> {
  const p = host.ownerDocument.createElement('p');
  p.textContent = source;
  host.appendChild(p);
}

describe('previewOutput', () => {
  it('never keeps HTML or JavaScript: text/plain instead, or nothing', () => {
    expect(
      previewOutput({
        output_type: 'display_data',
        data: {
          'text/html': '<script>window.pwned = true</script>',
          'text/plain': '<IPython.core.display.HTML object>'
        }
      })
    ).toEqual({
      kind: 'text',
      text: '<IPython.core.display.HTML object>',
      error: false
    });
    expect(
      previewOutput({
        output_type: 'display_data',
        data: {
          'application/javascript': 'window.pwned = true',
          'text/html': '<img src=x onerror="window.pwned = true">'
        }
      })
    ).toEqual({
      kind: 'omitted',
      mimes: ['application/javascript', 'text/html']
    });
  });

  it('keeps PNG and JPEG images with valid base64, not SVG', () => {
    expect(
      previewOutput({
        output_type: 'display_data',
        data: { 'image/png': `${PNG}\n`, 'text/plain': '<Figure>' }
      })
    ).toEqual({ kind: 'image', mime: 'image/png', data: PNG });
    expect(
      previewOutput({
        output_type: 'display_data',
        data: { 'image/png': '"><script>', 'text/plain': 'x' }
      }).kind
    ).toBe('text');
    expect(
      previewOutput({
        output_type: 'display_data',
        data: { 'image/svg+xml': '<svg onload="alert(1)"/>' }
      }).kind
    ).toBe('omitted');
  });

  it('shows streams and errors as text, without ANSI colours', () => {
    expect(
      previewOutput({
        output_type: 'stream',
        name: 'stdout',
        text: ['a\n', 'b']
      })
    ).toEqual({ kind: 'text', text: 'a\nb', error: false });
    expect(
      previewOutput({
        output_type: 'error',
        ename: 'ZeroDivisionError',
        evalue: 'division by zero',
        traceback: ['\u001b[0;31mZeroDivisionError\u001b[0m: division by zero']
      })
    ).toEqual({
      kind: 'text',
      text: 'ZeroDivisionError: division by zero',
      error: true
    });
  });
});

describe('notebookPreview', () => {
  it('reads cells, the first heading and the cell count', () => {
    const preview = notebookPreview(
      notebook([
        { cell_type: 'markdown', source: ['Intro\n'], metadata: {} },
        {
          cell_type: 'markdown',
          source: '# Équations du second degré\nTexte',
          metadata: {}
        },
        { cell_type: 'code', source: 'print(1)', outputs: [], metadata: {} }
      ]),
      2
    );
    expect(preview.heading).toBe('Équations du second degré');
    expect(preview.cellCount).toBe(3);
    expect(preview.cells.map(c => c.kind)).toEqual(['markdown', 'markdown']);
  });

  it('survives what is not a notebook', () => {
    expect(notebookPreview(null)).toEqual({
      cells: [],
      cellCount: 0,
      heading: null,
      language: null
    });
    expect(notebookPreview({ cells: 'x' }).cellCount).toBe(0);
  });

  it('finds setext and ATX headings', () => {
    expect(firstHeading('Titre\n=====')).toBe('Titre');
    expect(firstHeading('texte\n\n## Partie 1 ##')).toBe('Partie 1');
    expect(firstHeading('pas de titre')).toBeNull();
  });
});

describe('renderPreview', () => {
  it('renders no script, no HTML output and code as escaped text', async () => {
    const host = document.createElement('div');
    document.body.appendChild(host);
    const preview = notebookPreview(
      notebook([
        {
          cell_type: 'code',
          source: '<script>window.pwned = true</script>',
          metadata: {},
          outputs: [
            {
              output_type: 'display_data',
              metadata: {},
              data: {
                'text/html': '<script>window.pwned = true</script><b>gras</b>'
              }
            },
            {
              output_type: 'execute_result',
              metadata: {},
              execution_count: 1,
              data: {
                'application/javascript': 'window.pwned = true',
                'text/html': '<img src=x onerror="window.pwned = true">',
                'text/plain': '42'
              }
            },
            {
              output_type: 'display_data',
              metadata: {},
              data: { 'image/png': PNG }
            }
          ]
        }
      ])
    );
    await renderPreview(host, preview, textMarkdown, trans);

    expect(host.querySelectorAll('script')).toHaveLength(0);
    expect(host.querySelectorAll('b')).toHaveLength(0);
    expect(host.querySelectorAll('[onerror]')).toHaveLength(0);
    expect((window as { pwned?: boolean }).pwned).toBeUndefined();
    expect(host.querySelector('.cdc-Preview-source')?.textContent).toBe(
      '<script>window.pwned = true</script>'
    );
    expect(host.querySelector('.cdc-Preview-omitted')?.textContent).toBe(
      'Output not shown in the preview (open a copy to see it).'
    );
    const outputs = host.querySelectorAll('.cdc-Preview-output');
    expect(outputs[1].textContent).toBe('42');
    const img = host.querySelector('img');
    expect(img?.getAttribute('src')).toBe(`data:image/png;base64,${PNG}`);
    expect(img?.getAttribute('alt')).toBeTruthy();
  });

  it('says when the preview is shortened', async () => {
    const host = document.createElement('div');
    const cells = Array.from({ length: 5 }, () => ({
      cell_type: 'markdown',
      source: 'x',
      metadata: {}
    }));
    await renderPreview(
      host,
      notebookPreview(notebook(cells), 2),
      textMarkdown,
      trans
    );
    expect(host.querySelector('.cdc-Preview-more')?.textContent).toBe(
      'The preview shows the first 2 cells of 5.'
    );
  });
});

describe('the preview reads as a notebook', () => {
  it('names the language from the metadata, language_info first', () => {
    expect(
      notebookPreview({
        metadata: {
          kernelspec: { language: 'R' },
          language_info: { name: 'python' }
        },
        cells: []
      }).language
    ).toBe('Python');
    expect(
      notebookPreview({
        metadata: { kernelspec: { language: 'r' } },
        cells: []
      }).language
    ).toBe('R');
    expect(notebookPreview({ metadata: { kernelspec: 3 } }).language).toBe(
      null
    );
  });

  it('shows each code cell’s prompt with its saved execution count', async () => {
    const host = document.createElement('div');
    const preview = notebookPreview(
      notebook([
        { cell_type: 'code', source: 'x = 1', execution_count: 3, outputs: [] },
        { cell_type: 'code', source: 'y', execution_count: '<b>', outputs: [] }
      ])
    );
    await renderPreview(host, preview, textMarkdown, trans);
    const prompts = [...host.querySelectorAll('.cdc-Preview-prompt')];
    expect(prompts.map(p => p.textContent)).toEqual(['[3]:', '[ ]:']);
    expect(prompts[0].getAttribute('aria-hidden')).toBe('true');
  });
});
