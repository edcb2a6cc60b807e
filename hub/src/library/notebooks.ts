import Ajv, { ValidateFunction } from 'ajv-draft-04';
import * as fs from 'fs';
import * as path from 'path';

import { DomainError, IMessage, trans } from '../errors';

/**
 * The nbformat 4 JSON schemas, as published by the `nbformat` package (see
 * hub/data/nbformat/README.md): the one definition of a valid notebook.
 */
const SCHEMA_DIR = path.join(__dirname, '..', '..', 'data', 'nbformat');

/**
 * What the library reads from a notebook.
 */
export interface INotebookText {
  /** Markdown and code sources, for the search index (outputs are not indexed). */
  text: string;
}

/**
 * Parse and validate a notebook file, as nbformat would: JSON, then the nbformat 4 schema
 * of its minor version.
 *
 * @param bytes - the file as uploaded.
 * @param name - its path in the resource, for the error message.
 * @throws {DomainError} 400 `invalid_notebook` with a French message naming the file and
 *   the first problem found.
 */
export function readNotebook(bytes: Buffer, name: string): INotebookText {
  let notebook: unknown;
  try {
    notebook = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    );
  } catch {
    throw Private.invalid(name, trans.__('it is not a UTF-8 JSON file'));
  }
  const record = notebook as { nbformat?: unknown; nbformat_minor?: unknown };
  if (
    typeof notebook !== 'object' ||
    notebook === null ||
    record.nbformat !== 4 ||
    typeof record.nbformat_minor !== 'number'
  ) {
    throw Private.invalid(
      name,
      trans.__('it is not a format 4 notebook (“nbformat”: 4 expected)')
    );
  }
  const validate = Private.validator(record.nbformat_minor);
  if (!validate(notebook)) {
    const first = validate.errors?.[0];
    const where = first?.instancePath || '/';
    throw Private.invalid(
      name,
      trans.__(
        'it does not follow the nbformat 4.%1 schema (%2: %3)',
        Math.min(record.nbformat_minor, Private.LATEST_MINOR),
        where,
        first?.message ?? 'invalide'
      )
    );
  }
  const cells = (
    notebook as { cells: { cell_type: string; source: string | string[] }[] }
  ).cells;
  const text = cells
    .filter(cell => cell.cell_type === 'markdown' || cell.cell_type === 'code')
    .map(cell =>
      Array.isArray(cell.source) ? cell.source.join('') : cell.source
    )
    .join('\n');
  return { text };
}

namespace Private {
  export const LATEST_MINOR = 5;

  const validators = new Map<number, ValidateFunction>();

  /**
   * The validator of a minor version; a newer minor than we know is checked against the
   * latest schema, as nbformat does.
   */
  export function validator(minor: number): ValidateFunction {
    const known = Math.max(0, Math.min(Math.floor(minor), LATEST_MINOR));
    let validate = validators.get(known);
    if (!validate) {
      const schema = JSON.parse(
        fs.readFileSync(
          path.join(SCHEMA_DIR, `nbformat.v4.${known}.schema.json`),
          'utf8'
        )
      );
      validate = new Ajv({ allErrors: false, strict: false }).compile(schema);
      validators.set(known, validate);
    }
    return validate;
  }

  export function invalid(name: string, why: IMessage): DomainError {
    return new DomainError(
      'invalid_notebook',
      trans.__('“%1” is not a valid notebook: %2.', name, why)
    );
  }
}
