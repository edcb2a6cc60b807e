/**
 * The Python versions environments can be built with here: each `python3.X` of the
 * search path that answers as that version.
 */
import { findPython, installedPythons } from '@candyce/environments';

/** What the « Environnement » panel offers. */
export interface IPythonOptions {
  /** `3.X` versions, oldest first. */
  pythons: string[];
  /** The version of `python3`, used when a list names none (null: no `python3`). */
  defaultPython: string | null;
}

/** How long an answer is kept: interpreters are rarely installed while the hub runs. */
const CACHE_MS = 10 * 60_000;

/**
 * The interpreters of this machine, asked once in a while (each answer costs a
 * process per interpreter).
 */
export class PythonOptions {
  get(): Promise<IPythonOptions> {
    if (!this._cached || Date.now() - this._cached.at > CACHE_MS) {
      this._cached = { at: Date.now(), options: this._probe() };
    }
    return this._cached.options;
  }

  private async _probe(): Promise<IPythonOptions> {
    const pythons = await installedPythons();
    const fallback = await findPython(undefined).then(
      info => info.version,
      () => null
    );
    return {
      pythons,
      defaultPython:
        fallback && pythons.includes(fallback)
          ? fallback
          : (pythons[pythons.length - 1] ?? fallback)
    };
  }

  private _cached: { at: number; options: Promise<IPythonOptions> } | null =
    null;
}
