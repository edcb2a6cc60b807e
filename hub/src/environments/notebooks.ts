/**
 * Environments pinned in notebooks: the « Environnement » panel writes
 * `metadata.candyce.environment` = `{ id, files, lock }`, everything needed to build the
 * environment again anywhere. Publishing to the library and handing out assignments
 * register them, so that garbage collection keeps them and anyone can build them.
 */
import { lockId, type ILock, type ISoftwareFile } from '@candyce/environments';

import { DomainError, IMessage, trans } from '../errors';
import { kernelName } from './kernelspecs';
import { environmentName, nameFromNotebook } from './names';
import { ENVIRONMENT_ID, lockSchema, softwareFiles } from './schemas';
import type { EnvironmentService } from './service';

/** The kernelspec of the Candyce environment, where unpinned notebooks run. */
const BASE_KERNEL = 'python3';

/** An environment as a notebook's metadata carries it (not checked yet). */
export interface IPinnedEnvironment {
  /** The notebook's path. */
  notebook: string;
  id: string;
  /** The lock, when the notebook carries it. */
  lock?: unknown;
  /** The software list, when the notebook carries it. */
  files?: unknown;
  /**
   * The name to give it when the hub does not know it yet: the one the panel wrote,
   * else the notebook's title or file name.
   */
  name: string | null;
  /** The name the « Environnement » panel wrote, if any (a teacher's own choice). */
  panelName: string | null;
}

/**
 * What publishing and handing out need from the environments module: the environments
 * pinned in notebooks, registered (their locks checked against their ids).
 */
export interface INotebookEnvironments {
  /**
   * Register the environments the notebooks among `files` are pinned to. An environment
   * the panel did not name is named `options.title` (a library resource's title) when
   * given, else after its notebook.
   *
   * @returns their ids, in the order of the files, each once.
   * @throws {DomainError} 400 `invalid_environment` for a lock that is not one or that
   *   does not match its id (the notebook was altered).
   */
  registerFromNotebooks(
    files: readonly { path: string; content: Buffer }[],
    userId: string | null,
    options?: { title?: string }
  ): Promise<string[]>;

  /**
   * The notebooks among `files` pinned to environment `id` (its id, software list, lock
   * and kernel in their metadata), except those that already name one; other files
   * unchanged. What a library version pinned to an environment hands out.
   */
  pinNotebooks<T extends { path: string; content: Buffer }>(
    files: readonly T[],
    id: string
  ): Promise<T[]>;

  /**
   * The kernelspec that runs `notebook`: its environment's, built first when it is not
   * (what autograding runs the teacher's notebook with); `python3`, the Candyce
   * environment, when it is pinned to none or to one the hub cannot know (no lock).
   *
   * @throws {EnvironmentError} in French when the environment cannot be built.
   */
  kernelFor(
    notebook: { path: string; content: Buffer },
    signal?: AbortSignal
  ): Promise<string>;

  /** Record that an assignment hands out notebooks pinned to these environments. */
  recordAssignment(
    assignmentId: string,
    environmentIds: readonly string[]
  ): Promise<void>;
}

/**
 * The environments the notebooks among `files` are pinned to, in file order. Files
 * that are not notebooks, or notebooks that are not JSON or carry none, are skipped
 * (the library checks notebooks itself).
 */
export function pinnedEnvironments(
  files: readonly { path: string; content: Buffer }[]
): IPinnedEnvironment[] {
  const found: IPinnedEnvironment[] = [];
  for (const file of files) {
    if (!file.path.endsWith('.ipynb')) {
      continue;
    }
    let metadata: { title?: unknown; candyce?: { environment?: unknown } };
    try {
      metadata = JSON.parse(file.content.toString('utf8'))?.metadata ?? {};
    } catch {
      continue;
    }
    const entry = metadata?.candyce?.environment as {
      id?: unknown;
      lock?: unknown;
      files?: unknown;
      name?: unknown;
    };
    if (entry && typeof entry === 'object' && typeof entry.id === 'string') {
      const panelName =
        (typeof entry.name === 'string' &&
          nameFromNotebook('', { title: entry.name })) ||
        null;
      found.push({
        notebook: file.path,
        id: entry.id,
        lock: entry.lock,
        files: entry.files,
        name: panelName ?? nameFromNotebook(file.path, metadata),
        panelName
      });
    }
  }
  return found;
}

/**
 * The environments module's side of publishing and handing out notebooks.
 */
