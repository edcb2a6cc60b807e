/**
 * What the browser benchmarks share about notebooks: writing a one-cell notebook in a
 * user's home, and waiting, from a page, until the server has a kernel for it that is
 * idle with a client connected.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { setTimeout as sleep } from 'timers/promises';

/**
 * A session as the Jupyter server's `/api/sessions` lists it (the fields read here).
 */
export interface ISession {
  id: string;
  path: string;
  kernel: { execution_state: string; connections: number } | null;
}

/**
 * The kernelspec of a notebook's metadata.
 */
export interface IKernelspec {
  name: string;
  display_name: string;
}

/** The server's own Python 3 kernel. */
export const PYTHON3: IKernelspec = {
  name: 'python3',
  display_name: 'Python 3 (ipykernel)'
};

/**
 * Write `<dir>/<name>`: a one-cell notebook (`print("Bonjour")`) on `kernelspec`, with
 * `candyce` as its Candyce metadata when given.
 */
export function writeNotebook(
  dir: string,
  name: string,
  kernelspec: IKernelspec = PYTHON3,
  candyce?: Record<string, unknown>
): void {
  fs.writeFileSync(
    path.join(dir, name),
    JSON.stringify({
      cells: [
        {
          cell_type: 'code',
          execution_count: null,
          id: 'a1',
          metadata: {},
          outputs: [],
          source: ['print("Bonjour")']
        }
      ],
      metadata: {
        kernelspec: { ...kernelspec, language: 'python' },
        ...(candyce ? { candyce } : {})
      },
      nbformat: 4,
      nbformat_minor: 5
    })
  );
}

/**
 * Poll the server's sessions from the page (with its cookies) until one, of `notebook`
 * when given, has an idle kernel with a client connected.
 *
 * @param sessionsUrl - the server's `/api/sessions`, with `?token=` if it needs one.
 * @returns that session.
 * @throws after `timeoutMs` (180 s) without one.
 */
export async function waitForIdleKernel(
  page: Page,
  sessionsUrl: string,
  options: { notebook?: string; intervalMs?: number; timeoutMs?: number } = {}
): Promise<ISession> {
  const { notebook, intervalMs = 500, timeoutMs = 180_000 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const sessions = (await page.evaluate(async url => {
      const response = await fetch(url);
      return response.ok ? response.json() : [];
    }, sessionsUrl)) as ISession[];
    const session = sessions.find(
      item =>
        (notebook === undefined || item.path === notebook) &&
        item.kernel?.execution_state === 'idle' &&
        item.kernel.connections > 0
    );
    if (session) {
      return session;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${notebook ?? 'the notebook'}: no idle kernel after ${timeoutMs / 1000} s`
      );
    }
    await sleep(intervalMs);
  }
}
