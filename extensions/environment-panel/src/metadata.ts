/**
 * The environment a notebook is pinned to, in its metadata:
 *
 * ```json
 * "candyce": { "environment": { "id": "<64 hex>", "files": [...], "lock": {...} } },
 * "kernelspec": { "name": "candyce-<16 hex>", "display_name": "…", "language": "python" }
 * ```
 *
 * The notebook carries everything needed to rebuild its environment elsewhere.
 */
import type { IEnvironment, ILock, ISoftwareFile } from './api';

/**
 * How many hex characters of an id name its kernel (the engine's `shortId`).
 */
export const SHORT_ID_LENGTH = 16;

/**
 * A notebook's pinned environment, as read from its metadata.
 */
export interface IPinnedEnvironment {
  id: string;
  files: ISoftwareFile[];
  lock: ILock;
  /** Its human name, as the hub gave it when the notebook was pinned. */
  name?: string;
}

/**
 * The kernelspec metadata of a notebook.
 */
export interface IKernelspecMetadata {
  name: string;
  display_name: string;
  language: string;
}

/**
 * The short id of an environment: `shortId(id)` of the engine.
 */
export function shortIdOf(id: string): string {
  return id.slice(0, SHORT_ID_LENGTH);
}

/**
 * The kernelspec name of an environment: `candyce-<short id>`.
 */
export function kernelNameOf(id: string): string {
  return `candyce-${shortIdOf(id)}`;
}

/**
 * The pinned environment of a notebook, from the value of its `candyce` metadata key;
 * `null` when there is none or it is malformed (the notebook then uses the base
 * environment).
 */
export function readPinned(candyce: unknown): IPinnedEnvironment | null {
  const environment = (candyce as { environment?: unknown } | null | undefined)
    ?.environment as Record<string, unknown> | undefined;
  if (!environment || typeof environment !== 'object') {
    return null;
  }
  const { id, files, lock, name } = environment;
  if (typeof id !== 'string' || !/^[0-9a-f]{64}$/.test(id)) {
    return null;
  }
  if (!isLock(lock)) {
    return null;
  }
  const goodFiles = Array.isArray(files)
    ? files.filter(
        (file): file is ISoftwareFile =>
          typeof file?.path === 'string' && typeof file?.content === 'string'
      )
    : [];
  return {
    id,
    files: goodFiles.map(f => ({ path: f.path, content: f.content })),
    lock,
    ...(typeof name === 'string' && name.trim() ? { name: name.trim() } : {})
  };
}

/**
 * The name a new environment gets from its notebook: the notebook's file name made
 * readable (`fonctions_affines-2de.ipynb` → « fonctions affines 2de »).
 */
export function nameFromPath(notebookPath: string): string {
  const base = notebookPath.split('/').pop() ?? '';
  return base
    .replace(/\.ipynb$/i, '')
    .replace(/[_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
}

/**
 * The new value of the `candyce` metadata key once pinned to `environment`; other
 * keys of `candyce` (written by other Candyce features) are kept.
 */
export function pinnedCandyceMetadata(
  current: unknown,
  environment: Pick<IEnvironment, 'id' | 'files' | 'lock'> & { name?: string }
): Record<string, unknown> {
  const base =
    current && typeof current === 'object' && !Array.isArray(current)
      ? { ...(current as Record<string, unknown>) }
      : {};
  base.environment = {
    id: environment.id,
    files: environment.files.map(f => ({ path: f.path, content: f.content })),
    lock: environment.lock,
    ...(environment.name ? { name: environment.name } : {})
  };
  return base;
}

/**
 * The kernelspec metadata of a pinned notebook.
 *
 * @param displayName - the kernelspec's own display name, when the server lists it
 *   (else the kernel's name: JupyterLab writes the display name once the kernel runs).
 */
export function pinnedKernelspec(
  environment: Pick<IEnvironment, 'id'>,
  displayName?: string
): IKernelspecMetadata {
  const name = kernelNameOf(environment.id);
  return { name, display_name: displayName || name, language: 'python' };
}

/**
 * What the panel shows of a pinned environment without asking the hub.
 */
export function summaryOf(pinned: IPinnedEnvironment): {
  shortId: string;
  kernelName: string;
  python: string;
  packages: number;
} {
  return {
    shortId: shortIdOf(pinned.id),
    kernelName: kernelNameOf(pinned.id),
    python: pinned.lock.python.version,
    packages: pinned.lock.packages.length
  };
}

function isLock(value: unknown): value is ILock {
  const lock = value as ILock | null | undefined;
  return (
    !!lock &&
    typeof lock === 'object' &&
    typeof lock.python?.version === 'string' &&
    Array.isArray(lock.packages) &&
    lock.packages.every(
      p => typeof p?.name === 'string' && typeof p?.version === 'string'
    )
  );
}
