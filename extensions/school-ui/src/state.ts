import { ISignal, Signal } from '@lumino/signaling';

import type { ISchoolMode, SchoolModeReason } from './tokens';

/**
 * The query parameter and value that turn school mode on: `/lab?mode=ecole`.
 */
export const SCHOOL_MODE_QUERY = { name: 'mode', value: 'ecole' } as const;

/**
 * Whether a page address asks for school mode (`?mode=ecole`).
 */
export function addressAsksSchoolMode(search: string): boolean {
  return (
    new URLSearchParams(search).get(SCHOOL_MODE_QUERY.name) ===
    SCHOOL_MODE_QUERY.value
  );
}

/**
 * The school mode's state: each way of turning it on is one reason; it is on while
 * one reason holds, unless the user left it (a teacher back to the full JupyterLab).
 */
export class SchoolModeState implements ISchoolMode {
  constructor(options: SchoolModeState.IOptions) {
    this._mayLeave = options.mayLeave;
  }

  get isOn(): boolean {
    return !this._left && this._reasons.size > 0;
  }

  get reasons(): readonly SchoolModeReason[] {
    return this.isOn ? [...this._reasons].sort() : [];
  }

  get canLeave(): boolean {
    return this.isOn && (this._reasons.has('preview') || this._mayLeave());
  }

  get changed(): ISignal<ISchoolMode, void> {
    return this._changed;
  }

  /**
   * Set one reason (emits `changed` when the mode turns on or off).
   */
  set(reason: SchoolModeReason, holds: boolean): void {
    this._update(() => {
      if (holds) {
        this._reasons.add(reason);
      } else {
        this._reasons.delete(reason);
      }
      if (reason === 'preview' && holds) {
        // Asking to preview again undoes a previous « Revenir à JupyterLab complet ».
        this._left = false;
      }
    });
  }

  /**
   * Go back to the full JupyterLab, when allowed, until the page is reloaded.
   *
   * @returns whether the mode was left.
   */
  leave(): boolean {
    if (!this.canLeave) {
      return false;
    }
    this._update(() => {
      this._reasons.delete('preview');
      this._left = this._reasons.size > 0;
    });
    return true;
  }

  private _update(change: () => void): void {
    const before = this.isOn;
    change();
    if (this.isOn !== before) {
      this._changed.emit();
    }
  }

  private _reasons = new Set<SchoolModeReason>();
  private _left = false;
  private _mayLeave: () => boolean;
  private _changed = new Signal<ISchoolMode, void>(this);
}

/**
 * The SchoolModeState options.
 */
export namespace SchoolModeState {
  /**
   * Options of the state.
   */
  export interface IOptions {
    /**
     * Whether the user may leave school mode when it was not a preview (a teacher, an
     * administrator, anyone outside the platform).
     */
    mayLeave: () => boolean;
  }
}
