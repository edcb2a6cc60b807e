/**
 * Translating the hub's own text, the way the extensions do: English msgids of the
 * `candyce` domain, French from its catalogue, JupyterLab's `%1` placeholders.
 */
import { CONTEXT_DELIMITER, loadCatalogue, Messages } from './catalogue';
import type { Language } from './language';

/**
 * The translation functions of one language, named as JupyterLab's `TranslationBundle`
 * names them so that the same extraction (`scripts/i18n.mjs`) finds the hub's strings.
 */
export interface IHubTranslator {
  /** The language these functions translate into. */
  readonly language: Language;
  /** The message `msgid`, its placeholders `%1`, `%2`… filled with `args`. */
  __(msgid: string, ...args: Array<string | number>): string;
  /**
   * The form of `msgid` (singular) or `plural` for `n` (French: singular for 0 and 1),
   * with `%1` the number and `%2`… the other arguments.
   */
  _n(
    msgid: string,
    plural: string,
    n: number,
    ...args: Array<string | number>
  ): string;
  /** A message whose meaning depends on its context (`msgctxt`). */
  _p(context: string, msgid: string, ...args: Array<string | number>): string;
}

/**
 * The translation functions of `language`. English returns the msgids as they are;
 * French reads `locales/fr_FR/LC_MESSAGES/candyce.po` (once) and falls back to the
 * English msgid for a message not translated yet (`node scripts/i18n.mjs check` fails
 * on those).
 */
export function translator(language: Language): IHubTranslator {
  const messages: Messages =
    language === 'fr' ? loadCatalogue('fr_FR') : new Map();
  // French and English both take the singular for 1; French also for 0.
  const pluralIndex = (n: number) =>
    language === 'fr' ? (n > 1 ? 1 : 0) : n !== 1 ? 1 : 0;
  return {
    language,
    __: (msgid, ...args) => strfmt(messages.get(msgid)?.[0] ?? msgid, ...args),
    _n: (msgid, plural, n, ...args) => {
      const index = pluralIndex(n);
      const forms = messages.get(msgid);
      const text = forms?.[index] ?? (index === 0 ? msgid : plural);
      return strfmt(text, n, ...args);
    },
    _p: (context, msgid, ...args) =>
      strfmt(
        messages.get(`${context}${CONTEXT_DELIMITER}${msgid}`)?.[0] ?? msgid,
        ...args
      )
  };
}

/**
 * JupyterLab's `Gettext.strfmt`: `%1`, `%2`… replaced by the arguments, `%%` a
 * literal `%`.
 */
export function strfmt(
  format: string,
  ...args: Array<string | number>
): string {
  return format
    .replace(/%%/g, '%% ')
    .replace(/%(\d+)/g, (placeholder, index: string) => {
      const value = args[Number(index) - 1];
      return value === undefined ? placeholder : String(value);
    })
    .replace(/%% /g, '%');
}

/**
 * The gettext context of what is said to a pupil in school mode (« tu »), as in the
 * extensions (`@candyce/school-ui`'s `SCHOOL_CONTEXT`).
 */
export const SCHOOL_CONTEXT = 'school';

/**
 * Functions that say « tu »: each message is looked up first in the `school` context,
 * and said as usual where that context has no variant of it. Plurals are said as usual.
 */
/* eslint-disable jupyter/no-dynamic-translation -- functions that wrap others: they
   pass on their callers' msgids, which are literals where they are written. */
export function schoolTranslator(trans: IHubTranslator): IHubTranslator {
  // A context no catalogue has: what `_p` gives for a message it does not know.
  const absent = 'school:none';
  return {
    language: trans.language,
    __: (msgid, ...args) => {
      const school = trans._p(SCHOOL_CONTEXT, msgid, ...args);
      return school !== trans._p(absent, msgid, ...args)
        ? school
        : trans.__(msgid, ...args);
    },
    _n: (msgid, plural, n, ...args) => trans._n(msgid, plural, n, ...args),
    _p: (context, msgid, ...args) => trans._p(context, msgid, ...args)
  };
}
/* eslint-enable jupyter/no-dynamic-translation */
