import type { ILabShell } from '@jupyterlab/application';
import type { Widget } from '@lumino/widgets';

/**
 * The class of Candyce's skip links.
 */
export const SKIP_LINK_CLASS = 'cdc-SkipLink';

/**
 * A skip link: its text and where it takes the focus.
 */
export interface ISkipLink {
  /** The link's id, also its `data-cdc-skip` value. */
  id: string;
  text: string;
  /**
   * Take the focus there.
   *
   * @returns whether there was somewhere to go.
   */
  go(): boolean;
}

/**
 * Add skip links after JupyterLab's own (« Aller au document »), in its skip-link box:
 * the first stops of the page's tab order, shown when one of them has the focus.
 * Adding them again only updates their text.
 */
export function addSkipLinks(
  container: HTMLElement,
  links: readonly ISkipLink[]
): void {
  for (const link of links) {
    let anchor = container.querySelector<HTMLAnchorElement>(
      `a[data-cdc-skip="${link.id}"]`
    );
    if (!anchor) {
      anchor = document.createElement('a');
      anchor.href = '#';
      anchor.className = SKIP_LINK_CLASS;
      anchor.dataset.cdcSkip = link.id;
      anchor.addEventListener('click', event => {
        // Not JupyterLab's handler of its box, which would activate the main area.
        event.preventDefault();
        event.stopPropagation();
        link.go();
      });
      container.appendChild(anchor);
    }
    if (anchor.textContent !== link.text) {
      anchor.textContent = link.text;
    }
  }
}

/**
 * The part of JupyterLab's shell the side panel link uses.
 */
export type SkipShell = Pick<
  ILabShell,
  'widgets' | 'leftCollapsed' | 'expandLeft' | 'activateById'
>;

/**
 * Take the focus to the left side panel (« Mes devoirs » in school mode): the open one,
 * else the last one open, shown again. The panel itself takes the focus (its name is
 * read), and the next Tab reaches its first control.
 *
 * @returns false when JupyterLab has no left panel.
 */
export function focusSidePanel(shell: SkipShell): boolean {
  if (shell.leftCollapsed) {
    shell.expandLeft();
  }
  const panels = [...shell.widgets('left')];
  const panel: Widget | undefined =
    panels.find(widget => widget.isVisible) ?? panels[0];
  if (!panel) {
    return false;
  }
  shell.activateById(panel.id);
  const target =
    panel.node.querySelector<HTMLElement>('h1, h2, h3') ?? panel.node;
  if (!target.hasAttribute('tabindex')) {
    target.tabIndex = -1;
  }
  target.focus();
  return true;
}
