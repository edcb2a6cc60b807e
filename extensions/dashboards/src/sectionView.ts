import type { TranslationBundle } from '@jupyterlab/translation';

import type { Formats } from './format';
import type { ISection } from './sections';
import type { ITable } from './table';
import { downloadCsv } from './table';

/**
 * One indicator on screen: heading, notice, summary, chart (an image named by its
 * summary) with its data as a table in a disclosure, or the table itself for a list,
 * and a button that downloads the table as CSV; then the section's second table, if
 * any, with its own button.
 *
 * The chart is drawn once the charting library has loaded: it is loaded only when a
 * dashboard is shown, not with JupyterLab (`drawn` resolves then; without it, the
 * summary and the table still say everything).
 */
export function renderSection(
  section: ISection,
  options: IViewOptions
): { node: HTMLElement; drawn: Promise<void> } {
  let drawn = Promise.resolve();
  const { trans, formats } = options;
  const node = document.createElement('section');
  node.className = 'cdc-Dashboard-section';
  const headingId = `${options.idPrefix}-${section.indicator}`;
  node.setAttribute('aria-labelledby', headingId);
  const heading = Private.element('h3', section.title);
  heading.id = headingId;
  node.appendChild(heading);
  if (section.notice) {
    node.appendChild(
      Private.element('p', section.notice, 'cdc-Dashboard-notice')
    );
  }
  if (section.chart) {
    const figure = document.createElement('figure');
    figure.className = 'cdc-Dashboard-chart';
    const place = document.createElement('div');
    place.className = 'cdc-Dashboard-plot';
    figure.appendChild(place);
    const chart = section.chart;
    drawn = import('./chart')
      .then(({ renderChart }) =>
        place.replaceChildren(
          renderChart(chart, {
            formats,
            label: section.title,
            description: section.summary
          })
        )
      )
      .catch(reason => console.warn('Candyce dashboards: no chart', reason));
    figure.appendChild(
      Private.element('figcaption', section.summary, 'cdc-Dashboard-summary')
    );
    node.appendChild(figure);
  } else {
    node.appendChild(
      Private.element('p', section.summary, 'cdc-Dashboard-summary')
    );
  }
  const table = renderTable(section.table, options);
  if (section.tableShown) {
    node.appendChild(table);
  } else {
    const details = document.createElement('details');
    details.className = 'cdc-Dashboard-data';
    details.appendChild(
      Private.element('summary', trans.__('Data table of the chart'))
    );
    details.appendChild(table);
    node.appendChild(details);
  }
  node.appendChild(csvButton(section.table, options));
  if (section.more) {
    node.appendChild(renderTable(section.more, options));
    node.appendChild(csvButton(section.more, options));
  }
  return { node, drawn };
}

/**
 * What the views need.
 */
export interface IViewOptions {
  trans: TranslationBundle;
  formats: Formats;
  /** Prefix of the ids in this panel (two panels are in one document). */
  idPrefix: string;
}

/**
 * A table in a scrolling box that the keyboard can reach (a wide table scrolls in
 * itself, never the page sideways).
 */
export function renderTable(table: ITable, options: IViewOptions): HTMLElement {
  const { trans, formats } = options;
  const box = document.createElement('div');
  box.className = 'cdc-Dashboard-tableBox';
  box.tabIndex = 0;
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', table.caption);
  const node = document.createElement('table');
  node.className = 'cdc-Dashboard-table';
  node.appendChild(Private.element('caption', table.caption));
  const head = node.createTHead().insertRow();
  for (const column of table.columns) {
    const th = Private.element('th', column.label);
    th.setAttribute('scope', 'col');
    if (column.numeric) {
      th.classList.add('cdc-mod-numeric');
    }
    head.appendChild(th);
  }
  const body = node.createTBody();
  if (!table.rows.length) {
    const cell = body.insertRow().insertCell();
    cell.colSpan = table.columns.length;
    cell.textContent = trans.__('Nothing over this period.');
  }
  for (const row of table.rows) {
    const tr = body.insertRow();
    row.forEach((value, index) => {
      const cell = Private.element(
        index === 0 ? 'th' : 'td',
        value === null
          ? '—'
          : typeof value === 'number'
            ? formats.number(value)
            : value
      );
      if (index === 0) {
        cell.setAttribute('scope', 'row');
      }
      if (table.columns[index]?.numeric) {
        cell.classList.add('cdc-mod-numeric');
      }
      tr.appendChild(cell);
    });
  }
  box.appendChild(node);
  return box;
}

function csvButton(table: ITable, options: IViewOptions): HTMLElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'jp-Button jp-mod-styled jp-mod-reject cdc-Dashboard-csv';
  button.appendChild(document.createTextNode(options.trans.__('Download CSV')));
  // The accessible name begins with the visible words and says which table.
  button.appendChild(
    Private.element('span', ` (${table.caption})`, 'cdc-Dashboard-srOnly')
  );
  button.addEventListener('click', () =>
    downloadCsv(table, options.formats.decimalComma)
  );
  return button;
}

namespace Private {
  export function element<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    text: string,
    className?: string
  ): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag);
    node.textContent = text;
    if (className) {
      node.className = className;
    }
    return node;
  }
}
