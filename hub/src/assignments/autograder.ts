/**
 * Running a learner's notebook to grade it: nbconvert executes it with the kernel of
 * the teacher's notebook's environment (the Candyce one unless it is pinned), in a
 * throw-away folder, inside the same bubblewrap sandbox as users' servers but without
 * network, under time and memory limits. Nothing of the learner's ever runs outside it
 * (unless the hub runs with `sandbox: none`, for development only).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { IFile } from '../storage/files';
import { giveTreeTo } from '../servers/homeOwner';
import {
  buildJupyterEnv,
  buildSandboxArgv,
  ISystemAccount,
  OutputTail,
  signalQuietly,
  withAccountPaths
} from '../sandbox';
import { IGradedCell, INotebook } from './nbgrader';

/**
 * How a grading run ended: `done`, or stopped by a limit (`timeout`, `memory`), or
 * `failed` (the notebook could not be run at all).
 */
export type RunStatus = 'done' | 'timeout' | 'memory' | 'failed';

/**
 * The result of one graded cell. `points` is `null` for cells the teacher grades.
 */
export interface ICellResult {
  path: string;
  gradeId: string;
  kind: 'tests' | 'manual';
  points: number | null;
  max: number;
  /** Why the cell earned nothing (the failing test's error…), in French. */
  reason: string | null;
}

/**
 * What grading runs need to know.
 */
export interface IAutograderOptions {
  /** The Candyce virtualenv, whose nbconvert runs the notebook (and `python3` kernel). */
  readonly venvDir: string;
  /**
   * The environments store: its kernelspecs run pinned notebooks; it is mounted
   * read-only in the sandbox. `null`: notebooks run on `python3` only.
   */
  readonly envStoreDir: string | null;
  /** The hub's data folder, hidden from the run. */
  readonly dataDir: string;
  /** Further folders to hide from the run. */
  readonly hiddenDirs?: readonly string[];
  /** `bubblewrap` (always, but in development) or `none`. */
  readonly sandbox: 'bubblewrap' | 'none';
  /** The longest a cell may run, in seconds. */
  readonly timeoutSeconds: number;
  /** The address space of each process of the run, in bytes. */
  readonly memoryLimitBytes: number;
  /**
   * The account runs are dropped to (`sandboxUids`), owner of their work folder; absent:
   * the hub's user.
   */
  readonly runAs?: ISystemAccount;
  /**
   * The processes and threads of the grading account together (`RLIMIT_NPROC`, which
   * the kernel counts per uid: applied only with `runAs`, never to the hub's own uid).
   */
  readonly processLimit?: number;
  /** The size of the run's `/tmp` and `/dev/shm`, in bytes; absent: the host's. */
  readonly tmpfsSizeBytes?: number;
}

/**
 * One notebook to run: its path in the work folder, and its graded cells.
 */
export interface INotebookToGrade {
  path: string;
  /** The notebook prepared by `forGrading`. */
  content: Buffer;
  /** The kernelspec that runs it: `python3` or its environment's `candyce-…`. */
  kernel: string;
  graded: readonly IGradedCell[];
  /** Graded answers missing from the copy: 0 points each. */
  missing: readonly string[];
}

/**
 * The outcome of grading a submission.
 */
export interface IGradingOutcome {
  status: RunStatus;
  cells: ICellResult[];
  /** The last lines nbconvert (and the kernel) wrote, to understand a failure. */
  log: string;
}

/**
 * Runs notebooks to grade them, one at a time.
 */
export class Autograder {
  constructor(private readonly _options: IAutograderOptions) {}

  /**
   * Grade notebooks: the work folder gets `files` (the learner's files, then the
   * teacher's other files), then each notebook is run in turn and scored.
   *
   * @param signal - aborting ends the run at once (hub shutting down).
   */
  async grade(
    files: readonly IFile[],
    notebooks: readonly INotebookToGrade[],
    signal?: AbortSignal
  ): Promise<IGradingOutcome> {
    // Mounts follow real paths: resolve them (at each run, the venv may be rebuilt).
    const resolved = await Private.resolve(this._options);
    const workDir = await fs.promises.realpath(
      await fs.promises.mkdtemp(path.join(os.tmpdir(), 'candyce-grading-'))
    );
    const log = new OutputTail(Private.LOG_LINES);
    const cells: ICellResult[] = [];
    let status: RunStatus = 'done';
    try {
      for (const file of files) {
        await Private.write(workDir, file.path, file.content);
      }
      for (const notebook of notebooks) {
        if (signal?.aborted) {
          status = 'failed';
          break;
        }
        await Private.write(workDir, notebook.path, notebook.content);
        if (this._options.runAs) {
          // Whatever was written since the last run (folders included) is the run's.
          await giveTreeTo(workDir, this._options.runAs);
        }
        const run = await this._run(resolved, workDir, notebook, log, signal);
        const scored = scoreNotebook(
          run.executed,
          notebook,
          this._options.timeoutSeconds
        );
        cells.push(...scored.cells);
        status = Private.worst(status, run.stopped ?? scored.status);
      }
    } finally {
      await fs.promises.rm(workDir, { recursive: true, force: true });
    }
    return { status, cells, log: log.toString() };
  }

