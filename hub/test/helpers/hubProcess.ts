import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';

/**
 * A real hub in a child process (`src/cli.ts serve`, transpiled on load by
 * transpileTs.js), so that a test can end it as a crash does (SIGKILL) or as a service
 * manager does (SIGTERM), and see what outlives it.
 */
export class HubProcess {
  private constructor(
    private readonly _child: ChildProcess,
    /** The hub's URL. */
    readonly url: string,
    private readonly _output: { text: string }
  ) {
    this.exited = new Promise(resolve =>
      _child.once('exit', (code, signal) => resolve({ code, signal }))
    );
  }

  /**
   * Start a hub with these `CANDYCE_*` variables (and nothing else from the test's
   * environment but `PATH`); resolves once it listens.
   *
   * @throws when it exits or says nothing for 60 s.
   */
  static async start(env: Record<string, string>): Promise<HubProcess> {
    const child = spawn(
      process.execPath,
      [
        '-r',
        path.join(__dirname, 'transpileTs.js'),
        path.join(__dirname, '..', '..', 'src', 'cli.ts'),
        'serve'
      ],
      {
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          // No home images (mounts that outlive a killed hub): limits.spec.ts tries them.
          CANDYCE_USER_HOME_QUOTA_MB: '0',
          ...env
        },
        stdio: ['ignore', 'pipe', 'pipe']
      }
    );
    const output = { text: '' };
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (output.text += chunk));
    }
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the hub did not start in 60 s:\n${output.text}`));
      }, 60_000);
      child.stdout!.on('data', () => {
        const match = output.text.match(/Candyce est prêt : (\S+)\/hub\/login/);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', code => {
        clearTimeout(timer);
        reject(new Error(`the hub exited (${code}):\n${output.text}`));
      });
    });
    return new HubProcess(child, url, output);
  }

  /** Resolves once it has exited. */
  readonly exited: Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
  }>;

  /** Its process id. */
  get pid(): number {
    return this._child.pid!;
  }

  /** Everything it wrote (pino's JSON lines, the start message). */
  get output(): string {
    return this._output.text;
  }

  /** The JSON log lines it wrote, parsed. */
  get logs(): Record<string, unknown>[] {
    return this.output
      .split('\n')
      .filter(line => line.startsWith('{'))
      .map(line => JSON.parse(line));
  }

  /** Send a signal and wait for the exit. */
  async stop(signal: NodeJS.Signals): Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
  }> {
    if (this._child.exitCode === null && this._child.signalCode === null) {
      this._child.kill(signal);
    }
    return this.exited;
  }
}
