/**
 * Environments in hub tests: the engine's tiny local package index (no registry is
 * ever asked), the hub settings that use only it, and the hub's event streams read.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import type { ISignedIn } from '../hubHarness';

/** The repository's Candyce venv (its Python has pip). */
export const VENV = path.resolve(__dirname, '..', '..', '..', '.venv');

/** The Python version environments are made with here, `3.X` (python3's). */
export const PYTHON_VERSION = execFileSync('python3', [
  '-c',
  'import sys; print("%d.%d" % sys.version_info[:2])'
])
  .toString()
  .trim();

/**
 * Write the engine's tiny index (`environments/test/fixtures/makeIndex.py`: alpha,
 * beta, gamma/delta that cannot go together, broken and fragile that fail to build, a
 * stand-in ipykernel) into a new folder.
 *
 * @returns the folder, and the hub settings that take packages from it only.
 */
export function tinyIndex(): { folder: string; env: Record<string, string> } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'candyce-index-'));
  execFileSync(path.join(VENV, 'bin', 'python'), [
    path.join(
      __dirname,
      '..',
      '..',
      '..',
      'environments',
      'test',
      'fixtures',
      'makeIndex.py'
    ),
    folder
  ]);
  return {
    folder,
    env: {
      CANDYCE_PACKAGE_FIND_LINKS: folder,
      CANDYCE_PACKAGE_NO_INDEX: 'true',
      CANDYCE_PACKAGE_USE_PIP_CONFIG: 'false'
    }
  };
}

/** `requirements.txt` of these lines, as a software-list file. */
export function requirements(...lines: string[]) {
  return { path: 'requirements.txt', content: lines.join('\n') + '\n' };
}

/** One server-sent event. */
export interface IStreamEvent {
  event: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

/** The events of a whole `text/event-stream` body (comments skipped). */
export function parseEvents(text: string): IStreamEvent[] {
  const events: IStreamEvent[] = [];
  for (const block of text.split('\n\n')) {
    const lines = block
      .split('\n')
      .filter(line => line && !line.startsWith(':'));
    if (!lines.length) {
      continue;
    }
    const event = lines.find(l => l.startsWith('event: '))?.slice(7) ?? '';
    const data = lines
      .filter(l => l.startsWith('data: '))
      .map(l => l.slice(6))
      .join('\n');
    events.push({ event, data: JSON.parse(data) });
  }
  return events;
}

/** Call a streaming route and read its whole answer. */
export async function stream(
  who: ISignedIn,
  url: string,
  body?: unknown
): Promise<{ status: number; type: string; events: IStreamEvent[] }> {
  const response = await who.call('POST', url, body);
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    type,
    events: type.startsWith('text/event-stream') ? parseEvents(text) : []
  };
}

/** The one final event of a stream (`result` or `error`), checking there is one. */
export function outcome(events: IStreamEvent[]): IStreamEvent {
  const finals = events.filter(e => e.event !== 'progress');
  if (finals.length !== 1 || events[events.length - 1] !== finals[0]) {
    throw new Error(
      `expected one final event last, got ${events.map(e => e.event).join(', ')}`
    );
  }
  return finals[0];
}