  /**
   * Run one notebook with nbconvert; `executed` is `null` when it wrote none (killed,
   * or failed before the end).
   */
  private async _run(
    options: IAutograderOptions,
    workDir: string,
    notebook: INotebookToGrade,
    log: OutputTail,
    signal?: AbortSignal
  ): Promise<{ executed: INotebook | null; stopped: RunStatus | null }> {
    const { venvDir, envStoreDir, timeoutSeconds } = options;
    const input = path.join(workDir, notebook.path);
    const outputName = `${path.basename(notebook.path, '.ipynb')}.candyce-graded`;
    const output = path.join(path.dirname(input), `${outputName}.ipynb`);
    const argv = commandLine(options, workDir, [
      path.join(venvDir, 'bin', 'jupyter'),
      'nbconvert',
      '--to',
      'notebook',
      '--execute',
      // The teacher's notebook's environment, whatever kernel the copy names.
      `--ExecutePreprocessor.kernel_name=${notebook.kernel}`,
      '--ExecutePreprocessor.allow_errors=True',
      `--ExecutePreprocessor.timeout=${timeoutSeconds}`,
      // A cell over time is interrupted; the next cells still run.
      '--ExecutePreprocessor.interrupt_on_timeout=True',
      '--output',
      outputName,
      input
    ]);
    const child = spawn(argv[0], argv.slice(1), {
      cwd: workDir,
      env: {
        ...buildJupyterEnv(venvDir, workDir),
        ...(envStoreDir
          ? { JUPYTER_PATH: path.join(envStoreDir, 'jupyter') }
          : {})
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true
    });
    child.stdout.setEncoding('utf8').on('data', chunk => log.push(chunk));
    child.stderr.setEncoding('utf8').on('data', chunk => log.push(chunk));
    let stopped: RunStatus | null = null;
    const kill = (why: RunStatus) => {
      stopped ??= why;
      if (child.pid !== undefined) {
        signalQuietly(-child.pid, 'SIGKILL');
      }
    };
    // Cells are interrupted at the limit; this ends a run that ignores interrupts.
    const timer = setTimeout(
      () => kill('timeout'),
      (timeoutSeconds + Private.START_AND_SAVE_SECONDS) * 1000
    );
    const abort = () => kill('failed');
    signal?.addEventListener('abort', abort);
    const exitCode = await new Promise<number | null>(resolve => {
      child.on('error', error => {
        log.push(`${error.message}\n`);
        resolve(null);
      });
      child.on('close', code => resolve(code));
    });
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
    if (stopped) {
      log.push(
        stopped === 'timeout'
          ? `Arrêté au bout de ${timeoutSeconds + Private.START_AND_SAVE_SECONDS} s.\n`
          : 'Arrêté : le hub s’arrête.\n'
      );
      return { executed: null, stopped };
    }
    let executed: INotebook | null = null;
    if (exitCode === 0) {
      try {
        executed = JSON.parse(await fs.promises.readFile(output, 'utf8'));
      } catch {
        executed = null;
      }
    }
    return {
      executed,
      stopped: executed ? null : Private.failure(log.toString())
    };
  }
}

/**
 * A command of a grading run in its sandbox (without network), under its memory limit,
 * its process limit and tmpfs sizes (prlimit execs it: the process group spawned stays
 * the run's).
 */
export function commandLine(
  options: IAutograderOptions,
  workDir: string,
  command: string[]
): string[] {
  const { venvDir, dataDir, envStoreDir, hiddenDirs, memoryLimitBytes } =
    options;
  let argv = command;
  if (options.sandbox === 'bubblewrap') {
    argv = [
      'bwrap',
      ...buildSandboxArgv(
        withAccountPaths({
          homeDir: workDir,
          dataDir,
          venvDir,
          envStoreDir,
          hiddenDirs,
          isolateNetwork: true,
          runAs: options.runAs,
          tmpfsSizeBytes: options.tmpfsSizeBytes
        }),
        argv
      )
    ];
  }
  // A pupil's fork bomb in a graded cell stops at the grading account's limit.
  const processes =
    options.runAs && options.processLimit !== undefined
      ? [`--nproc=${Math.floor(options.processLimit)}`]
      : [];
  return [
    'prlimit',
    `--as=${Math.floor(memoryLimitBytes)}`,
    ...processes,
    '--',
    ...argv
  ];
}

/**
 * Score an executed notebook: a tests cell earns its points when it ran without an
 * error, 0 otherwise with the error as the reason; answers the teacher grades have no
 * points yet (0 when missing from the copy). `executed` is `null` when the run wrote
 * no notebook: every tests cell then earns 0.
 */
export function scoreNotebook(
  executed: INotebook | null,
  notebook: Pick<INotebookToGrade, 'path' | 'graded' | 'missing'>,
  timeoutSeconds: number
): { status: RunStatus; cells: ICellResult[] } {
  const byId = new Map<string, INotebook['cells'][number]>();
  let status: RunStatus = 'done';
  for (const cell of executed?.cells ?? []) {
    const id = (cell.metadata?.nbgrader as { grade_id?: unknown } | undefined)
      ?.grade_id;
    if (typeof id === 'string' && !byId.has(id)) {
      byId.set(id, cell);
    }
    for (const output of cell.outputs ?? []) {
      if (output.output_type === 'error') {
        status = Private.worst(status, Private.statusOf(output.ename));
      }
    }
  }
  const cells = notebook.graded.map((graded): ICellResult => {
    const result = {
      path: notebook.path,
      gradeId: graded.gradeId,
      kind: graded.kind,
      max: graded.points
    };
    if (graded.kind === 'manual') {
      return notebook.missing.includes(graded.gradeId)
        ? { ...result, points: 0, reason: 'Cellule absente de la copie.' }
        : { ...result, points: null, reason: null };
    }
    const cell = byId.get(graded.gradeId);
    if (!cell || typeof cell.execution_count !== 'number') {
      return { ...result, points: 0, reason: 'Cellule non exécutée.' };
    }
    const error = (cell.outputs ?? []).find(
      output => output.output_type === 'error'
    );
    return error
      ? {
          ...result,
          points: 0,
          reason: Private.reason(error.ename, error.evalue, timeoutSeconds)
        }
      : { ...result, points: graded.points, reason: null };
  });
  return { status, cells };
}

namespace Private {
  export const LOG_LINES = 40;

