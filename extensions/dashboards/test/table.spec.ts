import { csvFileName, toCsv } from '../src/table';
import type { ITable } from '../src/table';

const TABLE: ITable = {
  caption: 'Élèves',
  fileName: 'eleves.csv',
  columns: [{ label: 'Élève' }, { label: 'Note', numeric: true }],
  rows: [
    ['Zoé; la "première"', 15.5],
    ['=HYPERLINK("x")', null],
    ['-1', -2],
    ['Line\nbreak', 0]
  ]
};

describe('toCsv', () => {
  it('writes a BOM, `;` separators, CRLF and French decimal commas', () => {
    const csv = toCsv(TABLE, true);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('Élève;Note');
    expect(lines[1]).toBe('"Zoé; la ""première""";15,5');
    expect(lines[lines.length - 1]).toBe('');
  });

  it('keeps a spreadsheet from running text as a formula, not numbers', () => {
    const lines = toCsv(TABLE, true).slice(1).split('\r\n');
    expect(lines[2]).toBe('"\'=HYPERLINK(""x"")";');
    expect(lines[3]).toBe("'-1;-2");
  });

  it('quotes line breaks and writes missing figures as empty fields', () => {
    const csv = toCsv(TABLE, false);
    expect(csv).toContain('"Line\nbreak";0');
    expect(csv).toContain(';\r\n');
    expect(toCsv(TABLE, false)).toContain('15.5');
  });
});

describe('csvFileName', () => {
  it('keeps ASCII letters, digits and dashes', () => {
    expect(csvFileName('élèves', '2de B', '2026-11-08-2026-12-07')).toBe(
      'eleves-2de-b-2026-11-08-2026-12-07.csv'
    );
    expect(csvFileName('«»')).toBe('tableau.csv');
  });
});
