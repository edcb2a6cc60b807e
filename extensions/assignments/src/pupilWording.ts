import type { ISchoolMode } from '@candyce/school-ui';
import { schoolBundle } from '@candyce/school-ui';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ISignal, Signal } from '@lumino/signaling';

/**
 * How « Mes devoirs » speaks to its user: « vous », and « tu » while JupyterLab is in
 * school mode (`@candyce/school-ui`), as the pupil's class-code card does. The bundle
 * stays the same object: the learner's panel, actions and hand-in keep it, and it
 * follows the mode as it turns on or off.
 */
export class PupilWording {
  constructor(trans: TranslationBundle) {
    this.trans = schoolBundle(trans, () => this._mode?.isOn ?? false);
  }

  /**
   * The learner side's bundle.
   */
  readonly trans: TranslationBundle;

  /**
   * Emitted when the wording changes (the school mode turned on or off, or became known).
   */
  get changed(): ISignal<PupilWording, void> {
    return this._changed;
  }

  /**
   * Follow the school mode, once known (`null`: no school mode in this JupyterLab).
   */
  follow(mode: ISchoolMode | null): void {
    if (!mode || this._mode) {
      return;
    }
    this._mode = mode;
    mode.changed.connect(() => this._changed.emit(), this);
    if (mode.isOn) {
      this._changed.emit();
    }
  }

  private _mode: ISchoolMode | null = null;
  private _changed = new Signal<PupilWording, void>(this);
}
