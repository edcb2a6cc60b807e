/**
 * The hub's refusals, as its services, parsers and stores throw them: a stable code
 * (its HTTP status, from the table of `codes.ts`, is what the edge answers) and a
 * message translated where it is shown.
 */
import { loadCatalogue } from '../i18n/catalogue';
import { ERROR_STATUS, ErrorCode } from './codes';
import {
  IMessage,
  IMessageTranslator,
  Parameter,
  translateMessage
} from './message';

/**
 * A refusal the user can act on. `message` is the French text (the platform's
 * language: logs, the command line and whatever shows it without a reader's language);
 * the HTTP edge translates `msgid` and `params` into the reader's.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: IMessage
  ) {
    super(translateMessage(message, Private.french()));
    this.name = 'DomainError';
    this.status = ERROR_STATUS[code];
    this.msgid = message.msgid;
    this.plural = message.plural;
    this.count = message.count;
    this.params = message.params;
  }

  /** The HTTP status the edge answers it with (`codes.ts`). */
  readonly status: number;
  /** The English message, placeholders unfilled. */
  readonly msgid: string;
  /** Its plural form, when the message has one. */
  readonly plural?: string;
  /** The number choosing between the two forms. */
  readonly count?: number;
  /** The values of its placeholders. */
  readonly params: readonly Parameter[];
}

/**
 * A message in French, the platform's language: for what has no reader's language
 * (the command line, the logs).
 */
export function frenchText(message: IMessage): string {
  return translateMessage(message, Private.french());
}

namespace Private {
  let translator: IMessageTranslator | null = null;

  /**
   * French from the `candyce` catalogue, as `i18n/translator.ts` reads it. Not
   * imported from there: `i18n/language.ts` names the users' types, and the users'
   * service throws DomainErrors (an import circle).
   */
  export function french(): IMessageTranslator {
    if (!translator) {
      const messages = loadCatalogue('fr_FR');
      translator = {
        language: 'fr',
        __: (msgid, ...args) => format(messages.get(msgid)?.[0] ?? msgid, args),
        _n: (msgid, plural, n, ...args) => {
          const forms = messages.get(msgid);
          const index = n > 1 ? 1 : 0;
          const text = forms?.[index] ?? (index === 0 ? msgid : plural);
          return format(text, [n, ...args]);
        }
      };
    }
    return translator;
  }

  /** JupyterLab's `Gettext.strfmt`: `%1`, `%2`… the arguments, `%%` a `%`. */
  function format(text: string, args: Array<string | number>): string {
    return text
      .replace(/%%/g, '%% ')
      .replace(/%(\d+)/g, (placeholder, index: string) => {
        const value = args[Number(index) - 1];
        return value === undefined ? placeholder : String(value);
      })
      .replace(/%% /g, '%');
  }
}
