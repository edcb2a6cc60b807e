import { IRepairContext, repairAll } from '../src/repairs';
import { repairTexts } from '../src/repairPlugin';
import { trans } from '@candyce/core/testing';

/** A context whose deferred callbacks run when the test says so. */
function context(toggleable: string[] = []): {
  context: IRepairContext;
  flush(): void;
} {
  const pending: (() => void)[] = [];
  return {
    context: {
      texts: repairTexts(trans),
      isToggleable: command => toggleable.includes(command),
      afterRender: callback => pending.push(callback)
    },
    flush: () => pending.splice(0).forEach(callback => callback())
  };
}

function page(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

describe('ARIA repairs of JupyterLab’s DOM', () => {
  it('moves a toggle’s pressed state from the <jp-button> host into its control', () => {
    const body = page(
      '<jp-button aria-pressed="true" data-command="x:toggle"></jp-button><jp-button aria-pressed="false" title="Upload"></jp-button>'
    );
    const [toggle, plain] = Array.from(body.querySelectorAll('jp-button'));
    toggle.attachShadow({ mode: 'open' }).innerHTML = '<button></button>';
    const { context: ctx, flush } = context(['x:toggle']);
    repairAll(body, ctx);
    flush();
    expect(toggle.hasAttribute('aria-pressed')).toBe(false);
    expect(plain.hasAttribute('aria-pressed')).toBe(false);
    // The pressed look stays: the state is kept on the host for the stylesheet.
    expect(toggle.getAttribute('data-cdc-pressed')).toBe('true');
    expect(plain.getAttribute('data-cdc-pressed')).toBe('false');
    expect(
      toggle.shadowRoot?.querySelector('button')?.getAttribute('aria-pressed')
    ).toBe('true');
    // A button that is no toggle gets its title as its name.
    expect(plain.getAttribute('aria-label')).toBe('Upload');
  });

  it('names code editors after their cell, the console and anything else', () => {
    const body = page(`
      <div role="feed">
        <div class="jp-Notebook-cell jp-MarkdownCell" data-windowed-list-index="0"><div class="cm-content" role="textbox"></div></div>
        <div class="jp-Notebook-cell jp-CodeCell" data-windowed-list-index="1"><div class="cm-content" role="textbox"></div></div>
      </div>
      <div class="jp-CodeConsole"><div class="cm-content" role="textbox"></div>
        <div class="jp-CodeConsole-input"><div class="cm-content" role="textbox"></div></div></div>
      <div class="cm-content" role="textbox"></div>
      <div class="cm-content" role="textbox" aria-label="Their own name"></div>`);
    repairAll(body, context().context);
    expect(
      Array.from(body.querySelectorAll('.cm-content')).map(e =>
        e.getAttribute('aria-label')
      )
    ).toEqual([
      'Markdown cell 1',
      'Code cell 2',
      'Code run in the console',
      'Console input',
      'Code editor',
      'Their own name'
    ]);
    // The cells of the feed become its articles.
    expect(
      Array.from(body.querySelectorAll('[role="feed"] > *')).map(e =>
        e.getAttribute('role')
      )
    ).toEqual(['article', 'article']);
  });

  it('renames an editor when its cell moves', () => {
    const body = page(
      '<div class="jp-Notebook-cell" data-windowed-list-index="0"><div class="cm-content" role="textbox"></div></div>'
    );
    repairAll(body, context().context);
    body
      .querySelector('.jp-Notebook-cell')!
      .setAttribute('data-windowed-list-index', '4');
    repairAll(body, context().context);
    expect(body.querySelector('.cm-content')?.getAttribute('aria-label')).toBe(
      'Code cell 5'
    );
  });

  it('names the heading collapse button with its heading and state', () => {
    const body = page(
      '<h1>Exercice 1<button class="jp-collapseHeadingButton"></button></h1><h2>Suite<button class="jp-collapseHeadingButton jp-mod-collapsed"></button></h2>'
    );
    repairAll(body, context().context);
    const [open, closed] = Array.from(
      body.querySelectorAll('.jp-collapseHeadingButton')
    );
    expect(open.getAttribute('aria-label')).toBe(
      'Collapse the section « Exercice 1 »'
    );
    expect(open.getAttribute('aria-expanded')).toBe('true');
    expect(closed.getAttribute('aria-label')).toBe(
      'Expand the section « Suite »'
    );
    expect(closed.getAttribute('aria-expanded')).toBe('false');
  });

  it('puts the skip link in a named navigation landmark, translated', () => {
    const body = page(
      '<div class="jp-skiplink-wrapper"><div class="jp-skiplink"><a href="#" class="skip-link" data-targetarea="main">Skip to main panel</a></div></div>'
    );
    repairAll(body, context().context);
    const wrapper = body.querySelector('.jp-skiplink-wrapper')!;
    expect(wrapper.getAttribute('role')).toBe('navigation');
    expect(wrapper.getAttribute('aria-label')).toBe('Skip links');
    expect(wrapper.textContent).toBe('Skip to the document');
  });

  it('labels form controls from a sibling label, their hints or their group', () => {
    const body = page(`
      <div class="jp-FileDialog"><label>New name</label><input class="a"></div>
      <input class="b" placeholder="Search">
      <div class="form-group"><div><h3>Ranks</h3><div class="array-item"><input class="c"></div><div class="array-item"><input class="d"></div></div></div>
      <label>Named <input class="e"></label>
      <select class="f" aria-label="Chosen"></select>`);
    repairAll(body, context().context);
    const input = (c: string) =>
      body.querySelector(`.${c}`) as HTMLInputElement;
    expect(input('a').labels?.[0]?.textContent).toBe('New name');
    expect(input('b').getAttribute('aria-label')).toBe('Search');
    expect(input('c').getAttribute('aria-label')).toBe('Ranks (1)');
    expect(input('d').getAttribute('aria-label')).toBe('Ranks (2)');
    expect(input('e').hasAttribute('aria-label')).toBe(false);
    expect(input('f').getAttribute('aria-label')).toBe('Chosen');
  });

  it('hides an empty launcher heading and the kernel logo’s repeated name', () => {
    const body = page(
      '<div class="jp-Launcher-cwd"><h3></h3></div><div class="jp-LauncherCard"><img class="jp-Launcher-kernelIcon" alt="Python 3"></div>'
    );
    repairAll(body, context().context);
    expect(body.querySelector('h3')?.getAttribute('aria-hidden')).toBe('true');
    expect(body.querySelector('img')?.getAttribute('alt')).toBe('');
    body.querySelector('h3')!.textContent = 'projets';
    repairAll(body, context().context);
    expect(body.querySelector('h3')?.hasAttribute('aria-hidden')).toBe(false);
  });

  it('changes nothing on a second pass (no endless mutation loop)', () => {
    const body = page(
      '<div class="jp-skiplink-wrapper"><a class="skip-link" data-targetarea="main">x</a></div><div role="feed"><div class="jp-Notebook-cell"><div class="cm-content" role="textbox"></div></div></div><h1>T<button class="jp-collapseHeadingButton"></button></h1><input placeholder="p">'
    );
    repairAll(body, context().context);
    const mutations: MutationRecord[] = [];
    const observer = new MutationObserver(records =>
      mutations.push(...records)
    );
    observer.observe(body, {
      subtree: true,
      attributes: true,
      childList: true
    });
    repairAll(body, context().context);
    mutations.push(...observer.takeRecords());
    observer.disconnect();
    expect(mutations).toEqual([]);
  });
});
