import { DomainError, trans } from '../errors';
import { isObject, Json } from './checks';
import { JWS_ALGORITHMS, parseJws, verifyJws } from './jws';

/**
 * Signed statements (Part Two, 2.6): an attachment of usage type `…/signature` holds a
 * JWS (compact serialisation) whose payload is the statement. The LRS refuses (400) a
 * signature that is not `application/octet-stream`, not a JWS, signed with another
 * algorithm than RS256/384/512, whose payload is not the statement it is attached to,
 * or whose signature does not verify against the X.509 certificate of its header
 * (`x5c`). A JWS without a certificate cannot be verified and is kept as sent.
 */

export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';

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
    const jws = parseJws(part.content.toString('utf8'));
    if (!jws) {
      bad(trans.__('a signature is a JWS in compact serialisation.'));
    }
    if (!JWS_ALGORITHMS.includes(String(jws.header.alg))) {
      bad(trans.__('a signature uses RS256, RS384 or RS512.'));
    }
    if (!isObject(jws.payload) || !sameParts(jws.payload, statement)) {
      bad(trans.__('the signed payload is not this statement.'));
    }
    if (verifyJws(jws) === 'bad') {
      bad(
        trans.__(
          "the signature does not verify against its header's certificate."
        )
      );
    }
  }
}

/**
 * Whether the signed payload is the statement (« logically equivalent », Part Two,
 * 2.6): the same id if the payload has one, and the same actor, verb, object, result
 * and context; what the LRS sets (stored, authority, version) and the signature's own
 * attachment are not in the payload.
 */
function sameParts(payload: Json, statement: Json): boolean {
  if (
    payload.id !== undefined &&
    String(payload.id).toLowerCase() !== String(statement.id).toLowerCase()
  ) {
    return false;
  }
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
