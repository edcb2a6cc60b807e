import { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { z } from 'zod';

import {
  DomainError,
  ERROR_STATUS,
  IMessage,
  trans,
  translateMessage,
  translateParameters
} from '../errors';
import { Language, requestLanguage, translator } from '../i18n';

/**
 * A refusal as the edge answers it: status, code, message and the values of its
 * placeholders in the reader's language.
 */
export interface IRefusal {
  status: number;
  code: string;
  message: string;
  params: Array<string | number>;
}

/**
 * A refusal told in `language`, or null when `error` is not one (a bug, a database
 * failure: the caller answers 500 without detail).
 */
export function refusal(error: unknown, language: Language): IRefusal | null {
  if (error instanceof DomainError) {
    const translate = translator(language);
    return {
      status: ERROR_STATUS[error.code],
      code: error.code,
      message: translateMessage(error, translate),
      params: translateParameters(error.params, translate)
    };
  }
  const parser = Private.parserError(error);
  return parser && refusal(parser, language);
}

/**
 * Validate a request part with a zod schema, or answer 400 with what is wrong.
 */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map(issue =>
        trans.__(
          '%1: %2',
          issue.path.join('.') || trans.__('request'),
          issue.message
        )
      )
      .reduce((list: IMessage, issue) => trans.__('%1; %2', list, issue));
    throw new DomainError(
      'invalid_request',
      trans.__('Invalid request (%1).', detail)
    );
  }
  return parsed.data;
}

/**
 * Unknown API routes answer JSON 404.
 */
export const notFound: RequestHandler = (_request, _response, next) => {
  next(new DomainError('not_found', trans.__('This address does not exist.')));
};

/**
 * The one error handler: JSON `{ error: { code, message, params } }` with the code's
 * status, the message in the request's language (`requestLanguage`). Unexpected
 * errors are logged and answered 500 without details.
 */
export function errorHandler(log: {
  error: (object: unknown, message: string) => void;
}): ErrorRequestHandler {
  return (error, request, response, next) => {
    if (response.headersSent) {
      return next(error);
    }
    const language = Private.language(request);
    let answer = refusal(error, language);
    if (!answer) {
      log.error({ err: error, path: request.path }, 'unexpected error');
      answer = refusal(Private.internalError(), language)!;
    }
    const { status, code, message, params } = answer;
    response.status(status).json({ error: { code, message, params } });
  };
}

namespace Private {
  /** The body parsers' refusals, as domain errors. */
  export function parserError(error: unknown): DomainError | null {
    const type = (error as { type?: unknown } | null)?.type;
    if (type === 'entity.parse.failed') {
      return new DomainError(
        'invalid_json',
        trans.__('The request body is not valid JSON.')
      );
    }
    if (type === 'entity.too.large') {
      return new DomainError(
        'too_large',
        trans.__('The request is too large.')
      );
    }
    return null;
  }

  export function internalError(): DomainError {
    return new DomainError(
      'internal_error',
      trans.__('Internal server error: try again in a moment.')
    );
  }

  /** The request's language; French if even that cannot be told. */
  export function language(request: Request): Language {
    try {
      return requestLanguage(request);
    } catch {
      return 'fr';
    }
  }
}
