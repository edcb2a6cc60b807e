import type { ISessionContext } from '@jupyterlab/apputils';
import type { KernelSpec } from '@jupyterlab/services';

/**
 * Whether the server lists a kernelspec, from what JupyterLab already knows (no request).
 *
 * @returns `undefined` while JupyterLab has not read the kernelspecs yet.
 */
export function hasKernelSpec(
  kernelspecs: KernelSpec.IManager,
  name: string
): boolean | undefined {
  const specs = kernelspecs.specs;
  if (!specs) {
    return undefined;
  }
  return !!specs.kernelspecs[name];
}

/**
 * Ask the server for its kernelspecs again (a kernel written since JupyterLab started,
 * by a build, appears only then).
 *
 * @returns the kernelspec, or `null` when the server does not list it.
 */
export async function findKernelSpec(
  kernelspecs: KernelSpec.IManager,
  name: string
): Promise<KernelSpec.ISpecModel | null> {
  await kernelspecs.ready;
  await kernelspecs.refreshSpecs();
  return kernelspecs.specs?.kernelspecs[name] ?? null;
}

/**
 * Run the notebook on a kernel: start it, or change the running one (a kernel already
 * on it is kept).
 */
export async function useKernel(
  sessionContext: ISessionContext,
  name: string
): Promise<void> {
  if (sessionContext.session?.kernel?.name === name) {
    return;
  }
  await sessionContext.changeKernel({ name });
}
