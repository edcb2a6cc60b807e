import type { TranslationBundle } from '@jupyterlab/translation';

/**
 * The messages « Mes devoirs » can say to a pupil that have a « tu » variant in school
 * mode (gettext context `school`, the same English msgid as the plain message): its own,
 * its conflict dialog's, and the hub errors a pupil can meet there.
 *
 * The learner's bundle finds a variant by itself (`PupilWording`); this list is
 * gettext's marker idiom, for the catalogue tool (it reads `trans._p` calls), and the
 * unit test checks each variant says « tu » and none of « Mes devoirs »’ messages is
 * left with « vous ».
 */
export function schoolMessages(trans: TranslationBundle): string[] {
  return [
    // « Mes devoirs » (learner*.ts, handIn.ts)
    trans._p('school', '« %1 » added to your assignments.'),
    // newsNotifier.ts, the hub's news
    trans._p('school', '« %1 » is marked: your feedback is in My assignments.'),
    trans._p('school', '%1 invites you to the group « %2 » (%3).'),
    trans._p('school', 'Nothing was written: your files are unchanged.'),
    trans._p('school', 'No notebook in %1: get the assignment again.'),
    trans._p('school', 'Reading your files: %1 of %2…'),
    trans._p('school', 'Sending your work again…'),
    trans._p('school', 'Your teacher’s feedback'),
    trans._p('school', 'Type the code your teacher gave you.'),
    trans._p('school', 'You have no assignment for now.'),
    // learnerView.tsx, in a group workspace
    trans._p('school', 'Group workspace « %1 » — you are here as %2'),
    trans._p(
      'school',
      'This notebook is not in the folder of one of your assignments: nothing was handed in.'
    ),
    // errors.ts
    trans._p('school', 'Your account is not allowed to do this.'),
    trans._p('school', 'Your files could not be read or written: %1'),
    trans._p(
      'school',
      'The Candyce platform cannot be reached right now. Check your connection and try again.'
    ),
    // dialogs.ts, « Récupérer à nouveau » over changed files
    trans._p('school', 'Your files already exist'),
    trans._p('school', 'Already in your folder, with your changes:'),
    trans._p(
      'school',
      'Keep them to go on with your work; replace them to start again from the teacher’s version (your changes would be lost).'
    ),
    // The hub's errors, by code (core's hubErrorMessage)
    trans._p(
      'school',
      'Too many codes tried: wait a minute before trying again.'
    ),
    trans._p(
      'school',
      '%1: %2%3. This assignment accepts only its own files%4. Remove them from the assignment folder, or ask your teacher to allow them. Nothing was handed in.'
    ),
    trans._p('school', 'Your submission has not been marked yet.'),
    trans._p(
      'school',
      'This assignment is done in the group workspace « %1 »: open it to get the files and hand in.'
    ),
    trans._p(
      'school',
      'Unknown or expired assignment code. Check it with your teacher.'
    ),
    trans._p(
      'school',
      'Other submissions are in progress: try again in a moment.'
    ),
    trans._p(
      'school',
      'The due date was %1: this assignment no longer accepts late work. Your work stays in your folder; talk to your teacher about it.'
    ),
    trans._p(
      'school',
      'You have already handed in this assignment, and it accepts only one submission.'
    ),
    trans._p('school', 'Anti-CSRF token missing or invalid: reload the page.'),
    trans._p('school', 'Internal server error: try again in a moment.')
  ];
}
