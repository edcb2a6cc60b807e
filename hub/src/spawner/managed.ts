/**
 * Server processes: launched in their own session, watched, and ended for sure, whether
 * this hub launched them or took them back from an earlier hub.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import { setTimeout as sleep } from 'timers/promises';

import { OutputTail } from './output';
import {
  findDescendants,
  findSandboxedCommand,
  IProcessIdentity,
  isSameProcess,
  signalQuietly
} from './processes';

/**
 * A server's process as the spawner sees it: the leader of its own session (and process
 * group), its output going to a log file.
 */
export interface IServerProcess {
  /** Its process id; 0 if it could not be launched. */
  readonly pid: number;
  /** Resolves once it has exited: with its exit code, or `null` when unknown. */
  readonly exited: Promise<number | null>;
  /** Whether it still runs. */
  readonly running: boolean;
  /** Its exit code once it has exited, if known. */
  readonly exitCode: number | null;
  /** Whether `end` was called: an exit is then expected. */
  readonly ending: boolean;
  /** The last lines of its log. */
  readonly output: string;
  /** End it and wait for its exit (see {@link ServerProcess.end}). */
  end(graceMs: number): Promise<void>;
}

/**
 * What the two kinds of server processes share: how they are ended, and their log.
 */
abstract class ServerProcess implements IServerProcess {
  /**
   * @param sandboxed - whether it runs bubblewrap, whose sandboxed command gets SIGTERM.
   * @param logFile - where its stdout and stderr go.
   */
  constructor(
    readonly sandboxed: boolean,
    readonly logFile: string
  ) {
    this.exited = new Promise<number | null>(resolve => {
      this._resolveExited = resolve;
    });
  }

  abstract readonly pid: number;

  readonly exited: Promise<number | null>;

  get running(): boolean {
    return !this._hasExited;
  }

  get exitCode(): number | null {
    return this._exitCode;
  }

  get ending(): boolean {
    return this._ending;
  }

  /** Aborted once it has exited. */
  get exitSignal(): AbortSignal {
    return this._exitController.signal;
  }

  /** Whether it has written anything yet. */
  get hasOutput(): boolean {
    try {
      return fs.statSync(this.logFile).size > 0;
    } catch {
      return false;
    }
  }

  get output(): string {
    return Private.readTail(this.logFile);
  }

  /**
   * End it and wait for its exit. First SIGTERM, so that the server saves and stops its
   * kernels: to its process group, or, in a sandbox, to the command inside (a signal to
   * the sandbox's outer processes would kill it at once). After `graceMs`, SIGKILL to
   * the group and every descendant, which also takes down the sandbox's whole PID
   * namespace.
   */
  async end(graceMs: number): Promise<void> {
    this._ending = true;
    if (!this._isAlive()) {
      return;
    }
    const command = this.sandboxed ? findSandboxedCommand(this.pid) : null;
    signalQuietly(command ?? -this.pid, 'SIGTERM');
    const exitedInTime = await Promise.race([
      this.exited.then(() => true),
      sleep(graceMs, false, { signal: this.exitSignal }).catch(() => true)
    ]);
    if (!exitedInTime && this._isAlive()) {
      for (const descendant of findDescendants(this.pid)) {
        signalQuietly(descendant.pid, 'SIGKILL');
      }
      signalQuietly(-this.pid, 'SIGKILL');
    }
    await this.exited;
  }

  /** Whether `pid` is still this process, so that signals reach only what is ours. */
  protected abstract _isAlive(): boolean;

  /** Record the exit (once). */
  protected _setExited(exitCode: number | null): void {
    if (this._hasExited) {
      return;
    }
    this._hasExited = true;
    this._exitCode = exitCode;
    this._exitController.abort();
    this._resolveExited(exitCode);
  }

  private _resolveExited: (exitCode: number | null) => void = () => undefined;
  private readonly _exitController = new AbortController();
  private _hasExited = false;
  private _exitCode: number | null = null;
  private _ending = false;
}

/**
 * How to launch a process.
 */
