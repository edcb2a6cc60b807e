/**
 * A record of a CSV file: its fields and the line it starts on (1 = first line).
 */
export interface ICsvRecord {
  line: number;
  fields: string[];
}

/**
 * A CSV text that cannot be read (an unterminated quoted field).
 */
export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

/**
 * Parse CSV text (RFC 4180): fields separated by commas, records by CRLF, LF or CR;
 * a field in double quotes may hold commas, line breaks and doubled quotes (`""`).
 * A leading byte order mark is dropped; blank lines are skipped. A quote inside an
 * unquoted field is kept as is, as most spreadsheets write it.
 *
 * @throws {CsvError} for a quoted field that never ends, or text after its closing quote.
 */
export function parseCsv(text: string): ICsvRecord[] {
  const records: ICsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // Whether the current record has any content (to skip blank lines).
  let started = false;

  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    if (started) {
      records.push({ line: recordLine, fields });
    }
    fields = [];
    started = false;
  };

  while (i < text.length) {
    const char = text[i];
    if (char === '"' && field === '') {
      // A quoted field: read up to its closing quote.
      started = true;
      const openedOn = line;
      i++;
      for (;;) {
        if (i >= text.length) {
          throw new CsvError(
            openedOn,
            'guillemet ouvrant sans guillemet fermant'
          );
        }
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\r' || c === '\n') {
          line++;
          if (c === '\r' && text[i + 1] === '\n') {
            field += '\r';
            i++;
          }
        }
        field += text[i];
        i++;
      }
      const next = text[i];
      if (
        next !== undefined &&
        next !== ',' &&
        next !== '\r' &&
        next !== '\n'
      ) {
        throw new CsvError(line, 'texte après un guillemet fermant');
      }
      // Mark the field as quoted-and-done so that an empty quoted field counts.
      continue;
    }
    if (char === ',') {
      started = true;
      endField();
      i++;
    } else if (char === '\r' || char === '\n') {
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
      endRecord();
      line++;
      recordLine = line;
    } else {
      started = true;
      field += char;
      i++;
    }
  }
  if (started || field !== '') {
    endRecord();
  }
  return records;
}

/**
 * CSV records read through their header line: each row maps column names (trimmed) to
 * values. Missing trailing fields read as empty strings.
 *
 * @throws {CsvError} as {@link parseCsv}, or when a `required` column is absent.
 */
export function parseCsvTable(
  text: string,
  required: readonly string[] = []
): {
  columns: string[];
  rows: { line: number; values: Record<string, string> }[];
} {
  const [header, ...records] = parseCsv(text);
  const columns = (header?.fields ?? []).map(name => name.trim());
  const missing = required.filter(name => !columns.includes(name));
  if (missing.length) {
    throw new CsvError(
      1,
      `colonne${missing.length > 1 ? 's' : ''} absente${missing.length > 1 ? 's' : ''} : ${missing.join(', ')}`
    );
  }
  const rows = records.map(record => {
    const values: Record<string, string> = {};
    columns.forEach((name, index) => {
      values[name] = record.fields[index] ?? '';
    });
    return { line: record.line, values };
  });
  return { columns, rows };
}
