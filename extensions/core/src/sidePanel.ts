import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { LabIcon } from '@jupyterlab/ui-components';
import type { Widget } from '@lumino/widgets';

/**
 * The class every Candyce side panel carries (its look: `style/base.css`).
 */
export const SIDE_PANEL_CLASS = 'cdc-SidePanel';

/**
 * Add a Candyce side panel to the shell: its id, its icon, its name (tooltip and
 * accessible name of a `region` landmark), the shared look, then the sidebar.
 */
export function addSidePanel(
  shell: JupyterFrontEnd.IShell,
  panel: Widget,
  options: addSidePanel.IOptions
): void {
  panel.id = options.id;
  panel.addClass(SIDE_PANEL_CLASS);
  panel.title.icon = options.icon;
  panel.title.caption = options.name;
  panel.node.setAttribute('role', 'region');
  panel.node.setAttribute('aria-label', options.name);
  shell.add(panel, options.area, { rank: options.rank });
}

/**
 * The addSidePanel options.
 */
export namespace addSidePanel {
  /**
   * Where the panel goes and how it is named.
   */
  export interface IOptions {
    /** The widget id (also what `activateById` takes). */
    id: string;
    /** The sidebar's tab icon. */
    icon: LabIcon;
    /** The translated name: the tab's tooltip and the region's accessible name. */
    name: string;
    /** The sidebar. */
    area: 'left' | 'right';
    /** The position in the sidebar. */
    rank: number;
  }
}

/**
 * Focus the first element found, by order of preference of the selectors, once React
 * has rendered it (tried every 50 ms, 20 times at most).
 *
 * @param focusable - give the element `tabindex="-1"` when it has none (a heading).
 */
export function focusWhenRendered(
  node: HTMLElement,
  selectors: readonly string[],
  focusable = false,
  tries = 20
): void {
  let target: HTMLElement | null = null;
  for (const selector of selectors) {
    target = node.querySelector<HTMLElement>(selector);
    if (target) {
      break;
    }
  }
  if (target) {
    if (focusable && !target.hasAttribute('tabindex')) {
      target.tabIndex = -1;
    }
    target.focus();
  } else if (tries > 0) {
    setTimeout(
      () => focusWhenRendered(node, selectors, focusable, tries - 1),
      50
    );
  }
}

/**
 * Focus the first element found (by order of preference of the selectors) once the
 * command palette, if it ran the command, has closed: on closing it gives the focus
 * back to the main area (in the same tick, then in the next frame), which would leave
 * a keyboard user outside the view they asked for.
 */
export function focusAfterPalette(
  node: HTMLElement,
  selectors: readonly string[] = ['h2']
): void {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => focusWhenRendered(node, selectors, true))
  );
}
