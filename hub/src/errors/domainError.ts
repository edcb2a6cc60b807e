/**
 * The hub's refusals, as its services, parsers and stores throw them: a stable code
 * (its HTTP status, from the table of `codes.ts`, is what the edge answers) and a
 * message translated where it is shown.
 */
import { translator } from '../i18n/translator';
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
    super(translateMessage(message, Private.frenchTranslator()));
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
  return translateMessage(message, Private.frenchTranslator());
}

namespace Private {
  let french: IMessageTranslator | null = null;

  /** French from the `candyce` catalogue, read once. */
  export function frenchTranslator(): IMessageTranslator {
    french ??= translator('fr');
    return french;
  }
}
