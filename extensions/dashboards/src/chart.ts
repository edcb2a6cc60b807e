import * as Plot from '@observablehq/plot';

import type { Formats } from './format';
import type { IChart } from './sections';

/**
 * Draw a chart as SVG with Observable Plot (docs/architecture.md, « Dashboards », says
 * why this library). The SVG is one image for assistive technologies (`role="img"`),
 * named by the section's title and its summary in words; the marks inside are hidden
 * from them, since the table beside the chart gives every figure.
 */
export function renderChart(
  chart: IChart,
  options: renderChart.IOptions
): HTMLElement | SVGSVGElement {
  const { formats, label, description } = options;
  const max = Math.max(0, ...Private.stackedMax(chart));
  const common: Plot.PlotOptions = {
    width: options.width ?? 640,
    height: chart.kind === 'categories' ? undefined : 220,
    ariaLabel: label,
    ariaDescription: description,
    style: {
      background: 'transparent',
      color: 'var(--jp-ui-font-color1)',
      fontFamily: 'var(--jp-ui-font-family)',
      fontSize: '12px'
    }
  };
  const countAxis = {
    label: chart.yLabel,
    ticks: integerTicks(max),
    tickFormat: (value: number) => formats.number(value),
    grid: true
  };
  let figure: HTMLElement | SVGSVGElement;
  if (chart.kind === 'categories') {
    figure = Plot.plot({
      ...common,
      marginLeft: 150,
      x: countAxis,
      y: { label: null },
      marks: [
        Plot.barX(chart.points, {
          x: 'y',
          y: 'x',
          sort: { y: '-x' },
          fill: 'var(--jp-brand-color1)',
          ariaHidden: 'true'
        }),
        Plot.ruleX([0])
      ]
    });
  } else if (chart.kind === 'weeks') {
    // One band per week (a time axis would stretch a single week across the chart),
    // stacked by series, with at most about 12 labels.
    const weeks = [...new Set(chart.points.map(point => point.x))].sort();
    const step = Math.ceil(weeks.length / 12);
    figure = Plot.plot({
      ...common,
      marginLeft: 50,
      x: {
        type: 'band',
        domain: weeks,
        label: null,
        ticks: weeks.filter((_, index) => index % step === 0),
        tickFormat: (week: string) => formats.shortDay(week)
      },
      y: countAxis,
      color: { legend: true, label: chart.seriesLabel, scheme: 'observable10' },
      marks: [
        Plot.barY(chart.points, {
          x: 'x',
          y: 'y',
          fill: 'series',
          ariaHidden: 'true'
        }),
        Plot.ruleY([0])
      ]
    });
  } else {
    figure = Plot.plot({
      ...common,
      marginLeft: 50,
      x: {
        type: 'utc',
        label: null,
        tickFormat: (day: Date) => formats.shortDay(day)
      },
      y: countAxis,
      marks: [
        Plot.rectY(chart.points, {
          x: point => Private.day(point.x),
          y: 'y',
          interval: 'day',
          fill: 'var(--jp-brand-color1)',
          inset: 0.5,
          ariaHidden: 'true'
        }),
        Plot.ruleY([0])
      ]
    });
  }
  // With a legend, Plot wraps the chart in a figure whose swatches are SVGs too.
  const svg =
    figure instanceof SVGSVGElement
      ? figure
      : figure.querySelector(':scope > svg');
  if (svg) {
    // The marks' own names (« rule », « bar ») are English, and a name on a plain
    // group is not allowed: the image's name says it all.
    for (const named of svg.querySelectorAll(
      '[aria-label], [aria-description]'
    )) {
      named.removeAttribute('aria-label');
      named.removeAttribute('aria-description');
    }
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', `${label}. ${description}`);
    svg.removeAttribute('aria-description');
  }
  return figure;
}

/**
 * The renderChart options.
 */
export namespace renderChart {
  export interface IOptions {
    formats: Formats;
    /** The chart's name (its section's title). */
    label: string;
    /** What it shows, in words (its section's summary). */
    description: string;
    width?: number;
  }
}

/**
 * Ticks of a count axis: whole numbers only (half a pupil means nothing); every one up
 * to 5, otherwise about 5 round steps.
 */
export function integerTicks(max: number): number[] {
  const top = Math.max(1, Math.ceil(max));
  if (top <= 5) {
    return Array.from({ length: top + 1 }, (_, i) => i);
  }
  const rough = top / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 5, 10].map(f => f * power).find(s => s >= rough) ?? 10 * power;
  return Array.from({ length: Math.floor(top / step) + 1 }, (_, i) => i * step);
}

namespace Private {
  export function day(day: string): Date {
    return new Date(`${day}T00:00:00Z`);
  }

  /** The height of each bar, stacked series added up. */
  export function stackedMax(chart: IChart): number[] {
    const sums = new Map<string, number>();
    for (const point of chart.points) {
      sums.set(point.x, (sums.get(point.x) ?? 0) + point.y);
    }
    return [...sums.values()];
  }
}
