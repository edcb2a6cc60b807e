import { DomainError, trans } from '../errors';
import { isObject, Json } from './checks';

/**
 * Signed statements (Part Two, 2.6): an attachment of usage type `…/signature` holds a
 * JWS (compact serialisation) whose payload is the statement. The LRS refuses (400) a
 * signature that is not `application/octet-stream`, not a JWS, signed with another
 * algorithm than RS256/384/512, or whose payload is not the statement it is attached
 * to. It does not check the signature itself against a certificate (a SHOULD).
 */

export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';

const ALGORITHMS = ['RS256', 'RS384', 'RS512'];

/** The parts of the statement a signature's payload must repeat. */
const SIGNED_PARTS = ['actor', 'verb', 'object', 'result', 'context'];

export function checkSignatures(
  statement: Json,
  contents: ReadonlyMap<string, { contentType: string; content: Buffer }>
): void {
  for (const attachment of (statement.attachments as Json[] | undefined) ??
    []) {
    if (attachment.usageType !== SIGNATURE_USAGE) {
      continue;
    }
    const part = contents.get(attachment.sha2 as string);
    if (
      attachment.contentType !== 'application/octet-stream' ||
      (part &&
        part.contentType.split(';')[0].trim() !== 'application/octet-stream')
    ) {
      bad(trans.__('a signature is sent as application/octet-stream.'));
    }
    if (!part) {
      // Sent by fileUrl: nothing to check here.
      continue;
    }
    const pieces = part.content.toString('utf8').trim().split('.');
    if (pieces.length !== 3) {
      bad(trans.__('a signature is a JWS in compact serialisation.'));
    }
    const header = decode(pieces[0]);
    if (!isObject(header) || !ALGORITHMS.includes(String(header.alg))) {
      bad(trans.__('a signature uses RS256, RS384 or RS512.'));
    }
    const payload = decode(pieces[1]);
    if (!isObject(payload) || !sameParts(payload, statement)) {
      bad(trans.__('the signed payload is not this statement.'));
    }
  }
}

function decode(piece: string): unknown {
  try {
    return JSON.parse(Buffer.from(piece, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function sameParts(payload: Json, statement: Json): boolean {
  const signed: Json = { ...payload, context: asStored(payload.context) };
  return SIGNED_PARTS.every(
    key => canonical(signed[key]) === canonical(statement[key])
  );
}

/** Single context activities as arrays of one, as the LRS stores them. */
function asStored(context: unknown): unknown {
  if (!isObject(context) || !isObject(context.contextActivities)) {
    return context;
  }
  const activities: Json = {};
  for (const [key, list] of Object.entries(context.contextActivities)) {
    activities[key] = Array.isArray(list) ? list : [list];
  }
  return { ...context, contextActivities: activities };
}

/** JSON with object keys sorted, so that key order does not matter. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map(key => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function bad(message: ReturnType<typeof trans.__>): never {
  throw new DomainError('invalid_statement', message);
}
