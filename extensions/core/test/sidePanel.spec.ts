import { focusAfterPalette, focusWhenRendered } from '../src/sidePanel';

/** Wait for n animation frames. */
async function frames(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await new Promise(resolve => requestAnimationFrame(resolve));
  }
}

describe('focusing a view once it is drawn', () => {
  let node: HTMLElement;
  beforeEach(() => {
    node = document.createElement('div');
    document.body.appendChild(node);
  });
  afterEach(() => node.remove());

  it('focuses the first selector found, in order of preference', () => {
    node.innerHTML = '<h2>Titre</h2><input id="q">';
    focusWhenRendered(node, ['#q', 'h2']);
    expect(document.activeElement?.id).toBe('q');
  });

  it('makes a heading focusable when asked', () => {
    node.innerHTML = '<h2>Titre</h2>';
    focusWhenRendered(node, ['h2'], true);
    expect(document.activeElement?.tagName).toBe('H2');
    expect(node.querySelector('h2')?.getAttribute('tabindex')).toBe('-1');
  });

  it('focuses after the palette gave the focus back to the main area', async () => {
    node.innerHTML = '<h2>Bibliothèque</h2><input id="q">';
    const elsewhere = document.createElement('button');
    document.body.appendChild(elsewhere);
    focusAfterPalette(node, ['#q']);
    // What the palette does on closing: the focus goes elsewhere in the same tick…
    elsewhere.focus();
    expect(document.activeElement).toBe(elsewhere);
    // …and in the next frame; after the second frame the view has it.
    await frames(3);
    expect(document.activeElement?.id).toBe('q');
    elsewhere.remove();
  });

  it('waits for the element to be rendered', async () => {
    focusAfterPalette(node);
    await frames(3);
    node.innerHTML = '<h2>Plus tard</h2>';
    await new Promise(resolve => setTimeout(resolve, 120));
    expect(document.activeElement?.tagName).toBe('H2');
  });
});
