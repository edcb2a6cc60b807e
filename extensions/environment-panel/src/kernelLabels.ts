import type { KernelSpec } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';

/**
 * JupyterLab's kernel picker (« Changer de noyau », « Sélectionner un noyau ») lists
 * the running kernels one may connect to as « <session> (<start of the kernel id>) »,
 * e.g. « carnet.ipynb (3f2a9c1d) », or « candyce-2d69e655251ae45e (3f2a9c1d) » for a
 * kernel without a session: ids where a teacher reads. Each such option is renamed
 * « <session> — <environment name> », the kernelspec's display name (the environment's
 * human name); the id stays in the option's tooltip, with the other details.
 */

/** What is known of a running kernel. */
export interface IRunningKernel {
  id: string;
  /** Its kernelspec's name (`candyce-2d69e655251ae45e`). */
  name: string;
}

/**
 * Rename the running-kernel options of a kernel picker's `<select>`.
 *
 * @returns how many options were renamed.
 */
export function relabelKernelOptions(
  select: HTMLSelectElement,
  kernels: readonly IRunningKernel[],
  specs: KernelSpec.ISpecModels | null,
  trans: TranslationBundle
): number {
  let renamed = 0;
  for (const option of Array.from(select.options)) {
    const id = Private.kernelIdOf(option.value);
    const kernel = id ? kernels.find(k => k.id === id) : undefined;
    if (!kernel) {
      continue;
    }
    const suffix = ` (${kernel.id.split('-')[0]})`;
    if (!option.text.endsWith(suffix)) {
      continue; // renamed already, or not JupyterLab's label
    }
    const session = option.text.slice(0, -suffix.length);
    const environment =
      specs?.kernelspecs[kernel.name]?.display_name ??
      (kernel.name.startsWith('candyce-')
        ? trans.__('Candyce environment')
        : kernel.name);
    // Without a session JupyterLab shows the kernel's name: the environment says it.
    option.text =
      session === kernel.name
        ? environment
        : trans.__('%1 — %2', session, environment);
    renamed++;
  }
  return renamed;
}

namespace Private {
  /** The kernel id of an option's value (`{"id": "…"}`), if it names one. */
  export function kernelIdOf(value: string): string | null {
    try {
      const choice = JSON.parse(value);
      return choice && typeof choice.id === 'string' ? choice.id : null;
    } catch {
      return null;
    }
  }
}
