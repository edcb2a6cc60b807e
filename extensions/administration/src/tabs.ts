import { h } from './dom';

/**
 * One tab of the administration.
 */
export interface ITab {
  id: string;
  label: string;
  panel: HTMLElement;
  /** Called each time the tab is shown (a view loads on its first showing). */
  onShow?: () => void;
}

/**
 * Tabs as the ARIA pattern has them: one tab stop, arrow keys, Home and End move
 * between tabs and show them; the panel follows in the reading order.
 */
export class Tabs {
  constructor(label: string, tabs: ITab[]) {
    this._tabs = tabs;
    this.list = h('div', {
      role: 'tablist',
      'aria-label': label,
      class: 'cdc-AdminTabs'
    });
    for (const tab of tabs) {
      const button = h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `cdc-admin-tab-${tab.id}`,
          'aria-controls': `cdc-admin-panel-${tab.id}`,
          class: 'cdc-AdminTab'
        },
        tab.label
      );
      button.addEventListener('click', () => this.show(tab.id));
      button.addEventListener('keydown', event => this._onKey(event, tab));
      this.list.append(button);
      tab.panel.id = `cdc-admin-panel-${tab.id}`;
      tab.panel.setAttribute('role', 'tabpanel');
      tab.panel.setAttribute('aria-labelledby', button.id);
      tab.panel.tabIndex = 0;
    }
  }

  /** The tab list, to put before the panels. */
  readonly list: HTMLElement;

  /** The tab shown. */
  get current(): string {
    return this._current;
  }

  /**
   * Show a tab's panel; focus its tab when asked (keyboard moves).
   */
  show(id: string, focus = false): void {
    const target = this._tabs.find(tab => tab.id === id) ?? this._tabs[0];
    this._current = target.id;
    for (const tab of this._tabs) {
      const selected = tab === target;
      const button = this._button(tab);
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      tab.panel.hidden = !selected;
    }
    if (focus) {
      this._button(target).focus();
    }
    target.onShow?.();
  }

  private _onKey(event: KeyboardEvent, tab: ITab): void {
    const index = this._tabs.indexOf(tab);
    const count = this._tabs.length;
    const to: Record<string, number> = {
      ArrowRight: (index + 1) % count,
      ArrowLeft: (index - 1 + count) % count,
      Home: 0,
      End: count - 1
    };
    if (event.key in to) {
      event.preventDefault();
      this.show(this._tabs[to[event.key]].id, true);
    }
  }

  private _button(tab: ITab): HTMLButtonElement {
    return this.list.querySelector<HTMLButtonElement>(
      `#cdc-admin-tab-${tab.id}`
    )!;
  }

  private _tabs: ITab[];
  private _current = '';
}
