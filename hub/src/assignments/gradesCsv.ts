import { IProgressRow } from './review';
import { LearnerState } from './views';

const STATE_LABELS: Record<LearnerState, string> = {
  todo: 'à faire',
  started: 'en cours',
  submitted: 'rendu',
  late: 'en retard',
  returned: 'corrigé'
};

/**
 * The grades of an assignment as a CSV file that French spreadsheets open as is:
 * UTF-8 with a byte-order mark, `;` between fields, decimal commas.
 */
export function gradesCsv(rows: readonly IProgressRow[]): string {
  const lines = [
    [
      'Identifiant',
      'Nom',
      'État',
      'Rendu le',
      'Version',
      'En retard',
      'Note',
      'Sur',
      'Corrigé le'
    ],
    ...rows.map(row => [
      row.learner.name,
      row.learner.displayName,
      STATE_LABELS[row.state],
      row.submittedAt ?? '',
      row.version === null ? '' : String(row.version),
      row.late ? 'oui' : 'non',
      Private.decimal(row.grade),
      Private.decimal(row.maxGrade),
      row.returnedAt ?? ''
    ])
  ];
  return (
    '\ufeff' +
    lines.map(line => line.map(Private.field).join(';')).join('\r\n') +
    '\r\n'
  );
}

namespace Private {
  export function decimal(value: number | null): string {
    return value === null ? '' : String(value).replace('.', ',');
  }

  /**
   * A field quoted when needed; a text that a spreadsheet would run as a formula
   * (`=`, `+`, `-`, `@` first) is prefixed with a quote (CSV injection).
   */
  export function field(value: string): string {
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  }
}
