import { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';

/**
 * An error with its HTTP status and a stable code; its message is French, for users.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * Validate a request part with a zod schema, or answer 400 with what is wrong.
 */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map(issue => `${issue.path.join('.') || 'requête'} : ${issue.message}`)
      .join(' ; ');
    throw new HttpError(
      400,
      'invalid_request',
      `Requête invalide (${detail}).`
    );
  }
  return parsed.data;
}

/**
 * Unknown API routes answer JSON 404.
 */
export const notFound: RequestHandler = (_request, _response, next) => {
  next(new HttpError(404, 'not_found', 'Cette adresse n’existe pas.'));
};

/**
 * The one error handler: JSON `{ error: { code, message } }` with the right status.
 * Unexpected errors are logged and answered 500 without details.
 */
export function errorHandler(log: {
  error: (object: unknown, message: string) => void;
}): ErrorRequestHandler {
  return (error, request, response, next) => {
    if (response.headersSent) {
      return next(error);
    }
    let status = 500;
    let code = 'internal_error';
    let message = 'Erreur interne du serveur : réessayez dans un instant.';
    if (error instanceof HttpError) {
      ({ status, code, message } = error);
    } else if (error?.type === 'entity.parse.failed') {
      [status, code, message] = [
        400,
        'invalid_json',
        'Le corps de la requête n’est pas du JSON valide.'
      ];
    } else if (error?.type === 'entity.too.large') {
      [status, code, message] = [
        413,
        'too_large',
        'La requête est trop volumineuse.'
      ];
    } else {
      log.error({ err: error, path: request.path }, 'unexpected error');
    }
    response.status(status).json({ error: { code, message } });
  };
}
