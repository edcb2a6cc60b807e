import { BoxPanel, Widget } from '@lumino/widgets';

import { addSkipLinks, focusSidePanel, SkipShell } from '../src/skipLinks';

/** JupyterLab's skip-link box as its shell draws it. */
function skipBox(): { box: HTMLElement; mainClicks: string[] } {
  document.body.innerHTML =
    '<div class="jp-skiplink-wrapper"><div class="jp-skiplink" id="jp-skiplink"><a href="#" class="skip-link" data-targetarea="main">Skip to main panel</a></div></div>';
  const box = document.querySelector<HTMLElement>('.jp-skiplink')!;
  const mainClicks: string[] = [];
  // JupyterLab's own handler, on the box: it activates the area the target names.
  box.addEventListener('click', event =>
    mainClicks.push(
      (event.target as HTMLElement).dataset.targetarea ?? '(main by default)'
    )
  );
  return { box, mainClicks };
}

/** A left area with panels, the first one open unless `collapsed`. */
function leftArea(collapsed: boolean) {
  const area = new BoxPanel();
  const panels = ['cdc-assignments', 'filebrowser'].map(id => {
    const panel = new Widget();
    panel.id = id;
    panel.node.innerHTML =
      id === 'cdc-assignments'
        ? '<h2>Mes devoirs</h2><input aria-label="Code">'
        : '<input aria-label="Filtre">';
    panel.hide();
    area.addWidget(panel);
    return panel;
  });
  Widget.attach(area, document.body);
  const state = { collapsed, activated: [] as string[] };
  const shell: SkipShell = {
    get leftCollapsed() {
      return state.collapsed;
    },
    expandLeft: () => {
      state.collapsed = false;
      panels[0].show();
    },
    widgets: () => panels[Symbol.iterator](),
    activateById: (id: string) => {
      state.activated.push(id);
      panels.find(panel => panel.id === id)!.show();
    }
  } as unknown as SkipShell;
  if (!collapsed) {
    panels[0].show();
  }
  return { shell, panels, state, area };
}

describe('skip links', () => {
  it('come after JupyterLab’s own, once, and go where they say without its handler', () => {
    const { box, mainClicks } = skipBox();
    const went: string[] = [];
    const links = [
      {
        id: 'side-panel',
        text: 'Skip to the side panel',
        go: () => went.push('side') > 0
      }
    ];
    addSkipLinks(box, links);
    addSkipLinks(box, [{ ...links[0], text: 'Aller au panneau latéral' }]);
    const anchors = [...box.querySelectorAll('a')];
    expect(anchors.map(a => a.textContent)).toEqual([
      'Skip to main panel',
      'Aller au panneau latéral'
    ]);
    const side = anchors[1];
    expect(side.getAttribute('href')).toBe('#');
    expect(side.tabIndex).toBe(0);
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    side.dispatchEvent(click);
    expect(went).toEqual(['side']);
    expect(click.defaultPrevented).toBe(true);
    expect(mainClicks).toEqual([]);
    // JupyterLab's link still works as before.
    anchors[0].dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(mainClicks).toEqual(['main']);
  });

  it('focus the open side panel’s heading, then its controls follow', () => {
    const { shell, state, area } = leftArea(false);
    expect(focusSidePanel(shell)).toBe(true);
    expect(state.activated).toEqual(['cdc-assignments']);
    expect(document.activeElement?.textContent).toBe('Mes devoirs');
    expect((document.activeElement as HTMLElement).tabIndex).toBe(-1);
    area.dispose();
  });

  it('open the side panel again when it was closed', () => {
    const { shell, state, area } = leftArea(true);
    expect(focusSidePanel(shell)).toBe(true);
    expect(state.collapsed).toBe(false);
    expect(document.activeElement?.textContent).toBe('Mes devoirs');
    area.dispose();
  });

  it('say so when JupyterLab has no side panel', () => {
    const shell = {
      leftCollapsed: true,
      expandLeft: () => undefined,
      widgets: () => [][Symbol.iterator](),
      activateById: () => undefined
    } as unknown as SkipShell;
    expect(focusSidePanel(shell)).toBe(false);
  });
});
