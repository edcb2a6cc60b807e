/**
 * A cell of a dashboard table: text (already in the reader's words: a name, a date, a
 * state), a count, or `null` for a figure that is not collected.
 */
export type CellValue = string | number | null;

/**
 * A column of a dashboard table.
 */
export interface IColumn {
  /** Its heading, in the reader's language. */
  label: string;
  /** Whether it holds numbers (aligned right). */
  numeric?: boolean;
}

/**
 * The data of a chart or a list, as a table: what is shown as the chart's alternative
 * and what the CSV export writes.
 */
export interface ITable {
  /** What the table holds (its `<caption>`). */
  caption: string;
  columns: IColumn[];
  rows: CellValue[][];
  /** The CSV file's name, without folder. */
  fileName: string;
}

/**
 * The CSV text of a table for a spreadsheet: a byte-order mark and `;` between fields,
 * as French Excel opens a file by a double click (it reads UTF-8 only after a BOM, and
 * `,` is its decimal separator, not its list separator); CRLF line ends (RFC 4180).
 * Numbers with a decimal comma when `decimalComma`. A missing figure is an empty field.
 * Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) is prefixed with
 * `'` (a pupil's display name is theirs to choose).
 */
export function toCsv(table: ITable, decimalComma: boolean): string {
  const lines = [
    table.columns.map(column => Private.field(column.label)),
    ...table.rows.map(row =>
      row.map(value =>
        value === null
          ? ''
          : typeof value === 'number'
            ? Private.number(value, decimalComma)
            : Private.field(value)
      )
    )
  ];
  return '\uFEFF' + lines.map(fields => fields.join(';')).join('\r\n') + '\r\n';
}

/**
 * A file name from words (a dashboard, a class, a period): ASCII letters, digits and
 * dashes, so that every system and mail client keeps it as it is.
 */
export function csvFileName(...parts: string[]): string {
  const slug = parts
    .join('-')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'tableau'}.csv`;
}

/**
 * Have the browser save a table as a CSV file.
 */
export function downloadCsv(table: ITable, decimalComma: boolean): void {
  const blob = new Blob([toCsv(table, decimalComma)], {
    type: 'text/csv;charset=utf-8'
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = table.fileName;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL is no longer needed after it.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

namespace Private {
  export function field(text: string): string {
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  }

  export function number(value: number, decimalComma: boolean): string {
    const text = String(value);
    return decimalComma ? text.replace('.', ',') : text;
  }
}
