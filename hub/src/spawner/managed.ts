/**
 * One server process: launched in its own process group, watched, and ended for sure.
 */
import { ChildProcess, spawn } from 'child_process';
import * as os from 'os';
import { setTimeout as sleep } from 'timers/promises';

import { OutputTail } from './output';
import {
  findDescendants,
  findSandboxedCommand,
  signalQuietly
} from './processes';

/**
 * How to launch the process.
 */
export interface IManagedProcessOptions {
  /** The program and its arguments; the program is looked up in `env.PATH`. */
  readonly argv: readonly string[];
  /** Its whole environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Its working folder. */
  readonly cwd: string;
  /** The port it will listen on, kept so that no other server gets it meanwhile. */
  readonly port: number;
}

/**
 * A child process in its own process group, with the end of its output kept and its exit
 * observable. Node reaps it, so it never stays a zombie.
 */
export class ManagedProcess {
  /**
   * Launch the process now; a launch failure shows as `launchError` and an exit.
   */
  constructor(options: IManagedProcessOptions) {
    this.port = options.port;
    this._child = spawn(options.argv[0], options.argv.slice(1), {
      cwd: options.cwd,
      env: options.env,
      detached: true, // its own process group, which `end` signals as a whole
      stdio: ['ignore', 'pipe', 'pipe']
    });
    for (const stream of [this._child.stdout, this._child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => this._output.push(chunk));
    }
    this.exited = new Promise<number>(resolve => {
      this._child.once('exit', (code, signal) => {
        resolve(code ?? 128 + (signal ? os.constants.signals[signal] : 0));
      });
      this._child.on('error', error => {
        if (this._child.pid === undefined) {
          this.launchError = error;
          resolve(127);
        }
      });
    }).then(exitCode => {
      this._exitCode = exitCode;
      this._exitController.abort();
      return exitCode;
    });
  }

  /** The port it listens on. */
  readonly port: number;

  /** Resolves with the exit code (128 + signal number if killed) once it has exited. */
  readonly exited: Promise<number>;

  /** Set if the program could not be launched at all. */
  launchError: Error | null = null;

  /** Its process id; 0 if it could not be launched. */
  get pid(): number {
    return this._child.pid ?? 0;
  }

  /** Its exit code, or `null` while it runs. */
  get exitCode(): number | null {
    return this._exitCode;
  }

  /** Aborted once it has exited. */
  get exitSignal(): AbortSignal {
    return this._exitController.signal;
  }

  /** Whether `end` was called: an exit is then expected. */
  get ending(): boolean {
    return this._ending;
  }

  /** The last lines it wrote (stdout and stderr). */
  get output(): string {
    return this._output.toString();
  }

  /**
   * End it and wait for its exit. First SIGTERM, so that the server saves and stops its
   * kernels: to its process group, or, in a sandbox, to the command inside (a signal to
   * bwrap itself would kill the sandbox at once). After `graceMs`, SIGKILL to the group
   * and every descendant, which also takes down the sandbox's whole PID namespace.
   */
  async end(sandboxed: boolean, graceMs: number): Promise<void> {
    this._ending = true;
    if (this._exitCode !== null || this.pid === 0) {
      return;
    }
    const command = sandboxed ? findSandboxedCommand(this.pid) : null;
    signalQuietly(command ?? -this.pid, 'SIGTERM');
    const exitedInTime = await Promise.race([
      this.exited.then(() => true),
      sleep(graceMs, false, { signal: this.exitSignal }).catch(() => true)
    ]);
    if (!exitedInTime) {
      for (const descendant of findDescendants(this.pid)) {
        signalQuietly(descendant.pid, 'SIGKILL');
      }
      signalQuietly(-this.pid, 'SIGKILL');
      await this.exited;
    }
  }

  private readonly _child: ChildProcess;
  private readonly _output = new OutputTail();
  private readonly _exitController = new AbortController();
  private _exitCode: number | null = null;
  private _ending = false;
}
