/* eslint-disable jupyter/no-dynamic-translation -- a bundle that wraps another: it
   passes on its callers' msgids, which are literals where they are written. */
import type { TranslationBundle } from '@jupyterlab/translation';

/**
 * The gettext context of the messages said to a pupil in school mode: the same English
 * msgid as the plain message, its French with « tu » (« Tape le code que ton professeur
 * t’a donné. » for « Saisissez le code donné par votre enseignant·e. »).
 */
export const SCHOOL_CONTEXT = 'school';

/**
 * A context no catalogue has: looked up, it gives the untranslated message filled in
 * exactly as the bundle fills it, to tell a school variant from its absence.
 */
const NO_CONTEXT = 'school:none';

/**
 * A bundle that says « tu » while school mode is on: each singular message is looked up
 * first in the `school` context, and said as usual when that context has no variant of
 * it (most messages are neutral). Off, it says what `trans` says.
 *
 * Plurals have no school variant (the catalogue tool reads no `_np` call): they are
 * said as usual.
 */
export function schoolBundle(
  trans: TranslationBundle,
  isOn: () => boolean
): TranslationBundle {
  const say = (msgid: string, ...args: unknown[]): string => {
    if (isOn()) {
      const school = trans._p(SCHOOL_CONTEXT, msgid, ...args);
      if (school !== trans._p(NO_CONTEXT, msgid, ...args)) {
        return school;
      }
    }
    return trans.__(msgid, ...args);
  };
  return {
    __: say,
    gettext: say,
    _n: (msgid, plural, n, ...args) => trans._n(msgid, plural, n, ...args),
    ngettext: (msgid, plural, n, ...args) =>
      trans.ngettext(msgid, plural, n, ...args),
    _p: (context, msgid, ...args) => trans._p(context, msgid, ...args),
    pgettext: (context, msgid, ...args) =>
      trans.pgettext(context, msgid, ...args),
    _np: (context, msgid, plural, n, ...args) =>
      trans._np(context, msgid, plural, n, ...args),
    npgettext: (context, msgid, plural, n, ...args) =>
      trans.npgettext(context, msgid, plural, n, ...args),
    dcnpgettext: (domain, context, msgid, plural, n, ...args) =>
      trans.dcnpgettext(domain, context, msgid, plural, n, ...args)
  };
}