export interface IManagedProcessOptions {
  /** The program and its arguments; the program is looked up in `env.PATH`. */
  readonly argv: readonly string[];
  /** Its whole environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Its working folder. */
  readonly cwd: string;
  /** Whether it runs bubblewrap (see {@link ServerProcess.end}). */
  readonly sandboxed: boolean;
  /**
   * Where its stdout and stderr go (emptied first). A file rather than a pipe, so that
   * the server can go on writing once the hub that read the pipe is gone.
   */
  readonly logFile: string;
}

/**
 * A child process launched by this hub, in its own session (so it outlives the hub),
 * with its exit observable. Node reaps it, so it never stays a zombie.
 */
export class ManagedProcess extends ServerProcess {
  /**
   * Launch the process now; a launch failure shows as `launchError` and an exit.
   *
   * @throws when the log file cannot be created.
   */
  constructor(options: IManagedProcessOptions) {
    super(options.sandboxed, options.logFile);
    const log = fs.openSync(options.logFile, 'w', 0o600);
    try {
      this._child = spawn(options.argv[0], options.argv.slice(1), {
        cwd: options.cwd,
        env: options.env,
        detached: true, // setsid: its own session and process group, which `end` signals
        stdio: ['ignore', log, log]
      });
    } finally {
      fs.closeSync(log); // the child has its own copy
    }
    this._child.once('exit', (code, signal) => {
      this._setExited(
        code ?? 128 + (signal ? os.constants.signals[signal] : 0)
      );
    });
    this._child.on('error', error => {
      if (this._child.pid === undefined) {
        this.launchError = error;
        this._setExited(127);
      }
    });
  }

  /** Set if the program could not be launched at all. */
  launchError: Error | null = null;

  get pid(): number {
    return this._child.pid ?? 0;
  }

  protected _isAlive(): boolean {
    return this.running && this.pid !== 0;
  }

  private readonly _child: ChildProcess;
}

/**
 * How to take back a process an earlier hub launched.
 */
export interface IAdoptedProcessOptions {
  /** Its process id: the leader of its session, as {@link ManagedProcess} made it. */
  readonly pid: number;
  /** What it was when launched: a process with the same pid but another identity is not it. */
  readonly identity: IProcessIdentity;
  /** Whether it runs bubblewrap. */
  readonly sandboxed: boolean;
  /** Where its stdout and stderr go. */
  readonly logFile: string;
  /** How often to look whether it still runs, in ms. Default 500. */
  readonly pollMs?: number;
}

/**
 * A server process launched by an earlier hub. It is not this hub's child, so its exit
 * is seen by looking at `/proc` (its exit code is unknown), and it is signalled only
 * while its pid is still the process that was launched.
 */
export class AdoptedProcess extends ServerProcess {
  constructor(options: IAdoptedProcessOptions) {
    super(options.sandboxed, options.logFile);
    this.pid = options.pid;
    this._identity = options.identity;
    this._timer = setInterval(() => this._look(), options.pollMs ?? 500);
    this._timer.unref();
    this._look();
  }

  readonly pid: number;

  protected _isAlive(): boolean {
    this._look();
    return this.running;
  }

  private _look(): void {
    if (!isSameProcess(this.pid, this._identity)) {
      clearInterval(this._timer);
      this._setExited(null);
    }
  }

  private readonly _identity: IProcessIdentity;
  private readonly _timer: NodeJS.Timeout;
}

namespace Private {
  /** How much of the end of a log is read to explain a failure. */
  const TAIL_BYTES = 32 * 1024;

  /**
   * The last lines of a log file (see OutputTail), or `''` if it cannot be read.
   */
  export function readTail(file: string): string {
    let fd: number;
    try {
      fd = fs.openSync(file, 'r');
    } catch {
      return '';
    }
    try {
      const size = fs.fstatSync(fd).size;
      const start = Math.max(0, size - TAIL_BYTES);
      const buffer = Buffer.alloc(size - start);
      fs.readSync(fd, buffer, 0, buffer.length, start);
      let text = buffer.toString('utf8');
      if (start > 0) {
        // Begun in the middle of a line: drop that piece.
        text = text.slice(text.indexOf('\n') + 1);
      }
      const tail = new OutputTail();
      tail.push(text);
      return tail.toString();
    } finally {
      fs.closeSync(fd);
    }
  }
}
