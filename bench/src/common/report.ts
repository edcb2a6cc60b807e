/**
 * Figures: order statistics and plain-text tables.
 */
import * as os from 'os';
import * as fs from 'fs';

/**
 * The `p`-th percentile (0–100) of `values`, nearest rank.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) {
    return NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/**
 * The median of `values` (mean of the two middle values for an even count).
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) {
    return NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Print a table with right-aligned figures; the first column is left-aligned.
 */
export function printTable(
  header: readonly string[],
  rows: readonly (readonly string[])[]
): void {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map(row => (row[column] ?? '').length))
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0
          ? cell.padEnd(widths[column])
          : cell.padStart(widths[column])
      )
      .join('  ');
  console.log(line(header));
  console.log(widths.map(width => '-'.repeat(width)).join('  '));
  for (const row of rows) {
    console.log(line(row));
  }
}

/**
 * A duration in milliseconds with a sensible precision.
 */
export function ms(value: number): string {
  if (!Number.isFinite(value)) {
    return '–';
  }
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(2)} ms`;
}

/**
 * Bytes as MiB with one decimal.
 */
export function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/**
 * A ratio, `1.23×`.
 */
export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '–';
}

/**
 * A verdict for a target.
 */
export function verdict(met: boolean): string {
  return met ? 'met' : 'NOT met';
}

/**
 * One line about the machine: CPUs, memory, load (other work skews the figures).
 */
export function describeMachine(): string {
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3);
  return `${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'}), ${(
    os.totalmem() /
    2 ** 30
  ).toFixed(1)} GiB, load average ${load.join(' ')}, Node ${process.version}`;
}
