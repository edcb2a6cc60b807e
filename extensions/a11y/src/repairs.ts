/**
 * ARIA repairs of JupyterLab's DOM: each rule finds the nodes an axe-core rule flags in
 * stock JupyterLab 4.6 and gives them what they lack (a name, a role, a state in the
 * right place). Rules are idempotent: they only write when a value differs, so running
 * them again after their own changes produces no new mutation.
 */

/**
 * The translated texts the repairs write.
 */
export interface IRepairTexts {
  /** Name of a notebook cell's editor, `n` counting from 1. */
  cellEditor(kind: 'code' | 'markdown' | 'raw', n: number): string;
  /** Name of the console's prompt. */
  consolePrompt: string;
  /** Name of a cell already run in the console. */
  consoleCell: string;
  /** Name of any other code editor (file editor, settings' JSON editor…). */
  editor: string;
  /** Name of a heading's collapse button. */
  collapseHeading(heading: string, collapsed: boolean): string;
  /** Name of the skip links' landmark. */
  skipLinks: string;
  /** Text of JupyterLab's « Skip to main panel » link (« Aller au document »). */
  skipToMain: string;
  /** Name of a search field's clear button. */
  clearSearch: string;
}

/**
 * What the repairs need from the application.
 */
export interface IRepairContext {
  texts: IRepairTexts;
  /** Whether a command is a toggle (its button's pressed state means something). */
  isToggleable(command: string): boolean;
  /** Run a callback once the page has rendered its pending updates. */
  afterRender(callback: () => void): void;
}

/**
 * One repair: the nodes it applies to and what it does to each.
 */
export interface IRepair {
  /** The axe-core rule it answers, for the reader. */
  rule: string;
  selector: string;
  fix(node: Element, context: IRepairContext): void;
}

/**
 * Set an attribute when it differs (no mutation otherwise).
 */
export function setAttr(node: Element, name: string, value: string): void {
  if (node.getAttribute(name) !== value) {
    node.setAttribute(name, value);
  }
}

/**
 * Whether a form control or widget already has an accessible name.
 */
export function hasName(node: Element): boolean {
  if (node.getAttribute('aria-label')?.trim()) {
    return true;
  }
  const labelledBy = node.getAttribute('aria-labelledby');
  if (
    labelledBy &&
    labelledBy
      .split(/\s+/)
      .some(id => node.ownerDocument.getElementById(id)?.textContent?.trim())
  ) {
    return true;
  }
  const labels = (node as HTMLInputElement).labels;
  return !!labels && Array.from(labels).some(l => l.textContent?.trim());
}

let generatedIds = 0;

/**
 * The node's id, given one first if it has none.
 */
export function idOf(node: Element): string {
  if (!node.id) {
    node.id = `cdc-a11y-${++generatedIds}`;
  }
  return node.id;
}

/**
 * The text that names a form control from its surroundings: a label of its form group
 * (JupyterLab's settings forms draw it as a heading, not a <label>), a sibling <label>
 * without `for`, else its own hints.
 */
export function findLabelText(control: Element): {
  element: Element | null;
  text: string;
} {
  let sibling = control.previousElementSibling;
  while (sibling) {
    if (sibling.tagName === 'LABEL' && !sibling.getAttribute('for')) {
      if (sibling.textContent?.trim()) {
        return { element: sibling, text: sibling.textContent.trim() };
      }
    }
    sibling = sibling.previousElementSibling;
  }
  for (const hint of ['label', 'placeholder', 'title']) {
    const value = control.getAttribute(hint)?.trim();
    if (value) {
      return { element: null, text: value };
    }
  }
  // A settings form: the nearest group that has a title (an item of a list of values
  // is named after its list, with its position).
  let group = control.closest('.form-group');
  while (group) {
    const title = group.querySelector(
      ':scope > .jp-FormGroup-content > .jp-FormGroup-fieldLabel, :scope > label, :scope > legend, :scope > fieldset > legend, :scope > div > h3'
    );
    if (title?.textContent?.trim()) {
      const item = control.closest('.array-item');
      const position = item?.parentElement
        ? Array.from(item.parentElement.children)
            .filter(child => child.classList.contains('array-item'))
            .indexOf(item) + 1
        : 0;
      const text = title.textContent.trim();
      return {
        element: null,
        text: position > 0 ? `${text} (${position})` : text
      };
    }
    group = group.parentElement?.closest('.form-group') ?? null;
  }
  const name = control.getAttribute('name')?.trim();
  return { element: null, text: name ?? '' };
}

