import type { TranslationBundle } from '@jupyterlab/translation';

/**
 * The messages « Mon tableau de bord » says to a pupil that have a « tu » variant in
 * school mode (gettext context `school`, the same English msgid as the plain message).
 * The panel's bundle finds a variant by itself (`schoolBundle` of `@candyce/school-ui`);
 * this list is gettext's marker idiom, for the catalogue tool, and the unit test checks
 * that each variant says « tu ».
 */
export function schoolMessages(trans: TranslationBundle): string[] {
  return [
    trans._p('school', 'Your activity is not recorded.'),
    trans._p(
      'school',
      'Your optional traces are not recorded: notebooks opened and cells run do not show here. You can change this on the privacy page.'
    ),
    trans._p('school', 'You have no assignment for now.'),
    trans._p('school', 'Your teacher left feedback on: %1.'),
    trans._p('school', 'Your choices could not be saved: %1'),
    trans._p('school', 'Your account may not see this dashboard.'),
    trans._p(
      'school',
      'The Candyce platform cannot be reached right now. Check your connection and try again.'
    )
  ];
}
