import { Token } from '@lumino/coreutils';
import type { ISignal } from '@lumino/signaling';

/**
 * Why school mode is on.
 *
 * - `address`: the page was opened with `?mode=ecole` (a class-code pupil lands so);
 * - `setting`: the user turned it on in the settings (« Mode école »);
 * - `class`: the hub says a class of the user is in school mode (its teacher chose);
 * - `preview`: a teacher looks at what her pupils see (« Voir comme un élève »).
 */
export type SchoolModeReason = 'address' | 'setting' | 'class' | 'preview';

/**
 * The school mode token.
 */
export const ISchoolMode = new Token<ISchoolMode>(
  '@candyce/school-ui:ISchoolMode',
  'Whether JupyterLab is in school mode (one notebook, big buttons, friendly error explanations), and why.'
);

/**
 * Whether JupyterLab is in school mode, for the plugins that follow it.
 */
export interface ISchoolMode {
  /**
   * Whether school mode is on.
   */
  readonly isOn: boolean;
  /**
   * Why it is on (empty when it is off).
   */
  readonly reasons: readonly SchoolModeReason[];
  /**
   * Whether the user may go back to the full JupyterLab from school mode (a teacher's
   * preview, anyone outside the platform; not a pupil whose class is in school mode).
   */
  readonly canLeave: boolean;
  /**
   * Emitted when the mode turns on or off.
   */
  readonly changed: ISignal<ISchoolMode, void>;
}
