import plugins, { isA11yOff } from '../src';
import { repairTexts, watchDocument } from '../src/repairPlugin';
import { trans } from '@candyce/core/testing';

describe('@candyce/a11y plugins', () => {
  it('are four described autostart plugins', () => {
    expect(plugins.map(p => p.id)).toEqual([
      '@candyce/a11y:repairs',
      '@candyce/a11y:announcements',
      '@candyce/a11y:settings',
      '@candyce/a11y:skip-links'
    ]);
    for (const plugin of plugins) {
      expect(plugin.autoStart).toBe(true);
      expect(plugin.description?.length).toBeGreaterThan(20);
    }
  });

  it('stand down with ?a11y=off only', () => {
    expect(isA11yOff('?a11y=off')).toBe(true);
    expect(isA11yOff('?reset&a11y=off')).toBe(true);
    expect(isA11yOff('?a11y=on')).toBe(false);
    expect(isA11yOff('')).toBe(false);
  });

  it('repair nodes added after start (new cells, toolbars, dialogs)', async () => {
    document.body.innerHTML = '<div role="feed"></div>';
    const stop = watchDocument(document.body, {
      texts: repairTexts(trans),
      isToggleable: () => false,
      afterRender: callback => callback()
    });
    const cell = document.createElement('div');
    cell.className = 'jp-Notebook-cell';
    cell.setAttribute('data-windowed-list-index', '2');
    cell.innerHTML = '<div class="cm-content" role="textbox"></div>';
    document.querySelector('[role="feed"]')!.appendChild(cell);
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(cell.getAttribute('role')).toBe('article');
    expect(cell.querySelector('.cm-content')?.getAttribute('aria-label')).toBe(
      'Code cell 3'
    );
    stop();
    const late = document.createElement('input');
    document.body.appendChild(late);
    late.setAttribute('placeholder', 'Nom');
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(late.hasAttribute('aria-label')).toBe(false);
  });
});
