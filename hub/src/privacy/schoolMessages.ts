import { IHubTranslator } from '../i18n';

/**
 * The privacy page's messages that have a « tu » variant for a pupil in school mode
 * (gettext context `school`, the same English msgid as the plain message). The page
 * finds each variant by itself (`schoolTranslator`); this list is gettext's marker
 * idiom, for the catalogue tool (it reads `trans._p` calls), and the hub's tests check
 * that none of the page's « vous » is left in school mode.
 */
export function privacySchoolMessages(trans: IHubTranslator): string[] {
  return [
    trans._p('school', 'Choose yes or no.'),
    trans._p('school', 'Tick the box to confirm the erasure.'),
    trans._p('school', 'Back to the privacy page'),
    trans._p('school', 'Your choice is saved.'),
    trans._p('school', 'Your data and learning traces'),
    trans._p(
      'school',
      'Assignment traces let your teacher follow who fetched and handed in their work. Optional traces show your teachers how a class works (cells run, frequent errors, who asked for help) and let the programme measure how the platform is used, in figures without names.'
    ),
    trans._p('school', 'You: you can download all your traces.'),
    trans._p(
      'school',
      'The teacher of your class: their pupils’ traces about assignments, and the optional traces of those who agreed.'
    ),
    trans._p(
      'school',
      'The administrators of your establishment: figures only (how many users, how many hand-ins), never one pupil’s traces.'
    ),
    trans._p(
      'school',
      'Traces carry a pseudonym, never your name: only the platform can tell whose they are. Nothing is sent outside the platform.'
    ),
    trans._p(
      'school',
      'a cell run: success, or the name of the error (the code itself only where your establishment enabled it)'
    ),
    trans._p(
      'school',
      'Your class records no optional traces until its teacher allows them with everyone’s consent.'
    ),
    trans._p(
      'school',
      'The teacher of one of your classes chose « no optional traces »: your choice applies only when no class of yours refuses them.'
    ),
    trans._p(
      'school',
      'As a pupil, nothing optional is recorded until you say yes.'
    ),
    trans._p(
      'school',
      'You have not chosen yet: optional traces are recorded until you say no.'
    ),
    trans._p('school', 'This is your own choice.'),
    trans._p('school', 'Your choice'),
    trans._p('school', 'Optional traces are recorded for you.'),
    trans._p('school', 'Optional traces are not recorded for you.'),
    trans._p('school', 'Export or erase your traces')
  ];
}