  export async function resolve(
    options: IAutograderOptions
  ): Promise<IAutograderOptions> {
    const real = (dir: string) => fs.promises.realpath(dir);
    return {
      ...options,
      venvDir: await real(options.venvDir),
      dataDir: await real(options.dataDir),
      envStoreDir: await Private.realIfExists(options.envStoreDir),
      hiddenDirs: await Promise.all((options.hiddenDirs ?? []).map(real))
    };
  }

  /** The store's real path; `null` while it does not exist (nothing is built). */
  export async function realIfExists(
    dir: string | null
  ): Promise<string | null> {
    return dir === null ? null : fs.promises.realpath(dir).catch(() => null);
  }

  /** Time for the kernel to start and the notebook to be saved, beyond the limit. */
  export const START_AND_SAVE_SECONDS = 30;
  export const REASON_MAX = 300;

  const SEVERITY: RunStatus[] = ['done', 'failed', 'memory', 'timeout'];

  /** The status that says most: a limit hit beats a failure, which beats success. */
  export function worst(a: RunStatus, b: RunStatus): RunStatus {
    return SEVERITY.indexOf(a) >= SEVERITY.indexOf(b) ? a : b;
  }

  /** The run's status an error output reveals. */
  export function statusOf(ename: string | undefined): RunStatus {
    if (ename === 'KeyboardInterrupt') {
      return 'timeout'; // the interrupt nbconvert sends at the limit
    }
    return ename === 'MemoryError' ? 'memory' : 'done';
  }

  /** Why a tests cell failed: its error's name and the first line of its message. */
  export function reason(
    ename: string | undefined,
    evalue: string | undefined,
    timeoutSeconds: number
  ): string {
    if (ename === 'KeyboardInterrupt') {
      return `Temps dépassé (${timeoutSeconds} s).`;
    }
    if (ename === 'MemoryError') {
      return 'Mémoire dépassée.';
    }
    const first = (evalue ?? '').split('\n')[0].trim();
    const text = first
      ? `${ename ?? 'Erreur'} : ${first}`
      : (ename ?? 'Erreur');
    return text.slice(0, REASON_MAX);
  }

  /** Why nbconvert wrote no notebook, from what it said. */
  export function failure(log: string): RunStatus {
    return /MemoryError|Cannot allocate memory|bad_alloc|out of memory/i.test(
      log
    )
      ? 'memory'
      : 'failed';
  }

  /** Write a file of the work folder (paths were checked when stored). */
  export async function write(
    workDir: string,
    relative: string,
    content: Buffer
  ): Promise<void> {
    const target = path.join(workDir, relative);
    if (!target.startsWith(`${workDir}${path.sep}`)) {
      throw new Error(`Not a relative path: ${relative}`);
    }
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.writeFile(target, content);
  }
}
