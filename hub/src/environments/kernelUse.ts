import { kernelName } from './kernelspecs';
import { EnvironmentService } from './service';

/**
 * Notes the use of an environment when a user's server starts a kernel from its
 * kernelspec (the launcher, the kernel picker): the admin page's « Dernière
 * utilisation » and the collector's « used recently » count those uses too, not only
 * notebooks opened pinned to it (which ask the hub to build it, and were the only
 * uses noted: an environment used all day from the launcher said « jamais »).
 */
export class KernelUseRecorder {
  constructor(
    private readonly _environments: EnvironmentService,
    private readonly _now: () => Date = () => new Date()
  ) {}

  /**
   * A kernel named `kernel` was asked for: note the use of its environment, if it is
   * one the hub knows (other kernels, `python3`, are not environments).
   */
  async note(kernel: string): Promise<void> {
    if (!kernel.startsWith('candyce-')) {
      return;
    }
    const id = await this._idOf(kernel);
    if (id) {
      await this._environments.records.touch(id, this._now().toISOString());
    }
  }

  /** The environment whose kernel has this name; the known ones are read on a miss. */
  private async _idOf(kernel: string): Promise<string | null> {
    let id = this._ids.get(kernel);
    if (id === undefined) {
      this._ids = new Map(
        (await this._environments.records.all()).map(record => [
          kernelName(record.id),
          record.id
        ])
      );
      id = this._ids.get(kernel);
    }
    return id ?? null;
  }

  private _ids = new Map<string, string>();
}
