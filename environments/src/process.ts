/**
 * Running pip, uv and Python: output streamed line by line, and cancellation that stops
 * the whole process group (pip starts build backends of its own) before resolving, so
 * that nothing writes into a directory the caller is about to remove.
 */
import { spawn } from 'node:child_process';

import { cancelledError } from './errors';

/** How to run one command. */
export interface IRunOptions {
  /** Environment variables of the command (the whole environment, not additions). */
  env?: NodeJS.ProcessEnv;
  /** Working directory. */
  cwd?: string;
  /** Stops the command; the promise then rejects with a `cancelled` error. */
  signal?: AbortSignal;
  /** Called with each line the command prints, stdout and stderr alike. */
  onLine?: (line: string) => void;
}

/** What a finished command said. */
export interface IRunResult {
  /** Exit code (non-zero when a signal ended it). */
  code: number;
  /** Everything written on stdout. */
  stdout: string;
  /** Everything written on stderr. */
  stderr: string;
}

/** Run a command to its end; rejects only when cancelled or when it cannot start. */
export function run(
  command: string,
  args: string[],
  options: IRunOptions = {}
): Promise<IRunResult> {
  const { signal } = options;
  if (signal?.aborted) {
    return Promise.reject(cancelledError());
  }
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that cancelling also stops pip's subprocesses.
      detached: true
    });
    const out: string[] = [];
    const err: string[] = [];
    const collect = (chunks: string[]) => {
      let pending = '';
      return (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        chunks.push(text);
        pending += text;
        const lines = pending.split(/\r?\n|\r/);
        pending = lines.pop() ?? '';
        for (const line of lines) {
          options.onLine?.(line);
        }
      };
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    const abort = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    signal?.addEventListener('abort', abort, { once: true });
    child.on('error', error => {
      signal?.removeEventListener('abort', abort);
      reject(error);
    });
    child.on('close', code => {
      signal?.removeEventListener('abort', abort);
      if (signal?.aborted) {
        reject(cancelledError());
        return;
      }
      resolve({ code: code ?? 1, stdout: out.join(''), stderr: err.join('') });
    });
  });
}
