/**
 * Messages told later, in the reader's language: an English msgid of the `candyce`
 * domain and the values of its `%1`, `%2`… placeholders, translated only where the
 * message is shown (the HTTP edge, a page, the command line).
 */

/**
 * A date, shown in the reader's language and in metropolitan French time.
 */
export interface IDateParameter {
  readonly date: string;
}

/**
 * A placeholder's value: text and numbers as they are, a message translated with the
 * one that holds it (a reason inside a refusal), a date formatted for the reader.
 */
export type Parameter = string | number | IMessage | IDateParameter;

/**
 * A message to translate: `msgid` (and `plural` with its `count`, as `_n` takes them)
 * and the values of its placeholders.
 */
export interface IMessage {
  readonly msgid: string;
  readonly plural?: string;
  readonly count?: number;
  readonly params: readonly Parameter[];
}

/**
 * The translation functions a message needs: the hub's translator (`i18n/`) has them,
 * named as JupyterLab's `TranslationBundle` names them.
 */
export interface IMessageTranslator {
  readonly language: 'fr' | 'en';
  __(msgid: string, ...args: Array<string | number>): string;
  _n(
    msgid: string,
    plural: string,
    n: number,
    ...args: Array<string | number>
  ): string;
}

/**
 * Writes messages down without translating them. It is called `trans` and its
 * functions `__` and `_n`, as in the extensions, so that `scripts/i18n.mjs` finds
 * every msgid where it is written:
 *
 * ```ts
 * throw new DomainError('unknown_class', trans.__('Unknown class.'));
 * ```
 */
export const trans = {
  __(msgid: string, ...params: Parameter[]): IMessage {
    return { msgid, params };
  },
  _n(
    msgid: string,
    plural: string,
    count: number,
    ...params: Parameter[]
  ): IMessage {
    return { msgid, plural, count, params };
  }
};

/**
 * A message in a translator's language.
 */
export function translateMessage(
  message: IMessage,
  translator: IMessageTranslator
): string {
  const args = translateParameters(message.params, translator);
  return message.plural === undefined
    ? translator.__(message.msgid, ...args)
    : translator._n(message.msgid, message.plural, message.count ?? 0, ...args);
}

/**
 * The values of a message's placeholders in a translator's language: what the HTTP
 * answer gives as `params`, for the browser to fill its own translation.
 */
export function translateParameters(
  params: readonly Parameter[],
  translator: IMessageTranslator
): Array<string | number> {
  return params.map(param => {
    if (typeof param === 'string' || typeof param === 'number') {
      return param;
    }
    if ('date' in param) {
      return Private.formatDate(param.date, translator.language);
    }
    return translateMessage(param, translator);
  });
}

/**
 * A date as a message's parameter: « 3 décembre 2026 à 18:00 » in French,
 * « 3 December 2026 at 18:00 » in English.
 */
export function dateParameter(iso: string): IDateParameter {
  return { date: iso };
}

namespace Private {
  /**
   * Metropolitan French time, the platform's (overseas academies read the same instant
   * with its UTC offset in the UI, which formats dates itself).
   */
  const FORMATS = {
    fr: new Intl.DateTimeFormat('fr-FR', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'Europe/Paris'
    }),
    en: new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'Europe/Paris'
    })
  };

  export function formatDate(iso: string, language: 'fr' | 'en'): string {
    return FORMATS[language].format(new Date(iso));
  }
}
