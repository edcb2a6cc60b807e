import { CsvError, parseCsv, parseCsvTable } from '../src/rosters/csv';

describe('parseCsv', () => {
  const fields = (text: string) => parseCsv(text).map(record => record.fields);

  it('splits plain fields and records, LF, CRLF and CR alike', () => {
    expect(fields('a,b\n1,2\r\n3,4\r5,6')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6']
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(
      fields('"Dupont, Jean","dit ""JD""","ligne 1\r\nligne 2"\n')
    ).toEqual([['Dupont, Jean', 'dit "JD"', 'ligne 1\r\nligne 2']]);
  });

  it('keeps empty fields, empty quoted fields and a trailing empty field', () => {
    expect(fields('a,,""\n,x,')).toEqual([
      ['a', '', ''],
      ['', 'x', '']
    ]);
  });

  it('drops a byte order mark and skips blank lines', () => {
    expect(fields('\ufeffsourcedId,name\n\n\r\nx,y\n\n')).toEqual([
      ['sourcedId', 'name'],
      ['x', 'y']
    ]);
  });

  it('numbers records by the line they start on', () => {
    expect(parseCsv('h\n"a\nb"\nc').map(record => record.line)).toEqual([
      1, 2, 4
    ]);
  });

  it('keeps a quote inside an unquoted field', () => {
    expect(fields('l\'école "A",b')).toEqual([['l\'école "A"', 'b']]);
  });

  it('refuses an unterminated quote and text after a closing quote', () => {
    expect(() => parseCsv('a\n"b,c\n')).toThrow(CsvError);
    expect(() => parseCsv('a\n"b,c\n')).toThrow(
      expect.objectContaining({ line: 2 })
    );
    expect(() => parseCsv('"a"b,c')).toThrow(CsvError);
  });

  it('reads nothing from an empty text', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\r\n')).toEqual([]);
  });
});

describe('parseCsvTable', () => {
  it('maps rows through the header, missing trailing fields empty', () => {
    const table = parseCsvTable(' sourcedId ,name,type\no1,Lycée\n', [
      'sourcedId'
    ]);
    expect(table.columns).toEqual(['sourcedId', 'name', 'type']);
    expect(table.rows).toEqual([
      { line: 2, values: { sourcedId: 'o1', name: 'Lycée', type: '' } }
    ]);
  });

  it('refuses a file without a required column', () => {
    expect(() => parseCsvTable('id,name\n1,x', ['sourcedId', 'name'])).toThrow(
      /colonne absente : sourcedId/
    );
  });
});
