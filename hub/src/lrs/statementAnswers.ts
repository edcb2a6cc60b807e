import { isObject, Json } from './checks';
import { buildMultipart, IPart } from './multipart';
import { IXapiRequest } from './request';
import { IXapiResponse } from './response';
import { Format, formatStatement } from './shape';
import { IStatementQuery, StatementStore } from './statementStore';
import { DomainError, trans } from '../errors';

/**
 * How statements are answered: one statement or a StatementResult (`statements`,
 * `more`), in the asked format, as JSON or, with `attachments=true`, as
 * multipart/mixed with the attachments' contents after it (Part Three, 2.1.3).
 */

/** Where the next page is: the query and its cursor, in the `more` IRL. */
export function encodeMore(
  query: IStatementQuery,
  format: string,
  attachments: string
): string {
  const state = { q: query, f: format, a: attachments };
  return `/xapi/statements?more=${Buffer.from(JSON.stringify(state)).toString('base64url')}`;
}

/** The query of a `more` IRL's token; 400 for a token the LRS did not make. */
export function decodeMore(
  token: string
): IStatementQuery & { format?: string; attachments?: string } {
  try {
    const state = JSON.parse(
      Buffer.from(token, 'base64url').toString('utf8')
    ) as {
      q: IStatementQuery;
      f: string;
      a: string;
    };
    if (!isObject(state.q) || typeof state.q.limit !== 'number') {
      throw new Error('not a query');
    }
    return { ...state.q, format: state.f, attachments: state.a };
  } catch {
    throw new DomainError(
      'invalid_request',
      trans.__('Invalid « more » parameter.')
    );
  }
}

export async function answerStatements(
  store: StatementStore,
  request: IXapiRequest,
  statements: Json[],
  next: (IStatementQuery & { format?: string; attachments?: string }) | null,
  headers: Record<string, string>
): Promise<IXapiResponse> {
  const fromMore =
    request.query.more !== undefined ? decodeMore(request.query.more) : null;
  const format = (fromMore?.format ??
    request.query.format ??
    'exact') as Format;
  const withAttachments =
    (fromMore?.attachments ?? request.query.attachments) === 'true';
  const languages = acceptedLanguages(request.headers['accept-language']);
  const shaped = statements.map(statement =>
    formatStatement(statement, format, languages)
  );
  const single =
    request.query.statementId !== undefined ||
    request.query.voidedStatementId !== undefined;
  let body: unknown;
  if (single) {
    body = shaped[0];
  } else {
    const more = next
      ? encodeMore(stripState(next), format, withAttachments ? 'true' : 'false')
      : '';
    body = { statements: shaped, more };
  }
  if (!withAttachments) {
    return { status: 200, headers, body };
  }
  const hashes = statements.flatMap(attachmentHashes);
  const contents = await store.attachments(hashes);
  const parts: IPart[] = [
    {
      headers: { 'Content-Type': 'application/json' },
      content: Buffer.from(JSON.stringify(body))
    }
  ];
  for (const [sha2, { contentType, content }] of contents) {
    parts.push({
      headers: {
        'Content-Type': contentType,
        'Content-Transfer-Encoding': 'binary',
        'X-Experience-API-Hash': sha2
      },
      content
    });
  }
  const multipart = buildMultipart(parts);
  return {
    status: 200,
    headers: { ...headers, 'Content-Type': multipart.contentType },
    body: multipart.body
  };
}

function stripState(
  query: IStatementQuery & { format?: string; attachments?: string }
): IStatementQuery {
  const { format: _f, attachments: _a, ...rest } = query;
  return rest;
}

function attachmentHashes(statement: Json): string[] {
  const own = ((statement.attachments as Json[] | undefined) ?? []).map(
    a => a.sha2 as string
  );
  const target = statement.object as Json;
  return target.objectType === 'SubStatement'
    ? [...own, ...attachmentHashes(target)]
    : own;
}

/** The languages of an Accept-Language header, best first. */
function acceptedLanguages(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map(item => {
      const [tag, ...params] = item.trim().split(';');
      const q = params.map(p => /^\s*q=([\d.]+)/.exec(p)).find(Boolean);
      return { tag: tag.trim(), q: q ? Number(q[1]) : 1 };
    })
    .filter(item => item.tag && item.tag !== '*' && item.q > 0)
    .sort((a, b) => b.q - a.q)
    .map(item => item.tag);
}