export class NotebookEnvironments implements INotebookEnvironments {
  constructor(private readonly _environments: EnvironmentService) {}

  async registerFromNotebooks(
    files: readonly { path: string; content: Buffer }[],
    userId: string | null,
    options: { title?: string } = {}
  ): Promise<string[]> {
    const ids: string[] = [];
    const title = nameFromNotebook('', { title: options.title });
    for (const pinned of pinnedEnvironments(files)) {
      if (!ENVIRONMENT_ID.test(pinned.id)) {
        continue;
      }
      if (pinned.lock !== undefined) {
        const { lock, files: list } = Private.checkPinned(pinned);
        if (lockId(lock) !== pinned.id) {
          throw Private.invalid(
            pinned,
            trans.__(
              'its lock does not match its id (the notebook has been changed)'
            )
          );
        }
        await this._environments.registerLock(
          lock,
          list,
          userId,
          undefined,
          pinned.panelName ?? title ?? pinned.name
        );
      } else if (!(await this._environments.records.get(pinned.id))) {
        // Without its lock, an unknown environment cannot be built here: the
        // notebook opens on the base kernel, as before pinning.
        continue;
      }
      if (!ids.includes(pinned.id)) {
        ids.push(pinned.id);
      }
    }
    return ids;
  }

  async pinNotebooks<T extends { path: string; content: Buffer }>(
    files: readonly T[],
    id: string
  ): Promise<T[]> {
    const record = await this._environments.recordOr404(id);
    const name = environmentName(record);
    const environment = {
      id,
      name,
      files: record.files,
      lock: record.lock
    };
    const kernelspec = {
      name: kernelName(id),
      display_name: name,
      language: 'python'
    };
    return files.map(file => {
      const pinned = file.path.endsWith('.ipynb')
        ? Private.pinned(file.content, environment, kernelspec)
        : null;
      return pinned ? { ...file, content: pinned } : file;
    });
  }

  async kernelFor(
    notebook: { path: string; content: Buffer },
    signal?: AbortSignal
  ): Promise<string> {
    const [pinned] = pinnedEnvironments([notebook]);
    if (
      !pinned ||
      !ENVIRONMENT_ID.test(pinned.id) ||
      !(await this._environments.records.get(pinned.id))
    ) {
      return BASE_KERNEL;
    }
    await this._environments.build(pinned.id, { signal });
    return kernelName(pinned.id);
  }

  recordAssignment(
    assignmentId: string,
    environmentIds: readonly string[]
  ): Promise<void> {
    return this._environments.records.addAssignment(
      assignmentId,
      environmentIds
    );
  }
}

namespace Private {
  /**
   * A notebook's bytes with the environment in its metadata, or null when it already
   * names one (its author's choice wins) or is not a notebook's JSON.
   */
  export function pinned(
    content: Buffer,
    environment: Record<string, unknown>,
    kernelspec: Record<string, unknown>
  ): Buffer | null {
    let notebook: { metadata?: Record<string, unknown> };
    try {
      notebook = JSON.parse(content.toString('utf8'));
    } catch {
      return null;
    }
    if (!notebook || typeof notebook !== 'object' || Array.isArray(notebook)) {
      return null;
    }
    const metadata = (notebook.metadata ??= {});
    const candyce = (metadata.candyce ?? {}) as Record<string, unknown>;
    if (candyce.environment) {
      return null;
    }
    metadata.candyce = { ...candyce, environment };
    metadata.kernelspec = kernelspec;
    // nbformat's own layout: one-space indentation and a final newline.
    return Buffer.from(JSON.stringify(notebook, null, 1) + '\n');
  }

  /** A pinned environment's lock and list, checked. */
  export function checkPinned(pinned: IPinnedEnvironment): {
    lock: ILock;
    files: ISoftwareFile[];
  } {
    const lock = lockSchema.safeParse(pinned.lock);
    const files = softwareFiles.safeParse(pinned.files ?? []);
    if (!lock.success || !files.success) {
      throw invalid(
        pinned,
        lock.success
          ? trans.__('its software list cannot be read')
          : trans.__('its lock is not a valid environment lock')
      );
    }
    return { lock: lock.data, files: files.data };
  }

  export function invalid(
    pinned: IPinnedEnvironment,
    why: IMessage
  ): DomainError {
    return new DomainError(
      'invalid_environment',
      trans.__(
        'The environment pinned in “%1” is refused: %2.',
        pinned.notebook.slice(0, 100),
        why
      )
    );
  }
}