/**
 * The kind and 1-based position of the notebook cell a node is in, if any.
 */
function cellOf(
  node: Element
): { kind: 'code' | 'markdown' | 'raw'; n: number } | null {
  const cell = node.closest('.jp-Notebook-cell');
  if (!cell) {
    return null;
  }
  const kind = cell.classList.contains('jp-MarkdownCell')
    ? 'markdown'
    : cell.classList.contains('jp-RawCell')
      ? 'raw'
      : 'code';
  const index = Number(cell.getAttribute('data-windowed-list-index'));
  if (Number.isInteger(index)) {
    return { kind, n: index + 1 };
  }
  const siblings = Array.from(cell.parentElement?.children ?? []).filter(c =>
    c.classList.contains('jp-Notebook-cell')
  );
  return { kind, n: siblings.indexOf(cell) + 1 };
}

/**
 * The repairs, in the order they run.
 */
export const REPAIRS: IRepair[] = [
  {
    // JupyterLab's toolbar sets aria-pressed on the <jp-button> host, which has no
    // role; the button inside its shadow root is the one that needs the state.
    // JupyterLab's styles draw the pressed look from the host's attribute: the state
    // stays on the host as `data-cdc-pressed`, which style/base.css draws the same way.
    rule: 'aria-allowed-attr',
    selector: 'jp-button[aria-pressed]',
    fix: (host, { isToggleable, afterRender }) => {
      const value = host.getAttribute('aria-pressed') ?? 'false';
      const command = host.getAttribute('data-command');
      const isToggle = value === 'true' || (!!command && isToggleable(command));
      host.removeAttribute('aria-pressed');
      setAttr(host, 'data-cdc-pressed', value);
      if (isToggle) {
        // The web component mirrors the host's (now absent) state into its control on
        // its next render: set it once that is done.
        afterRender(() =>
          host.shadowRoot
            ?.querySelector('button')
            ?.setAttribute('aria-pressed', value)
        );
      }
    }
  },
  {
    // A <jp-button> with only a title: its inner <button> gets no name. The web
    // component copies the host's aria-label to it.
    rule: 'button-name',
    selector: 'jp-button[title]:not([aria-label])',
    fix: host => {
      if (!host.textContent?.trim()) {
        setAttr(host, 'aria-label', host.getAttribute('title') ?? '');
      }
    }
  },
  {
    rule: 'button-name',
    selector: 'jp-search',
    fix: (host, { texts }) => {
      const clear = host.shadowRoot?.querySelector(
        'button[part="clear-button"]'
      );
      if (clear) {
        setAttr(clear, 'aria-label', texts.clearSearch);
      }
      // Several search fields are each a `search` landmark: name each by its hint.
      const placeholder = host.getAttribute('placeholder');
      if (!host.getAttribute('aria-label') && placeholder) {
        setAttr(host, 'aria-label', placeholder);
      }
    }
  },
  {
    rule: 'aria-input-field-name',
    selector: '.cm-content[role="textbox"]',
    fix: (content, { texts }) => {
      if (
        content.getAttribute('aria-labelledby') ||
        (content.getAttribute('aria-label') &&
          !content.hasAttribute('data-cdc-a11y-label'))
      ) {
        return;
      }
      const cell = cellOf(content);
      let label = texts.editor;
      if (cell) {
        label = texts.cellEditor(cell.kind, cell.n);
      } else if (content.closest('.jp-CodeConsole-input')) {
        label = texts.consolePrompt;
      } else if (content.closest('.jp-CodeConsole')) {
        label = texts.consoleCell;
      }
      // Marked as ours, so that the name follows the cell when cells move.
      setAttr(content, 'data-cdc-a11y-label', '');
      setAttr(content, 'aria-label', label);
    }
  },
  {
    // The notebook's cell list is a `feed`, whose items must be articles.
    rule: 'aria-required-children',
    selector: '[role="feed"] > :not([role])',
    fix: item => setAttr(item, 'role', 'article')
  },
  {
    rule: 'button-name',
    selector: '.jp-collapseHeadingButton',
    fix: (button, { texts }) => {
      const heading = button.closest('h1, h2, h3, h4, h5, h6');
      const title = (heading?.textContent ?? '').trim();
      const collapsed =
        button.classList.contains('jp-mod-collapsed') ||
        button.getAttribute('data-jp-collapsed') === 'true' ||
        !!button.closest('.jp-MarkdownCell.jp-mod-collapsed');
      setAttr(button, 'aria-label', texts.collapseHeading(title, collapsed));
      setAttr(button, 'aria-expanded', String(!collapsed));
    }
  },
  {
    // The skip link sits outside every landmark: make its wrapper one.
    rule: 'region',
    selector: '.jp-skiplink-wrapper',
    fix: (wrapper, { texts }) => {
      setAttr(wrapper, 'role', 'navigation');
      setAttr(wrapper, 'aria-label', texts.skipLinks);
      const link = wrapper.querySelector('a.skip-link[data-targetarea="main"]');
      if (link && link.textContent !== texts.skipToMain) {
        link.textContent = texts.skipToMain;
      }
    }
  },
  {
    // The launcher's folder heading is empty at the root of the home.
    rule: 'empty-heading',
    selector: '.jp-Launcher-cwd > h3',
    fix: heading => {
      if (heading.textContent?.trim()) {
        heading.removeAttribute('aria-hidden');
      } else {
        setAttr(heading, 'aria-hidden', 'true');
      }
    }
  },
  {
    // The kernel's logo repeats the card's label: it is decoration.
    rule: 'image-redundant-alt',
    selector: '.jp-LauncherCard img.jp-Launcher-kernelIcon',
    fix: image => setAttr(image, 'alt', '')
  },
  {
    // The palette's list scrolls: keyboard users must be able to reach it.
    rule: 'scrollable-region-focusable',
    selector: '.lm-CommandPalette-content',
    fix: list => setAttr(list, 'tabindex', '0')
  },
  {
    rule: 'label',
    selector:
      'input:not([type="hidden"]):not([type="button"]):not([type="submit"]), select, textarea',
    fix: control => {
      if (hasName(control) || control.closest('[aria-hidden="true"]')) {
        return;
      }
      const { element, text } = findLabelText(control);
      if (element) {
        setAttr(element, 'for', idOf(control));
      } else if (text) {
        // A copy of the text, not a reference: settings forms redraw their titles.
        setAttr(control, 'aria-label', text);
      }
    }
  },
  {
    // The settings editor's plugin list: tabs whose list is a plain <ul> of <div>s.
    rule: 'aria-required-parent',
    selector: '.jp-PluginList ul',
    fix: list => {
      if (list.querySelector(':scope > * > [role="tab"]')) {
        setAttr(list, 'role', 'tablist');
        setAttr(list, 'aria-orientation', 'vertical');
      } else if (list.closest('[role="tablist"]')) {
        // An entry's list of matching settings, empty unless the user searches.
        if (list.children.length) {
          list.removeAttribute('role');
        } else {
          setAttr(list, 'role', 'none');
        }
      }
    }
  }
];

/**
 * Apply every repair to the nodes under `root` (and to `root` itself).
 */
export function repairAll(root: Element, context: IRepairContext): void {
  for (const repair of REPAIRS) {
    if (root.matches(repair.selector)) {
      repair.fix(root, context);
    }
    for (const node of Array.from(root.querySelectorAll(repair.selector))) {
      repair.fix(node, context);
    }
  }
}
