/**
 * wrk, the HTTP load generator (Debian: `apt-get install wrk`), and its figures.
 */
import { run } from './processes';

/**
 * What one wrk run measured.
 */
export interface IWrkResult {
  /** Requests per second over the run. */
  readonly rps: number;
  /** Latency percentiles, in milliseconds. */
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  /** Answers with a status other than 2xx/3xx, plus socket errors. */
  readonly errors: number;
}

/**
 * How to run wrk.
 */
export interface IWrkOptions {
  readonly url: string;
  readonly headers?: Record<string, string>;
  /** Open connections (one thread drives them all). */
  readonly connections: number;
  readonly seconds: number;
  /** CPU list for `taskset -c`. */
  readonly cpu?: string;
}

/**
 * Whether wrk is installed.
 */
export async function hasWrk(): Promise<boolean> {
  try {
    await run(['sh', '-c', 'command -v wrk']);
    return true;
  } catch {
    return false;
  }
}

/**
 * Run wrk once and parse its report (`--latency` gives the percentiles).
 */
export async function runWrk(options: IWrkOptions): Promise<IWrkResult> {
  const argv = [
    'wrk',
    '-t1',
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '--timeout',
    '10s',
    '--latency'
  ];
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    argv.push('-H', `${name}: ${value}`);
  }
  argv.push(options.url);
  const out = await run(argv, { cpu: options.cpu });
  return Private.parse(out);
}

namespace Private {
  const UNITS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60000 };

  function duration(text: string): number {
    const match = text.match(/^([\d.]+)(us|ms|s|m)$/);
    if (!match) {
      throw new Error(`unreadable wrk duration ${text}`);
    }
    return Number(match[1]) * UNITS[match[2]];
  }

  export function parse(out: string): IWrkResult {
    const percentileOf = (p: string) => {
      const match = out.match(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm'));
      if (!match) {
        throw new Error(`no ${p}% latency in wrk's report:\n${out}`);
      }
      return duration(match[1]);
    };
    const rps = out.match(/^Requests\/sec:\s+([\d.]+)/m);
    const requests = out.match(/^\s+(\d+) requests in/m);
    if (!rps || !requests) {
      throw new Error(`unreadable wrk report:\n${out}`);
    }
    const non2xx = Number(
      out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0
    );
    const socketErrors = out.match(
      /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/
    );
    const errors =
      non2xx +
      (socketErrors
        ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0)
        : 0);
    return {
      rps: Number(rps[1]),
      p50: percentileOf('50'),
      p99: percentileOf('99'),
      requests: Number(requests[1]),
      errors
    };
  }
}
