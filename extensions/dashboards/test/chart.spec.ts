import { renderChart } from '../src/chart';
import { Formats } from '../src/format';

const formats = new Formats('fr_FR');

describe('renderChart', () => {
  it('draws days as one image named by its summary, marks unnamed', () => {
    const svg = renderChart(
      {
        kind: 'days',
        yLabel: 'Rendus',
        points: [
          { x: '2026-12-05', y: 0 },
          { x: '2026-12-06', y: 3 }
        ]
      },
      { formats, label: 'Rendus', description: 'Trois rendus le 6 déc.' }
    );
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe(
      'Rendus. Trois rendus le 6 déc.'
    );
    expect(svg.querySelectorAll('[aria-label]')).toHaveLength(0);
    expect(svg.querySelectorAll('rect').length).toBeGreaterThanOrEqual(2);
    // French days on the axis, whole counts.
    const text = svg.textContent ?? '';
    expect(text).toMatch(/déc\./);
    expect(text).not.toMatch(/0[.,]5/);
  });

  it('names the chart, not a legend swatch, when there is a legend', () => {
    const figure = renderChart(
      {
        kind: 'weeks',
        yLabel: 'Utilisateurs',
        seriesLabel: 'Rôle',
        points: [
          { x: '2026-11-23', y: 4, series: 'Élève' },
          { x: '2026-11-23', y: 1, series: 'Enseignant·e' }
        ]
      },
      { formats, label: 'Utilisateurs', description: 'Cinq utilisateurs.' }
    );
    const chart = figure.querySelector(':scope > svg')!;
    expect(chart.getAttribute('role')).toBe('img');
    expect(figure.textContent).toContain('Enseignant·e');
    // One band for the week, named by its Monday.
    expect(chart.textContent).toContain('23 nov.');
    expect(chart.querySelectorAll('rect')).toHaveLength(2);
    expect(chart.querySelectorAll('[aria-label]')).toHaveLength(0);
  });
});
